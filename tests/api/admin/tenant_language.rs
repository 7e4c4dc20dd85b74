//! A tenant's default language and time zone, set on the tenant form: they decide the
//! language of emails to users who chose none and the clock dates are shown on, for that
//! tenant alone; a bad value is explained beside its field and nothing typed is lost.

use recomply::db::tenants;
use recomply::domain::ids::TenantId;
use recomply::i18n::{Locale, Zone};

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, text};

async fn edit(
    app: &TestApp,
    staff: &reqwest::Client,
    tenant_id: TenantId,
    locale: &str,
    zone: &str,
) -> reqwest::Response {
    app.edit_tenant(
        staff,
        tenant_id,
        &[("default_locale", locale), ("time_zone", zone)],
    )
    .await
}

#[tokio::test]
async fn one_tenant_s_language_and_time_zone_change_only_that_tenant() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, globex) = (seed.tenant("Acme").await, seed.tenant("Globex").await);
    let staff = app.staff_client("support").await;

    // Act
    let saved = edit(&app, &staff, acme, "fr", " Europe/Paris ").await;

    // Assert
    assert_eq!(saved.status(), 303);
    let acme_row = tenants::get_tenant(&app.db, acme).await.unwrap().unwrap();
    assert_eq!(acme_row.default_locale, Locale::Fr);
    assert_eq!(acme_row.time_zone, Zone::parse("Europe/Paris").unwrap());
    let globex_row = tenants::get_tenant(&app.db, globex).await.unwrap().unwrap();
    assert_eq!(
        globex_row.default_locale,
        Locale::En,
        "the other tenant keeps English"
    );
    assert_eq!(globex_row.time_zone, Zone::utc());
    let page = parse(
        &app.get_with(&staff, &format!("/admin/tenants/{acme}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&page, "#default_locale option[selected]"), "Français");
    assert_eq!(
        attr(&page, "#time_zone", "value").as_deref(),
        Some("Europe/Paris")
    );
}

#[tokio::test]
async fn an_unknown_time_zone_or_language_is_explained_beside_its_field_and_kept() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let staff = app.staff_client("support").await;

    // Act
    let refused = edit(&app, &staff, acme, "klingon", "Mars/Olympus").await;

    // Assert
    assert_eq!(refused.status(), 422);
    let page = parse(&refused.text().await.unwrap());
    assert!(text(&page, "#time_zone-error").contains("tz database"));
    assert!(text(&page, "#default_locale-error").contains("Choose one of the languages"));
    assert_eq!(
        attr(&page, "#time_zone", "value").as_deref(),
        Some("Mars/Olympus"),
        "what was typed is kept"
    );
    let row = tenants::get_tenant(&app.db, acme).await.unwrap().unwrap();
    assert_eq!(row.time_zone, Zone::utc(), "nothing was saved");
}
