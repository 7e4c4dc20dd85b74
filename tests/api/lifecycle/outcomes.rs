//! Review outcomes and robustness: rejection and resubmission, a crash between creating the
//! copy and committing, injected API faults, lost callbacks (polling), duplicated and reordered
//! callbacks, and an outdated copy (Twilio 22228).

use std::collections::BTreeMap;

use recomply::domain::renewal::RenewalState;
use recomply::jobs::runner;
use recomply::lifecycle::Change;
use recomply::lifecycle::preparation::copy_name;
use serde_json::json;

use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::World;

#[tokio::test]
async fn a_rejected_copy_returns_to_the_customer_with_reasons_and_completes_after_resubmission() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .unwrap();
    let document_sid = snapshot.documents[0].sid.clone();

    // Act 1: Twilio rejects the address document.
    world
        .review(
            &copy_sid,
            json!({"decision": "reject", "failure_reason": "The address could not be verified",
                   "documents": [{"sid": document_sid, "failure_reason": "Address proof is illegible"}]}),
        )
        .await;
    world.wait_for_callback(&copy_sid, "twilio-rejected").await;
    world.settle().await;

    // Assert 1: back to collecting, with Twilio's reasons per bundle and per document.
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    let rejection = renewal.rejection.clone().expect("the rejection is stored");
    assert_eq!(
        rejection["failure_reason"],
        "The address could not be verified"
    );
    assert_eq!(rejection["documents"][0]["sid"], json!(document_sid));
    assert_eq!(
        rejection["documents"][0]["failure_reason"],
        "Address proof is illegible"
    );
    let snapshot = renewal.snapshot().unwrap().unwrap();
    assert_eq!(
        snapshot.documents[0].failure_reason.as_deref(),
        Some("Address proof is illegible")
    );

    // Act 2: the customer corrects their details and resubmits; Twilio approves.
    world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal_id,
            vec![Change::SetEndUserFields {
                end_user_sid: snapshot.end_users[0].sid.clone(),
                fields: BTreeMap::from([(
                    "business_website".to_owned(),
                    "https://www.acme.example".to_owned(),
                )]),
            }],
            &customer(&tenant),
        )
        .await
        .unwrap();
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert 2
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        renewal.state,
        RenewalState::Completed,
        "{:?}",
        renewal.attention_reason
    );
    let timeline = world.timeline(&tenant, renewal_id).await;
    let transitions: Vec<_> = timeline
        .iter()
        .filter(|e| !e.starts_with("changes_saved"))
        .cloned()
        .collect();
    assert_eq!(
        transitions,
        [
            "opened:-->detected",
            "copy_created:detected->copy_created",
            "prepared:copy_created->collecting",
            "submitted:collecting->submitted",
            "rejected:submitted->rejected",
            "reopened:rejected->collecting",
            "submitted:collecting->submitted",
            "approved:submitted->approved",
            "items_replaced:approved->items_replaced",
            "copy_deleted:items_replaced->copy_deleted",
            "completed:copy_deleted->completed",
        ]
    );
    let kinds: Vec<_> = world
        .emails(renewal_id)
        .await
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(
        kinds,
        [
            "action_needed",
            "submitted",
            "rejected",
            "submitted",
            "completed"
        ]
    );
    let rejected_email = world
        .emails(renewal_id)
        .await
        .into_iter()
        .find(|e| e.0 == "rejected")
        .unwrap();
    assert!(
        rejected_email.3.contains("Address proof is illegible"),
        "{}",
        rejected_email.3
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_copy_created_just_before_a_crash_is_adopted_and_never_duplicated() {
    // Arrange: the sweep opened the renewal; preparation has not run yet.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        runner::run_next(&world.runner("test")).await.unwrap(),
        runner::Outcome::Ran
    );
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Detected);
    // The crash: the copy was created at Twilio, but the commit never happened.
    let twilio = world.engine.twilio_for(tenant.tenant_id).await.unwrap();
    let orphan = twilio
        .create_bundle_copy(
            &recomply::domain::sid::BundleSid::from_trusted(bundle_sid.to_string()),
            Some(&copy_name(renewal.renewal_id)),
        )
        .await
        .unwrap();

    // Act: preparation runs (again).
    world.run_jobs().await;

    // Assert
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    assert_eq!(renewal.copy_sid.as_deref(), Some(orphan.sid.as_str()));
    let copies = twilio
        .list_all_bundle_copies(&recomply::domain::sid::BundleSid::from_trusted(
            bundle_sid.to_string(),
        ))
        .await
        .unwrap();
    assert_eq!(copies.len(), 1, "exactly one copy exists");
    let events =
        recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal.renewal_id)
            .await
            .unwrap();
    let created = events.iter().find(|e| e.event() == "copy_created").unwrap();
    assert_eq!(created.details["adopted"], true);
}

#[tokio::test]
async fn every_renewal_completes_although_a_fifth_of_twilio_calls_fail() {
    // Arrange: three bundles; 10% 503s and 10% 429s on every route.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let mut bundles = Vec::new();
    let mut regulation = String::new();
    for name in ["One", "Two", "Three"] {
        let (sid, regulation_sid) = world.seed_approved_bundle(&tenant, name, false).await;
        bundles.push(sid);
        regulation = regulation_sid;
    }
    world.require_vat_number(&regulation).await;
    world
        .control(
            "POST",
            "/faults",
            json!({"seed": 42, "path": "/v2/**",
            "fault": {"kind": "status", "status": 503}, "probability": 0.1}),
        )
        .await;
    world
        .control(
            "POST",
            "/faults",
            json!({"path": "/v2/**",
            "fault": {"kind": "rate_limit", "retry_after": 0}, "probability": 0.1}),
        )
        .await;

    // Act: the whole lifecycle; customer actions are retried like a person clicking again.
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    for sid in &bundles {
        let renewal = world
            .renewal(&tenant, sid)
            .await
            .expect("opened despite faults");
        assert_eq!(renewal.state, RenewalState::Collecting);
        let snapshot = renewal.snapshot().unwrap().unwrap();
        let change = Change::SetEndUserFields {
            end_user_sid: snapshot.end_users[0].sid.clone(),
            fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
        };
        let mut saved = None;
        for _ in 0..10 {
            match world
                .engine
                .apply_changes(
                    tenant.tenant_id,
                    renewal.renewal_id,
                    vec![change.clone()],
                    &customer(&tenant),
                )
                .await
            {
                Ok(fresh) => {
                    saved = Some(fresh);
                    break;
                }
                Err(error) => eprintln!("save failed, trying again: {error}"),
            }
        }
        assert!(saved.expect("saved within ten tries").is_compliant());
        let mut submitted = false;
        for _ in 0..10 {
            if world
                .engine
                .submit(tenant.tenant_id, renewal.renewal_id, &customer(&tenant))
                .await
                .is_ok()
            {
                submitted = true;
                break;
            }
        }
        assert!(submitted);
        let copy_sid = renewal.copy_sid.clone().unwrap();
        world
            .review(&copy_sid, json!({"decision": "approve"}))
            .await;
        world.wait_for_callback(&copy_sid, "twilio-approved").await;
    }
    world.settle().await;
    // Polling and the sweep catch anything a failed step left behind.
    world.make_due("poll_renewal").await;
    world.run_jobs().await;

    // Assert
    for sid in &bundles {
        let renewal = world.renewal(&tenant, sid).await.unwrap();
        assert_eq!(renewal.state, RenewalState::Completed, "{sid}");
        let copy_sid = renewal.copy_sid.as_deref().unwrap();
        assert!(
            world.emulator_bundle(copy_sid).await.is_none(),
            "the copy of {sid} was deleted"
        );
        let original = world.emulator_bundle(sid).await.unwrap();
        assert_eq!(original["valid_until"], json!(null));
    }
    let faults = world
        .emulator
        .requests()
        .iter()
        .filter(|r| r.fault.is_some())
        .count();
    assert!(faults > 5, "faults were injected ({faults})");
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn when_every_callback_is_lost_polling_still_completes_the_renewal() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    world
        .control(
            "POST",
            "/callback-faults",
            json!({"fault": {"kind": "drop"}}),
        )
        .await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.settle().await;
    assert_eq!(
        world.renewal(&tenant, &bundle_sid).await.unwrap().state,
        RenewalState::Submitted
    );

    // Act: the poll interval passes.
    assert_eq!(world.make_due("poll_renewal").await, 1);
    world.run_jobs().await;

    // Assert
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Completed);
    let received: i64 = sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(received, 0, "no callback ever arrived");
    let events = recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
        .await
        .unwrap();
    let approved = events.iter().find(|e| e.event() == "approved").unwrap();
    assert_eq!(approved.cause, "job");
    assert_eq!(approved.actor.as_deref(), Some("poll_renewal"));
}

#[tokio::test]
async fn duplicated_and_reordered_callbacks_lead_to_one_completion_without_errors() {
    // Arrange: the bundle's callback already points at us; every callback is duplicated, and
    // some are held back behind the next one.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    world
        .control(
            "POST",
            "/callback-faults",
            json!({"fault": {"kind": "duplicate"}}),
        )
        .await;
    world
        .control(
            "POST",
            "/callback-faults",
            json!({"seed": 3, "fault": {"kind": "reorder"}, "probability": 0.5}),
        )
        .await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", true)
        .await;

    // Act: the regulation change reaches us only through the callback.
    world.require_vat_number(&regulation_sid).await;
    world
        .wait_for_callback(&bundle_sid, "twilio-approved")
        .await;
    world.settle().await;
    let renewal = world
        .renewal(&tenant, &bundle_sid)
        .await
        .expect("the callback opened a renewal");
    assert_eq!(renewal.state, RenewalState::Collecting);
    let snapshot = renewal.snapshot().unwrap().unwrap();
    world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal.renewal_id,
            vec![Change::SetEndUserFields {
                end_user_sid: snapshot.end_users[0].sid.clone(),
                fields: BTreeMap::from([("vat_number".to_owned(), "GB123456789".to_owned())]),
            }],
            &customer(&tenant),
        )
        .await
        .unwrap();
    world
        .engine
        .submit(tenant.tenant_id, renewal.renewal_id, &customer(&tenant))
        .await
        .unwrap();
    let copy_sid = renewal.copy_sid.clone().unwrap();
    world
        .review(&copy_sid, json!({"decision": "in-review"}))
        .await;
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Completed);
    let timeline = world.timeline(&tenant, renewal.renewal_id).await;
    assert_eq!(
        timeline
            .iter()
            .filter(|e| e.starts_with("completed"))
            .count(),
        1
    );
    assert_eq!(
        timeline.iter().filter(|e| e.starts_with("opened")).count(),
        1
    );
    let (duplicates, firsts): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where duplicate), count(*) filter (where not duplicate) from webhook_event",
    )
    .fetch_one(&world.db)
    .await
    .unwrap();
    // Each callback was delivered twice; the second copy (same signed URL and body) is
    // answered without being stored again.
    assert_eq!(duplicates, 0, "repeats are not stored");
    assert!(firsts >= 2);
    let active: i64 = sqlx::query_scalar("select count(*) from renewal")
        .fetch_one(&world.db)
        .await
        .unwrap();
    assert_eq!(active, 1);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn an_outdated_copy_needs_attention_and_staff_are_alerted() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("insert into staff_user (email, name, password_hash, role) values ('sam@isv.example', 'Sam', 'x', 'support')")
        .execute(&world.db)
        .await
        .unwrap();
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    let regulation_sid = renewal.snapshot().unwrap().unwrap().regulation.sid;

    // Act: the regulation changes again before the approved copy replaces the items.
    world
        .control(
            "POST",
            &format!("/regulations/{regulation_sid}/changes"),
            json!({"change": {"kind": "add_end_user_field", "machine_name": "tax_office",
                              "friendly_name": "Tax office"}}),
        )
        .await;
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;

    // Assert
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::NeedsAttention);
    assert!(
        renewal
            .attention_reason
            .as_deref()
            .unwrap()
            .contains("22228"),
        "{:?}",
        renewal.attention_reason
    );
    let alerts: Vec<_> = world
        .emails(renewal_id)
        .await
        .into_iter()
        .filter(|e| e.0 == "staff_alert")
        .collect();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].1, "sam@isv.example");
    assert!(alerts[0].2.contains("22228"));
    assert!(
        alerts[0]
            .3
            .contains(&format!("/admin/renewals/{renewal_id}"))
    );
    world.assert_no_failed_jobs().await;
}
