//! Staff filling in a renewal's form for the customer: the same inputs and uploads the
//! customer sees, saved to the copy at Twilio with the staff member named on the timeline,
//! submitted as staff once compliant; bad input is kept with a message; a renewal the
//! customer cannot edit has no form; another tenant is never touched.

use recomply::domain::ids::RenewalId;
use serde_json::{Value, json};

use crate::evidence_pack::{customer_client, get, staff_client};
use crate::html::{attrs, csrf_token, form_values, texts};
use crate::lifecycle_support::{Tenant, World};
use crate::uploads::{multipart, pdf};

/// A collecting renewal of a new `slug` tenant after Twilio asked for a VAT number (and,
/// with `document`, a business registration certificate): (tenant, renewal id, copy SID).
async fn collecting(world: &World, slug: &str, document: bool) -> (Tenant, RenewalId, String) {
    let tenant = world.add_tenant(slug).await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, &format!("{slug} UK mobile"), false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    if document {
        world
            .control(
                "POST",
                &format!("/regulations/{regulation_sid}/changes"),
                json!({"change": {"kind": "add_document_requirement",
                                  "requirement_name": "business_registration_info",
                                  "name": "Business registration",
                                  "accepted_documents": [{"name": "Certificate of incorporation",
                                      "type": "business_registration", "fields": ["business_name"]}]},
                       "valid_until_days": 30}),
            )
            .await;
    }
    let (renewal, copy) = opened(world, &tenant, &bundle_sid).await;
    (tenant, renewal, copy)
}

/// Sweeps `tenant` and returns the renewal of `bundle_sid`: (renewal id, copy SID).
async fn opened(world: &World, tenant: &Tenant, bundle_sid: &str) -> (RenewalId, String) {
    world.sweep(tenant).await;
    let renewal = world.renewal(tenant, bundle_sid).await.expect("opened");
    let copy = renewal.copy_sid.clone().expect("a copy").to_string();
    (renewal.renewal_id, copy)
}

fn form_path(renewal: RenewalId) -> String {
    format!("/admin/renewals/{renewal}/form")
}

/// The form's inputs as a browser would post them, and the name of the one ending in `suffix`.
fn named(values: &[(String, String)], suffix: &str) -> String {
    values
        .iter()
        .map(|(name, _)| name)
        .find(|name| name.ends_with(suffix))
        .unwrap_or_else(|| panic!("an input named …{suffix} in {values:?}"))
        .clone()
}

async fn post(
    world: &World,
    browser: &reqwest::Client,
    path: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    browser
        .post(format!("{}{path}", world.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn copy(world: &World, sid: &str) -> Value {
    world.emulator_bundle(sid).await.expect("the copy exists")
}

async fn last_event(world: &World, renewal: RenewalId) -> (Option<String>, String, Option<String>) {
    sqlx::query_as(
        "select details->>'event', cause::text, actor from renewal_event where renewal_id = $1
         order by renewal_event_id desc limit 1",
    )
    .bind(renewal)
    .fetch_one(&world.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn staff_fill_in_a_missing_field_and_upload_a_document_for_the_customer() {
    // Arrange
    let world = World::spawn().await;
    let (tenant, renewal, copy_sid) = collecting(&world, "acme", true).await;
    let staff = staff_client(&world).await;
    let show = get(&world, &staff, &format!("/admin/renewals/{renewal}")).await;
    let show = show.text().await.unwrap();
    assert_eq!(
        attrs(&show, "#action-fill-in", "href"),
        [form_path(renewal)],
        "the renewal page links to the form"
    );

    // Act
    let page = get(&world, &staff, &form_path(renewal)).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    let values = form_values(&page, "form#sections");
    let vat = named(&values, ".vat_number");
    let business_name = named(&values, ".business_name");
    let file = attrs(&page, "form#sections input[type=file]", "name");
    assert_eq!(file.len(), 1, "the certificate can be uploaded");
    let saved = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(
            &values,
            &[(&vat, "GB123456789"), (&business_name, "Acme Ltd")],
            vec![(&file[0], "certificate.pdf", pdf())],
        ),
    )
    .await;

    // Assert: the banner said whose form it is; the copy at Twilio has both.
    assert!(
        texts(&page, "#on-behalf-banner")[0].contains(
            "You are filling this in for Tenant acme's customer; it is recorded with your name"
        ),
        "{:?}",
        texts(&page, "#on-behalf-banner")
    );
    assert_eq!(saved.status(), 303, "{}", saved.text().await.unwrap());
    let copy = copy(&world, &copy_sid).await;
    assert_eq!(
        copy["end_users"][0]["attributes"]["vat_number"],
        "GB123456789"
    );
    let certificate = copy["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["type"] == "business_registration")
        .expect("the certificate is on the copy");
    assert_eq!(certificate["attributes"]["business_name"], "Acme Ltd");
    assert_eq!(certificate["file_size"], pdf().len());
    let (event, cause, actor) = last_event(&world, renewal).await;
    assert_eq!(
        (event.as_deref(), cause.as_str(), actor.as_deref()),
        (Some("changes_saved"), "staff", Some("Sam Support"))
    );
    let after = get(&world, &staff, &form_path(renewal)).await;
    let after = after.text().await.unwrap();
    assert!(texts(&after, "[role=status]")[0].contains("Saved for the customer"));
    // The customer's page now shows nothing left to fill in, and offers Submit.
    let customer = customer_client(&world, &tenant).await;
    let theirs = get(&world, &customer, &format!("/renewals/{renewal}")).await;
    let theirs = theirs.text().await.unwrap();
    assert!(texts(&theirs, "form#sections").is_empty(), "nothing left");
    assert!(
        texts(&theirs, ".done-items")
            .join(" ")
            .contains("Certificate of incorporation"),
        "{:?}",
        texts(&theirs, ".done-items")
    );
    assert_eq!(texts(&theirs, ".submit-card.submit-ready").len(), 1);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn staff_submit_a_compliant_copy_and_the_form_then_says_there_is_nothing_to_edit() {
    // Arrange: staff fill in the VAT number, which makes the copy compliant.
    let world = World::spawn().await;
    let (tenant, renewal, copy_sid) = collecting(&world, "acme", false).await;
    let staff = staff_client(&world).await;
    let page = get(&world, &staff, &form_path(renewal)).await;
    let values = form_values(&page.text().await.unwrap(), "form#sections");
    let vat = named(&values, ".vat_number");
    let saved = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(&values, &[(&vat, "GB123456789")], vec![]),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let ready = get(&world, &staff, &form_path(renewal)).await;
    let ready = ready.text().await.unwrap();
    assert_eq!(
        texts(&ready, "#on-behalf-submit"),
        ["Submit for the customer"]
    );

    // Act
    let submitted = staff
        .post(format!(
            "{}/admin/renewals/{renewal}/form/submit",
            world.address
        ))
        .form(&[("csrf_token", csrf_token(&ready))])
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(submitted.status(), 303);
    assert_eq!(copy(&world, &copy_sid).await["status"], "pending-review");
    let state: String = sqlx::query_scalar("select state::text from renewal where renewal_id = $1")
        .bind(renewal)
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(state, "submitted");
    let (_, cause, actor) = last_event(&world, renewal).await;
    assert_eq!(
        (cause.as_str(), actor.as_deref()),
        ("staff", Some("Sam Support"))
    );
    // Submitted: the customer can no longer edit it, so neither can staff.
    let closed = get(&world, &staff, &form_path(renewal)).await;
    assert_eq!(closed.status(), 200);
    let closed = closed.text().await.unwrap();
    assert!(
        texts(&closed, "#no-form")[0]
            .contains("cannot change this renewal in its state (Submitted)")
    );
    assert!(texts(&closed, "form#sections").is_empty());
    assert!(texts(&closed, "#on-behalf-submit").is_empty());
    let show = get(&world, &staff, &format!("/admin/renewals/{renewal}")).await;
    assert!(attrs(&show.text().await.unwrap(), "#action-fill-in", "href").is_empty());
    let again = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(&values, &[(&vat, "GB000000000")], vec![]),
    )
    .await;
    assert_eq!(again.status(), 409);
    let _ = tenant;
}

#[tokio::test]
async fn bad_input_is_shown_beside_the_field_with_everything_typed_kept() {
    // Arrange
    let world = World::spawn().await;
    let (_tenant, renewal, copy_sid) = collecting(&world, "acme", true).await;
    let staff = staff_client(&world).await;
    let page = get(&world, &staff, &form_path(renewal)).await;
    let page = page.text().await.unwrap();
    let values = form_values(&page, "form#sections");
    let vat = named(&values, ".vat_number");
    let business_name = named(&values, ".business_name");
    let file = attrs(&page, "form#sections input[type=file]", "name");

    // Act: a text file where the certificate goes.
    let refused = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(
            &values,
            &[(&vat, "GB123456789"), (&business_name, "Acme Ltd")],
            vec![(&file[0], "certificate.pdf", b"just some notes".to_vec())],
        ),
    )
    .await;

    // Assert
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    let kept = form_values(&html, "form#sections");
    assert!(
        kept.contains(&(vat.clone(), "GB123456789".to_owned())),
        "{kept:?}"
    );
    assert!(kept.contains(&(business_name, "Acme Ltd".to_owned())));
    assert_eq!(
        texts(&html, ".field-error").len(),
        1,
        "{:?}",
        texts(&html, ".field-error")
    );
    assert!(texts(&html, ".field-error")[0].contains("PDF"));
    assert!(texts(&html, ".error-summary").len() == 1);
    assert!(texts(&html, "#on-behalf-banner").len() == 1);
    let copy = copy(&world, &copy_sid).await;
    assert!(
        copy["end_users"][0]["attributes"]
            .get("vat_number")
            .is_none(),
        "nothing was written"
    );
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_and_writes_nothing() {
    let world = World::spawn().await;
    let (_tenant, renewal, copy_sid) = collecting(&world, "acme", false).await;
    let staff = staff_client(&world).await;
    let page = get(&world, &staff, &form_path(renewal)).await;
    let values: Vec<(String, String)> = form_values(&page.text().await.unwrap(), "form#sections")
        .into_iter()
        .filter(|(name, _)| name != "csrf_token")
        .collect();
    let vat = named(&values, ".vat_number");

    let refused = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(&values, &[(&vat, "GB123456789")], vec![]),
    )
    .await;
    let submit = staff
        .post(format!(
            "{}/admin/renewals/{renewal}/form/submit",
            world.address
        ))
        .form(&[("csrf_token", "")])
        .send()
        .await
        .unwrap();

    assert_eq!(refused.status(), 403);
    assert_eq!(submit.status(), 403);
    let copy = copy(&world, &copy_sid).await;
    assert!(
        copy["end_users"][0]["attributes"]
            .get("vat_number")
            .is_none()
    );
    assert_eq!(copy["status"], "draft");
}

#[tokio::test]
async fn filling_in_for_one_tenant_leaves_another_tenants_customer_page_alone() {
    // Arrange: two tenants, each with a renewal asking for a VAT number.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let (acme_bundle, regulation_sid) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    let (globex_bundle, _) = world
        .seed_approved_bundle(&globex, "Globex UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let (renewal, _) = opened(&world, &acme, &acme_bundle).await;
    let (other, other_copy) = opened(&world, &globex, &globex_bundle).await;
    let staff = staff_client(&world).await;
    let page = get(&world, &staff, &form_path(renewal)).await;
    let values = form_values(&page.text().await.unwrap(), "form#sections");
    let vat = named(&values, ".vat_number");

    // Act
    let saved = post(
        &world,
        &staff,
        &form_path(renewal),
        multipart(&values, &[(&vat, "GB123456789")], vec![]),
    )
    .await;

    // Assert: globex's copy, timeline and customer page are as they were.
    assert_eq!(saved.status(), 303);
    let copy = copy(&world, &other_copy).await;
    assert!(
        copy["end_users"][0]["attributes"]
            .get("vat_number")
            .is_none()
    );
    let (_, cause, _) = last_event(&world, other).await;
    assert_ne!(cause, "staff");
    let customer = customer_client(&world, &globex).await;
    let theirs = get(&world, &customer, &format!("/renewals/{other}")).await;
    let theirs = theirs.text().await.unwrap();
    let fields = form_values(&theirs, "form#sections");
    assert!(
        fields
            .iter()
            .any(|(name, value)| name.ends_with(".vat_number") && value.is_empty())
    );
    // And globex's customer cannot reach acme's renewal.
    let foreign = get(&world, &customer, &format!("/renewals/{renewal}")).await;
    assert_eq!(foreign.status(), 404);
}
