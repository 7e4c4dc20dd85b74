//! Emails about renewals: who gets them, what they say, where their links lead, and the
//! reminder schedule (each reminder once, none after submission), and retries that reach only
//! the recipients an earlier attempt missed.

use recomply::domain::ids::RenewalId;
use std::sync::Arc;

use recomply::email::Mailer;
use recomply::jobs::{JobContext, runner};
use recomply::lifecycle::{Engine, reminders};
use recomply::secret::SecretString;
use time::{Duration, OffsetDateTime};

use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::World;
use crate::mailbox::SmtpSink;

#[tokio::test]
async fn every_user_of_the_tenant_gets_an_action_needed_email_linking_into_the_renewal() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("insert into app_user (tenant_id, email) values ($1, 'second@acme.example')")
        .bind(tenant.tenant_id)
        .execute(&world.db)
        .await
        .unwrap();

    // Act
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;

    // Assert
    let emails = world.emails(renewal_id).await;
    let mut recipients: Vec<_> = emails
        .iter()
        .filter(|e| e.0 == "action_needed")
        .map(|e| e.1.clone())
        .collect();
    recipients.sort();
    assert_eq!(recipients, ["owner@acme.example", "second@acme.example"]);
    let (_, _, subject, text) = &emails[0];
    assert!(
        subject
            .starts_with("Action needed: update the compliance information for Acme UK mobile by "),
        "{subject}"
    );
    assert!(text.contains("United Kingdom: Mobile - Business"));
    assert!(text.contains("30 days left"), "{text}");
    assert!(
        text.contains(&format!("{}/login/[redacted]", world.address)),
        "the outbox keeps the link redacted: {text}"
    );
    // What the customer receives carries the working link, in both parts.
    let received = world.mailbox.to(&emails[0].1).pop().expect("delivered");
    assert_eq!(&received.subject, subject);
    let link = sign_in_link(&received.text, &world.address);
    assert!(
        received.html.contains(&format!("href=\"{link}\"")),
        "{}",
        received.html
    );
    let links: i64 = sqlx::query_scalar(
        "select count(distinct app_user_id) from magic_link where renewal_id = $1",
    )
    .bind(renewal_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert_eq!(
        links, 2,
        "one link per recipient, each landing on the renewal"
    );
    // The link works: it signs the customer in and lands on this renewal, once.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = crate::harness::follow_link(&client, &link).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("/renewals/{renewal_id}").as_str()
    );
    let page = client
        .get(format!("{}/renewals/{renewal_id}", world.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    // A renewal link: it works again (another device, a day later) while the renewal is open.
    let again = crate::harness::follow_link(&crate::harness::client(), &link).await;
    assert_eq!(again.status(), 303, "a renewal link is not single use");
}

/// The sign-in or renewal link in an email body (on the app's own address).
fn sign_in_link(text: &str, address: &str) -> String {
    let start = text
        .find(&format!("{address}/login/"))
        .unwrap_or_else(|| panic!("no sign-in link in {text}"));
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap()
        .to_owned()
}

/// Moves the renewal's submit-by date to `days` days from now and its deadline (and its
/// bundle's `valid_until`) 8 days later, the renewal opened 40 days before the submit-by date:
/// the reminder check and the emails then count days from the real clock, as the pages do.
pub async fn submit_by_in(world: &World, renewal_id: RenewalId, days: i64) {
    let submit_by = OffsetDateTime::now_utc() + Duration::days(days);
    let deadline = submit_by + Duration::days(8);
    sqlx::query(
        "update renewal set submit_by = $2, deadline = $3,
             created_at = $2 - interval '40 days'
         where renewal_id = $1",
    )
    .bind(renewal_id)
    .bind(submit_by)
    .bind(deadline)
    .execute(&world.db)
    .await
    .unwrap();
    sqlx::query(
        "update bundle set valid_until = $2
         where bundle_id = (select bundle_id from renewal where renewal_id = $1)",
    )
    .bind(renewal_id)
    .bind(deadline)
    .execute(&world.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn reminders_go_out_once_per_threshold_before_the_submit_by_date_until_submission_and_staff_hear_three_days_before()
 {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("insert into staff_user (email, name, password_hash, role) values ('sam@isv.example', 'Sam', 'x', 'support')")
        .execute(&world.db)
        .await
        .unwrap();
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;
    let now = OffsetDateTime::now_utc;

    // Act + Assert: the schedule counts down to the submit-by date, not to the deadline.
    submit_by_in(&world, renewal_id, 15).await;
    assert_eq!(
        reminders::check(&world.engine, now()).await.unwrap(),
        1,
        "30-day reminder"
    );
    world.run_jobs().await;
    submit_by_in(&world, renewal_id, 14).await;
    assert_eq!(reminders::check(&world.engine, now()).await.unwrap(), 1);
    assert_eq!(
        reminders::check(&world.engine, now()).await.unwrap(),
        0,
        "each reminder once"
    );
    world.run_jobs().await;
    submit_by_in(&world, renewal_id, 2).await;
    assert_eq!(
        reminders::check(&world.engine, now()).await.unwrap(),
        2,
        "3-day reminder and staff alert"
    );
    world.run_jobs().await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    submit_by_in(&world, renewal_id, 1).await;
    assert_eq!(
        reminders::check(&world.engine, now()).await.unwrap(),
        0,
        "none after submission"
    );
    world.run_jobs().await;

    // The days left are counted when the email is written, as the pages count them.
    let emails = world.emails(renewal_id).await;
    let reminders: Vec<_> = emails
        .iter()
        .filter(|e| e.0 == "reminder")
        .map(|e| e.2.clone())
        .collect();
    assert_eq!(
        reminders,
        [
            "Reminder: 23 days left to update Acme UK mobile",
            "Reminder: 22 days left to update Acme UK mobile",
            "Reminder: 10 days left to update Acme UK mobile"
        ]
    );
    let staff: Vec<_> = emails.iter().filter(|e| e.0 == "staff_alert").collect();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].1, "sam@isv.example");
    assert!(staff[0].2.contains("10 days left"), "{}", staff[0].2);
    assert!(
        staff[0].2.contains("Nothing submitted: submit by "),
        "{}",
        staff[0].2
    );
    assert!(staff[0].3.starts_with("Hello Sam,"), "{}", staff[0].3);
    assert!(
        emails
            .iter()
            .filter(|e| e.0 == "reminder")
            .all(|e| e.3.contains(&format!("{}/login/", world.address)))
    );
}

#[tokio::test]
async fn a_retried_notification_reaches_only_the_recipients_it_missed() {
    // Arrange: two users; SMTP refuses the second one once (a transient 450).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("insert into app_user (tenant_id, email) values ($1, 'second@acme.example')")
        .bind(tenant.tenant_id)
        .execute(&world.db)
        .await
        .unwrap();
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;
    let (sink, url) = SmtpSink::start(&["second@acme.example"]).await;
    let mailer = Mailer::new(Some(&SecretString::from(url)), &world.config.email_from).unwrap();
    let engine = Engine::new(
        world.db.clone(),
        Arc::new(world.config.clone()),
        world.engine.twilio.clone(),
        mailer,
        world.engine.settings,
    );
    let smtp_worker = JobContext::new(engine, "smtp-worker");
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();

    // Act: the first attempt reaches the owner and fails on the second user; the retry runs.
    runner::drain(&smtp_worker).await.unwrap();
    let failed: Option<String> = sqlx::query_scalar(
        "select last_error from job where kind = 'send_notification' and status = 'pending'",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert!(failed.is_some(), "the first attempt failed");
    assert_eq!(sink.delivered_to(), ["owner@acme.example"]);
    assert_eq!(world.make_due("send_notification").await, 1);
    runner::drain(&smtp_worker).await.unwrap();

    // Assert: each user got the email exactly once; the outbox holds one sent row each.
    assert_eq!(
        sink.delivered_to(),
        ["owner@acme.example", "second@acme.example"]
    );
    let rows: Vec<(String, String)> = sqlx::query_as(
        "select to_address, status from email_outbox
         where renewal_id = $1 and kind = 'submitted' order by to_address",
    )
    .bind(renewal_id)
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("owner@acme.example".to_owned(), "sent".to_owned()),
            ("second@acme.example".to_owned(), "sent".to_owned())
        ]
    );
    let job_status: String =
        sqlx::query_scalar("select status from job where kind = 'send_notification'")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(job_status, "done");
}
