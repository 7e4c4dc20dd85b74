//! Two tenants: every customer URL with the other tenant's ids answers 404.

use crate::harness::spawn_app;
use crate::html::csrf_token;
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::uploads::multipart;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

#[tokio::test]
async fn every_customer_url_with_another_tenants_ids_is_not_found() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    let theirs_bundle = app
        .seed()
        .customer_bundle(
            &lee,
            "Globex HQ",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(3),
        )
        .await;
    let theirs = app
        .seed()
        .customer_renewal(
            &lee,
            theirs_bundle,
            RenewalState::Collecting,
            Some(fixtures::partly_done()),
        )
        .await;
    sign_in(&app, &camille).await;
    let page = app.get("/bundles").await.text().await.unwrap();
    let csrf = csrf_token(&page);

    let mut statuses = Vec::new();
    for path in [
        format!("/renewals/{theirs}"),
        format!("/renewals/{theirs}/status"),
        format!("/bundles/{theirs_bundle}/history"),
        format!("/renewals/{}", uuid::Uuid::new_v4()),
    ] {
        statuses.push((path.clone(), app.get(&path).await.status().as_u16()));
    }
    let save = app
        .client
        .post(format!("{}/renewals/{theirs}", app.address))
        .multipart(multipart(
            &[("csrf_token".into(), csrf.clone())],
            &[],
            vec![],
        ))
        .send()
        .await
        .unwrap();
    statuses.push(("POST save".into(), save.status().as_u16()));
    let submit = app
        .client
        .post(format!("{}/renewals/{theirs}/submit", app.address))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    statuses.push(("POST submit".into(), submit.status().as_u16()));

    for (path, status) in &statuses {
        assert_eq!(*status, 404, "{path}");
    }
    let snapshot_untouched: bool =
        sqlx::query_scalar("select snapshot = $2 from renewal where renewal_id = $1")
            .bind(theirs)
            .bind(fixtures::partly_done())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(snapshot_untouched);
}
