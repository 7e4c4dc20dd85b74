//! The whole journey in a real browser, on the demo's data: a customer opens the emailed link,
//! sees what is missing, fills the field, uploads a PDF, saves, submits; the emulator approves;
//! the page shows the renewal completed; Twilio's side shows the original without `valid_until`
//! and the copy gone. Then staff sign in, find the renewal and read its timeline.
//! Screenshots of each page land in `target/screenshots/` (`scripts/refresh-screenshots.sh`
//! copies the ones the README shows into `docs/screenshots/`).

use recomply::domain::renewal::RenewalState;
use std::time::Duration;

use serde_json::json;
use thirtyfour::prelude::*;

use super::Browser;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The text of the first element matching `css`. The status page refreshes itself, so an
/// element found may be replaced before its text is read: then it is found again.
async fn text_of(browser: &Browser, css: &str) -> String {
    let mut last_error = None;
    for _ in 0..5 {
        let element = browser
            .driver
            .query(By::Css(css))
            .first()
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        match element.text().await {
            Ok(text) => return text,
            Err(error) => last_error = Some(error),
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("{css}: {last_error:?}")
}

#[tokio::test]
async fn a_customer_completes_a_renewal_in_the_browser_and_staff_see_its_timeline() {
    if !super::available("a_customer_completes_a_renewal_in_the_browser_and_staff_see_its_timeline")
    {
        return;
    }
    // Arrange: the demo world, a regulation change, discovery and preparation.
    let (world, report) = super::demo_world_after_the_france_change().await;
    let acme = &report.tenants[0];
    let (renewal_id, bundle_sid): (uuid::Uuid, String) = sqlx::query_as(
        "select r.renewal_id, b.sid from renewal r join bundle b using (bundle_id)
         where b.friendly_name = 'Acme — Paris sales line' and r.state = $1",
    )
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .expect("the Paris bundle's renewal is ready for the customer");
    // The customer's mailbox, not the outbox (which keeps the link redacted), holds the link.
    let email = world
        .mailbox
        .to("ada@acme.example")
        .into_iter()
        .find(|mail| {
            mail.subject.starts_with("Action needed")
                && mail.subject.contains("Acme — Paris sales line")
        })
        .expect("the action-needed email reached the customer");
    let link = email.link().expect("a link in the email");
    assert!(link.starts_with(&format!("{}/login/", world.address)));
    let browser = Browser::start().await;

    // A mail scanner (Safe Links, Mimecast, …) fetches the link before the customer does.
    let scanner = reqwest::Client::new();
    let scanned = scanner.head(&link).send().await.unwrap();
    assert_eq!(scanned.status(), 200, "a scanner's HEAD changes nothing");

    // Act + Assert — the customer opens the link, presses Continue, and sees exactly what is
    // missing.
    browser.driver.goto(&link).await.unwrap();
    assert!(
        text_of(&browser, "h1")
            .await
            .contains("Continue signing in")
    );
    assert!(
        browser
            .driver
            .source()
            .await
            .unwrap()
            .contains("a***@acme.example"),
        "the page says, masked, whom the link is for"
    );
    browser
        .driver
        .find(By::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(text_of(&browser, "h1").await.contains("Paris sales line"));
    let website = browser
        .driver
        .query(By::Css("input[name$='business_website']"))
        .first()
        .await
        .expect("a field for the new Business Website requirement");
    let page = browser.driver.source().await.unwrap();
    assert!(
        page.contains("Power of Attorney"),
        "the missing document is asked for"
    );
    browser.assert_accessible("renewal page").await;
    browser.screenshot("renewal").await;

    // Fill the field, upload the power of attorney, save.
    website.send_keys("https://acme.example").await.unwrap();
    let pdf_path = std::env::temp_dir().join(format!("poa-{renewal_id}.pdf"));
    std::fs::write(&pdf_path, PDF).unwrap();
    browser
        .driver
        .query(By::Css("input[type=file]"))
        .first()
        .await
        .unwrap()
        .send_keys(pdf_path.display().to_string())
        .await
        .unwrap();
    browser
        .driver
        .query(By::XPath(
            "//button[contains(., 'Save and check with Twilio')]",
        ))
        .first()
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // Compliant now: review, then submit.
    let review = browser
        .driver
        .query(By::XPath("//a[contains(., 'Review and submit')]"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .expect("the saved renewal is compliant and can be reviewed");
    browser.assert_accessible("compliant renewal page").await;
    browser.screenshot("renewal-compliant").await;
    review.click().await.unwrap();
    let submit = browser
        .driver
        .query(By::XPath("//button[contains(., 'Submit for review')]"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .expect("the review page offers Submit");
    browser.assert_accessible("review page").await;
    browser.screenshot("review").await;
    submit.click().await.unwrap();
    browser
        .driver
        .query(By::XPath(
            "//*[contains(., 'Twilio is reviewing') or contains(., 'Submitted')]",
        ))
        .first()
        .await
        .expect("the status page after submitting");
    browser.assert_accessible("status page").await;

    // Twilio (the emulator) reviews and approves; recomply finishes by itself.
    world
        .control("POST", "/clock/advance", json!({"seconds": 120}))
        .await;
    // The approval callback travels asynchronously (and the machine may be busy): run the jobs
    // and reload, as a customer would, until the page settles, for at most 30 seconds.
    let mut title = String::new();
    for _ in 0..60 {
        world.run_jobs().await;
        browser
            .driver
            .goto(format!("{}/renewals/{renewal_id}", world.address))
            .await
            .unwrap();
        title = text_of(&browser, "#status-title").await;
        if title == "All done" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert_eq!(title, "All done", "the customer sees the renewal completed");
    browser.assert_accessible("completed page").await;
    browser.screenshot("renewal-completed").await;

    // Twilio's side: the original lost valid_until; the copy is gone.
    let original = world
        .http
        .get(format!(
            "{}/v2/RegulatoryCompliance/Bundles/{bundle_sid}",
            world.emulator.base_url()
        ))
        .basic_auth(&acme.account_sid, Some(&acme.auth_token))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(original["status"], "twilio-approved");
    assert!(original["valid_until"].is_null());
    let copy_sid: String = sqlx::query_scalar("select copy_sid from renewal where renewal_id = $1")
        .bind(renewal_id)
        .fetch_one(&world.db)
        .await
        .unwrap();
    let copy = world
        .http
        .get(format!(
            "{}/v2/RegulatoryCompliance/Bundles/{copy_sid}",
            world.emulator.base_url()
        ))
        .basic_auth(&acme.account_sid, Some(&acme.auth_token))
        .send()
        .await
        .unwrap();
    assert_eq!(copy.status(), 404, "the copy was deleted");

    // Staff sign in, find the renewal, read its timeline.
    browser
        .driver
        .goto(format!("{}/admin/login", world.address))
        .await
        .unwrap();
    browser.assert_accessible("staff sign-in").await;
    let form_email = browser.driver.find(By::Id("email")).await.unwrap();
    form_email.send_keys(&report.staff_email).await.unwrap();
    let password = browser.driver.find(By::Id("password")).await.unwrap();
    password.send_keys(&report.staff_password).await.unwrap();
    password.send_keys(Key::Enter).await.unwrap();
    browser
        .driver
        .query(By::XPath("//h1[contains(., 'Dashboard')]"))
        .first()
        .await
        .expect("the admin dashboard");
    browser.assert_accessible("admin dashboard").await;
    browser.screenshot("admin-dashboard").await;
    browser
        .driver
        .goto(format!("{}/admin/renewals?q={bundle_sid}", world.address))
        .await
        .unwrap();
    browser.assert_accessible("admin renewals").await;
    browser
        .driver
        .query(By::XPath("//a[contains(., 'Paris sales line')]"))
        .first()
        .await
        .expect("the renewal is found by its bundle SID")
        .click()
        .await
        .unwrap();
    let timeline = browser
        .driver
        .query(By::XPath("//*[contains(., 'Timeline')]"))
        .first()
        .await
        .expect("the renewal's timeline");
    let page = browser.driver.source().await.unwrap();
    for step in [
        "completed",
        "items_replaced",
        "submitted",
        "ada@acme.example",
    ] {
        assert!(
            page.contains(step) || page.to_lowercase().contains(&step.replace('_', " ")),
            "the timeline shows {step}"
        );
    }
    drop(timeline);
    browser.assert_accessible("admin renewal").await;
    browser.screenshot("admin-renewal").await;
    browser.stop().await;
}
