//! The renewal page as one path — Twilio's reasons, then the fix, then Submit — and the
//! checks a field gets from the kind of value its regulation asks for (web address, email,
//! phone, date).

use crate::harness::{TestApp, spawn_app};
use crate::html::{attrs, form_values, texts};
use crate::portal::fixtures::{self, END_USER};
use crate::portal::session::sign_in;
use crate::uploads::multipart;
use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// A signed-in customer's collecting renewal with `snapshot` (and Twilio's `rejection`, if
/// any); returns the app, the renewal and its page.
async fn page_with(
    snapshot: serde_json::Value,
    rejection: Option<serde_json::Value>,
) -> (TestApp, RenewalId, String) {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &camille,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(12),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(&camille, bundle, RenewalState::Collecting, Some(snapshot))
        .await;
    sqlx::query("update renewal set rejection = $1 where renewal_id = $2")
        .bind(rejection)
        .bind(renewal)
        .execute(&app.db)
        .await
        .unwrap();
    sign_in(&app, &camille).await;
    let html = app
        .get(&format!("/renewals/{renewal}"))
        .await
        .text()
        .await
        .unwrap();
    (app, renewal, html)
}

/// Where the first element matching `selector` starts in `html` (panics when absent).
fn position(html: &str, marker: &str) -> usize {
    html.find(marker)
        .unwrap_or_else(|| panic!("{marker} is on the page"))
}

fn eu(field: &str) -> String {
    format!("eu.{END_USER}.{field}")
}

fn eu_id(field: &str) -> String {
    format!("f-eu-{END_USER}-{field}")
}

#[tokio::test]
async fn after_a_rejection_the_reasons_come_first_then_the_fix_then_submit() {
    // Arrange + Act: Twilio's check passes, but its review rejected the excerpt.
    let (_app, _renewal, html) = page_with(
        fixtures::compliant_with_rejected_excerpt(),
        Some(fixtures::rejection("The excerpt is not legible.", true)),
    )
    .await;

    // Assert: reasons, then the replacement upload, then Submit — in that order.
    let reasons = position(&html, "class=\"alert alert-danger rejection\"");
    let fix = position(&html, "id=\"sections\"");
    let submit = position(&html, "class=\"card submit-card");
    assert!(reasons < fix && fix < submit, "{reasons} {fix} {submit}");
    assert!(texts(&html, ".rejection")[0].contains("Correct the details below"));
    assert_eq!(
        attrs(&html, "form#sections input[type=file]", "name").len(),
        1,
        "the rejected excerpt can be replaced"
    );
    // Never the green "everything is here" while the fix is still open.
    assert!(!html.contains("Everything Twilio asks for is here"));
    assert_eq!(
        texts(&html, ".submit-card h2"),
        ["Then submit the update again"]
    );
    assert_eq!(
        attrs(&html, ".submit-card.submit-pending", "class").len(),
        1
    );
    assert_eq!(texts(&html, ".stepper li.current"), ["Update"]);
}

#[tokio::test]
async fn a_rejection_with_nothing_left_to_fill_in_says_whom_to_ask_and_not_below() {
    let (_app, renewal, html) = page_with(
        fixtures::compliant(),
        Some(fixtures::rejection(
            "The business name does not match.",
            false,
        )),
    )
    .await;

    let rejection = &texts(&html, ".rejection")[0];
    assert!(rejection.contains("The business name does not match."));
    assert!(!rejection.contains("below"), "{rejection}");
    assert_eq!(
        attrs(&html, ".rejection a", "href"),
        ["mailto:support@acme.example"]
    );
    assert!(texts(&html, "form#sections").is_empty());
    assert_eq!(texts(&html, ".submit-card h2"), ["Submit the update again"]);
    assert_eq!(
        attrs(&html, ".submit-card a", "href"),
        [format!("/renewals/{renewal}/review")]
    );
    assert!(position(&html, "rejection\"") < position(&html, "submit-card"));
}

#[tokio::test]
async fn without_a_rejection_a_compliant_renewal_offers_the_green_submit() {
    let (_app, _renewal, html) = page_with(fixtures::compliant(), None).await;

    assert_eq!(
        texts(&html, ".submit-card.submit-ready h2"),
        ["Everything Twilio asks for is here"]
    );
    assert!(texts(&html, ".rejection").is_empty());
}

#[tokio::test]
async fn inputs_take_their_type_and_length_from_the_regulation() {
    let (_app, _renewal, html) = page_with(fixtures::with_contact_fields(), None).await;

    let input = |field: &str, attr: &str| attrs(&html, &format!("#{}", eu_id(field)), attr);
    assert_eq!(input("business_website", "type"), ["url"]);
    assert_eq!(input("email", "type"), ["email"]);
    assert_eq!(input("phone_number", "type"), ["tel"]);
    assert_eq!(input("birth_date", "type"), ["date"]);
    assert_eq!(input("business_website", "maxlength"), ["255"]);
    assert_eq!(input("email", "maxlength"), ["254"]);
    // Nothing wrong yet: no error is announced.
    assert!(input("business_website", "aria-invalid").is_empty());
}

#[tokio::test]
async fn a_junk_website_and_other_malformed_values_are_refused_beside_their_fields() {
    let (app, renewal, html) = page_with(fixtures::with_contact_fields(), None).await;
    let values = form_values(&html, "form#sections");

    // Act: a junk website, an email without @, a phone without country code, a birth date
    // in the future.
    let (website, email, phone, birth) = (
        eu("business_website"),
        eu("email"),
        eu("phone_number"),
        eu("birth_date"),
    );
    let response = app
        .client
        .post(format!("{}/renewals/{renewal}", app.address))
        .multipart(multipart(
            &values,
            &[
                (&website, "n/a"),
                (&email, "camille at acme"),
                (&phone, "06 12 34 56 78"),
                (&birth, "2999-01-01"),
            ],
            vec![],
        ))
        .send()
        .await
        .unwrap();

    // Assert: refused before anything is sent, each message beside its field.
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    let error = |field: &str| texts(&html, &format!("#{}-error", eu_id(field)));
    assert_eq!(
        error("business_website"),
        ["Error: Enter the Business Website as a web address, like https://www.example.com"]
    );
    assert_eq!(
        error("email"),
        ["Error: Enter an email address like name@example.com"]
    );
    assert!(error("phone_number")[0].contains("international format"));
    assert_eq!(
        error("birth_date"),
        ["Error: The Birth Date cannot be in the future"]
    );
    // Everything typed is kept; each bad input is marked and points at its message.
    let site = format!("#{}", eu_id("business_website"));
    assert_eq!(attrs(&html, &site, "value"), ["n/a"]);
    assert_eq!(attrs(&html, &site, "aria-invalid"), ["true"]);
    let described = &attrs(&html, &site, "aria-describedby")[0];
    assert!(described.contains(&format!("{}-error", eu_id("business_website"))));
    assert_eq!(
        attrs(&html, &format!("#{}", eu_id("phone_number")), "value"),
        ["06 12 34 56 78"]
    );
    assert_eq!(
        attrs(&html, ".field-invalid input", "aria-invalid").len(),
        4
    );
    // The summary names each field once.
    let summary = texts(&html, ".error-summary li");
    assert_eq!(summary.len(), 4, "{summary:?}");
    assert_eq!(
        summary[0],
        "Enter the Business Website as a web address, like https://www.example.com"
    );
    assert_eq!(
        summary[1],
        "Work Email: Enter an email address like name@example.com"
    );
    for line in &summary {
        for label in [
            "Business Website",
            "Work Email",
            "Phone Number",
            "Birth Date",
        ] {
            assert!(line.matches(label).count() <= 1, "{line}");
        }
    }
}

#[tokio::test]
async fn an_empty_required_field_is_summarised_without_its_label_twice() {
    let (app, renewal, html) = page_with(fixtures::without_end_user(), None).await;
    let values = form_values(&html, "form#sections");

    let response = app
        .client
        .post(format!("{}/renewals/{renewal}", app.address))
        .multipart(multipart(
            &values,
            &[("new_eu.business.business_name", "Acme SAS")],
            vec![],
        ))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(
        texts(&html, ".error-summary li")
            .contains(&"Enter the Business Registration Number".to_owned())
    );
}
