//! The submit-by date (pages, emails, the reminder schedule), reminders after a rejection,
//! and Twilio's `provisionally-approved` answer.

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
    let response = crate::helpers::follow_link(&client, &link).await;
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
