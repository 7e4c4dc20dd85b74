//! Staff are emailed once about a problem that needs a human, not only shown it on the
//! dashboard: Twilio refusing a tenant's credentials (again only after they worked and failed
//! anew), and a job that used up its attempts (once per death).

use recomply::db::tenants;
use recomply::jobs::runner;
use recomply::secret::SecretString;
use recomply::twilio::TwilioCredentials;

use crate::lifecycle_support::{Tenant, World};

async fn add_staff(world: &World) {
    sqlx::query(
        "insert into staff_user (email, name, password_hash, role)
         values ('sam@isv.example', 'Sam', 'x', 'support')",
    )
    .execute(&world.db)
    .await
    .unwrap();
}

/// Stores `token` as the tenant's auth token.
async fn store_token(world: &World, tenant: &Tenant, token: &str) {
    let credentials = TwilioCredentials::with_auth_token(
        tenant.account_sid.clone(),
        SecretString::from(token.to_owned()),
    );
    tenants::set_credentials(
        &world.db,
        &world.config.secret_key,
        tenant.tenant_id,
        &credentials,
    )
    .await
    .unwrap();
}

/// Runs a sweep of the tenant once (no retries), and whatever it enqueued.
async fn sweep_once(world: &World, tenant: &Tenant) {
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.make_due("sweep_tenant").await;
    runner::drain(&world.runner("test")).await.unwrap();
}

#[tokio::test]
async fn refused_credentials_email_staff_once_until_they_work_again_and_fail_anew() {
    // Arrange
    let world = World::spawn().await;
    add_staff(&world).await;
    let tenant = world.add_tenant("acme").await;
    store_token(&world, &tenant, "0123456789abcdef0123456789abcdef").await;

    // Act: two sweeps meet the refusal.
    sweep_once(&world, &tenant).await;
    sweep_once(&world, &tenant).await;

    // Assert: one email, saying what is wrong and where to fix it.
    let mails = world.mailbox.to("sam@isv.example");
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(
        mail.subject,
        "[recomply] Twilio refuses the credentials of Tenant acme"
    );
    assert!(mail.text.starts_with("Hello Sam,"), "{}", mail.text);
    assert!(mail.text.contains("Twilio answered 401"), "{}", mail.text);
    let tenant_page = format!("{}/admin/tenants/{}", world.address, tenant.tenant_id);
    assert!(mail.text.contains(&tenant_page), "{}", mail.text);
    assert!(mail.html.contains(&format!("href=\"{tenant_page}\"")));
    assert!(mail.text.contains("because you are a staff member"));
    assert!(!mail.text.contains(&tenant.auth_token), "no secret in it");

    // The credentials are fixed, a sweep gets through; later they are refused again.
    store_token(&world, &tenant, &tenant.auth_token).await;
    sweep_once(&world, &tenant).await;
    assert_eq!(world.mailbox.to("sam@isv.example").len(), 1);
    store_token(&world, &tenant, "fedcba9876543210fedcba9876543210").await;
    sweep_once(&world, &tenant).await;
    assert_eq!(
        world.mailbox.to("sam@isv.example").len(),
        2,
        "the problem came back: staff hear again"
    );
}

#[tokio::test]
async fn a_job_that_dies_emails_staff_once_per_death() {
    // Arrange: a job that cannot succeed, with one attempt.
    let world = World::spawn().await;
    world.expect_dead_jobs();
    add_staff(&world).await;
    let job_id: recomply::domain::ids::JobId = sqlx::query_scalar(
        "insert into job (kind, payload, max_attempts) values ('no_such_job', '{}', 1)
         returning job_id",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();

    // Act
    runner::drain(&world.runner("test")).await.unwrap();
    runner::drain(&world.runner("test")).await.unwrap();

    // Assert
    let mails = world.mailbox.to("sam@isv.example");
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(
        mails[0].subject,
        format!("[recomply] The no_such_job job #{job_id} is dead")
    );
    assert!(
        mails[0].text.contains("unknown job kind"),
        "{}",
        mails[0].text
    );
    assert!(
        mails[0]
            .text
            .contains(&format!("{}/admin/jobs", world.address))
    );

    // Staff retry it; it dies again: that is a new death, and staff hear of it once.
    assert!(recomply::db::jobs::revive(&world.db, job_id).await.unwrap());
    runner::drain(&world.runner("test")).await.unwrap();
    runner::drain(&world.runner("test")).await.unwrap();
    assert_eq!(world.mailbox.to("sam@isv.example").len(), 2);
}

#[tokio::test]
async fn a_sweep_refused_by_twilio_is_flagged_at_once_and_not_retried() {
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    store_token(&world, &tenant, "0123456789abcdef0123456789abcdef").await;
    let before = world.emulator.request_count();

    sweep_once(&world, &tenant).await;
    // Whatever is due again (a retry would be) runs too.
    world.make_due("sweep_tenant").await;
    runner::drain(&world.runner("test")).await.unwrap();

    let (status, attempts): (String, i32) = sqlx::query_as(
        "select status, attempts from job where kind = 'sweep_tenant' order by job_id desc limit 1",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert_eq!(
        status, "done",
        "the job ends: retrying only repeats the refusal"
    );
    assert_eq!(attempts, 1);
    assert!(
        world.emulator.request_count() - before <= 2,
        "Twilio was asked once, not a dozen times"
    );
    let flagged: i64 =
        sqlx::query_scalar("select count(*) from staff_alert where resolved_at is null")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(flagged, 1, "the refusal is flagged at once");
}
