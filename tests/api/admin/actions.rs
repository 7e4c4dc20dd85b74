//! Staff actions on a renewal: each has its effect and lands on the timeline with the staff
//! member's name.

use recomply::db::tenants::set_credentials;
use recomply::domain::ids::RenewalId;
use recomply::twilio::{
    EndUserType, NewBundle, RegulationSelector, TwilioClient, TwilioConfig, TwilioCredentials,
    TwilioError,
};

use crate::harness::{TestApp, client, spawn_app};
use crate::html::{exists, parse, text};
use recomply::db::timeline::NewEvent;
use recomply::domain::renewal::{Cause, RenewalState};

async fn count(db: &sqlx::PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

async fn last_event(
    db: &sqlx::PgPool,
    renewal: RenewalId,
) -> (String, String, Option<String>, serde_json::Value) {
    sqlx::query_as(
        "select to_state, cause, actor, details from renewal_event where renewal_id = $1
         order by renewal_event_id desc limit 1",
    )
    .bind(renewal)
    .fetch_one(db)
    .await
    .unwrap()
}

#[tokio::test]
async fn cancelling_asks_for_confirmation_then_deletes_the_copy_in_twilio() {
    // Arrange: a tenant on the emulator, a draft standing in as the renewal's copy.
    let (app, emulator) = TestApp::builder().spawn_with_emulator().await;
    let account = emulator.create_account("Acme");
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let credentials =
        TwilioCredentials::with_auth_token(&account.account_sid, account.auth_token.clone().into());
    set_credentials(&app.db, &app.config.secret_key, tenant, &credentials)
        .await
        .unwrap();
    let twilio = TwilioClient::new(TwilioConfig::for_emulator(emulator.base_url()))
        .unwrap()
        .for_tenant(tenant, &credentials);
    let copy = twilio
        .create_bundle(&NewBundle {
            friendly_name: "Copy".into(),
            email: "ops@acme.example".into(),
            status_callback: None,
            regulation: RegulationSelector::NumberGroup {
                iso_country: "FR".into(),
                number_type: "mobile".into(),
                end_user_type: EndUserType::Business,
            },
            is_test: None,
        })
        .await
        .unwrap();
    sqlx::query("update renewal set copy_sid = $2 where renewal_id = $1")
        .bind(renewal)
        .bind(&copy.sid)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.staff_client("support").await;
    // Act
    let confirm = app
        .get_with(&staff, &format!("/admin/renewals/{renewal}/cancel"))
        .await;
    let confirm = parse(&confirm.text().await.unwrap());
    let csrf = crate::html::attr(&confirm, "form input[name=csrf_token]", "value").unwrap();
    let still_there = twilio.fetch_bundle(&copy.sid).await;
    let response = app
        .post_form(
            &staff,
            &format!("/admin/renewals/{renewal}/cancel"),
            &[("csrf_token", &csrf), ("reason", "numbers_released")],
        )
        .await;

    // Assert
    assert_eq!(text(&confirm, "h1"), "Cancel this renewal?");
    assert!(text(&confirm, ".confirm-card").contains(copy.sid.as_str()));
    assert!(
        still_there.is_ok(),
        "showing the confirmation deletes nothing"
    );
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 303, "{}", text(&parse(&body), "#notice"));
    assert!(matches!(
        twilio.fetch_bundle(&copy.sid).await,
        Err(TwilioError::NotFound { .. })
    ));
    let state: String = sqlx::query_scalar("select state from renewal where renewal_id = $1")
        .bind(renewal)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "cancelled");
    let (to_state, cause, actor, _) = last_event(&app.db, renewal).await;
    assert_eq!(
        (to_state.as_str(), cause.as_str(), actor.as_deref()),
        ("cancelled", "staff", Some("Sam Support"))
    );
    let page = parse(
        &app.get_with(
            &staff,
            &format!("/admin/renewals/{renewal}?notice=cancelled"),
        )
        .await
        .text()
        .await
        .unwrap(),
    );
    assert!(text(&page, "#notice").contains("cancelled"));
    assert!(text(&page, ".timeline li:last-child").contains("Sam Support"));
    assert!(text(&page, ".timeline li:last-child").contains("phone numbers were released"));
    assert_eq!(text(&page, "#action-reopen"), "Reopen for renewal");
}

#[tokio::test]
async fn cancelling_without_a_reason_or_with_a_bad_snooze_day_is_explained_beside_the_field() {
    // Arrange
    let app = spawn_app().await;
    let (_, renewal, _) = app
        .seed()
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("support").await;
    let path = format!("/admin/renewals/{renewal}/cancel");
    let csrf = app.csrf_at(&staff, &path).await;

    // Act
    let no_reason = app.post_form(&staff, &path, &[("csrf_token", &csrf)]).await;
    let no_reason_status = no_reason.status();
    let no_reason = parse(&no_reason.text().await.unwrap());
    let past = app
        .post_form(
            &staff,
            &path,
            &[
                ("csrf_token", &csrf),
                ("reason", "snoozed"),
                ("snooze_until", "2020-01-31"),
            ],
        )
        .await;
    let past_status = past.status();
    let past = parse(&past.text().await.unwrap());
    let junk = app
        .post_form(
            &staff,
            &path,
            &[
                ("csrf_token", &csrf),
                ("reason", "snoozed"),
                ("snooze_until", "next week"),
            ],
        )
        .await;
    let junk = parse(&junk.text().await.unwrap());

    // Assert
    assert_eq!(no_reason_status, 422);
    assert_eq!(
        text(&no_reason, "#reason-error"),
        "Choose why the renewal is cancelled."
    );
    assert_eq!(past_status, 422);
    assert_eq!(
        text(&past, "#snooze_until-error"),
        "Choose a day after today."
    );
    assert_eq!(
        crate::html::attr(&past, "#snooze_until", "value").as_deref(),
        Some("2020-01-31"),
        "the day typed is kept"
    );
    assert!(
        crate::html::attr(&past, "#reason-snoozed", "checked").is_some(),
        "the reason chosen is kept"
    );
    assert!(text(&junk, "#snooze_until-error").contains("year-month-day"));
    let state: String = sqlx::query_scalar("select state from renewal where renewal_id = $1")
        .bind(renewal)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "collecting", "nothing was cancelled");
}

#[tokio::test]
async fn a_created_sign_in_link_is_shown_once_signs_the_customer_in_and_is_not_logged() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let user = recomply::db::users::add_user(&app.db, tenant, "owner@acme.example", "Owner")
        .await
        .unwrap();
    let staff = app.staff_client("support").await;
    let csrf = app
        .csrf_at(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    let page_path = format!("/admin/renewals/{renewal}");
    let response = app
        .post_then_follow(
            &staff,
            &format!("/admin/renewals/{renewal}/sign-in-link"),
            &[
                ("app_user_id", &user.app_user_id.to_string()),
                ("csrf_token", &csrf),
            ],
            &page_path,
        )
        .await;

    let page = parse(&response.text().await.unwrap());
    let link = crate::html::attr(&page, "#sign-in-link", "value").expect("the link is shown");
    assert!(link.starts_with(&format!("{}/login/", app.address)));
    assert_eq!(
        crate::html::attr(&page, "#notice button.copy-button", "data-copy").as_deref(),
        Some("sign-in-link"),
        "a copy button copies the link (shown by the script, hidden without it)"
    );
    assert!(text(&page, "#notice").contains("owner@acme.example"));
    let links_made = count(&app.db, "select count(*) from magic_link").await;
    let events = count(&app.db, "select count(*) from renewal_event").await;
    let again = parse(
        &app.get_with(&staff, &format!("/admin/renewals/{renewal}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        crate::html::attr(&again, "#sign-in-link", "value").is_none(),
        "shown only once"
    );
    assert!(!exists(&again, "#notice"), "no notice on a reload");
    assert_eq!(
        count(&app.db, "select count(*) from magic_link").await,
        links_made
    );
    assert_eq!(
        count(&app.db, "select count(*) from renewal_event").await,
        events
    );
    let (_, cause, actor, details) = last_event(&app.db, renewal).await;
    assert_eq!(
        (cause.as_str(), actor.as_deref()),
        ("staff", Some("Sam Support"))
    );
    assert_eq!(details["user"], "owner@acme.example");
    assert!(
        !details
            .to_string()
            .contains(link.rsplit('/').next().unwrap()),
        "the token is not stored"
    );
    let customer = client();
    let signed_in = crate::harness::follow_link(&customer, &link).await;
    assert_eq!(signed_in.status(), 303, "the link signs the customer in");
    // The customer's session is no key to /admin.
    let admin = customer
        .get(format!("{}/admin", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 303);
    assert_eq!(admin.headers()["location"], "/admin/login");
}

#[tokio::test]
async fn retrying_a_renewal_that_needs_attention_resumes_it_and_records_the_staff_member() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (tenant, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::NeedsAttention)
        .await;
    seed.event(NewEvent {
        tenant_id: tenant,
        renewal_id: renewal,
        from_state: Some(RenewalState::Detected),
        to_state: RenewalState::NeedsAttention,
        cause: Cause::Job,
        actor: "prepare_renewal",
        details: &serde_json::json!({}),
    })
    .await;
    let staff = app.staff_client("admin").await;
    let csrf = app
        .csrf_at(&staff, &format!("/admin/renewals/{renewal}"))
        .await;

    let page_path = format!("/admin/renewals/{renewal}");
    let response = app
        .post_then_follow(
            &staff,
            &format!("/admin/renewals/{renewal}/retry"),
            &[("csrf_token", &csrf)],
            &page_path,
        )
        .await;

    assert_eq!(response.status(), 200);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#notice"),
        "Retried: the renewal is back at \u{201c}Detected\u{201d} and that step runs again in the background."
    );
    assert!(
        !exists(&page, "#action-retry"),
        "nothing failed any more, so no Retry"
    );
    let events = count(&app.db, "select count(*) from renewal_event").await;
    let reload = parse(&app.get_with(&staff, &page_path).await.text().await.unwrap());
    assert!(!exists(&reload, "#notice"), "no notice on a reload");
    assert_eq!(
        count(&app.db, "select count(*) from renewal_event").await,
        events
    );
    let state: String = sqlx::query_scalar("select state from renewal where renewal_id = $1")
        .bind(renewal)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "detected");
    let staff_events: Vec<(String, Option<String>)> = sqlx::query_as(
        "select cause, actor from renewal_event where renewal_id = $1 and cause = 'staff'",
    )
    .bind(renewal)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(
        !staff_events.is_empty()
            && staff_events
                .iter()
                .all(|(_, a)| a.as_deref() == Some("Ada Admin"))
    );
    let prepare: i64 =
        sqlx::query_scalar("select count(*) from job where kind = 'prepare_renewal'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(prepare, 1);
}

#[tokio::test]
async fn a_dead_job_can_be_retried_from_the_jobs_page() {
    let app = spawn_app().await;
    let tenant = app.seed().tenant("Acme").await;
    let job_id: i64 = sqlx::query_scalar(
        "insert into job (kind, payload, tenant_id, status, attempts, max_attempts, last_error)
         values ('sweep_tenant', '{}', $1, 'dead', 12, 12, 'Twilio 20003: Authenticate') returning job_id",
    )
    .bind(tenant).fetch_one(&app.db).await.unwrap();
    let staff = app.staff_client("support").await;

    let listed = parse(
        &app.get_with(&staff, "/admin/jobs")
            .await
            .text()
            .await
            .unwrap(),
    );
    let dashboard = parse(&app.get_with(&staff, "/admin").await.text().await.unwrap());
    let csrf = crate::html::attr(&listed, "input[name=csrf_token]", "value").unwrap();
    let response = app
        .post_form(
            &staff,
            &format!("/admin/jobs/{job_id}/retry"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert!(text(&listed, ".jobs-table").contains("Twilio 20003: Authenticate"));
    assert!(text(&dashboard, "#stat-jobs .stat-value").starts_with('1'));
    assert_eq!(response.status(), 303);
    let (status, attempts): (String, i32) =
        sqlx::query_as("select status, attempts from job where job_id = $1")
            .bind(job_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("pending", 0));
}

#[tokio::test]
async fn retry_is_offered_only_where_a_step_failed_and_elsewhere_does_nothing() {
    let app = spawn_app().await;
    let seed = app.seed();
    let (_, renewal, _) = seed
        .one_renewal("Acme", 20.0, RenewalState::Collecting)
        .await;
    let staff = app.staff_client("admin").await;
    let page_path = format!("/admin/renewals/{renewal}");
    let page = parse(&app.get_with(&staff, &page_path).await.text().await.unwrap());
    assert!(!exists(&page, "#action-retry"));
    let csrf = app.csrf_at(&staff, &page_path).await;
    let events = count(&app.db, "select count(*) from renewal_event").await;
    let jobs = count(&app.db, "select count(*) from job").await;

    let response = app
        .post_then_follow(
            &staff,
            &format!("/admin/renewals/{renewal}/retry"),
            &[("csrf_token", &csrf)],
            &page_path,
        )
        .await;

    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#notice"),
        "No step of this renewal has failed; nothing was retried."
    );
    assert_eq!(
        count(&app.db, "select count(*) from renewal_event").await,
        events
    );
    assert_eq!(count(&app.db, "select count(*) from job").await, jobs);
    let state: String = sqlx::query_scalar("select state from renewal where renewal_id = $1")
        .bind(renewal)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "collecting");
}

#[tokio::test]
async fn the_jobs_page_lists_live_workers_with_their_last_heartbeat_and_not_silent_ones() {
    let app = spawn_app().await;
    for (id, silent_secs) in [("host-a:101:aaaa", 2), ("host-b:202:bbbb", 600)] {
        sqlx::query(
            "insert into job_worker (worker_id, host, pid, concurrency, last_heartbeat_at)
             values ($1, split_part($1, ':', 1), split_part($1, ':', 2)::int, 4,
                     now() - make_interval(secs => $2))",
        )
        .bind(id)
        .bind(silent_secs as f64)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let staff = app.staff_client("support").await;

    let listed = parse(
        &app.get_with(&staff, "/admin/jobs")
            .await
            .text()
            .await
            .unwrap(),
    );

    let workers = text(&listed, "#workers");
    assert!(workers.contains("host-a:101:aaaa"), "{workers}");
    assert!(workers.contains("s ago"), "{workers}");
    assert!(
        !workers.contains("host-b"),
        "a silent worker is not live: {workers}"
    );
}
