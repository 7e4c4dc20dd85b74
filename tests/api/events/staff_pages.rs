//! The staff pages under `/admin/events`: registering an endpoint (admins only, CSRF, bad
//! input shown beside the fields), its secret shown once and stored sealed, and the endpoint
//! page's delivery log with its "Resend" button.

use recomply::db::event_endpoints;
use recomply::db::outbound_events;
use recomply::domain::event_type::EventType;

use super::receiver::Receiver;
use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, csrf_token, parse, text, texts};
use recomply::domain::renewal::RenewalState;

/// Posts the create form as `client` with `fields` (plus the CSRF token).
async fn post_endpoint(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf_at(client, "/admin/events").await;
    let mut form = fields.to_vec();
    form.push(("csrf_token", &csrf));
    app.post_form(client, "/admin/events", &form).await
}

#[tokio::test]
async fn an_admin_registers_an_endpoint_and_sees_its_secret_once_and_only_sealed_is_stored() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    // Act
    let created = post_endpoint(
        &app,
        &admin,
        &[
            ("name", "Billing backend"),
            ("url", "https://backend.example/recomply/events"),
            ("tenant_id", ""),
            ("event_types", "renewal.completed"),
            ("event_types", "renewal.rejected"),
        ],
    )
    .await;

    // Assert: the secret is on the answer, once.
    assert_eq!(created.status(), 200);
    let page = parse(&created.text().await.unwrap());
    let secret = text(&page, "#endpoint-created code.secret-once");
    assert!(secret.starts_with("whsec_"), "{secret}");
    let row = texts(&page, "#endpoints tbody tr td");
    assert!(row.iter().any(|t| t.contains("Billing backend")), "{row:?}");
    assert!(
        row.iter()
            .any(|t| t == "renewal.rejected, renewal.completed"
                || t == "renewal.completed, renewal.rejected"),
        "{row:?}"
    );
    let id = super::only_endpoint(&app.db).await;
    for path in ["/admin/events".to_owned(), format!("/admin/events/{id}")] {
        let again = app.get_with(&admin, &path).await.text().await.unwrap();
        assert!(!again.contains(&secret), "{path} shows the secret again");
    }
    // Stored only sealed: not the secret, but it opens to it with the app's key.
    let sealed: Vec<u8> =
        sqlx::query_scalar("select sealed_secret from event_endpoint where event_endpoint_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(!sealed.windows(6).any(|w| w == b"whsec_"));
    assert_ne!(sealed, secret.as_bytes());
    let opened = event_endpoints::open_secret(&app.config.secret_key, id, &sealed).unwrap();
    assert_eq!(opened.expose(), secret);

    // Replacing the secret shows a new one, once.
    let csrf = app.csrf_at(&admin, &format!("/admin/events/{id}")).await;
    let rotated = app
        .post_form(
            &admin,
            &format!("/admin/events/{id}/secret"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let new_secret = text(
        &parse(&rotated.text().await.unwrap()),
        "#secret-replaced code",
    );
    assert!(new_secret.starts_with("whsec_") && new_secret != secret);
}

#[tokio::test]
async fn bad_input_is_shown_beside_each_field_and_what_was_typed_is_kept() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    // Act: a URL that is not one, and no event type.
    let response = post_endpoint(
        &app,
        &admin,
        &[
            ("name", "Billing backend"),
            ("url", "backend.example/events"),
            ("tenant_id", ""),
        ],
    )
    .await;

    // Assert
    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#url-error").contains("full http or https URL"));
    assert!(text(&page, "#event_types-error").contains("at least one event type"));
    assert_eq!(
        attr(&page, "input#name", "value").as_deref(),
        Some("Billing backend")
    );
    assert_eq!(
        attr(&page, "input#url", "value").as_deref(),
        Some("backend.example/events")
    );
    assert!(texts(&page, "input[name=event_types][checked]").is_empty());
    let stored: i64 = sqlx::query_scalar("select count(*) from event_endpoint")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn support_staff_cannot_reach_events_and_every_form_needs_the_csrf_token() {
    // Arrange
    let app = spawn_app().await;
    let support = app.staff_client("support").await;
    let admin = app.staff_client("admin").await;

    // Act
    let dashboard = app.get_with(&support, "/admin").await.text().await.unwrap();
    let list = app.get_with(&support, "/admin/events").await;
    let csrf = app.csrf_at(&support, "/admin").await;
    let create = app
        .post_form(
            &support,
            "/admin/events",
            &[
                ("name", "Mine"),
                ("url", "https://evil.example/"),
                ("event_types", "renewal.completed"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let forged = app
        .post_form(
            &admin,
            "/admin/events",
            &[
                ("name", "Mine"),
                ("url", "https://evil.example/"),
                ("event_types", "renewal.completed"),
                ("csrf_token", "forged"),
            ],
        )
        .await;

    // Assert
    assert!(
        !texts(&parse(&dashboard), "nav a")
            .iter()
            .any(|t| t == "Events")
    );
    let admin_nav = app.get_with(&admin, "/admin").await.text().await.unwrap();
    assert!(
        texts(&parse(&admin_nav), "nav a")
            .iter()
            .any(|t| t == "Events")
    );
    assert_eq!(list.status(), 403);
    assert_eq!(create.status(), 403);
    assert_eq!(forged.status(), 403);
    let stored: i64 = sqlx::query_scalar("select count(*) from event_endpoint")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn resend_delivers_the_same_message_again_from_the_endpoint_page() {
    // Arrange: an endpoint registered through the form, and one delivered event.
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let receiver = Receiver::spawn(0).await;
    let (tenant, renewal, _) = app
        .seed()
        .one_renewal("Acme", 10.0, RenewalState::Collecting)
        .await;
    let created = post_endpoint(
        &app,
        &admin,
        &[
            ("name", "ISV backend"),
            ("url", &receiver.url),
            ("tenant_id", &tenant.to_string()),
            ("event_types", "renewal.action_needed"),
        ],
    )
    .await;
    let secret = text(&parse(&created.text().await.unwrap()), "code.secret-once");
    let mut tx = app.db.begin().await.unwrap();
    outbound_events::record_for_renewal(&mut tx, tenant, renewal, EventType::RenewalActionNeeded)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.run_jobs().await;
    let id = super::only_endpoint(&app.db).await;
    let endpoint_path = format!("/admin/events/{id}");
    let before = parse(
        &app.get_with(&admin, &endpoint_path)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(
        text(&before, "#deliveries .event-type"),
        "renewal.action_needed"
    );
    assert_eq!(text(&before, "#deliveries .attempts"), "1");
    assert!(text(&before, "#deliveries .last-status").starts_with("200"));
    assert_eq!(
        attr(&before, "#deliveries a.renewal-link", "href"),
        Some(format!("/admin/renewals/{renewal}"))
    );

    // Act: staff press "Resend".
    let action = attr(&before, "#deliveries form", "action").unwrap();
    let csrf = csrf_token(
        &app.get_with(&admin, &endpoint_path)
            .await
            .text()
            .await
            .unwrap(),
    );
    let forged = app
        .post_form(&admin, &action, &[("csrf_token", "nope")])
        .await;
    let resent = app
        .post_then_follow(&admin, &action, &[("csrf_token", &csrf)], &endpoint_path)
        .await;
    let notice = text(&parse(&resent.text().await.unwrap()), "#notice");
    app.run_jobs().await;

    // Assert: the same message (same webhook-id and body), signed again; two attempts logged.
    assert_eq!(forged.status(), 403);
    assert!(notice.contains("sent again"), "{notice}");
    let received = receiver.accepted();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[0].id(), received[1].id());
    assert_eq!(received[0].body, received[1].body);
    assert!(received.iter().all(|r| r.verifies_with(&secret)));
    let after = parse(
        &app.get_with(&admin, &endpoint_path)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&after, "#deliveries .attempts"), "2");
}
