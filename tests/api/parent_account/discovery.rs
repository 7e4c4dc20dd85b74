//! "Discover" and "Create tenants": every chosen subaccount becomes a tenant with its own
//! credentials, sweeping its own bundles; only the chosen ones; running it again changes
//! nothing; the page never calls Twilio on a GET.

use super::{PAGE, Setup};
use crate::html::{attr, parse, text, texts};
use crate::lifecycle_support::{approved_uk_bundle, vat_number_change};

/// Seeds an approved bundle on `account_sid` at the emulator; its SID and regulation.
async fn seed_bundle(setup: &Setup, account_sid: &str, name: &str) -> (String, String) {
    let view: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/__emulator/bundles", setup.emulator.base_url))
        .json(&approved_uk_bundle(account_sid, name, None, "Head office"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        view["sid"].as_str().unwrap().to_owned(),
        view["regulation_sid"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn discovery_of_three_subaccounts_makes_three_tenants_each_sweeping_its_own_bundles() {
    // Arrange: three subaccounts, each with a bundle Twilio now wants renewed.
    let (setup, sids) = Setup::with_subaccounts(&["Acme Telecom", "Globex", "Initech"]).await;
    let mut bundles = Vec::new();
    for (sid, name) in sids
        .iter()
        .zip(["Acme bundle", "Globex bundle", "Initech bundle"])
    {
        bundles.push(seed_bundle(&setup, sid, name).await);
    }
    let regulation = &bundles[0].1;
    reqwest::Client::new()
        .post(format!(
            "{}/__emulator/regulations/{regulation}/changes",
            setup.emulator.base_url
        ))
        .json(&vat_number_change())
        .send()
        .await
        .unwrap();
    setup.connect().await;

    // Act: discover, tick all three, create.
    let page = setup.discover().await;
    let listed = texts(&parse(&page), ".subaccounts-table tbody tr .row-title");
    assert_eq!(listed, ["Acme Telecom", "Globex", "Initech"]);
    let chosen: Vec<&str> = sids.iter().map(String::as_str).collect();
    let response = setup.choose(&chosen).await;
    assert_eq!(response.status(), 303);
    let waiting = setup.page().await;
    assert!(
        text(&parse(&waiting), "#create-progress").contains("0 of 3 created"),
        "{}",
        text(&parse(&waiting), "#create-progress")
    );
    assert!(
        attr(&parse(&waiting), "meta[http-equiv=refresh]", "content").is_some(),
        "the page reloads itself while tenants are being created"
    );
    setup.app.run_jobs().await;

    // Assert: three tenants, each with its own subaccount's token, each sweeping its own bundle
    // with its own credentials.
    let page = parse(&setup.page().await);
    assert!(text(&page, "#create-progress").contains("3 of 3 created"));
    assert!(attr(&page, "meta[http-equiv=refresh]", "content").is_none());
    assert_eq!(setup.tenant_count().await, 3);
    let requests = setup.emulator.requests();
    for (sid, (bundle_sid, _)) in sids.iter().zip(&bundles) {
        let (tenant, token) = setup.tenant_of(sid).await.expect("a tenant per subaccount");
        assert_eq!(token, setup.token_of(sid).await, "its own auth token");
        assert_ne!(token, setup.parent.auth_token);
        let mirrored: Vec<String> =
            sqlx::query_scalar("select sid from bundle where tenant_id = $1")
                .bind(tenant.tenant_id)
                .fetch_all(&setup.app.db)
                .await
                .unwrap();
        assert_eq!(mirrored, vec![bundle_sid.clone()], "only its own bundle");
        assert!(
            requests.iter().any(|r| r.path.ends_with("/Bundles")
                && r.account_sid.as_deref() == Some(sid.as_str())
                && r.status == 200),
            "the sweep of {sid} listed bundles as that subaccount"
        );
    }
    let acme = setup.tenant_of(&sids[0]).await.unwrap().0;
    assert_eq!(
        (acme.name.as_str(), acme.slug.as_str()),
        ("Acme Telecom", "acme-telecom")
    );
    let rows = texts(&page, ".subaccounts-table td.outcome");
    assert!(rows.iter().all(|r| r.starts_with("Created")), "{rows:?}");
    assert!(
        attr(&page, "input[name=account_sid][type=checkbox]", "value").is_none(),
        "no subaccount is left to choose"
    );
}

#[tokio::test]
async fn only_the_chosen_subaccounts_become_tenants_and_running_it_again_makes_no_duplicates() {
    // Arrange: Globex is already a tenant, typed in by hand.
    let (setup, sids) = Setup::with_subaccounts(&["Acme", "Globex", "Initech"]).await;
    let by_hand = recomply::db::tenants::create_tenant(
        &setup.app.db,
        &recomply::db::tenants::NewTenant {
            name: "Globex by hand".into(),
            slug: "globex".into(),
            support_email: None,
        },
    )
    .await
    .unwrap();
    let token = setup.token_of(&sids[1]).await;
    recomply::db::tenants::set_credentials(
        &setup.app.db,
        &setup.app.config.secret_key,
        by_hand.tenant_id,
        &recomply::twilio::TwilioCredentials::with_auth_token(&sids[1], token.into()),
    )
    .await
    .unwrap();
    setup.connect().await;
    let page = parse(&setup.discover().await);
    let globex_row = format!("#sub-{} td.outcome", sids[1]);
    assert_eq!(text(&page, &globex_row), "Already tenant Globex by hand");
    let checkboxes = texts(&page, "input[type=checkbox]");
    assert_eq!(checkboxes.len(), 2, "Globex has no checkbox");

    // Act: choose Acme only; then again Acme, plus Globex posted anyway.
    assert_eq!(setup.choose(&[&sids[0]]).await.status(), 303);
    setup.app.run_jobs().await;
    assert_eq!(setup.choose(&[&sids[0], &sids[1]]).await.status(), 303);
    setup.app.run_jobs().await;
    setup.discover().await;

    // Assert
    assert_eq!(
        setup.tenant_count().await,
        2,
        "Acme was added, nothing twice"
    );
    assert!(setup.tenant_of(&sids[0]).await.is_some());
    assert!(
        setup.tenant_of(&sids[2]).await.is_none(),
        "Initech was not chosen"
    );
    let page = parse(&setup.page().await);
    let initech = format!("#choose-{}", sids[2]);
    assert!(
        attr(&page, &initech, "value").is_some(),
        "Initech can still be chosen"
    );
    assert_eq!(text(&page, &globex_row), "Already tenant Globex by hand");
}

#[tokio::test]
async fn create_tenants_with_nothing_ticked_says_so_beside_the_list() {
    let (setup, _) = Setup::with_subaccounts(&["Acme"]).await;
    setup.connect().await;
    setup.discover().await;

    let response = setup.choose(&[]).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert_eq!(
        text(&page, "#account_sid-choose-error"),
        "Choose at least one subaccount to make a tenant of"
    );
    assert_eq!(setup.tenant_count().await, 0);
}

#[tokio::test]
async fn the_page_dashboard_and_tenants_list_make_no_twilio_call_on_get() {
    // Arrange: connected, discovered, one tenant made.
    let (setup, sids) = Setup::with_subaccounts(&["Acme", "Globex"]).await;
    setup.connect().await;
    setup.discover().await;
    setup.choose(&[&sids[0]]).await;
    setup.app.run_jobs().await;
    let before = setup.emulator.request_count();

    // Act
    for path in [PAGE, "/admin", "/admin/tenants"] {
        let response = setup.app.get_with(&setup.admin, path).await;
        assert_eq!(response.status(), 200, "{path}");
    }

    // Assert
    assert_eq!(
        setup.emulator.request_count(),
        before,
        "no Twilio call on GET"
    );
}

#[tokio::test]
async fn one_failing_subaccount_does_not_stop_the_others_and_a_retry_finishes_the_waiting_one() {
    // Arrange: Initech closes after discovery; Twilio answers 503 about Globex for a while.
    let (setup, sids) = Setup::with_subaccounts(&["Acme", "Globex", "Initech"]).await;
    setup.connect().await;
    setup.discover().await;
    super::set_status(&setup.emulator, &setup.parent, &sids[2], "closed").await;
    let http = reqwest::Client::new();
    let faults = format!("{}/__emulator/faults", setup.emulator.base_url);
    let rule = serde_json::json!({
        "method": "GET", "path": format!("/2010-04-01/Accounts/{}.json", sids[1]),
        "fault": {"kind": "status", "status": 503}, "count": 20});
    let added = http.post(&faults).json(&rule).send().await.unwrap();
    assert!(added.status().is_success());

    // Act 1
    let chosen: Vec<&str> = sids.iter().map(String::as_str).collect();
    assert_eq!(setup.choose(&chosen).await.status(), 303);
    setup.app.run_jobs().await;

    // Assert 1: Acme made, Initech failed with why, Globex waiting for the retry.
    let page = parse(&setup.page().await);
    assert!(text(&page, "#create-progress").contains("1 of 3 created, 1 failed"));
    let outcome = |sid: &str| text(&page, &format!("#sub-{sid} td.outcome"));
    assert!(outcome(&sids[0]).starts_with("Created"));
    assert_eq!(
        outcome(&sids[2]),
        "Failed the subaccount is closed at Twilio"
    );
    assert_eq!(outcome(&sids[1]), "Waiting");
    assert!(
        attr(&page, "meta[http-equiv=refresh]", "content").is_some(),
        "still running: the job retries"
    );

    // Act 2: Twilio answers again and the retry comes due.
    http.delete(&faults).send().await.unwrap();
    sqlx::query("update job set run_at = now() where kind = 'create_subaccount_tenants'")
        .execute(&setup.app.db)
        .await
        .unwrap();
    setup.app.run_jobs().await;

    // Assert 2
    let page = parse(&setup.page().await);
    assert!(text(&page, "#create-progress").contains("2 of 3 created, 1 failed"));
    assert_eq!(setup.tenant_count().await, 2);
    let (_, token) = setup
        .tenant_of(&sids[1])
        .await
        .expect("Globex made on the retry");
    assert_eq!(token, setup.token_of(&sids[1]).await);
}
