//! `tenant.credentials_failed` is sent once per failure episode, not on every sweep.

use recomply::db::tenants;
use recomply::domain::event_type::EventType;
use recomply::jobs::runner;
use recomply::secret::SecretString;
use recomply::twilio::TwilioCredentials;

use super::receiver::Receiver;
use crate::lifecycle_support::{Tenant, World};

async fn store_token(world: &World, tenant: &Tenant, token: &str) {
    let credentials = TwilioCredentials::with_auth_token(
        tenant.account_sid.clone(),
        SecretString::from(token.to_owned()),
    );
    let key = &world.config.secret_key;
    tenants::set_credentials(&world.db, key, tenant.tenant_id, &credentials)
        .await
        .unwrap();
}

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
async fn refused_credentials_are_sent_once_per_failure_episode() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let receiver = Receiver::spawn(0).await;
    let types = [EventType::TenantCredentialsFailed];
    let secret = super::register(&world.engine, &receiver.url, None, &types).await;
    store_token(&world, &tenant, "0123456789abcdef0123456789abcdef").await;

    // Act: two sweeps meet the refusal; the credentials are fixed; they fail again.
    sweep_once(&world, &tenant).await;
    sweep_once(&world, &tenant).await;
    let first_episode = receiver.accepted();
    store_token(&world, &tenant, &tenant.auth_token).await;
    sweep_once(&world, &tenant).await;
    store_token(&world, &tenant, "fedcba9876543210fedcba9876543210").await;
    sweep_once(&world, &tenant).await;

    // Assert
    assert_eq!(first_episode.len(), 1, "{first_episode:?}");
    let all = receiver.accepted();
    assert_eq!(all.len(), 2, "the problem came back: one more event");
    for request in &all {
        assert!(request.verifies_with(&secret));
        let body = request.json();
        assert_eq!(body["type"], "tenant.credentials_failed");
        assert_eq!(body["data"]["tenant_slug"], "acme");
        assert!(!String::from_utf8_lossy(&request.body).contains(&tenant.auth_token));
    }
    assert_ne!(all[0].id(), all[1].id());
}
