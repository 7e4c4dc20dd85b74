//! "My bundles" read from its kept listing: the bundles waiting for the customer lead every
//! page, the counts follow renewals and bundles as they change, one tenant's changes never move
//! another's list, and two transactions changing one bundle at once both reach it.

use std::time::Duration;

use recomply::domain::ids::{BundleId, RenewalId};

use crate::harness::{TestApp, spawn_app};
use crate::html::texts;
use crate::portal::fixtures;
use crate::portal::session::sign_in;
use crate::seed::Customer;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

/// `count` French bundles named "`prefix` 01"… for `customer`, due in 10 + i days, by name.
async fn bundles(app: &TestApp, customer: &Customer, prefix: &str, count: i64) -> Vec<BundleId> {
    let mut ids = Vec::new();
    for i in 1..=count {
        let name = format!("{prefix} {i:02}");
        let id = app
            .seed()
            .customer_bundle(
                customer,
                &name,
                ("FR", "local", "business"),
                BundleStatus::TwilioApproved,
                Some(10 + i),
            )
            .await;
        ids.push(id);
    }
    ids
}

/// The names on page `page` of the signed-in customer's list, its lead and its page summary.
async fn page(app: &TestApp, page: u32) -> (Vec<String>, String, String) {
    let html = app
        .get(&format!("/bundles?page={page}"))
        .await
        .text()
        .await
        .unwrap();
    (
        texts(&html, ".bundle-name"),
        texts(&html, ".lead").join(" "),
        texts(&html, ".pagination").join(" "),
    )
}

#[tokio::test]
async fn bundles_waiting_for_the_customer_lead_every_page_and_the_counts_follow_their_renewals() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let ids = bundles(&app, &camille, "Office", 60).await;
    // The three furthest deadlines wait for the customer: two evaluated by Twilio (counted),
    // one not yet (listed first all the same, but nothing to do yet).
    let evaluated = Some(fixtures::partly_done());
    let sixty = app
        .seed()
        .customer_renewal(
            &camille,
            ids[59],
            RenewalState::Collecting,
            evaluated.clone(),
        )
        .await;
    let fifty_nine = app
        .seed()
        .customer_renewal(&camille, ids[58], RenewalState::Rejected, evaluated.clone())
        .await;
    app.seed()
        .customer_renewal(&camille, ids[57], RenewalState::Collecting, None)
        .await;
    sign_in(&app, &camille).await;

    let (first, lead, summary) = page(&app, 1).await;
    assert_eq!(
        first[..4],
        ["Office 58", "Office 59", "Office 60", "Office 01"]
    );
    assert_eq!(first[49], "Office 47");
    assert!(lead.contains("2 of them need your attention."), "{lead}");
    assert!(summary.contains("Bundles 1–50 of 60"), "{summary}");
    let (second, _, _) = page(&app, 2).await;
    assert_eq!(second.len(), 10);
    assert_eq!(
        (second[0].as_str(), second[9].as_str()),
        ("Office 48", "Office 57")
    );

    // Act: one renewal is submitted, one completes, a new one waits on "Office 01", and
    // "Office 02" turns out to be a copy (archived).
    app.seed().set_state(sixty, RenewalState::Submitted).await;
    app.seed()
        .set_state(fifty_nine, RenewalState::Completed)
        .await;
    app.seed()
        .customer_renewal(&camille, ids[0], RenewalState::Collecting, evaluated)
        .await;
    sqlx::query("update bundle set archived_at = now() where bundle_id = $1")
        .bind(ids[1])
        .execute(&app.db)
        .await
        .unwrap();

    let (first, lead, summary) = page(&app, 1).await;
    assert_eq!(first[..3], ["Office 01", "Office 58", "Office 03"]);
    assert!(!first.contains(&"Office 02".to_owned()));
    assert!(lead.contains("One of them needs your attention."), "{lead}");
    assert!(summary.contains("Bundles 1–50 of 59"), "{summary}");
    let (second, _, _) = page(&app, 2).await;
    assert_eq!(second.len(), 9);
    assert_eq!(
        second[8], "Office 60",
        "back in deadline order once submitted"
    );
}

#[tokio::test]
async fn another_tenants_bundles_and_renewals_never_move_the_list_or_its_counts() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    let acme = bundles(&app, &camille, "Acme office", 55).await;
    let globex = bundles(&app, &lee, "Globex office", 60).await;
    let evaluated = Some(fixtures::partly_done());
    app.seed()
        .customer_renewal(
            &camille,
            acme[54],
            RenewalState::Rejected,
            evaluated.clone(),
        )
        .await;
    for id in &globex[..3] {
        app.seed()
            .customer_renewal(&lee, *id, RenewalState::Collecting, evaluated.clone())
            .await;
    }
    sqlx::query("update bundle set archived_at = now() where bundle_id = $1")
        .bind(globex[10])
        .execute(&app.db)
        .await
        .unwrap();

    sign_in(&app, &camille).await;
    let (first, lead, summary) = page(&app, 1).await;
    let (second, _, _) = page(&app, 2).await;
    assert_eq!(first[..2], ["Acme office 55", "Acme office 01"]);
    assert!(
        first.iter().chain(&second).all(|n| n.starts_with("Acme")),
        "only Acme's bundles"
    );
    assert_eq!(first.len() + second.len(), 55);
    assert!(lead.contains("One of them needs your attention."), "{lead}");
    assert!(summary.contains("Bundles 1–50 of 55"), "{summary}");

    sign_in(&app, &lee).await;
    let (first, lead, summary) = page(&app, 1).await;
    assert_eq!(
        first[..3],
        ["Globex office 01", "Globex office 02", "Globex office 03"]
    );
    assert!(lead.contains("3 of them need your attention."), "{lead}");
    assert!(summary.contains("Bundles 1–50 of 59"), "{summary}");
}

#[tokio::test]
async fn a_renewal_and_its_bundle_changed_by_two_transactions_at_once_both_reach_the_list() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let ids = bundles(&app, &camille, "Office", 2).await;
    let renewal = app
        .seed()
        .customer_renewal(&camille, ids[1], RenewalState::CopyCreated, None)
        .await;
    sign_in(&app, &camille).await;

    // One transaction moves the renewal on to the customer and refreshes the list at once
    // (holding its row until it commits); another, meanwhile, renames the bundle.
    let mut renewal_tx = app.db.begin().await.unwrap();
    sqlx::query("update renewal set state = $2, snapshot = $3 where renewal_id = $1")
        .bind(renewal)
        .bind(RenewalState::Collecting)
        .bind(fixtures::partly_done())
        .execute(&mut *renewal_tx)
        .await
        .unwrap();
    sqlx::query("set constraints all immediate")
        .execute(&mut *renewal_tx)
        .await
        .unwrap();
    let db = app.db.clone();
    let bundle = ids[1];
    let rename = tokio::spawn(async move {
        sqlx::query("update bundle set friendly_name = 'Renamed office' where bundle_id = $1")
            .bind(bundle)
            .execute(&db)
            .await
            .unwrap();
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    renewal_tx.commit().await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), rename)
        .await
        .expect("the rename commits once the renewal has")
        .unwrap();

    let (names, lead, _) = page(&app, 1).await;
    assert_eq!(names, ["Renamed office", "Office 01"]);
    assert!(lead.contains("One of them needs your attention."), "{lead}");
}

#[tokio::test]
async fn the_listing_applies_the_renewal_states_rules_for_every_state() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    for state in RenewalState::ALL {
        // No `valid_until`: the list's deadline is then the renewal's own, while it is open.
        let bundle = app
            .seed()
            .customer_bundle(
                &camille,
                &format!("Bundle {state}"),
                ("FR", "local", "business"),
                BundleStatus::TwilioApproved,
                None,
            )
            .await;
        let renewal = app
            .seed()
            .customer_renewal(&camille, bundle, state, Some(fixtures::partly_done()))
            .await;
        sqlx::query(
            "update renewal set deadline = now() + interval '5 days' where renewal_id = $1",
        )
        .bind(renewal)
        .execute(&app.db)
        .await
        .unwrap();

        let (current, must_act, needs_action, has_deadline): (Option<RenewalId>, bool, bool, bool) =
            sqlx::query_as(
                "select renewal_id, must_act, needs_action, list_deadline is not null
                 from bundle_listing where bundle_id = $1 and live",
            )
            .bind(bundle)
            .fetch_one(&app.db)
            .await
            .unwrap();

        assert_eq!(current, Some(renewal), "{state}");
        assert_eq!(must_act, state.customer_must_act(), "{state}");
        assert_eq!(
            needs_action,
            state.customer_must_act(),
            "{state}: evaluated"
        );
        assert_eq!(has_deadline, state.is_open(), "{state}");
    }
}

#[tokio::test]
async fn folding_the_tallies_keeps_every_tenants_total() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let lee = app.seed().customer("Globex", "lee@globex.example").await;
    let acme = bundles(&app, &camille, "Acme office", 53).await;
    bundles(&app, &lee, "Globex office", 3).await;
    sqlx::query("update bundle set archived_at = now() where bundle_id = $1")
        .bind(acme[0])
        .execute(&app.db)
        .await
        .unwrap();
    let rows = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from bundle_tally")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    assert!(
        rows().await > 50,
        "one delta per statement that added a bundle"
    );

    let folded = recomply::db::bundle_listing::compact_tallies(&app.db)
        .await
        .unwrap();

    assert_eq!(rows().await, 2, "one row per tenant");
    assert_eq!(folded as i64, 57 - 2);
    sign_in(&app, &camille).await;
    let (_, _, summary) = page(&app, 1).await;
    assert!(summary.contains("Bundles 1–50 of 52"), "{summary}");
}
