//! The renewal page: built from the snapshot's Evaluation; its forms' validation.

use crate::harness::{TestApp, spawn_app};
use crate::html::{attrs, csrf_token, field_error, form_values, text, texts};
use crate::portal::fixtures::{self, END_USER, EXCERPT};
use crate::portal::session::sign_in;
use crate::seed::Customer;
use crate::uploads::{multipart, pdf};
use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::RenewalState;
use recomply::lifecycle::EngineError;
use recomply::twilio::BundleStatus;

async fn renewal_page(snapshot: serde_json::Value) -> (TestApp, Customer, RenewalId, String) {
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
    sign_in(&app, &camille).await;
    let html = app
        .get(&format!("/renewals/{renewal}"))
        .await
        .text()
        .await
        .unwrap();
    (app, camille, renewal, html)
}

async fn save(app: &TestApp, renewal: RenewalId, form: reqwest::multipart::Form) -> (u16, String) {
    let response = app
        .client
        .post(format!("{}/renewals/{renewal}", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_page_asks_for_exactly_the_failing_fields_prefilled_and_folds_away_what_passes() {
    let (_app, _camille, _renewal, html) = renewal_page(fixtures::partly_done()).await;

    assert_eq!(texts(&html, "h1"), ["Paris office"]);
    assert!(
        texts(&html, ".renewal-regulation")[0]
            .starts_with("Mobile numbers in France, for a business")
    );
    assert_eq!(texts(&html, ".renewal-header .countdown"), ["12 days left"]);
    assert_eq!(
        texts(&html, ".stepper li"),
        ["Review", "Update", "Submit", "Twilio review", "Done"]
    );
    assert_eq!(texts(&html, ".stepper li.current"), ["Update"]);
    assert_eq!(
        texts(&html, ".requirement h2"),
        [
            "Business",
            "Business Address (Proof of Address)",
            "Business Registration Number",
            "Power of Attorney"
        ]
    );
    // One input per failing field, labelled by its friendly name, with the copy's value.
    let names = attrs(
        &html,
        "form#sections input[type=text], form#sections input[type=email], form#sections input[type=tel], form#sections select",
        "name",
    );
    assert_eq!(
        names,
        [
            format!("eu.{END_USER}.business_registration_number"),
            format!("doc.{EXCERPT}.document_number"),
        ]
    );
    assert_eq!(
        texts(&html, "form#sections .field label"),
        [
            "Business Registration Number",
            "Document Number",
            "Upload the document"
        ]
    );
    // The address is chosen among the account's addresses (none on file here), never typed.
    assert_eq!(
        texts(&html, "form#sections .address-choice legend"),
        ["Address"]
    );
    assert!(texts(&html, ".address-none")[0].starts_with("No address is on file yet"));
    assert!(texts(&html, ".requirement-summary")[0].contains("business details are missing"));
    assert!(
        texts(&html, ".twilio-says")[0].contains("The Business Registration Number is missing")
    );
    assert_eq!(
        attrs(&html, "input[type=file]", "name"),
        ["add.power_of_attorney_info.file"]
    );
    assert!(
        texts(&html, "#req-power_of_attorney_info")[0]
            .contains("Executed Copy of Power of Attorney")
    );
    // Passing requirements are folded away as done.
    assert_eq!(
        texts(&html, "details.done-list summary"),
        ["Already done (3)"]
    );
    assert_eq!(texts(&html, "details.done-list li strong").len(), 3);
    // Not compliant: no submit button.
    assert!(texts(&html, ".submit-card").is_empty());
}

#[tokio::test]
async fn a_missing_end_user_becomes_a_form_with_every_field_of_its_type() {
    let (_app, _camille, _renewal, html) = renewal_page(fixtures::without_end_user()).await;

    assert_eq!(
        attrs(&html, "form#sections input[type=text]", "name"),
        [
            "new_eu.business.business_name",
            "new_eu.business.business_registration_number",
            "new_eu.business.first_name",
            "new_eu.business.last_name"
        ]
    );
    assert!(
        texts(&html, ".requirement-summary")[0].contains("We don't have your business details yet")
    );
}

#[tokio::test]
async fn a_renewal_still_being_prepared_says_so() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = app
        .seed()
        .renewal_without_snapshot(&camille, RenewalState::CopyCreated)
        .await;
    sign_in(&app, &camille).await;

    let html = app
        .get(&format!("/renewals/{renewal}"))
        .await
        .text()
        .await
        .unwrap();

    assert_eq!(
        texts(&html, ".portal-preparing h2"),
        ["We're preparing your update"]
    );
    assert!(texts(&html, "form#sections").is_empty());
}

#[tokio::test]
async fn submit_is_offered_only_when_the_evaluation_is_compliant() {
    let (_app, _camille, renewal, html) = renewal_page(fixtures::compliant()).await;

    // Submit is on the review page, after the customer has seen every value.
    assert_eq!(
        attrs(&html, ".submit-card a", "href"),
        [format!("/renewals/{renewal}/review")]
    );
    assert_eq!(texts(&html, ".submit-card a"), ["Review and submit"]);
    assert_eq!(texts(&html, ".stepper li.current"), ["Submit"]);
    assert!(texts(&html, "form#sections").is_empty());
}

#[tokio::test]
async fn an_empty_required_field_is_explained_beside_it_and_every_other_value_is_kept() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::without_end_user()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[
                ("new_eu.business.business_name", "Acme SAS"),
                ("new_eu.business.first_name", "Camille"),
                ("new_eu.business.last_name", "Martin"),
            ],
            vec![],
        ),
    )
    .await;

    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "f-new_eu-business-business_registration_number"),
        ["Error: Enter the Business Registration Number"]
    );
    assert_eq!(
        attrs(&html, ".error-summary a", "href"),
        ["#f-new_eu-business-business_registration_number"]
    );
    assert_eq!(
        attrs(&html, "#f-new_eu-business-business_name", "value"),
        ["Acme SAS"]
    );
    assert_eq!(
        attrs(&html, "#f-new_eu-business-first_name", "value"),
        ["Camille"]
    );
    assert_eq!(
        attrs(&html, "#f-new_eu-business-last_name", "value"),
        ["Martin"]
    );
}

#[tokio::test]
async fn an_over_long_value_and_html_are_refused_or_escaped_and_kept() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");
    let long = "9".repeat(256);
    let script = "<script>alert('x')</script>";

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[
                (
                    &format!("eu.{END_USER}.business_registration_number"),
                    long.as_str(),
                ),
                (&format!("doc.{EXCERPT}.document_number"), script),
            ],
            vec![],
        ),
    )
    .await;

    assert_eq!(status, 422);
    let id = format!("f-eu-{END_USER}-business_registration_number");
    assert_eq!(
        field_error(&html, &id),
        ["Error: Business Registration Number must be 255 characters or fewer"]
    );
    assert_eq!(attrs(&html, &format!("#{id}"), "value"), vec![long]);
    // The script is kept as typed, but only ever as text.
    assert_eq!(
        attrs(&html, &format!("#f-doc-{EXCERPT}-document_number"), "value"),
        [script]
    );
    assert!(!html.contains("<script>alert"));
    assert_eq!(texts(&html, ".error-summary li").len(), 1);
}

#[tokio::test]
async fn an_address_sid_that_is_not_offered_is_refused_beside_the_choice() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[(&format!("doc.{EXCERPT}.address_sids"), "AD123, my office")],
            vec![],
        ),
    )
    .await;

    assert_eq!(status, 422);
    let errors = field_error(&html, &format!("f-doc-{EXCERPT}-address_sids"));
    assert!(
        errors[0].ends_with("Choose one of the addresses listed, or add a new one."),
        "{errors:?}"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_pdf_jpeg_or_png_is_refused_whatever_its_name() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[(&format!("doc.{EXCERPT}.document_number"), "RCS 123 456 789")],
            vec![(
                "add.power_of_attorney_info.file",
                "power.pdf",
                b"MZ\x90\x00 not really a pdf".to_vec(),
            )],
        ),
    )
    .await;

    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "f-add-power_of_attorney_info-file"),
        ["Error: The file must be a PDF, JPEG or PNG"]
    );
    assert_eq!(
        attrs(&html, &format!("#f-doc-{EXCERPT}-document_number"), "value"),
        ["RCS 123 456 789"]
    );
}

#[tokio::test]
async fn an_oversize_file_is_refused_and_other_chosen_files_must_be_chosen_again() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");
    let mut big = pdf();
    big.resize(10 * 1024 * 1024 + 1, b' ');

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[(
                &format!("eu.{END_USER}.business_registration_number"),
                "RCS Paris 123 456 789",
            )],
            vec![("add.power_of_attorney_info.file", "power.pdf", big)],
        ),
    )
    .await;

    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "f-add-power_of_attorney_info-file"),
        ["Error: The file is larger than 10 MB. Choose a smaller file"]
    );
    assert_eq!(
        attrs(
            &html,
            &format!("#f-eu-{END_USER}-business_registration_number"),
            "value"
        ),
        ["RCS Paris 123 456 789"]
    );
}

#[tokio::test]
async fn a_valid_file_is_asked_for_again_when_another_field_is_wrong() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[(&format!("doc.{EXCERPT}.address_sids"), "nope")],
            vec![("add.power_of_attorney_info.file", "power.pdf", pdf())],
        ),
    )
    .await;

    assert_eq!(status, 422);
    assert!(
        field_error(&html, "f-add-power_of_attorney_info-file")[0]
            .contains("choose the file again")
    );
}

#[tokio::test]
async fn saving_nothing_says_so() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(&app, renewal, multipart(&values, &[], vec![])).await;

    assert_eq!(status, 422);
    assert!(texts(&html, ".error-summary li")[0].starts_with("Nothing was changed"));
}

#[tokio::test]
async fn a_save_or_submit_without_or_with_a_wrong_csrf_token_is_refused() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let mut values = form_values(&html, "form#sections");
    values.retain(|(n, _)| n != "csrf_token");
    let changes = [(
        format!("eu.{END_USER}.business_registration_number"),
        "123".to_owned(),
    )];
    let changes: Vec<(&str, &str)> = changes
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();

    let (without, _) = save(&app, renewal, multipart(&values, &changes, vec![])).await;
    let mut forged = changes.clone();
    forged.push(("csrf_token", "forged"));
    let (wrong, _) = save(&app, renewal, multipart(&values, &forged, vec![])).await;
    let submit = app
        .client
        .post(format!("{}/renewals/{renewal}/submit", app.address))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();

    assert_eq!(without, 403);
    assert_eq!(wrong, 403);
    assert_eq!(submit.status().as_u16(), 403);
}

#[tokio::test]
async fn a_stored_evaluation_that_cannot_be_read_is_said_so_instead_of_preparing() {
    let (_app, _camille, _renewal, html) =
        renewal_page(serde_json::json!({"evaluation": "not an evaluation"})).await;

    assert_eq!(
        texts(&html, ".portal-unreadable h2"),
        ["We could not read the saved information of this update"]
    );
    assert!(texts(&html, ".portal-preparing").is_empty());
}

#[tokio::test]
async fn a_renewal_whose_saved_information_cannot_be_read_says_so_to_customer_and_staff_alike() {
    // Arrange: a snapshot that does not decode.
    let (app, camille, renewal, html) =
        renewal_page(serde_json::json!({"evaluation": {"status": "compliant"}})).await;
    let title = "We could not read the saved information of this update";

    // Act: the customer saves anyway (a stale tab), and staff open the renewal.
    let token = csrf_token(&html);
    let (saved, saved_html) = save(
        &app,
        renewal,
        multipart(&[], &[("csrf_token", token.as_str())], vec![]),
    )
    .await;
    let staff = app.staff_client("support").await;
    let admin = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    // Assert: one notice, the same on the page and after the save; staff are told too.
    assert_eq!(texts(&html, ".portal-unreadable h2"), [title]);
    assert!(texts(&html, ".portal-unreadable p")[0].contains("support team has been told"));
    assert_eq!(saved, 409, "{saved_html}");
    assert_eq!(texts(&saved_html, ".portal-unreadable h2"), [title]);
    assert_eq!(admin.status(), 200);
    let admin = admin.text().await.unwrap();
    assert!(
        text(&admin, "#evaluation-unreadable")
            .contains("saved information could not be read, and the customer's pages say so")
    );
    // The engine says so too, rather than taking it for a renewal not yet prepared.
    let read = app.engine.snapshot(camille.tenant_id, renewal).await;
    assert!(
        matches!(read, Err(EngineError::UnreadableSnapshot(_))),
        "{read:?}"
    );
}

#[tokio::test]
async fn a_nul_character_typed_in_a_field_is_refused_beside_it_before_anything_is_sent() {
    let (app, _camille, renewal, html) = renewal_page(fixtures::partly_done()).await;
    let values = form_values(&html, "form#sections");

    let (status, html) = save(
        &app,
        renewal,
        multipart(
            &values,
            &[(&format!("doc.{EXCERPT}.document_number"), "12\u{0}34")],
            vec![],
        ),
    )
    .await;

    assert_eq!(status, 422, "{html}");
    let id = format!("f-doc-{EXCERPT}-document_number");
    let errors = field_error(&html, &id);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("cannot be saved"), "{errors:?}");
    let kept = attrs(&html, &format!("#{id}"), "value");
    assert!(
        kept[0].starts_with("12") && kept[0].ends_with("34"),
        "{kept:?}"
    );
}
