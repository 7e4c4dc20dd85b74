//! The periodic re-discovery: a new, a suspended and a closed subaccount are flagged on the
//! dashboard until staff review them; a tenant whose subaccount Twilio closed is marked on the
//! tenants list.

use super::{PAGE, Setup, create_subaccount, set_status};
use crate::html::{attr, parse, text};

#[tokio::test]
async fn rediscovery_flags_a_new_a_suspended_and_a_closed_subaccount_on_the_dashboard() {
    // Arrange: three subaccounts discovered and reviewed; Initech is a tenant.
    let (setup, sids) = Setup::with_subaccounts(&["Acme", "Globex", "Initech"]).await;
    setup.connect().await;
    setup.discover().await;
    setup.choose(&[&sids[2]]).await;
    setup.app.run_jobs().await;
    let csrf = setup.app.csrf_at(&setup.admin, PAGE).await;
    let reviewed = format!("{PAGE}/reviewed");
    setup
        .app
        .post_then_follow(&setup.admin, &reviewed, &[("csrf_token", &csrf)], PAGE)
        .await;
    let dashboard = setup.app.get_with(&setup.admin, "/admin").await;
    let dashboard = parse(&dashboard.text().await.unwrap());
    assert_eq!(
        text(&dashboard, "#subaccount-flags"),
        "",
        "nothing flagged after review"
    );

    // Act: at Twilio, a new subaccount, Globex suspended, Initech closed; then the periodic
    // discovery runs (scheduled as a worker start schedules it).
    create_subaccount(&setup.emulator, &setup.parent, "Umbrella").await;
    set_status(&setup.emulator, &setup.parent, &sids[1], "suspended").await;
    set_status(&setup.emulator, &setup.parent, &sids[2], "closed").await;
    recomply::jobs::schedule::ensure_periodic_jobs(&setup.app.db)
        .await
        .unwrap();
    setup.app.run_jobs().await;

    // Assert: the dashboard's notice, linking to the page.
    let dashboard = setup.app.get_with(&setup.admin, "/admin").await;
    let dashboard = parse(&dashboard.text().await.unwrap());
    assert_eq!(
        text(&dashboard, "#subaccount-flags p"),
        "1 new subaccount, 1 suspended, 1 closed — review."
    );
    assert_eq!(
        attr(&dashboard, "#subaccount-flags a", "href").as_deref(),
        Some(PAGE)
    );
    let page = parse(&setup.page().await);
    assert!(text(&page, &format!("#sub-{}", sids[1])).contains("Suspended"));
    assert!(text(&page, "#subaccount-flags").contains("1 new, 1 suspended, 1 closed"));
    // The closed subaccount's tenant is marked on the tenants list.
    let tenants = setup.app.get_with(&setup.admin, "/admin/tenants").await;
    let tenants = parse(&tenants.text().await.unwrap());
    assert_eq!(text(&tenants, ".subaccount-status"), "Subaccount closed");
    // The periodic run scheduled its next round an interval away.
    let next: bool = sqlx::query_scalar(
        "select run_at > now() + interval '50 minutes' from job
         where kind = 'discover_subaccounts' and status = 'pending'",
    )
    .fetch_one(&setup.app.db)
    .await
    .unwrap();
    assert!(next, "the next discovery is an hour away");
}

#[tokio::test]
async fn a_refused_parent_token_is_recorded_at_once_and_not_retried() {
    // Arrange: connected, then the token changes at Twilio (simulated by storing a wrong one
    // while Twilio is asked nothing: a connection saved unverified).
    let (setup, _) = Setup::with_subaccounts(&["Acme"]).await;
    setup.connect().await;
    let key = &setup.app.config.secret_key;
    let sid = recomply::domain::sid::AccountSid::parse(&setup.parent.account_sid).unwrap();
    let admin_id: recomply::domain::ids::StaffUserId =
        sqlx::query_scalar("select staff_user_id from staff_user limit 1")
            .fetch_one(&setup.app.db)
            .await
            .unwrap();
    recomply::db::parent_account::connect(
        &setup.app.db,
        key,
        &sid,
        &"wrong-token".into(),
        false,
        admin_id,
    )
    .await
    .unwrap();

    // Act
    let page = parse(&setup.discover().await);

    // Assert
    assert!(text(&page, "#discovery-status").contains("Twilio refused"));
    let attempts: Vec<(String, i32)> =
        sqlx::query_as("select status, attempts from job where kind = 'discover_subaccounts'")
            .fetch_all(&setup.app.db)
            .await
            .unwrap();
    assert_eq!(
        attempts,
        [("done".to_owned(), 1)],
        "one attempt, not a dozen"
    );
}
