//! Several bundles of one tenant needing action around the same time reach each of its users
//! as one digest email (held for `RECOMPLY_ACTION_DIGEST_SECS`), listing each bundle with its
//! deadline, what is missing and its own link; a digest is never sent to anyone twice, and one
//! interrupted by a mail-server refusal is finished by the retry.

use std::sync::Arc;
use std::time::Duration;

use recomply::email::Mailer;
use recomply::jobs::{JobContext, runner};
use recomply::lifecycle::Engine;
use recomply::secret::SecretString;

use crate::harness::{client, follow_link};
use crate::lifecycle_support::{Tenant, World};
use crate::mailbox::{Mail, SmtpSink};

/// A world whose action-needed notices wait an hour for each other.
async fn world_with_digests() -> World {
    World::spawn_with(|config| config.action_digest_window = Duration::from_secs(3600)).await
}

/// Two approved bundles of the tenant get a deadline; a sweep opens and prepares both
/// renewals. Returns their bundle SIDs.
async fn two_bundles_needing_action(world: &World, tenant: &Tenant) -> [String; 2] {
    let (mobile, regulation_sid) = world
        .seed_approved_bundle(tenant, "Acme UK mobile", false)
        .await;
    let (office, _) = world
        .seed_approved_bundle(tenant, "Acme UK office", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    [mobile, office]
}

/// The digest window passes for every held notice: the digest job is due.
async fn window_passes(world: &World) {
    sqlx::query("update action_notice set created_at = created_at - interval '2 hours'")
        .execute(&world.db)
        .await
        .unwrap();
    world.make_due("send_action_digest").await;
}

/// Every link to the app in `mail`'s text.
fn links(mail: &Mail, address: &str) -> Vec<String> {
    mail.text
        .split_whitespace()
        .filter(|word| word.starts_with(&format!("{address}/login/")))
        .map(str::to_owned)
        .collect()
}

async fn add_user(world: &World, tenant: &Tenant, email: &str, name: &str, locale: &str) {
    sqlx::query("insert into app_user (tenant_id, email, name, locale) values ($1, $2, $3, $4)")
        .bind(tenant.tenant_id)
        .bind(email)
        .bind(name)
        .bind(locale)
        .execute(&world.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn several_bundles_needing_action_together_reach_each_user_as_one_digest_email() {
    // Arrange
    let world = world_with_digests().await;
    let tenant = world.add_tenant("acme").await;
    add_user(&world, &tenant, "camille@acme.example", "Camille", "fr").await;
    let bundles = two_bundles_needing_action(&world, &tenant).await;
    assert!(
        world.mailbox.all().is_empty(),
        "held while the window runs: {:#?}",
        world.mailbox.all()
    );

    // Act
    window_passes(&world).await;
    world.run_jobs().await;

    // Assert: one email per user, naming both bundles, each with its deadline and link.
    let mails = world.mailbox.to(&tenant.user_email);
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert!(
        mail.subject
            .starts_with("Action needed: 2 regulatory bundles to update, the first by "),
        "{}",
        mail.subject
    );
    assert!(mail.text.starts_with("Hello Owner,"), "{}", mail.text);
    for name in ["Acme UK mobile", "Acme UK office"] {
        assert!(
            mail.text.contains(name) && mail.html.contains(name),
            "{name}"
        );
    }
    assert_eq!(mail.text.matches("Deadline: ").count(), 2, "{}", mail.text);
    assert_eq!(
        mail.text.matches("30 days left").count(),
        2,
        "{}",
        mail.text
    );
    assert_eq!(mail.text.matches("VAT Number").count(), 2, "{}", mail.text);
    assert!(
        mail.text
            .contains("Each link opens its own bundle; it is yours alone and works for 30 days"),
        "how long the links work: {}",
        mail.text
    );
    assert!(mail.text.contains("You receive this email because"));
    assert_eq!(
        mail.html.matches("padding: 12px 20px").count(),
        1,
        "one clear button: {}",
        mail.html
    );
    let links = links(mail, &world.address);
    assert_eq!(links.len(), 2, "{}", mail.text);
    let mut landed = Vec::new();
    for link in &links {
        let response = follow_link(&client(), link).await;
        assert_eq!(response.status(), 303);
        landed.push(response.headers()["location"].to_str().unwrap().to_owned());
    }
    let mut expected = Vec::new();
    for sid in &bundles {
        let renewal = world.renewal(&tenant, sid).await.unwrap();
        expected.push(format!("/renewals/{}", renewal.renewal_id));
    }
    landed.sort();
    expected.sort();
    assert_eq!(landed, expected, "each link opens its own bundle's renewal");
    // In each reader's language.
    let french = world.mailbox.to("camille@acme.example");
    assert_eq!(french.len(), 1);
    assert!(
        french[0]
            .subject
            .starts_with("Action requise : 2 bundles réglementaires"),
        "{}",
        french[0].subject
    );
    assert!(french[0].text.starts_with("Bonjour Camille,"));

    // Running the digest job again sends nothing more.
    world.make_due("send_action_digest").await;
    world.run_jobs().await;
    assert_eq!(world.mailbox.all().len(), 2);
    let kinds: Vec<String> =
        sqlx::query_scalar("select kind from email_outbox order by to_address")
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(kinds, ["action_digest", "action_digest"]);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_digest_interrupted_by_a_mail_server_refusal_is_finished_without_sending_anyone_twice() {
    // Arrange: two users; the mail server refuses the second one once.
    let world = world_with_digests().await;
    let tenant = world.add_tenant("acme").await;
    add_user(&world, &tenant, "second@acme.example", "Grace", "en").await;
    two_bundles_needing_action(&world, &tenant).await;
    let (sink, url) = SmtpSink::start(&["second@acme.example"]).await;
    let mailer = Mailer::new(Some(&SecretString::from(url)), &world.config.email_from).unwrap();
    let engine = Engine::new(
        world.db.clone(),
        Arc::new(world.config.clone()),
        world.engine.twilio.clone(),
        mailer,
        world.engine.settings,
    );
    let worker = JobContext::new(engine, "smtp-worker");
    window_passes(&world).await;

    // Act: the first attempt reaches the owner and fails on the second user; the retry runs.
    runner::drain(&worker).await.unwrap();
    assert_eq!(sink.delivered_to(), ["owner@acme.example"]);
    assert_eq!(world.make_due("send_action_digest").await, 1, "retried");
    runner::drain(&worker).await.unwrap();
    world.make_due("send_action_digest").await;
    runner::drain(&worker).await.unwrap();

    // Assert: each user got the one digest exactly once, both bundles in it.
    assert_eq!(
        sink.delivered_to(),
        ["owner@acme.example", "second@acme.example"]
    );
    for (_, raw) in sink.messages() {
        assert!(raw.contains("Acme UK mobile") && raw.contains("Acme UK office"));
    }
    let undelivered: i64 =
        sqlx::query_scalar("select count(*) from action_notice where delivered_at is null")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(undelivered, 0);
    world.assert_no_failed_jobs().await;
}
