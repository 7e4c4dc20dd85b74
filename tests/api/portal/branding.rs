//! The ISV's brand on everything a customer sees: every customer page and every email carries
//! the brand's product name, colours, footer and the tenant's customer-facing name, and never
//! says "recomply" once the ISV has set its own name.

use recomply::domain::ids::RenewalId;
use recomply::lifecycle::notifications::NotificationKind;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attrs, texts};
use crate::portal::fixtures;
use crate::portal::session::{notify, request_link, sign_in};
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

const PRODUCT: &str = "Nimbus Comply";
const FOOTER: &str = "Nimbus Telecom Ltd · 1 Harbour Street";

async fn set_brand(app: &TestApp) {
    sqlx::query(
        "insert into brand_settings (product_name, company_name, primary_colour, support_email,
             support_url, sender_name, sender_address, footer)
         values ($1, 'Nimbus Telecom', '#aa0000', 'help@nimbus.example',
             'https://help.nimbus.example', 'Nimbus Renewals', 'renewals@nimbus.example', $2)",
    )
    .bind(PRODUCT)
    .bind(FOOTER)
    .execute(&app.db)
    .await
    .unwrap();
}

async fn renewal_in(
    app: &TestApp,
    customer: &Customer,
    name: &str,
    state: RenewalState,
) -> RenewalId {
    let bundle = app
        .seed()
        .customer_bundle(
            customer,
            name,
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(20),
        )
        .await;
    let snapshot = if state == RenewalState::Collecting {
        fixtures::partly_done()
    } else {
        fixtures::compliant()
    };
    app.seed()
        .customer_renewal(customer, bundle, state, Some(snapshot))
        .await
}

fn assert_branded(page: &str, html: &str) {
    assert!(
        !html.to_lowercase().contains("recomply"),
        "{page} says recomply: {html}"
    );
    assert_eq!(
        texts(html, ".site-header .brand-name"),
        [PRODUCT],
        "{page}: the header names the product"
    );
    assert!(
        texts(html, "title").concat().ends_with(PRODUCT),
        "{page}: {:?}",
        texts(html, "title")
    );
    assert!(html.contains(FOOTER), "{page}: the brand's footer");
    assert!(
        attrs(html, "link[rel=stylesheet]", "href")
            .iter()
            .any(|href| href.starts_with("/brand.css?v=")),
        "{page}: the brand's stylesheet"
    );
}

#[tokio::test]
async fn a_changed_brand_shows_on_every_customer_page() {
    let app = spawn_app().await;
    set_brand(&app).await;
    let camille = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    sqlx::query("update tenant set display_name = 'Acme Paris' where tenant_id = $1")
        .bind(camille.tenant_id)
        .execute(&app.db)
        .await
        .unwrap();
    let collecting = renewal_in(&app, &camille, "Paris office", RenewalState::Collecting).await;
    let submitted = renewal_in(&app, &camille, "Lyon office", RenewalState::Submitted).await;

    for (page, path) in [("landing", "/"), ("sign-in", "/login")] {
        let html = app.get(path).await.text().await.unwrap();
        assert_branded(page, &html);
    }
    sign_in(&app, &camille).await;
    for (page, path) in [
        ("bundles", "/bundles".to_owned()),
        ("renewal", format!("/renewals/{collecting}")),
        ("status", format!("/renewals/{submitted}/status")),
    ] {
        let html = app.get(&path).await.text().await.unwrap();
        assert_branded(page, &html);
        assert_eq!(
            texts(&html, ".portal-tenant"),
            ["Acme Paris"],
            "{page}: the tenant's customer-facing name"
        );
    }
    let css = app.get("/brand.css").await.text().await.unwrap();
    assert!(css.contains("#aa0000"), "{css}");

    // The evidence pack the customer downloads carries the brand too.
    let pdf = app
        .get(&format!("/renewals/{submitted}/evidence.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = crate::evidence_pack::pdf_text(&pdf);
    assert!(text.contains(PRODUCT), "{text}");
    assert!(!text.to_lowercase().contains("recomply"), "{text}");
}

#[tokio::test]
async fn every_email_carries_the_brand_and_never_recomply() {
    let app = spawn_app().await;
    set_brand(&app).await;
    let camille = app
        .seed()
        .customer("Acme SAS", "camille@acme.example")
        .await;
    let renewal_id = renewal_in(&app, &camille, "Paris office", RenewalState::Collecting).await;
    let kinds = [
        NotificationKind::ActionNeeded,
        NotificationKind::Reminder,
        NotificationKind::Submitted,
        NotificationKind::Rejected,
        NotificationKind::Completed,
        NotificationKind::Expired,
    ];
    for kind in kinds {
        notify(&app, &camille, renewal_id, kind).await;
    }
    request_link(&app, &camille.email).await;
    app.run_jobs().await;
    let mails = app.mailbox.to(&camille.email);
    assert_eq!(
        mails.len(),
        kinds.len() + 1,
        "one email of each kind and the link"
    );
    for mail in &mails {
        let all = format!("{}\n{}\n{}", mail.subject, mail.text, mail.html);
        assert!(
            !all.to_lowercase().contains("recomply"),
            "{}: {all}",
            mail.subject
        );
        assert!(all.contains("Nimbus"), "{}: names the brand", mail.subject);
        assert_eq!(
            mail.from_address, "renewals@nimbus.example",
            "{}",
            mail.subject
        );
        assert!(mail.html.contains("Nimbus Comply"), "{}", mail.subject);
    }
    // Buttons take the brand's colour.
    assert!(mails[0].html.contains("#aa0000"), "{}", mails[0].html);
}

#[tokio::test]
async fn without_a_brand_the_pages_keep_recomply_s_own_look() {
    let app = spawn_app().await;
    let html = app.get("/login").await.text().await.unwrap();
    assert_eq!(texts(&html, ".site-header .brand-name"), ["recomply"]);
    assert!(html.contains("recomply keeps your phone-number compliance information"));
}
