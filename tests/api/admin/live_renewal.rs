//! The staff renewal page: its live block follows a renewal that moves on by itself, says how
//! long Twilio's review usually takes, and the page shows where emails really go.

use recomply::domain::ids::{RenewalId, TenantId};
use sqlx::PgPool;
use uuid::Uuid;

use crate::harness::spawn_app;
use crate::html::{attr, parse, text, texts};
use recomply::db::timeline::NewEvent;
use recomply::domain::renewal::{Cause, RenewalState};

/// Records a decided review of `renewal`: submitted `hours` before Twilio's `decision`.
async fn decided(
    db: &PgPool,
    tenant: TenantId,
    renewal: RenewalId,
    hours: i64,
    decision: RenewalState,
) {
    let decided_at = time::OffsetDateTime::now_utc() - time::Duration::days(1);
    for (from, to, at) in [
        (
            RenewalState::Collecting,
            RenewalState::Submitted,
            decided_at - time::Duration::hours(hours),
        ),
        (RenewalState::Submitted, decision, decided_at),
    ] {
        sqlx::query(
            "insert into renewal_event (tenant_id, renewal_id, from_state, to_state, cause, actor, created_at)
             values ($1, $2, $3, $4, 'webhook', 'twilio', $5)",
        )
        .bind(tenant)
        .bind(renewal)
        .bind(from)
        .bind(to)
        .bind(at)
        .execute(db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_renewal_in_review_is_followed_live_with_the_usual_review_time() {
    // Arrange: three past reviews of 20, 26 and 30 hours, and one renewal in review now.
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    for hours in [20, 26, 30] {
        let (bundle, _) = seed.bundle(tenant, "Old", "FR", None).await;
        let old = seed.renewal(tenant, bundle, RenewalState::Completed).await;
        decided(&app.db, tenant, old, hours, RenewalState::Approved).await;
    }
    let (bundle, _) = seed.bundle(tenant, "Main line", "FR", Some(20.0)).await;
    let renewal = seed.renewal(tenant, bundle, RenewalState::InReview).await;
    let staff = app.staff_client("support").await;
    let path = format!("/admin/renewals/{renewal}");
    let live = format!("{path}/live");

    // Act
    let page = parse(&app.get_with(&staff, &path).await.text().await.unwrap());
    let fragment = app.get_with(&staff, &live).await;

    // Assert
    assert_eq!(
        attr(&page, "#renewal-live", "data-live-src").as_deref(),
        Some(live.as_str())
    );
    assert_eq!(text(&page, "#renewal-state"), "In review at Twilio");
    assert_eq!(
        text(&page, "#review-time"),
        "about 26 hours (median of the last 3 reviews)"
    );
    assert_eq!(
        attr(&page, ".review-panel .live-note a", "href"),
        Some(path)
    );
    assert_eq!(fragment.status(), 200);
    let fragment = parse(&fragment.text().await.unwrap());
    assert_eq!(text(&fragment, "#renewal-state"), "In review at Twilio");
    assert!(
        texts(&fragment, "#timeline").is_empty(),
        "the fragment is the live block alone"
    );

    // Twilio approves; once completed, the block stops asking to be polled.
    app.seed().set_state(renewal, RenewalState::Completed).await;
    let done = parse(&app.get_with(&staff, &live).await.text().await.unwrap());
    assert_eq!(text(&done, "#renewal-state"), "Completed");
    assert_eq!(attr(&done, "#renewal-live", "data-live-src"), None);
    assert!(texts(&done, "#review").is_empty());
}

#[tokio::test]
async fn with_too_few_reviews_the_page_gives_twilios_own_figure() {
    let app = spawn_app().await;
    let (_, renewal, _) = app
        .seed()
        .one_renewal("Acme", 20.0, RenewalState::Submitted)
        .await;
    let staff = app.staff_client("support").await;

    let page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    assert!(text(&page, "#review-time").contains("24 business hours"));
}

#[tokio::test]
async fn a_renewal_waiting_for_the_customer_is_not_polled() {
    let app = spawn_app().await;
    let (_, renewal, _) = app
        .seed()
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("support").await;

    let page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    assert_eq!(attr(&page, "#renewal-live", "data-live-src"), None);
    assert!(texts(&page, "#review").is_empty());
}

#[tokio::test]
async fn the_live_block_needs_a_signed_in_staff_member_and_a_real_renewal() {
    let app = spawn_app().await;
    let (_, renewal, _) = app
        .seed()
        .one_renewal("Acme", 20.0, RenewalState::Submitted)
        .await;
    let staff = app.staff_client("support").await;

    let anonymous = app.get(&format!("/admin/renewals/{renewal}/live")).await;
    let unknown = app
        .get_with(&staff, &format!("/admin/renewals/{}/live", Uuid::new_v4()))
        .await;

    assert_eq!(anonymous.status(), 303);
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_renewal_page_shows_who_recomplys_emails_go_to_and_in_which_language() {
    // Arrange: two users of the renewal's tenant (one reads French), one of another tenant.
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let other = seed.tenant("Globex").await;
    for (tenant_id, email, locale) in [
        (tenant, "ann@acme.example", None),
        (tenant, "benoit@acme.example", Some("fr")),
        (other, "gus@globex.example", None),
    ] {
        sqlx::query("insert into app_user (tenant_id, email, locale) values ($1, $2, $3)")
            .bind(tenant_id)
            .bind(email)
            .bind(locale)
            .execute(&app.db)
            .await
            .unwrap();
    }
    sqlx::query("update bundle set email = 'twilio-notices@acme.example' where tenant_id = $1")
        .bind(tenant)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.staff_client("support").await;

    // Act
    let page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    // Assert
    assert_eq!(
        texts(&page, "#email-recipients li"),
        [
            "ann@acme.example (English)",
            "benoit@acme.example (Français)"
        ]
    );
    assert!(text(&page, "#bundle-email").contains("twilio-notices@acme.example"));
    assert!(text(&page, "#bundle-email").contains("recomply does not write to it"));
}

#[tokio::test]
async fn the_timeline_never_shows_a_state_moving_to_itself_and_names_states_for_staff() {
    let app = spawn_app().await;
    let (tenant, renewal, _) = app
        .seed()
        .one_renewal("Acme", 20.0, RenewalState::CopyDeleted)
        .await;
    for (from, to) in [
        (RenewalState::Approved, RenewalState::ItemsReplaced),
        (RenewalState::ItemsReplaced, RenewalState::ItemsReplaced),
        (RenewalState::ItemsReplaced, RenewalState::CopyDeleted),
    ] {
        app.seed()
            .event(NewEvent {
                tenant_id: tenant,
                renewal_id: renewal,
                from_state: Some(from),
                to_state: to,
                cause: Cause::Job,
                actor: "finish_renewal",
                details: &serde_json::json!({}),
            })
            .await;
    }
    let staff = app.staff_client("support").await;

    let page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    let rows: Vec<String> = texts(&page, "#timeline li p:first-child")
        .into_iter()
        .map(|row| row.split(" job").next().unwrap_or_default().to_owned())
        .collect();
    assert!(
        rows.contains(&"Approved → Items replaced".to_owned()),
        "{rows:?}"
    );
    assert!(rows.contains(&"Items replaced".to_owned()), "{rows:?}");
    assert!(
        rows.contains(&"Items replaced → Copy deleted".to_owned()),
        "{rows:?}"
    );
    for row in &rows {
        let states: Vec<&str> = row.split(" → ").collect();
        assert!(states.len() < 2 || states[0] != states[1], "{row}");
        assert!(!row.contains("Finishing"), "{row}");
    }
}
