//! Keeping the ISV's own status callbacks flowing: the URL a bundle had is kept before
//! recomply takes the callback, every verified callback is forwarded to it re-signed with the
//! tenant's auth token (retried until it answers 2xx), the tenant's "every bundle" setting,
//! and removing a tenant, which puts every original URL back.

use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use recomply::domain::renewal::RenewalState;
use recomply::twilio::signature;

use crate::harness::spawn_app;
use crate::html::{attr, csrf_token, parse, text, texts};
use crate::lifecycle_support::{Tenant, World};

/// One request the ISV's endpoint received.
#[derive(Debug, Clone)]
struct Received {
    signature: String,
    params: Vec<(String, String)>,
}

/// The ISV's own status-callback endpoint: records what it receives and answers 500 to the
/// first `failures` requests.
#[derive(Clone)]
struct IsvEndpoint {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
    failures: Arc<Mutex<usize>>,
}

impl IsvEndpoint {
    async fn spawn(failures: usize) -> Self {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let failures = Arc::new(Mutex::new(failures));
        let state = (received.clone(), failures.clone());
        let app = axum::Router::new()
            .route("/twilio/bundles", axum::routing::post(receive))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/twilio/bundles", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self {
            url,
            received,
            failures,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Forgets what Twilio itself sent before recomply took the callback.
    fn forget(&self) {
        self.received.lock().unwrap().clear();
    }
}

type EndpointState = (Arc<Mutex<Vec<Received>>>, Arc<Mutex<usize>>);

async fn receive(
    State((received, failures)): State<EndpointState>,
    headers: HeaderMap,
    Form(params): Form<Vec<(String, String)>>,
) -> StatusCode {
    let signature = headers
        .get("X-Twilio-Signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    received
        .lock()
        .unwrap()
        .push(Received { signature, params });
    let mut failures = failures.lock().unwrap();
    if *failures > 0 {
        *failures -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

/// Sets the bundle's status callback through Twilio's API, as the ISV did before recomply.
async fn isv_points_callback(world: &World, tenant: &Tenant, bundle_sid: &str, url: &str) {
    let response = world
        .http
        .post(format!(
            "{}/v2/RegulatoryCompliance/Bundles/{bundle_sid}",
            world.emulator.base_url
        ))
        .basic_auth(&tenant.account_sid, Some(&tenant.auth_token))
        .form(&[("StatusCallback", url)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
}

async fn callback_of(world: &World, sid: &str) -> Option<String> {
    world.emulator_bundle(sid).await.unwrap()["status_callback"]
        .as_str()
        .map(str::to_owned)
}

/// Posts a callback for `bundle_sid` signed as Twilio signs it, with the tenant's auth token.
async fn twilio_calls_back(world: &World, tenant: &Tenant, bundle_sid: &str, status: &str) {
    let params: Vec<(String, String)> = vec![
        ("AccountSid".into(), tenant.account_sid.clone()),
        ("BundleSid".into(), bundle_sid.to_owned()),
        ("Status".into(), status.to_owned()),
        ("FailureReason".into(), String::new()),
    ];
    let signed = signature::compute(&tenant.auth_token, &world.webhook_url(), &params);
    let status = world
        .http
        .post(world.webhook_url())
        .header("X-Twilio-Signature", signed)
        .form(&params)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

#[tokio::test]
async fn the_isvs_callback_is_kept_forwarded_signed_retried_and_put_back_when_the_tenant_goes() {
    // Arrange: the ISV's consumer is on Acme's bundle; Globex's bundle has none.
    let world = World::spawn().await;
    let (acme, globex) = (
        world.add_tenant("acme").await,
        world.add_tenant("globex").await,
    );
    let isv = IsvEndpoint::spawn(0).await;
    let (acme_bundle, regulation_sid) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    let (globex_bundle, _) = world
        .seed_approved_bundle(&globex, "Globex UK mobile", false)
        .await;
    isv_points_callback(&world, &acme, &acme_bundle, &isv.url).await;
    world.require_vat_number(&regulation_sid).await;

    // Act 1: the sweep takes the callbacks of the bundles with a deadline.
    world.sweep(&acme).await;
    world.sweep(&globex).await;

    // Assert 1
    assert_eq!(
        callback_of(&world, &acme_bundle).await.as_deref(),
        Some(world.webhook_url().as_str())
    );
    assert_eq!(
        callback_of(&world, &globex_bundle).await.as_deref(),
        Some(world.webhook_url().as_str())
    );

    // Act 2: Twilio calls back about both bundles; the ISV's endpoint fails once.
    isv.forget();
    *isv.failures.lock().unwrap() = 1;
    twilio_calls_back(&world, &acme, &acme_bundle, "twilio-approved").await;
    twilio_calls_back(&world, &globex, &globex_bundle, "twilio-approved").await;
    world.run_jobs().await;

    // Assert 2: Acme's callback reached the ISV twice (a 500, then the retry), each signed for
    // its URL with Acme's token; Globex's never did.
    let received = isv.received();
    assert_eq!(received.len(), 2, "{received:?}");
    for request in &received {
        assert!(
            signature::verify(
                &acme.auth_token,
                &isv.url,
                &request.params,
                &request.signature
            ),
            "the forward is signed for the ISV's URL with the tenant's auth token"
        );
        assert!(!signature::verify(
            &globex.auth_token,
            &isv.url,
            &request.params,
            &request.signature
        ));
        let field = |name: &str| {
            request
                .params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(field("BundleSid").as_deref(), Some(acme_bundle.as_str()));
        assert_eq!(field("Status").as_deref(), Some("twilio-approved"));
    }
    let (forwarded, status): (i64, Option<i32>) = sqlx::query_as(
        "select count(forwarded_at), max(forward_status) from webhook_event where tenant_id = $1",
    )
    .bind(acme.tenant_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert_eq!((forwarded, status), (1, Some(200)));

    // Act 3: staff remove Acme.
    assert!(
        recomply::lifecycle::tenants::remove(&world.engine, acme.tenant_id)
            .await
            .unwrap()
    );
    world.run_jobs().await;

    // Assert 3: the ISV's URL is back, the renewal cancelled, the credentials gone; Globex is
    // untouched.
    assert_eq!(
        callback_of(&world, &acme_bundle).await.as_deref(),
        Some(isv.url.as_str())
    );
    let renewal = world.renewal(&acme, &acme_bundle).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Cancelled);
    let tenant = recomply::db::tenants::get_tenant(&world.db, acme.tenant_id)
        .await
        .unwrap()
        .unwrap();
    assert!(tenant.removed_at.is_some());
    assert!(
        !tenant.has_credentials,
        "a removed tenant's credentials are erased"
    );
    assert_eq!(
        callback_of(&world, &globex_bundle).await.as_deref(),
        Some(world.webhook_url().as_str())
    );
    let globex_renewal = world.renewal(&globex, &globex_bundle).await.unwrap();
    assert!(globex_renewal.state.is_open());
    let swept = recomply::lifecycle::tenants::with_credentials(&world.db)
        .await
        .unwrap();
    assert_eq!(swept, [globex.tenant_id], "sweeps no longer include Acme");
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn every_approved_bundle_gives_its_callback_when_the_tenant_asks() {
    // Arrange: an approved bundle with no deadline, its callback on the ISV's endpoint.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let isv = IsvEndpoint::spawn(0).await;
    let (bundle, _) = world
        .seed_approved_bundle(&acme, "Acme UK mobile", false)
        .await;
    isv_points_callback(&world, &acme, &bundle, &isv.url).await;

    // Act 1: by default only bundles with a deadline are taken.
    world.sweep(&acme).await;
    let before = callback_of(&world, &bundle).await;

    // Act 2: the tenant asks for every bundle.
    recomply::db::tenants::set_callbacks_on_every_bundle(&world.db, acme.tenant_id, true)
        .await
        .unwrap();
    world.sweep(&acme).await;
    let after = callback_of(&world, &bundle).await;
    twilio_calls_back(&world, &acme, &bundle, "twilio-approved").await;
    world.run_jobs().await;

    // Assert
    assert_eq!(before.as_deref(), Some(isv.url.as_str()), "left alone");
    assert_eq!(after.as_deref(), Some(world.webhook_url().as_str()));
    assert_eq!(
        isv.received().len(),
        1,
        "the callback still reaches the ISV"
    );
    assert!(
        world.renewal(&acme, &bundle).await.is_none(),
        "no deadline, no renewal"
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn removing_a_tenant_asks_for_its_slug_keeps_what_was_typed_and_is_for_admins_only() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, globex) = (seed.tenant("Acme").await, seed.tenant("Globex").await);
    let admin = app.staff_client("admin").await;
    let support = app.staff_client("support").await;
    let path = format!("/admin/tenants/{acme}/remove");
    let slug = recomply::db::tenants::get_tenant(&app.db, acme)
        .await
        .unwrap()
        .unwrap()
        .slug;

    // Act
    let support_page = app.get_with(&support, &path).await.status();
    let csrf = app.csrf_at(&admin, &path).await;
    let no_csrf = app
        .post_form(&admin, &path, &[("confirm_slug", &slug)])
        .await
        .status();
    let wrong = app
        .post_form(
            &admin,
            &path,
            &[("confirm_slug", "acme-typo"), ("csrf_token", &csrf)],
        )
        .await;
    let wrong_status = wrong.status();
    let wrong_page = parse(&wrong.text().await.unwrap());
    let removed_before_confirming = recomply::db::tenants::get_tenant(&app.db, acme)
        .await
        .unwrap()
        .unwrap()
        .removed_at;
    let right = app
        .post_form(
            &admin,
            &path,
            &[("confirm_slug", &slug), ("csrf_token", &csrf)],
        )
        .await
        .status();
    let page = parse(
        &app.get_with(&admin, &format!("/admin/tenants/{acme}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    // Assert
    assert_eq!(support_page, 403, "support staff cannot remove tenants");
    assert_ne!(no_csrf, 303, "no CSRF token, no removal");
    assert_eq!(wrong_status, 422);
    assert!(
        text(&wrong_page, "#confirm_slug-error").contains(&slug),
        "the message beside the field names the slug to type"
    );
    assert_eq!(
        attr(&wrong_page, "#confirm_slug", "value").as_deref(),
        Some("acme-typo"),
        "what was typed is kept"
    );
    assert!(removed_before_confirming.is_none());
    assert_eq!(right, 303);
    assert!(text(&page, "#removed").starts_with("Removed"));
    assert!(
        texts(&page, "#remove").is_empty(),
        "no second removal offered"
    );
    let other = recomply::db::tenants::get_tenant(&app.db, globex)
        .await
        .unwrap()
        .unwrap();
    assert!(other.removed_at.is_none(), "only that tenant is removed");
}

#[tokio::test]
async fn the_callback_setting_is_saved_by_admins_with_a_csrf_token() {
    // Arrange
    let app = spawn_app().await;
    let seed = app.seed();
    let (acme, globex) = (seed.tenant("Acme").await, seed.tenant("Globex").await);
    let admin = app.staff_client("admin").await;
    let support = app.staff_client("support").await;
    let path = format!("/admin/tenants/{acme}/callbacks");
    let page = format!("/admin/tenants/{acme}");
    let csrf = app.csrf_at(&admin, &page).await;
    let support_csrf = csrf_token(&app.get_with(&support, &page).await.text().await.unwrap());

    // Act
    let by_support = app
        .post_form(
            &support,
            &path,
            &[("every_bundle", "on"), ("csrf_token", &support_csrf)],
        )
        .await
        .status();
    let saved = app
        .post_form(
            &admin,
            &path,
            &[("every_bundle", "on"), ("csrf_token", &csrf)],
        )
        .await
        .status();
    let shown = parse(&app.get_with(&admin, &page).await.text().await.unwrap());

    // Assert
    assert_eq!(by_support, 403);
    assert_eq!(saved, 303);
    assert!(attr(&shown, "#every_bundle", "checked").is_some());
    let every = |tenant| {
        let db = app.db.clone();
        async move {
            recomply::db::tenants::get_tenant(&db, tenant)
                .await
                .unwrap()
                .unwrap()
                .callbacks_on_every_bundle
        }
    };
    assert!(every(acme).await);
    assert!(!every(globex).await, "the other tenant keeps its setting");
}
