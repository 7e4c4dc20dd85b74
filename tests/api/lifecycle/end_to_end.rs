//! The renewal lifecycle end to end against the emulator: discovery, preparation, the
//! customer's changes, submission, review, and completion with no human involved.

use recomply::domain::cancel_reason::{CancelReason, Cancellation};
use recomply::domain::renewal::RenewalState;
use recomply::domain::snapshot::EvaluationStatus;
use recomply::lifecycle::{Actor, Change, EngineError};
use serde_json::json;

use super::{customer, prepared_and_fixed};
use crate::lifecycle_support::{CallBudget, World};

#[tokio::test]
async fn a_regulation_change_is_renewed_end_to_end_with_the_minimum_of_twilio_calls() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, regulation_sid) = world
        .seed_approved_bundle(&tenant, "Acme UK mobile", false)
        .await;
    world.require_vat_number(&regulation_sid).await;
    world.clear_requests().await;

    // Act 1: the sweep finds the bundle and preparation runs.
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, tenant.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;

    // Assert 1: one renewal, collecting, with a snapshot naming the failing field.
    let renewal = world
        .renewal(&tenant, &bundle_sid)
        .await
        .expect("a renewal was opened");
    assert_eq!(renewal.state, RenewalState::Collecting);
    assert!(renewal.deadline.is_some());
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal.renewal_id)
        .await
        .unwrap()
        .unwrap();
    let evaluation = snapshot.evaluation.as_ref().unwrap();
    assert_eq!(evaluation.status, EvaluationStatus::Noncompliant);
    let failing: Vec<_> = evaluation
        .results
        .iter()
        .flat_map(|r| r.invalid.iter().map(|f| f.object_field.clone()))
        .collect();
    assert_eq!(failing, ["vat_number"]);
    assert_eq!(
        snapshot.regulation.friendly_name,
        "United Kingdom: Mobile - Business"
    );
    assert_eq!(
        snapshot.end_users[0].attributes["business_name"],
        "Acme Ltd"
    );
    assert_eq!(snapshot.documents.len(), 1);
    let original = world.emulator_bundle(&bundle_sid).await.unwrap();
    assert_eq!(original["status_callback"], json!(world.webhook_url()));
    assert_eq!(
        world.calls(),
        [
            "GET /Bundles",        // per tenant: HasValidUntilDate, all pages
            "GET /Bundles",        // per tenant: every bundle, for a complete mirror
            "POST /Bundles/BU",    // StatusCallback → recomply
            "GET /Regulations/RN", // per regulation and version: constraints and name, cached
            "GET /2010-04-01/Accounts/AC/IncomingPhoneNumbers.json", // per tenant: the numbers at risk
            "GET /2010-04-01/Accounts/AC/Addresses.json", // per tenant: the addresses on file
            "GET /Bundles/BU/Copies", // safety read: adopt a copy left by a crash, if any
            "POST /Bundles/BU/Copies", // create the copy
            "POST /Bundles/BU/Evaluations", // what fails
            "GET /Bundles/BU/ItemAssignments", // the copy's items
            "GET /EndUsers/IT",
            "GET /SupportingDocuments/RD",
        ]
    );
    let mut all_calls = world.calls();

    // Act 2: the customer fixes the field and submits.
    world.clear_requests().await;
    let fixed = world
        .engine
        .apply_changes(
            tenant.tenant_id,
            renewal.renewal_id,
            vec![Change::SetEndUserFields {
                end_user_sid: snapshot.end_users[0].sid.clone(),
                fields: std::collections::BTreeMap::from([(
                    "vat_number".to_owned(),
                    "GB123456789".to_owned(),
                )]),
            }],
            &crate::lifecycle::customer(&tenant),
        )
        .await
        .unwrap();
    assert!(fixed.is_compliant());
    assert_eq!(fixed.end_users[0].attributes["vat_number"], "GB123456789");
    assert_eq!(
        fixed.end_users[0].attributes["business_name"], "Acme Ltd",
        "the full object was sent"
    );
    world
        .engine
        .submit(tenant.tenant_id, renewal.renewal_id, &customer(&tenant))
        .await
        .unwrap();
    // Our own pending-review callback arrives and is processed: it reads nothing.
    world
        .wait_for_callback(&fixed.copy_sid, "pending-review")
        .await;
    world.settle().await;
    assert_eq!(
        world.calls(),
        [
            "POST /EndUsers/IT",            // full merged attributes; its answer is kept
            "POST /Bundles/BU/Evaluations", // only what Twilio may have changed
            "POST /Bundles/BU",             // Status=pending-review, alone
        ]
    );
    all_calls.extend(world.calls());

    // Act 3: Twilio approves; the callback arrives; recomply finishes alone.
    world.clear_requests().await;
    world
        .review(&fixed.copy_sid, json!({"decision": "approve"}))
        .await;
    world
        .wait_for_callback(&fixed.copy_sid, "twilio-approved")
        .await;
    world.settle().await;

    // Assert 3
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Completed);
    assert!(
        world.emulator_bundle(&fixed.copy_sid).await.is_none(),
        "the copy was deleted"
    );
    let original = world.emulator_bundle(&bundle_sid).await.unwrap();
    assert_eq!(original["status"], "twilio-approved");
    assert_eq!(original["valid_until"], json!(null));
    assert_eq!(
        world.calls(),
        [
            "GET /Bundles/BU",               // re-read the copy: approved
            "POST /Bundles/BU/ReplaceItems", // into the original
            "GET /Bundles/BU",               // the original: approved, valid_until gone
            "DELETE /Bundles/BU",            // the copy
        ]
    );
    all_calls.extend(world.calls());
    let budget = CallBudget::of(&all_calls);
    assert_eq!((budget.per_tenant, budget.per_regulation), (4, 1));
    assert_eq!(
        budget.per_renewal, 14,
        "12 the lifecycle needs + 2 safety reads"
    );
    assert!(budget.per_renewal_average(1) <= 14.1);
    assert_eq!(
        world.timeline(&tenant, renewal.renewal_id).await,
        [
            "opened:-->detected",
            "copy_created:detected->copy_created",
            "prepared:copy_created->collecting",
            "changes_saved:collecting->collecting",
            "submitted:collecting->submitted",
            "approved:submitted->approved",
            "items_replaced:approved->items_replaced",
            "copy_deleted:items_replaced->copy_deleted",
            "completed:copy_deleted->completed",
        ]
    );
    let kinds: Vec<_> = world
        .emails(renewal.renewal_id)
        .await
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(kinds, ["action_needed", "submitted", "completed"]);
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn submitting_before_the_information_is_complete_is_refused() {
    // Arrange
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
    world.run_jobs().await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();

    // Act
    let result = world
        .engine
        .submit(tenant.tenant_id, renewal.renewal_id, &customer(&tenant))
        .await;

    // Assert
    assert!(
        matches!(result, Err(EngineError::NotCompliant)),
        "{result:?}"
    );
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Collecting);
    let copy = world
        .emulator_bundle(renewal.copy_sid.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(copy["status"], "draft");
}

#[tokio::test]
async fn a_cancel_holds_through_sweeps_until_staff_reopen_the_bundle() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    let staff = Actor::Staff { name: "Sam".into() };
    let wont_renew = Cancellation::because(CancelReason::WontRenew);
    let emails_before = world.emails(renewal_id).await.len();

    // Act 1: cancel, then three sweeps.
    world
        .engine
        .cancel(tenant.tenant_id, renewal_id, wont_renew, &staff)
        .await
        .unwrap();
    let again = world
        .engine
        .cancel(tenant.tenant_id, renewal_id, wont_renew, &staff)
        .await;
    for _ in 0..3 {
        world.sweep(&tenant).await;
    }

    // Assert 1: the copy is gone, the renewal stays cancelled and no new one was opened.
    assert!(matches!(
        again,
        Err(EngineError::NotEditable(RenewalState::Cancelled))
    ));
    assert!(
        world.emulator_bundle(&copy_sid).await.is_none(),
        "the copy was deleted"
    );
    let events = recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
        .await
        .unwrap();
    let last = events.last().unwrap();
    assert_eq!(
        (last.event(), last.cause.as_str(), last.actor.as_deref()),
        ("cancelled", "staff", Some("Sam"))
    );
    assert_eq!(
        last.reason.as_deref(),
        Some(CancelReason::WontRenew.label())
    );
    let held = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(
        (held.renewal_id, held.state),
        (renewal_id, RenewalState::Cancelled),
        "three sweeps later the bundle is still not renewed"
    );
    assert_eq!(
        world.emails(renewal_id).await.len(),
        emails_before,
        "the customer is not emailed again"
    );

    // Act 2: staff reopen it; the sweep that reopening queues opens a fresh renewal.
    world
        .engine
        .reopen(tenant.tenant_id, renewal_id, &staff)
        .await
        .unwrap();
    world.run_jobs().await;

    // Assert 2
    let fresh = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_ne!(fresh.renewal_id, renewal_id);
    assert_eq!(fresh.state, RenewalState::Collecting);
    assert_ne!(fresh.copy_sid.as_deref(), Some(copy_sid.as_str()));
    let reopened =
        recomply::db::timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
            .await
            .unwrap();
    assert_eq!(reopened.last().unwrap().event(), "reopened");
}

#[tokio::test]
async fn a_snoozed_cancel_holds_until_its_day_then_the_sweep_renews_the_bundle() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (bundle_sid, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;
    let staff = Actor::Staff { name: "Sam".into() };
    let snooze = Cancellation {
        reason: CancelReason::Snoozed,
        snoozed_until: Some(time::OffsetDateTime::now_utc() + time::Duration::days(3)),
    };

    // Act
    world
        .engine
        .cancel(tenant.tenant_id, renewal_id, snooze, &staff)
        .await
        .unwrap();
    world.sweep(&tenant).await;
    let during = world.renewal(&tenant, &bundle_sid).await.unwrap();
    // Three days pass.
    sqlx::query(
        "update renewal set snoozed_until = now() - interval '1 minute' where renewal_id = $1",
    )
    .bind(renewal_id)
    .execute(&world.db)
    .await
    .unwrap();
    world.sweep(&tenant).await;
    let after = world.renewal(&tenant, &bundle_sid).await.unwrap();

    // Assert
    assert_eq!(during.renewal_id, renewal_id, "held while snoozed");
    assert_eq!(during.state, RenewalState::Cancelled);
    assert_ne!(
        after.renewal_id, renewal_id,
        "renewed once the snooze ended"
    );
    assert!(after.state.is_open());
}
