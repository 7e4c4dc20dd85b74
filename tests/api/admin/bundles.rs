//! `/admin/bundles`: every mirrored bundle across tenants, filtered, searched and paginated,
//! with the same counts as the database.

use scraper::Html;
use sqlx::PgPool;
use uuid::Uuid;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, selector, text};
use recomply::domain::renewal::RenewalState;

/// What a bundles page shows: the SIDs of its rows and the "1–3 of 3" count.
struct Listed {
    sids: Vec<String>,
    count: String,
    page: Html,
}

async fn list(app: &TestApp, staff: &reqwest::Client, query: &str) -> Listed {
    let response = app
        .get_with(staff, &format!("/admin/bundles?{query}"))
        .await;
    assert_eq!(response.status(), 200, "{query}");
    let page = parse(&response.text().await.unwrap());
    let rows = selector("tr[data-bundle-sid]");
    let mut sids: Vec<String> = page
        .select(&rows)
        .map(|row| row.value().attr("data-bundle-sid").unwrap().to_owned())
        .collect();
    sids.sort();
    Listed {
        sids,
        count: text(&page, "#result-count"),
        page,
    }
}

fn sorted(sids: &[&String]) -> Vec<String> {
    let mut sids: Vec<String> = sids.iter().map(|s| (*s).clone()).collect();
    sids.sort();
    sids
}

async fn set_status(db: &PgPool, sid: &str, status: &str) {
    sqlx::query("update bundle set status = $2 where sid = $1")
        .bind(sid)
        .bind(status)
        .execute(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn bundles_of_every_tenant_are_filtered_by_tenant_status_country_and_days_left() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let globex = seed.tenant("Globex").await;
    let (urgent, urgent_sid) = seed.bundle(acme, "Urgent", "FR", Some(3.5)).await;
    let (_, month_sid) = seed.bundle(acme, "This month", "FR", Some(20.5)).await;
    let (_, later_sid) = seed.bundle(acme, "Later", "DE", Some(100.5)).await;
    let (_, undated_sid) = seed.bundle(acme, "Undated", "FR", None).await;
    let (_, globex_soon) = seed.bundle(globex, "Soon", "DE", Some(5.5)).await;
    let (_, expired_sid) = seed.bundle(globex, "Expired", "FR", Some(-2.5)).await;
    set_status(&app.db, &later_sid, "twilio-rejected").await;
    set_status(&app.db, &globex_soon, "twilio-rejected").await;
    let renewal = seed.renewal(acme, urgent, RenewalState::Collecting).await;
    let staff = app.staff_client("support").await;

    // Act
    let all = list(&app, &staff, "").await;
    let of_acme = list(&app, &staff, &format!("tenant={acme}")).await;
    let rejected = list(&app, &staff, "status=twilio-rejected").await;
    let german = list(&app, &staff, "country=de").await;
    let within_7 = list(&app, &staff, "days=7").await;
    let within_30 = list(&app, &staff, "days=30").await;
    let expired = list(&app, &staff, "days=overdue").await;
    let combined = list(
        &app,
        &staff,
        &format!("tenant={globex}&status=twilio-rejected&country=DE&days=7"),
    )
    .await;
    let nothing = list(&app, &staff, &format!("tenant={globex}&country=FR&days=7")).await;

    // Assert
    assert_eq!(all.sids.len(), 6);
    assert_eq!(all.count, "1–6 of 6");
    assert_eq!(
        of_acme.sids,
        sorted(&[&urgent_sid, &month_sid, &later_sid, &undated_sid])
    );
    assert_eq!(rejected.sids, sorted(&[&later_sid, &globex_soon]));
    assert_eq!(german.sids, sorted(&[&later_sid, &globex_soon]));
    assert_eq!(within_7.sids, sorted(&[&urgent_sid, &globex_soon]));
    assert_eq!(
        within_30.sids,
        sorted(&[&urgent_sid, &month_sid, &globex_soon])
    );
    assert_eq!(expired.sids, vec![expired_sid.clone()]);
    assert_eq!(combined.sids, vec![globex_soon.clone()]);
    assert!(nothing.sids.is_empty());
    assert_eq!(nothing.count, "No results");
    assert!(text(&nothing.page, ".empty-state").contains("No bundle matches"));
    // The filters are shown as chosen, and the nav marks the page.
    assert!(
        attr(&combined.page, "#status option[selected]", "value").as_deref()
            == Some("twilio-rejected")
    );
    assert_eq!(
        attr(&combined.page, "#tenant option[selected]", "value"),
        Some(globex.to_string())
    );
    assert_eq!(
        attr(&all.page, "nav a[aria-current=page]", "href").as_deref(),
        Some("/admin/bundles")
    );
    // A bundle with a renewal links to it; one without says so.
    let urgent_row = format!("tr[data-bundle-sid={urgent_sid}]");
    assert_eq!(
        attr(&all.page, &format!("{urgent_row} a.renewal-link"), "href"),
        Some(format!("/admin/renewals/{renewal}"))
    );
    assert_eq!(
        attr(
            &all.page,
            &format!("{urgent_row} [data-state]"),
            "data-state"
        )
        .as_deref(),
        Some("collecting")
    );
    let month_row = format!("tr[data-bundle-sid={month_sid}]");
    assert_eq!(
        attr(&all.page, &format!("{month_row} a.renewal-link"), "href"),
        None
    );
}

#[tokio::test]
async fn the_dashboard_deadline_counts_match_the_bundles_they_link_to() {
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    for days in [1.5, 6.5, 12.5, 29.5, 45.5, -3.5] {
        seed.bundle(acme, "Line", "FR", Some(days)).await;
    }
    let staff = app.staff_client("support").await;

    let dashboard = parse(&app.get_with(&staff, "/admin").await.text().await.unwrap());
    let link_7 = attr(&dashboard, "#stat-7", "href").unwrap();
    let link_30 = attr(&dashboard, "#stat-30", "href").unwrap();
    let within_7 = list(&app, &staff, link_7.split_once('?').unwrap().1).await;
    let within_30 = list(&app, &staff, link_30.split_once('?').unwrap().1).await;

    let in_db = |days: i32| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from bundle
             where valid_until between now() and now() + make_interval(days => $1)",
        )
        .bind(days)
        .fetch_one(&app.db)
    };
    let (db_7, db_30) = (in_db(7).await.unwrap(), in_db(30).await.unwrap());
    assert_eq!((db_7, db_30), (2, 4));
    assert_eq!(text(&dashboard, "#stat-7 .stat-value"), db_7.to_string());
    assert_eq!(text(&dashboard, "#stat-30 .stat-value"), db_30.to_string());
    assert_eq!(within_7.sids.len() as i64, db_7);
    assert_eq!(within_7.count, format!("1–{db_7} of {db_7}"));
    assert_eq!(within_30.count, format!("1–{db_30} of {db_30}"));
}

#[tokio::test]
async fn a_bundle_is_found_by_part_of_its_own_sid_or_of_a_renewal_copy_sid() {
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let (bundle, sid) = seed.bundle(acme, "Main line", "FR", Some(10.0)).await;
    let (_, other_sid) = seed.bundle(acme, "Other line", "FR", Some(12.0)).await;
    let renewal = seed.renewal(acme, bundle, RenewalState::Collecting).await;
    let copy_sid = format!("BU{}", Uuid::new_v4().simple());
    sqlx::query("update renewal set copy_sid = $2 where renewal_id = $1")
        .bind(renewal)
        .bind(&copy_sid)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.staff_client("support").await;

    let by_own = list(&app, &staff, &format!("q={}", &sid[2..14].to_uppercase())).await;
    let by_copy = list(&app, &staff, &format!("q=+{copy_sid}+")).await;
    let by_other = list(&app, &staff, &format!("q={other_sid}")).await;
    let unknown = list(&app, &staff, "q=BU0000000000000000").await;

    assert_eq!(by_own.sids, vec![sid.clone()]);
    assert_eq!(by_copy.sids, vec![sid.clone()]);
    assert!(text(&by_copy.page, ".bundles-table").contains(&format!("copy {copy_sid}")));
    assert_eq!(
        attr(&by_copy.page, "a.renewal-link", "href"),
        Some(format!("/admin/renewals/{renewal}"))
    );
    assert_eq!(by_other.sids, vec![other_sid]);
    assert!(unknown.sids.is_empty());
    assert_eq!(
        attr(&by_copy.page, "#q", "value"),
        Some(format!(" {copy_sid} "))
    );
}

#[tokio::test]
async fn pages_of_bundles_keep_the_filters_and_together_list_every_match_once() {
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    for i in 0..30 {
        seed.bundle(acme, &format!("Line {i}"), "FR", Some(40.0 + f64::from(i)))
            .await;
    }
    seed.bundle(acme, "German line", "DE", Some(41.0)).await;
    let staff = app.staff_client("support").await;

    let first = list(&app, &staff, "country=FR").await;
    let next = attr(&first.page, "a[rel=next]", "href").expect("a next page");
    let second = list(&app, &staff, next.split_once('?').unwrap().1).await;
    let past_the_end = list(&app, &staff, "country=FR&page=9").await;

    let in_db: i64 = sqlx::query_scalar("select count(*) from bundle where iso_country = 'FR'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(in_db, 30);
    assert_eq!(first.sids.len(), 25);
    assert_eq!(first.count, "1–25 of 30");
    assert!(
        next.contains("country=FR") && next.ends_with("page=2"),
        "{next}"
    );
    assert_eq!(second.sids.len(), 5);
    assert_eq!(second.count, "26–30 of 30");
    assert!(attr(&second.page, "a[rel=next]", "href").is_none());
    let prev = attr(&second.page, "a[rel=prev]", "href").unwrap();
    assert!(prev.contains("country=FR") && prev.ends_with("page=1"));
    let mut every: Vec<String> = first.sids.iter().chain(&second.sids).cloned().collect();
    every.sort();
    every.dedup();
    assert_eq!(every.len(), 30, "no bundle on both pages, none missing");
    assert!(past_the_end.sids.is_empty());
    assert!(attr(&past_the_end.page, "a[rel=prev]", "href").is_some());
}

#[tokio::test]
async fn a_bundle_due_earlier_today_reads_today_and_is_not_yet_overdue() {
    // Arrange: a deadline a little earlier today (UTC), whatever the time of day.
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let now = time::OffsetDateTime::now_utc();
    let since_midnight = (now - now.replace_time(time::Time::MIDNIGHT)).as_seconds_f64();
    let days = -since_midnight / 2.0 / 86_400.0;
    let (_, sid) = seed.bundle(acme, "Due today", "FR", Some(days)).await;
    let staff = app.staff_client("support").await;

    // Act
    let overdue = list(&app, &staff, "days=overdue").await;
    let within_7 = list(&app, &staff, "days=7").await;

    // Assert
    assert!(overdue.sids.is_empty());
    assert_eq!(within_7.sids, [sid]);
    assert!(text(&within_7.page, "tbody tr").contains("Today"));
}
