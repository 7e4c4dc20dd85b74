//! An endpoint's life after registration: turned off and on, deleted, an endpoint that does
//! not answer (logged, retried), and its secret re-sealed when the secret key is rotated.

use recomply::db::event_endpoints;
use recomply::db::outbound_events;
use recomply::domain::event_type::EventType;

use super::receiver::Receiver;
use crate::harness::spawn_app;
use crate::html::{parse, text, texts};
use recomply::domain::renewal::RenewalState;

#[tokio::test]
async fn rotating_the_secret_key_reseals_endpoint_secrets() {
    // Arrange: an endpoint sealed under the app's key.
    let app = spawn_app().await;
    let receiver = Receiver::spawn(0).await;
    let secret = super::register(&app.engine, &receiver.url, None, EventType::ALL).await;
    let id = super::only_endpoint(&app.db).await;
    let new_key = recomply::crypto::SecretKey::generate();

    // Act: twice (the second run finds nothing left under the old key).
    let first = event_endpoints::reseal_all(&app.db, &app.config.secret_key, &new_key)
        .await
        .unwrap();
    let second = event_endpoints::reseal_all(&app.db, &app.config.secret_key, &new_key)
        .await
        .unwrap();

    // Assert
    assert_eq!((first, second), (1, 0));
    let sealed: Vec<u8> = sqlx::query_scalar("select sealed_secret from event_endpoint")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        event_endpoints::open_secret(&new_key, id, &sealed)
            .unwrap()
            .expose(),
        secret
    );
    assert!(event_endpoints::open_secret(&app.config.secret_key, id, &sealed).is_none());
}

#[tokio::test]
async fn an_endpoint_turned_off_gets_nothing_until_turned_on_and_a_deleted_one_is_gone() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let receiver = Receiver::spawn(0).await;
    let (tenant, renewal, _) = app
        .seed()
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    super::register(&app.engine, &receiver.url, None, EventType::ALL).await;
    let id = super::only_endpoint(&app.db).await;
    let path = format!("/admin/events/{id}");
    let event = || async {
        let mut tx = app.db.begin().await.unwrap();
        let kind = EventType::RenewalNeedsAttention;
        outbound_events::record_for_renewal(&mut tx, tenant, renewal, kind)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        app.run_jobs().await;
    };

    // Act 1: off; an event happens.
    let csrf = app.csrf_at(&admin, &path).await;
    let enabled = format!("{path}/enabled");
    let off = app
        .post_then_follow(
            &admin,
            &enabled,
            &[("enabled", "false"), ("csrf_token", &csrf)],
            &path,
        )
        .await;
    assert!(text(&parse(&off.text().await.unwrap()), "#notice").contains("off"));
    event().await;
    assert!(
        receiver.received().is_empty(),
        "nothing goes to an endpoint that is off"
    );

    // Act 2: on again; the next event goes out.
    app.post_then_follow(
        &admin,
        &enabled,
        &[("enabled", "true"), ("csrf_token", &csrf)],
        &path,
    )
    .await;
    event().await;
    assert_eq!(receiver.accepted().len(), 1);

    // Act 3: deleted.
    let list = app
        .post_then_follow(
            &admin,
            &format!("{path}/delete"),
            &[("csrf_token", &csrf)],
            "/admin/events",
        )
        .await;
    let page = parse(&list.text().await.unwrap());
    assert!(text(&page, "#notice").contains("deleted"));
    assert!(texts(&page, "#endpoints tbody tr").is_empty());
    assert_eq!(app.get_with(&admin, &path).await.status(), 404);
}

#[tokio::test]
async fn an_endpoint_that_does_not_answer_is_logged_as_no_answer_and_retried() {
    // Arrange: an endpoint on a port nobody listens on.
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/events", listener.local_addr().unwrap())
    };
    let (tenant, renewal, _) = app
        .seed()
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    super::register(&app.engine, &closed, None, EventType::ALL).await;
    let mut tx = app.db.begin().await.unwrap();
    let kind = EventType::RenewalSubmitted;
    outbound_events::record_for_renewal(&mut tx, tenant, renewal, kind)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Act
    app.run_jobs().await;

    // Assert: one attempt, no status, an error kept; the job waits for its retry.
    let id = super::only_endpoint(&app.db).await;
    let page = parse(
        &app.get_with(&admin, &format!("/admin/events/{id}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&page, "#deliveries .attempts"), "1");
    assert_eq!(text(&page, "#deliveries .last-status"), "No answer");
    let (status, error): (Option<i32>, Option<String>) =
        sqlx::query_as("select status, error from event_delivery_attempt")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, None);
    assert!(error.is_some_and(|e| !e.is_empty()));
    let (job_status, attempts): (String, i32) =
        sqlx::query_as("select status, attempts from job where kind = 'deliver_event'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (job_status.as_str(), attempts),
        ("pending", 1),
        "retried later"
    );
}
