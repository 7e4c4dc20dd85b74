//! The submit-by date (pages, emails, the reminder schedule), reminders after a rejection,
//! Twilio's `provisionally-approved` answer, test bundles (IsTest, 18099), and bundles
//! rejected outside any renewal.

use recomply::domain::ids::UserId;
use recomply::domain::renewal::RenewalState;
use recomply::i18n::Tr;
use recomply::lifecycle::reminders;
use serde_json::json;
use time::{Duration, OffsetDateTime, Weekday};

use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::{Tenant, World};
use crate::notifications::submit_by_in;

/// Six business days (Monday to Friday) before `deadline`, counted by hand.
fn six_business_days_before(deadline: OffsetDateTime) -> OffsetDateTime {
    let mut day = deadline;
    let mut left = 6;
    while left > 0 {
        day -= Duration::days(1);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    day
}

/// A client signed in as the tenant's customer, through the link of the first email they got.
async fn customer_client(world: &World, tenant: &Tenant) -> reqwest::Client {
    let mail = world
        .mailbox
        .to(&tenant.user_email)
        .into_iter()
        .next()
        .expect("the customer got an email");
    let start = mail
        .text
        .find(&format!("{}/login/", world.address))
        .expect("the email links to the app");
    let link: String = mail.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = crate::harness::follow_link(&client, &link).await;
    assert_eq!(response.status(), 303, "the link signs the customer in");
    client
}

async fn page(world: &World, client: &reqwest::Client, path: &str) -> String {
    let response = client
        .get(format!("{}{path}", world.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_submit_by_date_shows_on_the_page_and_in_the_email_and_the_reminder_fires_off_it() {
    // Arrange: Twilio's deadline is 30 days away.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;
    world.run_jobs().await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    let deadline = renewal.deadline.expect("a deadline");

    // Assert: six business days before the deadline (a 2-day review, a 2-day fix, another
    // review), in the email and on the customer's pages.
    let submit_by = renewal.submit_by.expect("a submit-by date");
    assert_eq!(submit_by, six_business_days_before(deadline));
    let sentence = format!(
        "Submit by {} — Twilio needs about 2 business days to review.",
        Tr::english().date(submit_by)
    );
    let emails = world.emails(renewal_id).await;
    let action_needed = emails.iter().find(|e| e.0 == "action_needed").unwrap();
    assert!(action_needed.3.contains(&sentence), "{}", action_needed.3);
    let client = customer_client(&world, &tenant).await;
    let renewal_page = page(&world, &client, &format!("/renewals/{renewal_id}")).await;
    assert!(renewal_page.contains(&sentence), "{renewal_page}");
    let my_bundles = page(&world, &client, "/bundles").await;
    assert!(my_bundles.contains(&sentence), "{my_bundles}");

    // Act: 14 days before the submit-by date (22 before the deadline) a reminder is due.
    submit_by_in(&world, renewal_id, 15).await;
    let now = OffsetDateTime::now_utc;
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 1);
    world.run_jobs().await;
    submit_by_in(&world, renewal_id, 14).await;
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 1);
    world.run_jobs().await;

    // Assert: the reminder counts down to the deadline and names the submit-by date.
    let reminder = world
        .emails(renewal_id)
        .await
        .into_iter()
        .rfind(|e| e.0 == "reminder")
        .expect("a reminder");
    assert_eq!(
        reminder.2,
        "Reminder: 22 days left to update Acme UK mobile"
    );
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    let expected = format!(
        "Submit by {} — Twilio needs about 2 business days to review.",
        Tr::english().date(renewal.submit_by.unwrap())
    );
    assert!(reminder.3.contains(&expected), "{}", reminder.3);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn reminders_and_the_staff_alert_resume_after_a_rejection_and_stop_once_resubmitted() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query(
        "insert into staff_user (email, name, password_hash, role)
         values ('sam@isv.example', 'Sam', 'x', 'support')",
    )
    .execute(&world.db)
    .await
    .unwrap();
    let (_, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    let now = OffsetDateTime::now_utc;
    submit_by_in(&world, renewal_id, 2).await;
    assert_eq!(
        reminders::check(&world.engine, now()).await.unwrap(),
        2,
        "the 3-day reminder and the staff alert"
    );
    world.run_jobs().await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 0);

    // Act: Twilio rejects the copy; the submit-by date is a day away.
    world
        .review(
            &copy_sid,
            json!({"decision": "reject", "failure_reason": "The address could not be verified"}),
        )
        .await;
    world.wait_for_callback(&copy_sid, "twilio-rejected").await;
    world.settle().await;
    submit_by_in(&world, renewal_id, 1).await;

    // Assert: the 1-day reminder goes out, and staff hear again for this round.
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 2);
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 0);
    world.run_jobs().await;
    let count = |kind: &'static str| {
        let world = &world;
        async move {
            world
                .emails(renewal_id)
                .await
                .iter()
                .filter(|e| e.0 == kind)
                .count()
        }
    };
    assert_eq!(count("reminder").await, 2);
    assert_eq!(count("staff_alert").await, 2);

    // Act + Assert: resubmitted, nothing more goes out, even on the submit-by date itself.
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    submit_by_in(&world, renewal_id, 0).await;
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 0);
    world.run_jobs().await;
    assert_eq!(count("reminder").await, 2);
    assert_eq!(count("staff_alert").await, 2);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_provisionally_approved_copy_keeps_the_numbers_working_and_finishes_once_approved() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let other = world.add_tenant("globex").await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world.run_jobs().await;
    let client = customer_client(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();

    // Act 1: Twilio answers provisionally-approved.
    world
        .review(&copy_sid, json!({"decision": "provisionally-approve"}))
        .await;
    world
        .wait_for_callback(&copy_sid, "provisionally-approved")
        .await;
    world.settle().await;

    // Assert 1: still in review, followed by polling; the customer reads that the numbers
    // keep working; nothing was replaced and the copy is still there.
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::InReview);
    let timeline = world.timeline(&tenant, renewal_id).await;
    assert!(
        timeline.contains(&"provisionally_approved:in_review->in_review".to_owned()),
        "{timeline:?}"
    );
    let polls: i64 = sqlx::query_scalar(
        "select count(*) from job where kind = 'poll_renewal' and status = 'pending'",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert!(
        polls >= 1,
        "polling follows the copy to Twilio's final status"
    );
    let status = page(&world, &client, &format!("/renewals/{renewal_id}/status")).await;
    assert!(
        status.contains("Twilio has provisionally approved your update"),
        "{status}"
    );
    assert!(
        status.contains("Your phone numbers keep working meanwhile."),
        "{status}"
    );
    assert!(!world.calls().iter().any(|c| c.ends_with("/ReplaceItems")));
    assert!(world.emulator_bundle(&copy_sid).await.is_some());
    // Another tenant cannot mark this renewal.
    let mut tx = world.db.begin().await.unwrap();
    let marked = recomply::db::provisional::mark(&mut tx, other.tenant_id, renewal_id)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert!(!marked);

    // Act 2: Twilio's final answer.
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert 2: finished — items replaced, the copy deleted.
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        renewal.state,
        RenewalState::Completed,
        "{:?}",
        renewal.attention_reason
    );
    assert!(
        world
            .calls()
            .iter()
            .any(|c| c == "POST /Bundles/BU/ReplaceItems")
    );
    assert!(world.emulator_bundle(&copy_sid).await.is_none());
    world.assert_no_failed_jobs().await;
}

/// A client signed in as a fresh support staff member.
async fn staff_client(world: &World) -> reqwest::Client {
    let email = format!("sam-{}@isv.example", uuid::Uuid::new_v4().simple());
    crate::admin::create_staff(&world.db, &email, "Sam Support", "support").await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = page(world, &client, "/admin/login").await;
    let csrf = crate::html::csrf_token(&form);
    let response = client
        .post(format!("{}/admin/login", world.address))
        .form(&[
            ("email", email.as_str()),
            ("password", crate::admin::PASSWORD),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "staff sign-in");
    client
}

/// Seeds a UK bundle of `tenant` through the control API with `extra` fields over the
/// approved one's (status, `is_test`, `valid_until`…), its callback pointing at the app.
async fn seed_bundle(
    world: &World,
    tenant: &Tenant,
    name: &str,
    extra: serde_json::Value,
) -> String {
    let mut body = crate::lifecycle_support::approved_uk_bundle(
        &tenant.account_sid,
        name,
        Some(world.webhook_url()),
        "Head office",
    );
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    let view = world.control("POST", "/bundles", body).await;
    view["sid"].as_str().unwrap().to_owned()
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

#[tokio::test]
async fn an_is_test_bundle_with_a_deadline_is_never_renewed_and_staff_see_why() {
    // Arrange: a test bundle with a deadline; Twilio rejects it with 18099, as it does every
    // test bundle, and says so in the status callback.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let other = world.add_tenant("globex").await;
    let valid_until = rfc3339(OffsetDateTime::now_utc() + Duration::days(30));
    let sid = seed_bundle(
        &world,
        &tenant,
        "Acme test line",
        json!({"status": "pending-review", "is_test": true, "valid_until": valid_until}),
    )
    .await;
    world.review(&sid, json!({"decision": "approve"})).await;
    world.wait_for_callback(&sid, "twilio-rejected").await;
    world.settle().await;

    // Act: sweeps come and go.
    world.sweep(&tenant).await;
    world.sweep(&other).await;
    world.sweep(&tenant).await;

    // Assert: no renewal, no copy, no email; the bundle is known as a test bundle.
    assert!(world.renewal(&tenant, &sid).await.is_none());
    assert!(
        !world
            .calls()
            .iter()
            .any(|c| c.ends_with("/Copies") && c.starts_with("POST"))
    );
    let emails: i64 = sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(emails, 0);
    let reason = recomply::db::test_bundles::reason(&world.db, tenant.tenant_id, &sid)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("Rejected test bundle (18099)"));
    assert_eq!(
        recomply::db::test_bundles::reason(&world.db, other.tenant_id, &sid)
            .await
            .unwrap(),
        None,
        "another tenant learns nothing of it"
    );
    let staff = staff_client(&world).await;
    let list = page(&world, &staff, "/admin/bundles").await;
    assert!(
        list.contains("Test bundle (IsTest): Twilio rejects every test bundle with error 18099"),
        "{list}"
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_renewal_whose_copy_twilio_rejects_as_a_test_bundle_closes_instead_of_looping() {
    // Arrange: an approved bundle that is (unknown to recomply) a test bundle gets a deadline.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query(
        "insert into staff_user (email, name, password_hash, role)
         values ('sam@isv.example', 'Sam', 'x', 'support')",
    )
    .execute(&world.db)
    .await
    .unwrap();
    let sid = seed_bundle(&world, &tenant, "Acme test line", json!({"is_test": true})).await;
    let regulation = world.emulator_bundle(&sid).await.unwrap()["regulation_sid"]
        .as_str()
        .unwrap()
        .to_owned();
    world.require_vat_number(&regulation).await;
    world.sweep(&tenant).await;
    let renewal = world
        .renewal(&tenant, &sid)
        .await
        .expect("a renewal opened");
    let copy_sid = renewal.copy_sid.clone().unwrap().to_string();
    let snapshot = renewal.snapshot().unwrap().unwrap();
    world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal.renewal_id,
            vec![recomply::lifecycle::Change::SetEndUserFields {
                end_user_sid: snapshot.end_users[0].sid.clone(),
                fields: std::collections::BTreeMap::from([(
                    "vat_number".to_owned(),
                    "GB123456789".to_owned(),
                )]),
            }],
            &customer(&tenant),
        )
        .await
        .unwrap();
    world
        .engine
        .submit(tenant.tenant_id, renewal.renewal_id, &customer(&tenant))
        .await
        .unwrap();

    // Act: Twilio rejects the copy as a test bundle.
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-rejected").await;
    world.settle().await;
    world.sweep(&tenant).await;

    // Assert: cancelled as a test bundle, copy deleted, staff alerted, the customer not asked
    // to fix anything, and no new renewal.
    let closed = world.renewal(&tenant, &sid).await.unwrap();
    assert_eq!(closed.renewal_id, renewal.renewal_id, "no new renewal");
    assert_eq!(closed.state, RenewalState::Cancelled);
    let cancel_reason: Option<String> =
        sqlx::query_scalar("select cancel_reason from renewal where renewal_id = $1")
            .bind(renewal.renewal_id)
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(cancel_reason.as_deref(), Some("test_bundle"));
    assert!(world.emulator_bundle(&copy_sid).await.is_none());
    let kinds: Vec<String> = world
        .emails(renewal.renewal_id)
        .await
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert!(!kinds.iter().any(|k| k == "rejected"), "{kinds:?}");
    let alert = world
        .emails(renewal.renewal_id)
        .await
        .into_iter()
        .find(|e| e.0 == "staff_alert")
        .expect("staff are alerted");
    assert!(alert.2.contains("test bundle"), "{}", alert.2);
    let client = customer_client_after_sign_in(&world, &tenant).await;
    let my_bundles = page(&world, &client, "/bundles").await;
    assert!(
        my_bundles.contains("This is a Twilio test bundle"),
        "{my_bundles}"
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_bundle_rejected_outside_a_renewal_shows_twilios_reason_and_a_next_step() {
    // Arrange: a bundle under review outside any renewal, its callback pointing at the app;
    // Twilio rejects it.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let other = world.add_tenant("globex").await;
    let sid = seed_bundle(
        &world,
        &tenant,
        "Acme Paris",
        json!({"status": "in-review"}),
    )
    .await;
    world.sweep(&tenant).await;
    let client = customer_client_after_sign_in(&world, &tenant).await;

    // Act
    world
        .review(
            &sid,
            json!({"decision": "reject", "failure_reason": "The business name does not match the registry"}),
        )
        .await;
    world.wait_for_callback(&sid, "twilio-rejected").await;
    world.settle().await;
    world.sweep(&tenant).await;

    // Assert: the customer and staff read Twilio's reason and what to do.
    let my_bundles = page(&world, &client, "/bundles").await;
    assert!(
        my_bundles.contains("Twilio&#39;s reason: The business name does not match the registry"),
        "{my_bundles}"
    );
    assert!(my_bundles.contains("contact your provider"), "{my_bundles}");
    let staff = staff_client(&world).await;
    let list = page(&world, &staff, "/admin/bundles").await;
    assert!(
        list.contains("The business name does not match the registry"),
        "{list}"
    );
    assert!(
        list.contains("Next step: this bundle cannot be renewed here."),
        "{list}"
    );
    // The other tenant's customers see nothing of it.
    sqlx::query("insert into app_user (tenant_id, email) values ($1, 'g@globex.example')")
        .bind(other.tenant_id)
        .execute(&world.db)
        .await
        .unwrap();
    let theirs = recomply::db::portal::list_bundles(
        &world.db,
        other.tenant_id,
        &recomply::db::portal::BundleSearch {
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(theirs.rows.is_empty());
    world.assert_no_failed_jobs().await;
}

/// A client signed in as the tenant's customer through a fresh sign-in link.
async fn customer_client_after_sign_in(world: &World, tenant: &Tenant) -> reqwest::Client {
    let app_user_id: UserId =
        sqlx::query_scalar("select app_user_id from app_user where tenant_id = $1 and email = $2")
            .bind(tenant.tenant_id)
            .bind(&tenant.user_email)
            .fetch_one(&world.db)
            .await
            .unwrap();
    let link = recomply::links::magic_link::issue(&world.db, &world.config, app_user_id, None)
        .await
        .unwrap();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = crate::harness::follow_link(&client, &link).await;
    assert_eq!(response.status(), 303, "the link signs the customer in");
    client
}
