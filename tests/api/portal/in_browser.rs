//! The customer's renewal paths in headless Chromium: the bundle list (fill in, ready to
//! submit, rejected for good), a rejected renewal (reasons, fix, submit), a junk website
//! refused beside its field, a renewal ready to submit, the address choice and form, and an old link opened while signed
//! in. Every page is screenshotted at 1280 and 390 px into `target/screenshots/portal/`,
//! checked by axe-core (no serious or critical violation) and for sideways scrolling.

use recomply::domain::ids::RenewalId;
use thirtyfour::prelude::*;

use crate::browser::{Browser, available};
use crate::harness::TestApp;
use crate::portal::fixtures::{self, END_USER};
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// The pages looked at so far and what was wrong with them.
struct Looks<'a> {
    browser: &'a Browser,
    problems: Vec<String>,
}

impl Looks<'_> {
    /// Checks and screenshots the current page as `name`, at a desktop and a phone width.
    async fn look(&mut self, name: &str) {
        for width in [1280, 390] {
            self.browser.resize(width).await;
            for violation in self.browser.accessibility_violations().await {
                self.problems
                    .push(format!("{name} at {width} px: {violation}"));
            }
            self.browser
                .screenshot_at(&format!("portal/{name}-{width}"), width)
                .await;
            let overflow = self.browser.horizontal_overflow().await;
            if overflow > 0 {
                self.problems.push(format!(
                    "{name} scrolls sideways by {overflow} px at {width} px"
                ));
            }
        }
        self.browser.resize(1280).await;
    }
}

/// A French mobile business bundle due in `days` with a collecting renewal on `snapshot`.
async fn renewal(
    app: &TestApp,
    camille: &Customer,
    name: &str,
    days: i64,
    snapshot: serde_json::Value,
) -> RenewalId {
    let bundle = app
        .seed()
        .customer_bundle(
            camille,
            name,
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(days),
        )
        .await;
    app.seed()
        .customer_renewal(camille, bundle, RenewalState::Collecting, Some(snapshot))
        .await
}

#[tokio::test]
async fn the_customers_renewal_paths_read_well_in_a_browser() {
    if !available("the_customers_renewal_paths_read_well_in_a_browser") {
        return;
    }
    // Arrange: one bundle of each kind the list and the page tell apart.
    let app = crate::harness::spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let rejected = renewal(
        &app,
        &camille,
        "Paris office",
        6,
        fixtures::compliant_with_rejected_excerpt(),
    )
    .await;
    sqlx::query("update renewal set rejection = $1 where renewal_id = $2")
        .bind(fixtures::rejection("The excerpt is not legible.", true))
        .bind(rejected)
        .execute(&app.db)
        .await
        .unwrap();
    let contact = renewal(
        &app,
        &camille,
        "Tallinn hotline",
        9,
        fixtures::with_contact_fields(),
    )
    .await;
    let ready = renewal(&app, &camille, "Lyon office", 20, fixtures::compliant()).await;
    let addresses = renewal(
        &app,
        &camille,
        "Marseille office",
        15,
        fixtures::partly_done(),
    )
    .await;
    for (sid, street, city, code) in [
        (
            "AD0123456789abcdef0123456789abc001",
            "12 Rue de la République",
            "Marseille",
            "13002",
        ),
        (
            "AD0123456789abcdef0123456789abc002",
            "8 Quai de Bercy, Bâtiment B",
            "Paris",
            "75012",
        ),
    ] {
        sqlx::query(
            "insert into address (tenant_id, sid, customer_name, street, city, region,
                 postal_code, iso_country)
             values ($1, $2, 'Acme SAS', $3, $4, 'Provence-Alpes-Côte d''Azur', $5, 'FR')",
        )
        .bind(camille.tenant_id)
        .bind(sid)
        .bind(street)
        .bind(city)
        .bind(code)
        .execute(&app.db)
        .await
        .unwrap();
    }
    app.seed()
        .customer_bundle(
            &camille,
            "Jakarta toll-free",
            ("ID", "toll-free", "business"),
            BundleStatus::TwilioRejected,
            None,
        )
        .await;
    let link = recomply::links::magic_link::issue(&app.db, &app.config, camille.app_user_id, None)
        .await
        .unwrap();
    let link = format!("{}{}", app.address, &link[link.find("/login/").unwrap()..]);
    let browser = Browser::start().await;
    let driver = &browser.driver;
    let mut looks = Looks {
        browser: &browser,
        problems: Vec::new(),
    };
    let open = |path: String| async move { driver.goto(path).await.unwrap() };

    // Act + Assert: sign in, then each page.
    open(link.clone()).await;
    driver
        .find(By::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    driver
        .query(By::Css(".bundle-list"))
        .first()
        .await
        .expect("My bundles");
    looks.look("bundles").await;

    open(format!("{}/renewals/{rejected}", app.address)).await;
    looks.look("renewal-rejected").await;

    open(format!("{}/renewals/{contact}", app.address)).await;
    let website = format!("f-eu-{END_USER}-business_website");
    driver
        .find(By::Id(&website))
        .await
        .unwrap()
        .send_keys("n/a")
        .await
        .unwrap();
    driver
        .find(By::Css(".save-bar button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let message = driver
        .query(By::Id(format!("{website}-error")))
        .first()
        .await
        .expect("the junk website is refused beside its field");
    assert!(message.text().await.unwrap().contains("web address"));
    looks.look("renewal-junk-website").await;

    open(format!("{}/renewals/{ready}", app.address)).await;
    looks.look("renewal-ready").await;

    open(format!(
        "{}/renewals/{addresses}#req-business_address_proof_info",
        app.address
    ))
    .await;
    looks.look("renewal-addresses").await;
    let add = driver.find(By::Css(".address-add a")).await.unwrap();
    let add = add.attr("href").await.unwrap().expect("a link");
    open(format!("{}{add}", app.address)).await;
    driver
        .query(By::Css(".address-form"))
        .first()
        .await
        .expect("the address form");
    looks.look("address-new").await;

    open(link).await;
    looks.look("old-link-signed-in").await;

    let problems = std::mem::take(&mut looks.problems);
    browser.stop().await;
    assert!(
        problems.is_empty(),
        "pages to fix:\n{}",
        problems.join("\n")
    );
}
