//! The dashboard: counts that match the database, and the deadline chart.

use super::{Seed, html, text, texts};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_dashboard_counts_match_the_database() {
    // Arrange: deadlines in 3 days, 20 days, 60 days and one passed; renewals in several states.
    let app = spawn_app().await;
    let seed = Seed::new(&app.db);
    let tenant = seed.tenant("Acme").await;
    let (b3, _) = seed.bundle(tenant, "Soon", "FR", Some(3.5)).await;
    let (b20, _) = seed.bundle(tenant, "Later", "DE", Some(20.5)).await;
    let (b60, _) = seed.bundle(tenant, "Far", "DE", Some(60.5)).await;
    let (past, _) = seed.bundle(tenant, "Past", "FR", Some(-2.0)).await;
    seed.bundle(tenant, "No deadline", "FR", None).await;
    seed.renewal(tenant, b3, "collecting").await;
    seed.renewal(tenant, b20, "collecting").await;
    seed.renewal(tenant, b60, "in_review").await;
    seed.renewal(tenant, past, "needs_attention").await;
    let admin = app.staff_client("support").await;

    // Act
    let page = html(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    // Assert
    assert_eq!(text(&page, "#stat-open .stat-value"), "4");
    assert_eq!(text(&page, "#stat-7 .stat-value"), "1");
    assert_eq!(text(&page, "#stat-30 .stat-value"), "2");
    assert_eq!(text(&page, "#stat-overdue .stat-value"), "1");
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
    texts(page, ".chart-table tbody td.num")
        .iter()
        .map(|t| t.parse().unwrap())
        .collect()
}

#[tokio::test]
async fn the_chart_renders_accessibly_with_no_bundles() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let page = html(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    assert_eq!(
        super::attr(&page, ".chart svg", "role").as_deref(),
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
    let seed = Seed::new(&app.db);
    let tenant = seed.tenant("Acme").await;
    seed.bundle(tenant, "Only", "FR", Some(10.0)).await;
    let admin = app.staff_client("admin").await;

    let page = html(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    let mut expected = vec![0; 12];
    expected[1] = 1;
    assert_eq!(chart_counts(&page), expected);
    assert!(text(&page, ".chart svg desc").starts_with("1 bundle reach"));
    assert_eq!(texts(&page, ".chart text.count"), ["1"]);
}

#[tokio::test]
async fn the_chart_buckets_many_bundles_per_week_and_ignores_those_beyond_twelve_weeks() {
    let app = spawn_app().await;
    let seed = Seed::new(&app.db);
    let tenant = seed.tenant("Acme").await;
    // Whole days, so the calendar-day weeks do not depend on the time of day the test runs.
    for days in [0.0, 1.0, 6.0, 7.0, 8.0, 30.0, 83.0, 84.0, 200.0, -3.0] {
        seed.bundle(tenant, "b", "FR", Some(days)).await;
    }
    let admin = app.staff_client("admin").await;

    let page = html(&app.get_with(&admin, "/admin").await.text().await.unwrap());

    assert_eq!(
        chart_counts(&page),
        vec![3, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    );
    assert!(text(&page, ".chart svg desc").contains("7 bundles"));
    let heights: Vec<f64> = {
        let selector = scraper::Selector::parse(".chart rect.bar").unwrap();
        page.select(&selector)
            .map(|e| e.value().attr("height").unwrap().parse().unwrap())
            .collect()
    };
    assert!(heights[0] > heights[1] && heights[1] > heights[4] && heights[4] > 0.0);
    assert_eq!(heights[2], 0.0);
}
