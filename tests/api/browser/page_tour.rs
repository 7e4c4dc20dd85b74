//! Every page a customer or staff member can open, on the demo's data, in a real browser at a
//! desktop width (1280 px) and a phone width (390 px): each is screenshotted into
//! `target/screenshots/tour/`, checked by axe-core (no serious or critical violation) and
//! checked for horizontal scrolling at the phone width.

use recomply::domain::ids::{BundleId, EventEndpointId, StaffUserId, UserId};
use recomply::domain::ids::{RenewalId, TenantId};
use recomply::domain::renewal::RenewalState;
use thirtyfour::prelude::*;
use uuid::Uuid;

use super::Browser;

/// The widths every page is looked at.
const DESKTOP: u32 = 1280;
const PHONE: u32 = 390;

/// The pages visited so far and what was wrong with them.
struct Tour<'a> {
    browser: &'a Browser,
    base: &'a str,
    problems: Vec<String>,
}

impl Tour<'_> {
    /// Visits `path`, then screenshots and checks it at both widths. Returns the page's source.
    async fn visit(&mut self, name: &str, path: &str) -> String {
        let browser = self.browser;
        browser
            .driver
            .goto(format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("{name} ({path}): {e}"));
        for width in [DESKTOP, PHONE] {
            browser.resize(width).await;
            for violation in browser.accessibility_violations().await {
                self.problems
                    .push(format!("{name} ({path}) at {width} px: {violation}"));
            }
            browser
                .screenshot_at(&format!("tour/{name}-{width}"), width)
                .await;
            let overflow = browser.horizontal_overflow().await;
            if overflow > 0 {
                self.problems.push(format!(
                    "{name} ({path}) scrolls sideways by {overflow} px at {width} px: {}",
                    browser.overflowing_elements().await.join(", ")
                ));
            }
        }
        browser.resize(DESKTOP).await;
        browser.driver.source().await.unwrap()
    }
}

impl Tour<'_> {
    /// The staff menu on the current page: at the desktop width a group opens as a drop-down;
    /// at the phone width the whole menu is folded behind "Menu" until it is opened.
    async fn menus(&mut self) {
        let driver = &self.browser.driver;
        self.browser.resize(DESKTOP).await;
        driver
            .find(By::Css("#nav-settings summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.check("admin-menu-settings", DESKTOP).await;
        self.browser.resize(PHONE).await;
        let menu = driver.find(By::Css("details.admin-menu")).await.unwrap();
        assert_eq!(
            menu.attr("open").await.unwrap(),
            None,
            "the menu folds on a phone"
        );
        driver
            .find(By::Css(".admin-menu-toggle"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.check("admin-menu-open", PHONE).await;
        self.browser.resize(DESKTOP).await;
    }

    /// Screenshots the page as it is now at `width` and checks it with axe.
    async fn check(&mut self, name: &str, width: u32) {
        for violation in self.browser.accessibility_violations().await {
            self.problems
                .push(format!("{name} at {width} px: {violation}"));
        }
        self.browser
            .screenshot_at(&format!("tour/{name}-{width}"), width)
            .await;
    }
}

#[tokio::test]
async fn every_page_reads_well_at_desktop_and_phone_widths() {
    if !super::available("every_page_reads_well_at_desktop_and_phone_widths") {
        return;
    }
    // Arrange: the demo world after a regulation change, its renewals prepared.
    let (world, report) = super::demo_world_after_the_france_change().await;
    let acme = &report.tenants[0];
    let (renewal_id, bundle_id, user_id): (RenewalId, BundleId, UserId) = sqlx::query_as(
        "select r.renewal_id, b.bundle_id, u.app_user_id
         from renewal r join bundle b using (bundle_id) join app_user u on u.tenant_id = b.tenant_id
         where b.friendly_name = 'Acme — Paris sales line' and r.state = $1
           and u.email = 'ada@acme.example'",
    )
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .expect("the Paris bundle's renewal is ready for the customer");
    // Another of Ada's renewals is in Twilio's review: its pages follow it live.
    let in_review: RenewalId = sqlx::query_scalar(
        "update renewal set state = $3, submitted_at = now() - interval '3 hours'
         where renewal_id = (select r.renewal_id from renewal r join bundle b using (bundle_id)
                             where b.tenant_id = $1 and r.state = $4 and r.renewal_id <> $2
                               and b.friendly_name <> 'Acme — Lyon support line'
                             limit 1)
         returning renewal_id",
    )
    .bind(acme.tenant_id)
    .bind(renewal_id)
    .bind(RenewalState::InReview)
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .expect("Acme has a second renewal");
    let regulation_sid: String = sqlx::query_scalar(
        "select regulation_sid from bundle where regulation_sid is not null limit 1",
    )
    .fetch_one(&world.db)
    .await
    .expect("a mirrored bundle names its regulation");
    let email_id: Uuid = sqlx::query_scalar("select email_id from email_outbox limit 1")
        .fetch_one(&world.db)
        .await
        .expect("the demo sent emails");
    let base = world.address.to_string();
    let base = base.trim_end_matches('/');
    let browser = Browser::start().await;
    let mut tour = Tour {
        browser: &browser,
        base,
        problems: Vec::new(),
    };

    // Act + Assert — pages anyone can open.
    tour.visit("landing", "/").await;
    tour.visit("sign-in", "/login").await;
    tour.visit("staff-sign-in", "/admin/login").await;
    tour.visit("not-found", "/no-such-page").await;
    tour.visit("used-link", "/login/not-a-real-token").await;
    tour.visit("handoff-refused", "/handoff").await;

    // The customer's pages, signed in through a link.
    let link =
        recomply::links::magic_link::issue(&world.db, &world.config, user_id, Some(renewal_id))
            .await
            .unwrap();
    let link_path = &link[link.find("/login/").unwrap()..];
    tour.visit("continue-sign-in", link_path).await;
    browser
        .driver
        .find(By::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tour.visit("my-bundles", "/bundles").await;
    let renewal = tour
        .visit("renewal", &format!("/renewals/{renewal_id}"))
        .await;
    assert!(renewal.contains("Paris sales line"));
    let review = tour
        .visit("renewal-review", &format!("/renewals/{renewal_id}/review"))
        .await;
    assert!(review.contains("review-group"));
    // The Lyon bundle's K-bis names no address yet: the account's addresses, by street.
    let lyon: RenewalId = sqlx::query_scalar(
        "select r.renewal_id from renewal r join bundle b using (bundle_id)
         where b.friendly_name = 'Acme — Lyon support line' and r.state = $1",
    )
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .expect("the Lyon bundle's renewal is ready for the customer");
    let addresses = tour
        .visit(
            "renewal-addresses",
            &format!("/renewals/{lyon}#req-business_address_proof_info"),
        )
        .await;
    assert!(
        addresses.contains("address-option"),
        "the address choice shows"
    );
    tour.visit("renewal-status", &format!("/renewals/{renewal_id}/status"))
        .await;
    let live = tour
        .visit(
            "renewal-status-in-review",
            &format!("/renewals/{in_review}/status"),
        )
        .await;
    assert!(
        live.contains("data-live-src"),
        "the status page follows the review"
    );
    tour.visit("bundle-history", &format!("/bundles/{bundle_id}/history"))
        .await;
    tour.visit("bad-renewal-link", "/renewals/not-a-uuid").await;
    // The ISV sets its brand; the same renewal in French, picked in the language switcher
    // (longer words, another colour, same layout).
    sqlx::query(
        "insert into brand_settings (product_name, company_name, primary_colour, support_email, footer)
         values ('Nimbus Comply', 'Nimbus Telecom', '#0f766e', 'help@nimbus.example',
             'Nimbus Telecom Ltd · 1 Harbour Street, Dublin')",
    )
    .execute(&world.db)
    .await
    .unwrap();
    let french = tour
        .visit("renewal-fr", &format!("/renewals/{renewal_id}?lang=fr"))
        .await;
    assert!(
        french.contains("<html lang=\"fr\""),
        "the page says it is French"
    );
    let fr = recomply::i18n::Tr::new(recomply::i18n::Locale::Fr, recomply::i18n::Zone::utc());
    assert!(french.contains(&fr.t("save-button")), "French words");
    assert!(french.contains("Nimbus Comply"), "the ISV's brand");
    tour.visit(
        "renewal-status-fr",
        &format!("/renewals/{renewal_id}/status"),
    )
    .await;

    // Staff pages.
    browser
        .driver
        .goto(format!("{base}/admin/login"))
        .await
        .unwrap();
    browser
        .driver
        .find(By::Id("email"))
        .await
        .unwrap()
        .send_keys(&report.staff_email)
        .await
        .unwrap();
    let password = browser.driver.find(By::Id("password")).await.unwrap();
    password.send_keys(&report.staff_password).await.unwrap();
    password.send_keys(Key::Enter).await.unwrap();
    browser
        .driver
        .query(By::XPath("//h1[contains(., 'Dashboard')]"))
        .first()
        .await
        .expect("the admin dashboard");
    tour.visit("admin-dashboard", "/admin").await;
    tour.menus().await;
    tour.visit("admin-bundles", "/admin/bundles").await;
    tour.visit("admin-renewals", "/admin/renewals").await;
    tour.visit("admin-regulations", "/admin/regulations").await;
    tour.visit(
        "admin-regulation",
        &format!("/admin/regulations/{regulation_sid}"),
    )
    .await;
    tour.visit(
        "admin-renewal-in-review",
        &format!("/admin/renewals/{in_review}"),
    )
    .await;
    tour.visit("admin-search", "/admin/search?q=acme").await;
    tour.visit("admin-search-too-short", "/admin/search?q=a")
        .await;
    tour.visit("admin-renewal", &format!("/admin/renewals/{renewal_id}"))
        .await;
    tour.visit(
        "admin-renewal-on-behalf",
        &format!("/admin/renewals/{renewal_id}/form"),
    )
    .await;
    tour.visit("admin-tenants", "/admin/tenants").await;
    tour.visit("admin-tenant-new", "/admin/tenants/new").await;
    tour.visit(
        "admin-tenant",
        &format!("/admin/tenants/{}", acme.tenant_id),
    )
    .await;
    tour.visit(
        "admin-tenant-bundle-rule",
        &format!("/admin/tenants/{}/bundle-rule", acme.tenant_id),
    )
    .await;
    tour.visit("admin-shared-accounts", "/admin/shared-accounts")
        .await;
    tour.visit("admin-jobs", "/admin/jobs").await;
    tour.visit("admin-webhooks", "/admin/webhooks").await;
    tour.visit("admin-outbox", "/admin/outbox").await;
    tour.visit("admin-outbox-filtered", "/admin/outbox?kind=action_needed")
        .await;
    tour.visit("admin-outbox-email", &format!("/admin/outbox/{email_id}"))
        .await;
    tour.visit("admin-staff", "/admin/staff").await;
    tour.visit("admin-api-keys", "/admin/api-keys").await;
    let endpoint_id = event_endpoint_with_a_delivery(&world, acme.tenant_id, renewal_id).await;
    tour.visit("admin-events", "/admin/events").await;
    tour.visit(
        "admin-event-endpoint",
        &format!("/admin/events/{endpoint_id}"),
    )
    .await;
    tour.visit("admin-hand-off", "/admin/hand-off").await;
    tour.visit("admin-brand", "/admin/brand").await;
    tour.visit("admin-parent-account-empty", "/admin/parent-account")
        .await;
    parent_account_with_subaccounts(&world, acme.tenant_id).await;
    tour.visit("admin-parent-account", "/admin/parent-account")
        .await;
    tour.visit("admin-sign-ins", "/admin/sign-ins").await;
    tour.visit("admin-two-factor", "/admin/two-factor").await;
    tour.visit("admin-bad-page", "/admin/renewals?page=x").await;
    let problems = std::mem::take(&mut tour.problems);
    browser.stop().await;
    assert!(
        problems.is_empty(),
        "pages to fix:\n{}",
        problems.join("\n")
    );
}

/// A connected parent account whose discovery listed three subaccounts: one new, one
/// suspended, and one that is the tenant `tenant_id`.
async fn parent_account_with_subaccounts(
    world: &crate::lifecycle_support::World,
    tenant_id: TenantId,
) {
    let sid =
        recomply::domain::sid::AccountSid::parse("AC00000000000000000000000000000a11").unwrap();
    let staff: StaffUserId = sqlx::query_scalar("select staff_user_id from staff_user limit 1")
        .fetch_one(&world.db)
        .await
        .unwrap();
    let key = &world.config.secret_key;
    recomply::db::parent_account::connect(&world.db, key, &sid, &"tok".into(), true, staff)
        .await
        .unwrap();
    sqlx::query(
        "insert into subaccount (account_sid, friendly_name, status, status_flagged, tenant_id,
             onboard_state)
         values ('AC00000000000000000000000000000b01', 'Umbrella Mobile', 'active', false, null, null),
                ('AC00000000000000000000000000000b02', 'Globex', 'suspended', true, null, null),
                ('AC00000000000000000000000000000b03', 'Acme', 'active', false, $1, 'created')",
    )
    .bind(tenant_id)
    .execute(&world.db)
    .await
    .unwrap();
}

/// An event endpoint with one (not yet sent) delivery about the renewal, for the tour.
async fn event_endpoint_with_a_delivery(
    world: &crate::lifecycle_support::World,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> EventEndpointId {
    use recomply::domain::event_type::EventType;
    use recomply::lifecycle::events::endpoints::{self, EndpointRequest};
    let request = EndpointRequest {
        name: "Billing backend",
        url: "https://backend.example/recomply/events",
        tenant_id: None,
        event_types: EventType::ALL,
        created_by: "Ada Admin",
    };
    let (endpoint_id, _) = endpoints::create(&world.engine, &request).await.unwrap();
    let mut tx = world.db.begin().await.unwrap();
    let kind = EventType::RenewalActionNeeded;
    recomply::db::outbound_events::record_for_renewal(&mut tx, tenant_id, renewal_id, kind)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    endpoint_id
}

/// Every scrolling table wrapper in every template, whether or not the tour's data makes it
/// overflow, is a named region keyboard users can scroll (axe: scrollable-region-focusable).
#[test]
fn every_scrolling_table_can_be_scrolled_from_the_keyboard() {
    fn templates(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                templates(&path, found);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    templates(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
        &mut files,
    );
    let mut unfocusable = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| l.contains("class=\"table-wrap")) {
            if !(line.contains("tabindex=\"0\"") && line.contains("aria-label=")) {
                unfocusable.push(format!("{}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(unfocusable.is_empty(), "{}", unfocusable.join("\n"));
}
