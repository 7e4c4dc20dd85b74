//! Renewals across tenants: filters, search, pagination, CSV, and the renewal page.

use crate::harness::spawn_app;
use crate::html::{parse, text, texts};
use recomply::db::timeline::NewEvent;
use recomply::domain::renewal::{Cause, RenewalState};

async fn titles(
    app: &crate::harness::TestApp,
    client: &reqwest::Client,
    path: &str,
) -> Vec<String> {
    let page = parse(&app.get_with(client, path).await.text().await.unwrap());
    texts(&page, ".renewals-table .row-title")
}

#[tokio::test]
async fn the_renewal_list_filters_by_state_tenant_country_days_left_and_sid() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let globex = seed.tenant("Globex").await;
    let (fr, fr_sid) = seed.bundle(acme, "Acme FR", "FR", Some(5.0)).await;
    let (de, _) = seed.bundle(acme, "Acme DE", "DE", Some(45.0)).await;
    let (gb, _) = seed.bundle(globex, "Globex GB", "GB", Some(20.0)).await;
    let (old, _) = seed.bundle(globex, "Globex done", "GB", Some(-10.0)).await;
    seed.renewal(acme, fr, RenewalState::Collecting).await;
    let de_renewal = seed.renewal(acme, de, RenewalState::InReview).await;
    seed.renewal(globex, gb, RenewalState::Collecting).await;
    seed.renewal(globex, old, RenewalState::Completed).await;
    let copy_sid = format!("BU{}", uuid::Uuid::new_v4().simple());
    sqlx::query("update renewal set copy_sid = $1 where renewal_id = $2")
        .bind(&copy_sid)
        .bind(de_renewal)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.staff_client("support").await;

    // Act + Assert
    assert_eq!(
        titles(&app, &staff, "/admin/renewals").await,
        ["Globex done", "Acme FR", "Globex GB", "Acme DE"]
    );
    assert_eq!(
        titles(&app, &staff, "/admin/renewals?state=collecting").await,
        ["Acme FR", "Globex GB"]
    );
    assert_eq!(
        titles(&app, &staff, "/admin/renewals?state=open").await,
        ["Acme FR", "Globex GB", "Acme DE"]
    );
    assert_eq!(
        titles(&app, &staff, &format!("/admin/renewals?tenant={globex}")).await,
        ["Globex done", "Globex GB"]
    );
    assert_eq!(
        titles(&app, &staff, "/admin/renewals?country=de").await,
        ["Acme DE"]
    );
    assert_eq!(
        titles(&app, &staff, "/admin/renewals?days=30").await,
        ["Acme FR", "Globex GB"]
    );
    assert_eq!(
        titles(&app, &staff, "/admin/renewals?days=overdue").await,
        ["Globex done"]
    );
    assert_eq!(
        titles(
            &app,
            &staff,
            &format!("/admin/renewals?q={}", &fr_sid[..12])
        )
        .await,
        ["Acme FR"]
    );
    assert_eq!(
        titles(&app, &staff, &format!("/admin/renewals?q={copy_sid}")).await,
        ["Acme DE"]
    );
    assert_eq!(
        titles(
            &app,
            &staff,
            "/admin/renewals?state=bogus&days=x&tenant=nope"
        )
        .await
        .len(),
        4
    );
    let page = parse(
        &app.get_with(&staff, "/admin/renewals?country=de&days=90")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        crate::html::attr(&page, "#country option[value=DE]", "selected").is_some(),
        "the filter form keeps its values"
    );
    assert!(crate::html::attr(&page, "#days option[value='90']", "selected").is_some());
}

#[tokio::test]
async fn the_renewal_list_is_paginated_and_pages_keep_the_filters() {
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme").await;
    for i in 0..27 {
        let (bundle, _) = seed
            .bundle(tenant, &format!("Line {i:02}"), "FR", Some(1.0 + i as f64))
            .await;
        seed.renewal(tenant, bundle, RenewalState::Collecting).await;
    }
    let staff = app.staff_client("support").await;

    let first = parse(
        &app.get_with(&staff, "/admin/renewals?state=collecting")
            .await
            .text()
            .await
            .unwrap(),
    );
    let next = crate::html::attr(&first, "a[rel=next]", "href").expect("a next link");
    let second = parse(&app.get_with(&staff, &next).await.text().await.unwrap());

    assert_eq!(texts(&first, ".renewals-table .row-title").len(), 25);
    assert_eq!(text(&first, "#result-count"), "1–25 of 27");
    assert!(next.contains("state=collecting"));
    assert_eq!(
        texts(&second, ".renewals-table .row-title"),
        ["Line 25", "Line 26"]
    );
    assert!(crate::html::attr(&second, "a[rel=prev]", "href").is_some());
}

/// Splits CSV text into records of fields (RFC 4180).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![];
    let mut record = vec![];
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[tokio::test]
async fn the_csv_export_matches_the_filtered_renewals_with_proper_quoting() {
    let app = spawn_app().await;
    let seed = app.seed();
    let tenant = seed.tenant("Acme, Inc").await;
    let (tricky, tricky_sid) = seed
        .bundle(tenant, "Main \"HQ\" line,\nFloor 2", "FR", Some(5.0))
        .await;
    let (other, _) = seed.bundle(tenant, "Other", "DE", Some(9.0)).await;
    let renewal = seed.renewal(tenant, tricky, RenewalState::Collecting).await;
    seed.renewal(tenant, other, RenewalState::InReview).await;
    let staff = app.staff_client("support").await;

    let response = app.get_with(&staff, "/admin/renewals.csv?country=FR").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"renewals-")
            && disposition.ends_with(".csv\"")
    );
    let records = parse_csv(&response.text().await.unwrap());
    assert_eq!(records.len(), 2, "a header and the one French renewal");
    assert_eq!(
        records[0][..4],
        ["renewal_id", "tenant", "bundle_sid", "copy_sid"]
    );
    let row = &records[1];
    assert_eq!(row[0], renewal.to_string());
    assert_eq!(row[1], "Acme, Inc");
    assert_eq!(row[2], tricky_sid);
    assert_eq!(row[4], "Main \"HQ\" line,\nFloor 2");
    assert_eq!(row[5], "FR");
    assert_eq!(row[7], "collecting");
    // Five days ahead is "5", as on every page: calendar days, not hours truncated to 4.
    assert_eq!(row[9], "5", "days left, in calendar days");
    let deadline: time::OffsetDateTime =
        sqlx::query_scalar("select deadline from renewal where renewal_id = $1")
            .bind(renewal)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let parsed =
        time::OffsetDateTime::parse(&row[8], &time::format_description::well_known::Rfc3339)
            .unwrap();
    assert_eq!(parsed, deadline);
}

#[tokio::test]
async fn the_renewal_page_shows_timeline_evaluation_items_and_emails() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, sid) = seed
        .one_renewal("Acme", 12.0, RenewalState::Collecting)
        .await;
    let snapshot = serde_json::json!({
        "copy_sid": "BUcccc",
        "regulation": {"sid": "RNdddd", "friendly_name": "France: Mobile - Business",
                       "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
                       "requirements": {}},
        "evaluation": {"sid": "ELaaaa", "status": "noncompliant", "results": [
            {"friendly_name": "Business", "requirement_friendly_name": "Business", "passed": false,
             "object_type": "business", "requirement_name": "business_info", "valid": [],
             "failure_reason": "A field is missing", "error_code": 22215,
             "invalid": [{"friendly_name": "Business Name", "object_field": "business_name",
                          "failure_reason": "The Business Name is missing."}]},
            {"friendly_name": "Address", "requirement_friendly_name": "Address", "passed": true,
             "object_type": "address", "requirement_name": "address_info", "valid": [],
             "invalid": []}]},
        "end_users": [{"sid": "ITbbbb", "assignment_sid": "BVeeee", "item_type": "business",
                       "friendly_name": "Acme SA",
                       "attributes": {"business_name": "", "website": "https://acme.example"}}],
        "documents": [],
        "taken_at": "2026-11-28T12:00:00Z"
    });
    sqlx::query("update renewal set snapshot = $2, snapshot_at = now() where renewal_id = $1")
        .bind(renewal)
        .bind(&snapshot)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "insert into email_outbox (tenant_id, renewal_id, kind, to_address, subject, body_text, body_html, status)
         values ($1, $2, 'action_needed', 'owner@acme.example', 'Action needed: update your bundle', 'text', '<p>html</p>', 'outbox')",
    )
    .bind(tenant)
    .bind(renewal)
    .execute(&app.db)
    .await
    .unwrap();
    let staff = app.staff_client("support").await;

    // Act
    let response = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    // Assert
    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(text(&page, "#bundle-sid"), sid);
    // Staff read staff wording, not the customer's "Waiting for your information".
    assert_eq!(text(&page, "#renewal-state"), "Waiting for the customer");
    assert_eq!(text(&page, "#evaluation-status"), "noncompliant");
    assert!(
        text(&page, ".requirements li.failed")
            .contains("Business Name business_name — The Business Name is missing.")
    );
    assert!(text(&page, ".requirements li.passed").contains("Address"));
    assert!(texts(&page, ".item dd").contains(&"https://acme.example".to_owned()));
    assert_eq!(texts(&page, ".timeline li").len(), 1);
    assert!(text(&page, ".timeline li").contains("valid_until found"));
    assert_eq!(texts(&page, ".emails-table tbody tr").len(), 1);
    assert!(text(&page, ".emails-table").contains("Action needed: update your bundle"));
}

#[tokio::test]
async fn a_timeline_reason_is_shown_once_on_its_own_line_and_not_again_in_the_details() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 12.0, RenewalState::NeedsAttention)
        .await;
    seed.event(NewEvent {
        tenant_id: tenant,
        renewal_id: renewal,
        from_state: Some(RenewalState::Collecting),
        to_state: RenewalState::NeedsAttention,
        cause: Cause::Job,
        actor: "submit_renewal",
        details: &serde_json::json!(
            {"event": "needs_attention", "reason": "Twilio refused the copy", "attempt": 3}
        ),
    })
    .await;
    let staff = app.staff_client("support").await;

    // Act
    let response = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    // Assert
    let page = parse(&response.text().await.unwrap());
    let events = texts(&page, ".timeline li");
    assert_eq!(events.len(), 2);
    assert_eq!(
        texts(&page, ".timeline-reason"),
        ["Reason: Twilio refused the copy"]
    );
    assert_eq!(
        events[1].matches("Twilio refused the copy").count(),
        1,
        "{}",
        events[1]
    );
    let details = texts(&page, ".timeline li pre.json");
    assert!(
        details
            .last()
            .is_some_and(|d| d.contains("\"attempt\":3") && !d.contains("reason")),
        "{details:?}"
    );
}

#[tokio::test]
async fn a_stored_evaluation_that_cannot_be_read_is_said_so_on_the_renewal_page() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (_, renewal, _) = seed
        .one_renewal("Acme", 12.0, RenewalState::Collecting)
        .await;
    sqlx::query("update renewal set snapshot = $2, snapshot_at = now() where renewal_id = $1")
        .bind(renewal)
        .bind(serde_json::json!({"evaluation": {"status": "compliant"}}))
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.staff_client("support").await;

    // Act
    let response = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    // Assert
    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#evaluation-unreadable").contains("could not be read"));
    assert!(texts(&page, "#evaluation-status").is_empty());
}

#[tokio::test]
async fn an_unknown_renewal_is_not_found() {
    let app = spawn_app().await;
    let staff = app.staff_client("support").await;

    let response = app
        .get_with(&staff, &format!("/admin/renewals/{}", uuid::Uuid::new_v4()))
        .await;

    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn the_timeline_exports_as_csv_in_order() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, sid) = seed
        .one_renewal("Acme", 12.0, RenewalState::Collecting)
        .await;
    seed.event(NewEvent {
        tenant_id: tenant,
        renewal_id: renewal,
        from_state: Some(RenewalState::Detected),
        to_state: RenewalState::Collecting,
        cause: Cause::Job,
        actor: "prepare_renewal",
        details: &serde_json::json!({"note": "a, b"}),
    })
    .await;
    let staff = app.staff_client("support").await;

    let response = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}/timeline.csv"))
        .await;

    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("renewal-{sid}-timeline.csv"))
    );
    let records = parse_csv(&response.text().await.unwrap());
    assert_eq!(
        records[0],
        [
            "time",
            "from_state",
            "to_state",
            "cause",
            "actor",
            "details"
        ]
    );
    assert_eq!(records.len(), 3);
    assert_eq!(records[1][2..5], ["detected", "sweep", "sweep"]);
    assert_eq!(
        records[2][1..5],
        ["detected", "collecting", "job", "prepare_renewal"]
    );
    assert_eq!(records[2][5], "{\"note\":\"a, b\"}");
}

#[tokio::test]
async fn only_open_renewals_show_how_many_days_are_left() {
    // Arrange: one open and one completed renewal, both past or near their deadline.
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let (open, _) = seed.bundle(acme, "Acme open", "FR", Some(3.0)).await;
    let (done, _) = seed.bundle(acme, "Acme done", "GB", Some(-10.0)).await;
    let open_renewal = seed.renewal(acme, open, RenewalState::Collecting).await;
    let done_renewal = seed.renewal(acme, done, RenewalState::Completed).await;
    let staff = app.staff_client("support").await;

    // Act
    let list = parse(
        &app.get_with(&staff, "/admin/renewals")
            .await
            .text()
            .await
            .unwrap(),
    );
    let open_page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{open_renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    let done_page = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{done_renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    // Assert: a finished renewal is not "10 days overdue".
    assert_eq!(texts(&list, ".renewals-table .days-left").len(), 1);
    assert_eq!(texts(&open_page, ".head-badges .days-left").len(), 1);
    assert!(texts(&done_page, ".head-badges .days-left").is_empty());
    assert!(!text(&done_page, ".head-badges").contains("overdue"));
}
