//! The whole journey as a customer, against the emulator: emailed link → renewal page with
//! exactly the failing fields of France: Mobile - Business → fill, upload, save → compliant →
//! submit → Twilio approves → completed.

use serde_json::json;

use crate::harness::client;
use crate::html::{attrs, form_values, location, texts};
use crate::lifecycle_support::World;
use crate::uploads::{multipart, pdf};

/// The address the numbers already use (Twilio keeps a bundle's address through ReplaceItems).
const ADDRESS: &str = "AD0123456789abcdef0123456789abcdef";

#[tokio::test]
async fn a_customer_renews_a_french_mobile_business_bundle_from_the_email_link_to_completion() {
    // Arrange: an approved French bundle that Twilio now wants updated within 20 days.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    // Exactly 20 days ahead: days are counted in calendar days, so an extra hour or two
    // would make it 21 whenever the test runs late in the (UTC) evening.
    let valid_until = (time::OffsetDateTime::now_utc() + time::Duration::days(20))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let seeded = world
        .control(
            "POST",
            "/bundles",
            json!({
                "account_sid": tenant.account_sid,
                "friendly_name": "Acme Paris mobiles",
                "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
                "status": "twilio-approved", "valid_until": valid_until, "has_active_numbers": true,
                "end_user": {"type": "business", "friendly_name": "Acme SAS", "attributes": {
                    "business_name": "Acme SAS", "first_name": "Camille", "last_name": "Martin"}},
                "documents": [
                    {"type": "commercial_registrar_excerpt", "friendly_name": "Extrait K-bis",
                     "attributes": {"business_name": "Acme SAS"}, "mime_type": "application/pdf"},
                    {"type": "government_issued_document", "friendly_name": "Carte d'identité",
                     "attributes": {"first_name": "Camille", "last_name": "Martin"}, "mime_type": "image/jpeg"},
                    {"type": "business_address", "friendly_name": "Siège social",
                     "attributes": {"address_sids": [ADDRESS]}}
                ]
            }),
        )
        .await;
    let bundle_sid = seeded["sid"].as_str().unwrap().to_owned();
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let renewal = world
        .renewal(&tenant, &bundle_sid)
        .await
        .expect("a renewal was opened");
    let browser = client();
    let get = |path: String| {
        let browser = browser.clone();
        let address = world.address.clone();
        async move {
            browser
                .get(format!("{address}{path}"))
                .send()
                .await
                .unwrap()
        }
    };

    // Act 1: ask for a link, open it from the email.
    let login = get("/login".into()).await.text().await.unwrap();
    let csrf = attrs(&login, "input[name=csrf_token]", "value").remove(0);
    browser
        .post(format!("{}/login", world.address))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", tenant.user_email.as_str()),
        ])
        .send()
        .await
        .unwrap();
    world.run_jobs().await;
    let link = world
        .mailbox
        .links_to(&tenant.user_email)
        .pop()
        .expect("a link was emailed");
    let landed = crate::harness::follow_link(&browser, &link).await;
    assert_eq!(location(&landed), "/bundles");
    let bundles = get("/bundles".into()).await.text().await.unwrap();
    let renewal_path = attrs(&bundles, ".bundle-name a", "href").remove(0);
    assert_eq!(renewal_path, format!("/renewals/{}", renewal.renewal_id));

    // Assert 1: exactly the failing fields of the regulation, pre-filled, labelled.
    let page = get(renewal_path.clone()).await.text().await.unwrap();
    assert_eq!(texts(&page, "h1"), ["Acme Paris mobiles"]);
    assert_eq!(texts(&page, ".renewal-header .countdown"), ["20 days left"]);
    assert_eq!(
        texts(&page, ".requirement h2"),
        [
            "Business",
            "Business Address (Proof of Address)",
            "Business Registration Number",
            "Power of Attorney"
        ]
    );
    let inputs = attrs(&page, "form#sections input[type=text]", "name");
    let fields: Vec<&str> = inputs
        .iter()
        .map(|n| n.rsplit('.').next().unwrap())
        .collect();
    assert_eq!(fields, ["business_registration_number", "document_number"]);
    // The address is chosen by street among the account's addresses: the bundle's own one
    // is marked, and no SID shows.
    let address_input = attrs(&page, "form#sections .address-choice input", "name").remove(0);
    assert!(address_input.ends_with(".address_sids"));
    let on_bundle = texts(&page, "#req-business_address_proof_info .address-option")
        .into_iter()
        .find(|option| option.contains("On this bundle now"))
        .expect("the bundle's address is offered");
    assert!(on_bundle.contains("1 Seeded Street"), "{on_bundle}");
    assert!(!texts(&page, "form#sections")[0].contains(ADDRESS));
    assert_eq!(
        attrs(&page, "form#sections input[type=file]", "name"),
        ["add.power_of_attorney_info.file"]
    );
    assert_eq!(
        texts(&page, "details.done-list summary"),
        ["Already done (3)"]
    );

    // Act 2: fill in, upload, save.
    let values = form_values(&page, "form#sections");
    let saved = browser
        .post(format!("{}{renewal_path}", world.address))
        .multipart(multipart(
            &values,
            &[
                (&inputs[0], "RCS Paris 552 100 554"),
                (&address_input, ADDRESS),
                (&inputs[1], "552 100 554"),
            ],
            vec![("add.power_of_attorney_info.file", "pouvoir.pdf", pdf())],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        saved.status().as_u16(),
        303,
        "{}",
        saved.text().await.unwrap()
    );
    let page = get(renewal_path.clone()).await.text().await.unwrap();

    // Assert 2: Twilio's new evaluation is compliant; submit is offered.
    assert!(texts(&page, ".alert-ok")[0].starts_with("Saved."));
    assert_eq!(
        texts(&page, ".submit-card a"),
        ["Review and submit"],
        "{:?}",
        texts(&page, ".requirement")
    );
    assert!(texts(&page, ".requirement").is_empty());

    // Act 3: submit.
    let review_path = attrs(&page, ".submit-card a", "href").remove(0);
    let review = get(review_path).await.text().await.unwrap();
    let csrf = attrs(&review, ".submit-card input[name=csrf_token]", "value").remove(0);
    let submitted = browser
        .post(format!("{}{renewal_path}/submit", world.address))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&submitted), format!("{renewal_path}/status"));
    let status = get(format!("{renewal_path}/status"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(texts(&status, "#status-title"), ["Submitted to Twilio"]);

    // Act 4: Twilio approves; recomply finishes on its own.
    let copy_sid = world
        .renewal(&tenant, &bundle_sid)
        .await
        .unwrap()
        .copy_sid
        .unwrap();
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert 4
    let status = get(format!("{renewal_path}/status"))
        .await
        .text()
        .await
        .unwrap();
    let reason: Option<String> =
        sqlx::query_scalar("select attention_reason from renewal where renewal_id = $1")
            .bind(renewal.renewal_id)
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(texts(&status, "#status-title"), ["All done"], "{reason:?}");
    let bundles = get("/bundles".into()).await.text().await.unwrap();
    assert_eq!(texts(&bundles, "[data-renewal-state]"), ["Completed"]);
    let original = world.emulator_bundle(&bundle_sid).await.unwrap();
    assert_eq!(original["valid_until"], json!(null));
    world.assert_no_failed_jobs().await;
}
