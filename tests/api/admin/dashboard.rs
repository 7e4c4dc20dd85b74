//! The dashboard: counts that match the database, and the deadline chart.

use time::{Duration, OffsetDateTime};

use crate::harness::spawn_app;
use crate::html::{parse, selector, text, texts};
use recomply::domain::renewal::RenewalState;

/// The chart column of a deadline `days` from now: calendar weeks (Monday to Sunday, UTC)
/// counted from the Monday of this week; `None` beyond the chart's twelve weeks or in the past.
fn chart_week(days: f64) -> Option<usize> {
    let now = OffsetDateTime::now_utc();
    let monday = |d: time::Date| d - Duration::days(d.weekday().number_days_from_monday().into());
    let due = (now + Duration::seconds_f64(days * 86400.0)).date();
    let week = (monday(due) - monday(now.date())).whole_days() / 7;
    (days >= 0.0 && week < 12).then_some(week as usize)
}

#[tokio::test]
async fn the_dashboard_counts_match_the_database() {
    // Arrange: deadlines in 3 days, 20 days, 60 days and one passed; renewals in several states.
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    let (b3, _) = seed.bundle(tenant, "Soon", "FR", Some(3.5)).await;
    let (b20, _) = seed.bundle(tenant, "Later", "DE", Some(20.5)).await;
    let (b60, _) = seed.bundle(tenant, "Far", "DE", Some(60.5)).await;
    let (past, _) = seed.bundle(tenant, "Past", "FR", Some(-2.0)).await;
    seed.bundle(tenant, "No deadline", "FR", None).await;
    seed.renewal(tenant, b3, RenewalState::Collecting).await;
    seed.renewal(tenant, b20, RenewalState::Collecting).await;
    seed.renewal(tenant, b60, RenewalState::InReview).await;
    seed.renewal(tenant, past, RenewalState::NeedsAttention)
        .await;
    // Submit-by dates five days before each deadline: only "Soon" (collecting) is past it.
    sqlx::query("update renewal set submit_by = deadline - interval '5 days'")
        .execute(&app.db)
        .await
        .unwrap();
    let admin = app.staff_client("support").await;

    // Act
    let page = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    // Assert
    assert_eq!(text(&page, "#stat-open .stat-value"), "4");
    assert_eq!(text(&page, "#stat-7 .stat-value"), "1");
    assert_eq!(text(&page, "#stat-30 .stat-value"), "2");
    assert_eq!(text(&page, "#stat-overdue .stat-value"), "1");
    assert_eq!(text(&page, "#stat-submit-by .stat-value"), "1");
    assert_eq!(
        text(&page, "#renewals-by-state tr[data-state=collecting] td.num"),
        "2"
    );
    assert_eq!(
        text(&page, "#renewals-by-state tr[data-state=in_review] td.num"),
        "1"
    );
    assert_eq!(
        text(
            &page,
            "#renewals-by-state tr[data-state=needs_attention] td.num"
        ),
        "1"
    );
    assert_eq!(
        text(&page, "#renewals-by-state tr[data-state=completed] td.num"),
        "0"
    );
    let closest = texts(&page, ".renewals-table .row-title");
    assert_eq!(
        closest,
        ["Past", "Soon", "Later", "Far"],
        "closest deadline first"
    );
}

fn chart_counts(page: &scraper::Html) -> Vec<i64> {
    texts(page, ".chart-table tbody td.num:nth-child(2)")
        .iter()
        .map(|t| t.parse().unwrap())
        .collect()
}

#[tokio::test]
async fn the_chart_renders_accessibly_with_no_bundles() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let page = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    assert_eq!(
        crate::html::attr(&page, ".chart svg", "role").as_deref(),
        Some("img")
    );
    assert!(!text(&page, ".chart svg title").is_empty());
    assert!(text(&page, ".chart svg desc").starts_with("No bundle reaches its deadline"));
    assert_eq!(chart_counts(&page), vec![0; 12]);
    assert_eq!(texts(&page, ".chart rect.bar").len(), 12);
}

#[tokio::test]
async fn the_chart_shows_a_single_bundle_in_its_week() {
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    seed.bundle(tenant, "Only", "FR", Some(10.0)).await;
    let admin = app.staff_client("admin").await;

    let page = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    let mut expected = vec![0; 12];
    expected[chart_week(10.0).unwrap()] = 1;
    assert_eq!(chart_counts(&page), expected);
    assert!(text(&page, ".chart svg desc").starts_with("1 bundle reach"));
    assert_eq!(texts(&page, ".chart text.count"), ["1"]);
}

#[tokio::test]
async fn the_chart_buckets_many_bundles_per_week_and_ignores_those_beyond_twelve_weeks() {
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    let all_days = [0.5, 1.0, 6.5, 7.5, 8.0, 30.0, 83.0, 85.0, 200.0, -3.0];
    for days in all_days {
        seed.bundle(tenant, "b", "FR", Some(days)).await;
    }
    let mut expected = vec![0; 12];
    for week in all_days.into_iter().filter_map(chart_week) {
        expected[week] += 1;
    }
    let admin = app.staff_client("admin").await;

    let page = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    assert_eq!(chart_counts(&page), expected);
    let shown: i64 = expected.iter().sum();
    assert!(
        text(&page, ".chart svg desc").contains(&format!("{shown} bundles")),
        "{shown} bundles are within the chart's weeks"
    );
    let heights: Vec<f64> = {
        page.select(&selector(".chart rect.bar"))
            .map(|e| e.value().attr("height").unwrap().parse().unwrap())
            .collect()
    };
    for (height, count) in heights.iter().zip(&expected) {
        assert_eq!(
            *height == 0.0,
            *count == 0,
            "a bar is drawn exactly for a week with bundles"
        );
    }
    let tallest = expected.iter().max().unwrap();
    for (a, b) in expected.iter().zip(&heights) {
        if a == tallest {
            assert!(
                heights.iter().all(|h| h <= b),
                "the busiest week is the tallest bar"
            );
        }
    }
}

#[tokio::test]
async fn a_bundle_due_on_a_tuesday_sits_under_the_monday_that_starts_its_week() {
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    let today = OffsetDateTime::now_utc().date();
    let this_monday = today - Duration::days(today.weekday().number_days_from_monday().into());
    let tuesday_in_two_weeks = this_monday + Duration::days(15);
    let days = (tuesday_in_two_weeks.midnight().assume_utc() + Duration::hours(12)
        - OffsetDateTime::now_utc())
    .as_seconds_f64()
        / 86400.0;
    seed.bundle(tenant, "Tuesday", "FR", Some(days)).await;
    let admin = app.staff_client("admin").await;

    let page = parse(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    let counts = chart_counts(&page);
    assert_eq!(counts[2], 1, "the third calendar week: {counts:?}");
    let labels = texts(&page, ".chart-table tbody td:first-child");
    let monday = this_monday + Duration::days(14);
    let label = monday
        .format(time::macros::format_description!(
            "[month repr:short] [day padding:none]"
        ))
        .unwrap();
    assert_eq!(labels[2], label, "labelled by the Monday of its week");
}

#[tokio::test]
async fn the_index_friendly_deadline_conditions_agree_with_the_days_until_rule() {
    use recomply::db::deadline::{days_between, days_until, past};
    let app = crate::harness::spawn_app().await;
    // Around every boundary: the last and first second of today, of day 7 and of day 8.
    let offsets_in_seconds = [
        -86_401,
        -1,
        0,
        1,
        86_399,
        7 * 86_400 + 86_399,
        8 * 86_400,
        31 * 86_400,
    ];
    for offset in offsets_in_seconds {
        let moment = format!(
            "(date_trunc('day', now() at time zone 'UTC') at time zone 'UTC') + make_interval(secs => {offset})"
        );
        let sql = format!(
            "select {} between 0 and 7, {}, {} < 0, {}",
            days_until(&moment),
            days_between(&moment, 0, 7),
            days_until(&moment),
            past(&moment)
        );
        let (rule, range, rule_past, range_past): (bool, bool, bool, bool) =
            sqlx::query_as(&sql).fetch_one(&app.db).await.unwrap();
        assert_eq!(rule, range, "within 7 days at {offset}s");
        assert_eq!(rule_past, range_past, "overdue at {offset}s");
    }
}
