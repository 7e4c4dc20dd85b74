//! `GET /metrics`: the Prometheus exposition and values that move with what the app does.
//!
//! The recorder is one per process and every test app of this binary shares it, so counters
//! and histograms are checked for presence and increase, never for exact totals; the
//! database gauges belong to each test's own database and are exact.

use recomply::domain::renewal::RenewalState;

use crate::lifecycle_support::World;

/// Scrapes `/metrics`; returns the body after checking the status and content type.
async fn scrape(world: &World) -> String {
    scrape_with(world, None).await
}

/// Scrapes `/metrics`, sending `token` as a bearer token when given.
async fn scrape_with(world: &World, token: Option<&str>) -> String {
    let mut request = world.http.get(format!("{}/metrics", world.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
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

/// The value of `series`, or 0 when it is not exposed (yet).
fn value_or_zero(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |v| v.parse().unwrap())
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
    // Other tests of this process count into the same recorder: at least ours.
    assert!(delta("recomply_webhooks_received_total") >= 1.0);
    assert!(delta(r#"recomply_http_requests_total{status_class="4xx"}"#) >= 1.0);
    // The first scrape itself was a 2xx response.
    assert!(delta(r#"recomply_http_requests_total{status_class="2xx"}"#) >= 1.0);
    // Each Twilio client method is timed: the sweep listed bundles, and it worked.
    let listings =
        r#"recomply_twilio_request_duration_seconds_count{operation="list_bundles",outcome="ok"}"#;
    assert!(
        value(&after, listings) - value_or_zero(&before, listings) >= 1.0,
        "{after}"
    );
    assert!(after.contains("# TYPE recomply_twilio_request_duration_seconds histogram"));
    assert!(after.contains(
        r#"recomply_twilio_request_duration_seconds_bucket{operation="list_bundles",outcome="ok",le="+Inf"}"#
    ));
    // And so is each job run, by kind.
    assert!(
        value(
            &after,
            r#"recomply_job_duration_seconds_count{kind="sweep_tenant",outcome="done"}"#
        ) >= 1.0
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

#[tokio::test]
async fn route_latency_is_labelled_by_route_template_and_never_by_the_raw_path() {
    // Arrange: a sign-in link path carries a token; an unknown path carries anything.
    let world = World::spawn().await;
    let secret = "tok3n-that-must-not-leak-0f9a";

    // Act
    let link = world
        .http
        .get(format!("{}/login/{secret}", world.address))
        .send()
        .await
        .unwrap();
    let unknown = world
        .http
        .get(format!("{}/nowhere/{secret}", world.address))
        .send()
        .await
        .unwrap();
    let text = scrape(&world).await;

    // Assert
    assert!(text.contains("# TYPE recomply_http_request_duration_seconds histogram"));
    let class = format!("{}xx", link.status().as_u16() / 100);
    let template = format!(
        r#"recomply_http_request_duration_seconds_bucket{{route="/login/{{token}}",method="GET",status_class="{class}",le="+Inf"}}"#
    );
    assert!(
        value(&text, &template) >= 1.0,
        "{template} missing in\n{text}"
    );
    assert_eq!(unknown.status(), 404);
    assert!(
        value(
            &text,
            r#"recomply_http_request_duration_seconds_count{route="unmatched",method="GET",status_class="4xx"}"#
        ) >= 1.0
    );
    assert!(!text.contains(secret), "a raw path leaked into\n{text}");
    assert!(!text.contains("/nowhere"), "a raw path leaked into\n{text}");
}

#[tokio::test]
async fn with_a_metrics_token_a_scrape_needs_it_as_a_bearer_token() {
    // Arrange
    let token = "metrics-token-for-tests-7c1d2e";
    let world = World::spawn_with(|config| {
        config.metrics_token = Some(token.into());
    })
    .await;
    let url = format!("{}/metrics", world.address);

    // Act
    let without = world.http.get(&url).send().await.unwrap();
    let wrong = world
        .http
        .get(&url)
        .bearer_auth("metrics-token-for-tests-7c1d2f")
        .send()
        .await
        .unwrap();
    let as_basic = world
        .http
        .get(&url)
        .basic_auth("scraper", Some(token))
        .send()
        .await
        .unwrap();
    let with = scrape_with(&world, Some(token)).await;

    // Assert
    for refused in [without, wrong, as_basic] {
        assert_eq!(refused.status(), 401);
        assert_eq!(
            refused.headers()["www-authenticate"],
            "Bearer realm=\"metrics\""
        );
        let body = refused.text().await.unwrap();
        assert!(!body.contains("recomply_"), "{body}");
    }
    assert!(with.contains("# TYPE recomply_http_requests_total counter"));
    assert!(with.contains("# TYPE recomply_jobs gauge"));
    // The rest of the app does not ask for it.
    let health = world
        .http
        .get(format!("{}/healthz", world.address))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}
