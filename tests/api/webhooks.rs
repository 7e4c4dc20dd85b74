//! `POST /webhooks/twilio/bundle-status`: signature verification, storage and de-duplication
//! on the signed content, the per-tenant rate limit, and tenant isolation.

use recomply::domain::ids::TenantId;
use recomply::domain::renewal::RenewalState;
use recomply::lifecycle::EngineError;
use recomply::twilio::signature;
use serde_json::json;

use crate::lifecycle::customer;
use crate::lifecycle_support::{Tenant, World};

fn callback_params(tenant: &Tenant, bundle_sid: &str, status: &str) -> Vec<(String, String)> {
    vec![
        ("AccountSid".into(), tenant.account_sid.clone()),
        ("BundleSid".into(), bundle_sid.to_owned()),
        ("Status".into(), status.to_owned()),
        ("FailureReason".into(), String::new()),
    ]
}

async fn post_callback(
    world: &World,
    params: &[(String, String)],
    signature: &str,
    token: Option<&str>,
) -> reqwest::StatusCode {
    let mut request = world
        .http
        .post(world.webhook_url())
        .header("X-Twilio-Signature", signature)
        .form(params);
    if let Some(token) = token {
        request = request.header("I-Twilio-Idempotency-Token", token);
    }
    request.send().await.unwrap().status()
}

async fn count(world: &World, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(&world.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_forged_signature_is_refused_and_changes_nothing() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let other = world.add_tenant("globex").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let params = callback_params(&tenant, &bundle_sid, "twilio-approved");
    let url = world.webhook_url();

    // Act
    let forged = post_callback(&world, &params, "bm90IGEgc2lnbmF0dXJl", None).await;
    let wrong_key = signature::compute(&other.auth_token, &url, &params);
    let signed_by_other = post_callback(&world, &params, &wrong_key, None).await;
    let mut tampered = params.clone();
    tampered[2].1 = "twilio-rejected".into();
    let good = signature::compute(&tenant.auth_token, &url, &params);
    let tampered_status = post_callback(&world, &tampered, &good, None).await;
    world.run_jobs().await;

    // Assert
    assert_eq!(forged, 403);
    assert_eq!(signed_by_other, 403);
    assert_eq!(tampered_status, 403);
    assert_eq!(count(&world, "webhook_event").await, 0);
    assert_eq!(count(&world, "job").await, 0);
    assert_eq!(count(&world, "renewal").await, 0);
    assert_eq!(count(&world, "bundle").await, 0);
}

#[tokio::test]
async fn a_signed_callback_opens_a_renewal_and_a_replay_with_a_new_token_is_stored_and_queued_once()
{
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    // Twilio's documented key casing (AccountSID / BundleSID).
    let params = vec![
        ("AccountSID".to_owned(), tenant.account_sid.clone()),
        ("BundleSID".to_owned(), bundle_sid.clone()),
        ("Status".to_owned(), "twilio-approved".to_owned()),
    ];
    let signed = signature::compute(&tenant.auth_token, &world.webhook_url(), &params);

    // Act: Twilio's own retry (same token), then a captured copy replayed with a new token
    // (the header is not signed) and without one.
    let first = post_callback(&world, &params, &signed, Some("token-1")).await;
    let repeat = post_callback(&world, &params, &signed, Some("token-1")).await;
    let new_token = post_callback(&world, &params, &signed, Some("token-2")).await;
    let without_token = post_callback(&world, &params, &signed, None).await;
    let queued = process_jobs(&world).await;
    world.run_jobs().await;

    // Assert
    assert_eq!(first, 204);
    assert_eq!([repeat, new_token, without_token], [200; 3]);
    assert_eq!(count(&world, "webhook_event").await, 1);
    assert_eq!(queued, 1, "the replays queued nothing");
    let renewal = world
        .renewal(&tenant, &bundle_sid)
        .await
        .expect("the callback opened a renewal");
    assert_eq!(renewal.state, RenewalState::Collecting);
    assert_eq!(count(&world, "renewal").await, 1);
    let unprocessed: i64 =
        sqlx::query_scalar("select count(*) from webhook_event where processed_at is null")
            .fetch_one(&world.db)
            .await
            .unwrap();
    assert_eq!(unprocessed, 0);
    world.assert_no_failed_jobs().await;

    // Act: a genuinely new callback (a different signed body) about the same bundle.
    let different = callback_params(&tenant, &bundle_sid, "twilio-approved");
    let signed = signature::compute(&tenant.auth_token, &world.webhook_url(), &different);
    let news = post_callback(&world, &different, &signed, Some("token-3")).await;

    // Assert: stored and queued like any first delivery.
    assert_eq!(news, 204);
    assert_eq!(count(&world, "webhook_event").await, 2);
    assert_eq!(process_jobs(&world).await, 2);
    world.run_jobs().await;
    world.assert_no_failed_jobs().await;
    assert_eq!(count(&world, "renewal").await, 1);
}

/// Jobs ever queued to process a status callback.
async fn process_jobs(world: &World) -> i64 {
    sqlx::query_scalar("select count(*) from job where kind = 'process_bundle_status'")
        .fetch_one(&world.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_tenant_over_the_callback_rate_limit_gets_429_and_another_tenant_is_not_held_back() {
    // Arrange: three callbacks per tenant per minute.
    let world = World::spawn_with(|config| config.webhook_callbacks_per_minute = 3).await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let url = world.webhook_url();
    let signed_for = |tenant: &Tenant, n: usize| {
        let params = callback_params(tenant, &format!("BU{n:032x}"), "pending-review");
        let signed = signature::compute(&tenant.auth_token, &url, &params);
        (params, signed)
    };

    // Act: Acme sends four different callbacks, then Globex one, then Acme's first again.
    let mut acme_answers = Vec::new();
    for n in 0..4 {
        let (params, signed) = signed_for(&acme, n);
        acme_answers.push(post_callback(&world, &params, &signed, None).await);
    }
    let (params, signed) = signed_for(&globex, 0);
    let globex_answer = post_callback(&world, &params, &signed, None).await;
    let (params, signed) = signed_for(&acme, 0);
    let acme_replay = post_callback(&world, &params, &signed, None).await;
    let (params, _) = signed_for(&acme, 9);
    let over_limit = world
        .http
        .post(world.webhook_url())
        .header(
            "X-Twilio-Signature",
            signature::compute(&acme.auth_token, &url, &params),
        )
        .form(&params)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(acme_answers, [204, 204, 204, 429]);
    assert_eq!(globex_answer, 204, "Acme's limit is Acme's alone");
    assert_eq!(
        acme_replay, 200,
        "a repeat is still recognised, not refused"
    );
    assert_eq!(over_limit.status(), 429);
    assert_eq!(over_limit.headers()["retry-after"], "60");
    let per_tenant: Vec<(TenantId, i64)> =
        sqlx::query_as("select tenant_id, count(*) from webhook_event group by tenant_id")
            .fetch_all(&world.db)
            .await
            .unwrap();
    let stored = |tenant: &Tenant| {
        per_tenant
            .iter()
            .find(|(id, _)| *id == tenant.tenant_id)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!((stored(&acme), stored(&globex)), (3, 1));
    assert_eq!(
        process_jobs(&world).await,
        4,
        "nothing over the limit was queued"
    );
}

#[tokio::test]
async fn two_tenants_bundles_renewals_and_callbacks_stay_apart() {
    // Arrange: both tenants' bundles point their callbacks at us.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    let (acme_bundle, regulation_sid) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", true)
        .await;
    let (globex_bundle, _) = world
        .seed_approved_bundle(&globex, "Globex UK mobile", true)
        .await;

    // Act
    world.require_vat_number(&regulation_sid).await;
    world
        .wait_for_callback(&acme_bundle, "twilio-approved")
        .await;
    world
        .wait_for_callback(&globex_bundle, "twilio-approved")
        .await;
    world.settle().await;

    // Assert: each tenant sees exactly its own.
    let acme_renewal = world.renewal(&acme, &acme_bundle).await.unwrap();
    let globex_renewal = world.renewal(&globex, &globex_bundle).await.unwrap();
    assert!(world.renewal(&acme, &globex_bundle).await.is_none());
    assert!(world.renewal(&globex, &acme_bundle).await.is_none());
    let per_tenant: Vec<(TenantId, i64)> = sqlx::query_as(
        "select tenant_id, count(*) from webhook_event group by tenant_id order by tenant_id",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(per_tenant.len(), 2);
    let bundles_of_acme = recomply::db::bundles::list_for_tenant(&world.db, acme.tenant_id)
        .await
        .unwrap();
    assert_eq!(
        bundles_of_acme
            .iter()
            .map(|b| b.sid.as_str())
            .collect::<Vec<_>>(),
        [acme_bundle.as_str()]
    );
    // Another tenant's renewal id is simply not found, for reading and for writing.
    let read = world
        .engine
        .snapshot(globex.tenant_id, acme_renewal.renewal_id)
        .await;
    assert!(matches!(read, Err(EngineError::NotFound)), "{read:?}");
    let submit = world
        .engine
        .submit(
            globex.tenant_id,
            acme_renewal.renewal_id,
            &customer(&globex),
        )
        .await;
    assert!(matches!(submit, Err(EngineError::NotFound)), "{submit:?}");
    let cancel = world
        .engine
        .cancel(
            acme.tenant_id,
            globex_renewal.renewal_id,
            recomply::domain::cancel_reason::Cancellation::because(
                recomply::domain::cancel_reason::CancelReason::WontRenew,
            ),
            &recomply::lifecycle::Actor::Staff { name: "Sam".into() },
        )
        .await;
    assert!(matches!(cancel, Err(EngineError::NotFound)));
    // A callback signed by Globex about Acme's bundle changes nothing for Acme.
    let params = callback_params(&globex, &acme_bundle, "twilio-rejected");
    let signed = signature::compute(&globex.auth_token, &world.webhook_url(), &params);
    assert_eq!(post_callback(&world, &params, &signed, None).await, 204);
    world.run_jobs().await;
    assert_eq!(
        world.renewal(&acme, &acme_bundle).await.unwrap().state,
        RenewalState::Collecting
    );
    assert!(world.renewal(&globex, &acme_bundle).await.is_none());
    let copy = world
        .emulator_bundle(acme_renewal.copy_sid.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(copy["account_sid"], json!(acme.account_sid));
    world.assert_no_failed_jobs().await;
}
