//! The review page before submitting, and correcting values that already pass: against the
//! emulator, as the customer uses them.

use recomply::domain::ids::RenewalId;
use std::collections::BTreeMap;

use recomply::lifecycle::{Change, Upload};

use crate::evidence_pack::customer_client;
use crate::html::{attrs, form_values, location, texts};
use crate::lifecycle::customer;
use crate::lifecycle_support::{Tenant, World};
use crate::uploads::multipart;

/// An approved UK bundle whose regulation now also asks for a VAT number: its renewal is open,
/// and Twilio's check finds the VAT number missing.
async fn renewal_missing_vat(world: &World, tenant: &Tenant) -> (RenewalId, String) {
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    world.sweep(tenant).await;
    world.run_jobs().await;
    let renewal = world.renewal(tenant, &bundle_sid).await.expect("opened");
    (
        renewal.renewal_id,
        renewal.copy_sid.expect("a copy").to_string(),
    )
}

/// Gives the VAT number and replaces the address document with an uploaded lease.
async fn complete(world: &World, tenant: &Tenant, renewal_id: RenewalId) {
    let (t, r) = (tenant.tenant_id, renewal_id);
    let snapshot = world.engine.snapshot(t, r).await.unwrap().unwrap();
    let changes = vec![
        Change::SetEndUserFields {
            end_user_sid: snapshot.end_users[0].sid.clone(),
            fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
        },
        Change::AddDocument {
            document_type: "business_address".into(),
            friendly_name: "Head office lease".into(),
            fields: BTreeMap::from([(
                "address_sids".to_owned(),
                "AD0123456789abcdef0123456789abcdef".to_owned(),
            )]),
            file: Some(Upload {
                filename: "head-office-lease.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.4\n% lease\n%%EOF\n".to_vec(),
            }),
            replaces: Some(snapshot.documents[0].sid.clone()),
        },
    ];
    world
        .engine
        .apply_changes(t, r, changes, &customer(tenant))
        .await
        .unwrap();
}

async fn page(browser: &reqwest::Client, world: &World, path: &str) -> (u16, String) {
    let response = browser
        .get(format!("{}{path}", world.address))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_review_page_lists_what_goes_to_twilio_takes_a_correction_and_submits() {
    // Arrange: a renewal Twilio's check still finds incomplete.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (renewal, copy_sid) = renewal_missing_vat(&world, &tenant).await;
    let browser = customer_client(&world, &tenant).await;
    let review_path = format!("/renewals/{renewal}/review");

    // Act 1: review before anything is complete (and count Twilio calls).
    world.clear_requests().await;
    let (status, html) = page(&browser, &world, &review_path).await;

    // Assert 1: no Submit; what is missing is named; nothing asked of Twilio.
    assert_eq!(status, 200);
    assert!(texts(&html, ".submit-card").is_empty(), "no Submit yet");
    assert!(attrs(&html, "form[action$='/submit']", "action").is_empty());
    assert_eq!(
        texts(&html, "#review-missing-title"),
        ["Twilio's check still finds one thing missing"]
    );
    assert_eq!(texts(&html, ".review-missing li").len(), 1);
    let to_fix = attrs(&html, ".review-missing li a", "href");
    assert!(
        to_fix[0].starts_with(&format!("/renewals/{renewal}#req-")),
        "{to_fix:?}"
    );
    assert!(world.calls().is_empty(), "{:?}", world.calls());

    // Act 2: complete it; the renewal page now leads to the review.
    complete(&world, &tenant, renewal).await;
    let (_, renewal_html) = page(&browser, &world, &format!("/renewals/{renewal}")).await;
    assert_eq!(
        attrs(&renewal_html, ".submit-card a.button-primary", "href"),
        [review_path.as_str()]
    );
    assert_eq!(
        texts(&renewal_html, ".submit-card a"),
        ["Review and submit"]
    );
    world.clear_requests().await;
    let (_, html) = page(&browser, &world, &review_path).await;

    // Assert 2: every value and document, with the uploaded file; Submit; no Twilio call.
    assert!(world.calls().is_empty(), "{:?}", world.calls());
    let values = texts(&html, ".review-values dd").join(" | ");
    for value in ["Acme Ltd", "01234567", "ada@acme.example", "GB123456789"] {
        assert!(values.contains(value), "{value} in {values}");
    }
    let labels = texts(&html, ".review-values dt").join(" | ");
    assert!(labels.contains("Business Name"), "{labels}");
    assert!(labels.contains("VAT Number"), "{labels}");
    let items = texts(&html, ".review-item h3").join(" | ");
    assert!(items.contains("Head office lease"), "{items}");
    assert_eq!(texts(&html, ".review-file"), ["head-office-lease.pdf"]);
    assert!(texts(&html, ".review-missing").is_empty());
    assert_eq!(texts(&html, ".submit-card button"), ["Submit for review"]);
    assert!(
        attrs(&html, ".review-edit", "href")
            .iter()
            .all(|href| href.starts_with(&format!("/renewals/{renewal}#")))
    );

    // Act 3: correct a typo in the business name, which Twilio's check already accepts.
    let (_, renewal_html) = page(&browser, &world, &format!("/renewals/{renewal}")).await;
    let values = form_values(&renewal_html, "form#corrections");
    let name_field = values
        .iter()
        .map(|(name, _)| name.clone())
        .find(|name| name.starts_with("eu.") && name.ends_with(".business_name"))
        .expect("the accepted business name can be corrected");
    let saved = browser
        .post(format!("{}/renewals/{renewal}", world.address))
        .multipart(multipart(&values, &[(&name_field, "Acme Limited")], vec![]))
        .send()
        .await
        .unwrap();
    assert_eq!(
        saved.status().as_u16(),
        303,
        "{}",
        saved.text().await.unwrap()
    );

    // Assert 3: the copy at Twilio carries the new name, and the review shows it.
    let copy = world.emulator_bundle(&copy_sid).await.unwrap();
    assert_eq!(
        copy["end_users"][0]["attributes"]["business_name"],
        "Acme Limited"
    );
    let (_, html) = page(&browser, &world, &review_path).await;
    let values = texts(&html, ".review-values dd").join(" | ");
    assert!(values.contains("Acme Limited"), "{values}");
    assert!(!values.contains("Acme Ltd |"), "{values}");

    // Act 4: submit from the review page.
    let csrf = attrs(&html, ".submit-card input[name=csrf_token]", "value").remove(0);
    let action = attrs(&html, ".submit-card form", "action").remove(0);
    let submitted = browser
        .post(format!("{}{action}", world.address))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();

    // Assert 4: the copy is submitted at the emulator.
    assert_eq!(location(&submitted), format!("/renewals/{renewal}/status"));
    let copy = world.emulator_bundle(&copy_sid).await.unwrap();
    assert_eq!(copy["status"], "pending-review");
}

#[tokio::test]
async fn a_bad_correction_keeps_what_was_typed_and_another_tenant_gets_404() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let other = world.add_tenant("globex").await;
    let (renewal, copy_sid) = renewal_missing_vat(&world, &tenant).await;
    complete(&world, &tenant, renewal).await;
    let browser = customer_client(&world, &tenant).await;
    let (_, html) = page(&browser, &world, &format!("/renewals/{renewal}")).await;
    let values = form_values(&html, "form#corrections");
    let field = |suffix: &str| {
        values
            .iter()
            .map(|(name, _)| name.clone())
            .find(|name| name.starts_with("eu.") && name.ends_with(suffix))
            .unwrap()
    };
    let (name, email) = (field(".business_name"), field(".email"));

    // Act: a new business name and an email address that is not one.
    let response = browser
        .post(format!("{}/renewals/{renewal}", world.address))
        .multipart(multipart(
            &values,
            &[(&name, "Acme Limited"), (&email, "not an address")],
            vec![],
        ))
        .send()
        .await
        .unwrap();

    // Assert: 422, the message beside the email, both typed values kept, the disclosure open,
    // and nothing sent to Twilio.
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    let id = |name: &str| format!("f-{}", name.replace(['.', ':'], "-"));
    assert_eq!(
        texts(&html, &format!("#{}-error", id(&email))).len(),
        1,
        "a message beside the email field"
    );
    assert_eq!(
        attrs(&html, &format!("#{}", id(&email)), "value"),
        ["not an address"]
    );
    assert_eq!(
        attrs(&html, &format!("#{}", id(&name)), "value"),
        ["Acme Limited"]
    );
    assert_eq!(attrs(&html, "details#correct[open]", "id"), ["correct"]);
    let copy = world.emulator_bundle(&copy_sid).await.unwrap();
    assert_eq!(
        copy["end_users"][0]["attributes"]["business_name"],
        "Acme Ltd"
    );

    // Another tenant's customer cannot see the review page.
    let intruder = customer_client(&world, &other).await;
    let (status, _) = page(&intruder, &world, &format!("/renewals/{renewal}/review")).await;
    assert_eq!(status, 404);
}
