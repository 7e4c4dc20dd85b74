//! A customer's session: asking for a sign-in link, following it from the email, and the
//! emails the lifecycle sends (queued, then sent by the next job run).

use recomply::domain::ids::RenewalId;
use reqwest::Response;

use crate::harness::{TestApp, follow_link};
use crate::html::{csrf_token, location};
use crate::seed::Customer;

/// The sign-in links emailed to `to`, oldest first, as the customer receives them (the queued
/// emails are sent first).
pub async fn emailed_links(app: &TestApp, to: &str) -> Vec<String> {
    app.links_to(to).await
}

/// Queues the notification `kind` about `customer`'s renewal (as the lifecycle does); the next
/// `run_jobs` sends it.
pub async fn notify(
    app: &TestApp,
    customer: &Customer,
    renewal_id: RenewalId,
    kind: recomply::lifecycle::notifications::NotificationKind,
) {
    let renewal = recomply::db::renewals::find(&app.db, customer.tenant_id, renewal_id)
        .await
        .unwrap()
        .expect("the renewal exists");
    let mut tx = app.db.begin().await.unwrap();
    recomply::lifecycle::notifications::Notification::new(kind, &renewal)
        .enqueue(&mut tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The number of emails in the outbox once the queued ones are sent.
pub async fn outbox_count(app: &TestApp) -> i64 {
    app.run_jobs().await;
    sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// GETs the sign-in page and posts `email` with its CSRF token.
pub async fn request_link(app: &TestApp, email: &str) -> Response {
    request_link_from(app, email, None).await
}

/// As [`request_link`], from the client address `client` (via the local proxy header).
pub async fn request_link_from(app: &TestApp, email: &str, client: Option<&str>) -> Response {
    let form = app.get("/login").await.text().await.unwrap();
    let token = csrf_token(&form);
    let mut request = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("csrf_token", token.as_str()), ("email", email)]);
    if let Some(client) = client {
        request = request.header("x-forwarded-for", client);
    }
    follow_to_check_email(app, request.send().await.unwrap()).await
}

/// A sign-in request that was accepted answers 303 to "check your email": follows it (and
/// asserts where it goes); any other answer (a refused form) is returned as it is.
pub async fn follow_to_check_email(app: &TestApp, response: Response) -> Response {
    if response.status().as_u16() != 303 {
        return response;
    }
    assert_eq!(location(&response), "/login/check-email");
    app.get("/login/check-email").await
}

/// Signs `customer` in through an emailed link; returns where the link landed.
pub async fn sign_in(app: &TestApp, customer: &Customer) -> String {
    request_link(app, &customer.email).await;
    let link = emailed_links(app, &customer.email)
        .await
        .pop()
        .expect("a sign-in link was emailed");
    let response = follow_link(&app.client, &link).await;
    assert_eq!(response.status().as_u16(), 303, "the link signs in");
    location(&response)
}
