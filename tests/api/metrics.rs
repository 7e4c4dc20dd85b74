//! `GET /metrics`: the Prometheus exposition and values that move with what the app does.

use recomply::domain::renewal::RenewalState;

use crate::lifecycle_support::World;

/// Scrapes `/metrics`; returns the body after checking the status and content type.
async fn scrape(world: &World) -> String {
    let response = world
        .http
        .get(format!("{}/metrics", world.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    response.text().await.unwrap()
}

/// The value of the sample `series` (name plus labels, exactly as exposed).
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no {series} in\n{text}"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn metrics_expose_every_family_and_move_with_requests_callbacks_and_renewals() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let before = scrape(&world).await;

    // Act: a sweep prepares a renewal (Twilio calls, jobs), an unsigned callback is refused.
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    let refused = world
        .http
        .post(world.webhook_url())
        .form(&[
            ("AccountSid", tenant.account_sid.as_str()),
            ("BundleSid", bundle_sid.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let after = scrape(&world).await;

    // Assert
    for family in [
        "# TYPE recomply_twilio_api_calls_total counter",
        "# TYPE recomply_http_requests_total counter",
        "# TYPE recomply_webhooks_received_total counter",
        "# TYPE recomply_jobs gauge",
        "# TYPE recomply_renewals gauge",
    ] {
        assert!(after.contains(family), "{family} missing in\n{after}");
    }
    let delta = |series: &str| value(&after, series) - value(&before, series);
    assert!(
        delta("recomply_twilio_api_calls_total") >= 10.0,
        "the sweep and preparation called Twilio"
    );
    assert_eq!(delta("recomply_webhooks_received_total"), 1.0);
    assert_eq!(
        delta(r#"recomply_http_requests_total{status_class="4xx"}"#),
        1.0
    );
    // The first scrape itself was a 2xx response.
    assert_eq!(
        delta(r#"recomply_http_requests_total{status_class="2xx"}"#),
        1.0
    );
    assert_eq!(
        value(&before, r#"recomply_renewals{state="collecting"}"#),
        0.0
    );
    assert_eq!(
        value(&after, r#"recomply_renewals{state="collecting"}"#),
        1.0
    );
    assert_eq!(
        world.renewal(&tenant, &bundle_sid).await.unwrap().state,
        RenewalState::Collecting
    );
    assert!(value(&after, r#"recomply_jobs{status="done"}"#) >= 3.0);
    assert_eq!(value(&after, r#"recomply_jobs{status="dead"}"#), 0.0);
}
