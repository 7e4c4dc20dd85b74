//! A renewal's whole life reaches the ISV's backend as signed events, numbered in order and
//! carrying the renewal's state; a delivery answered with 500 is retried with the same
//! `webhook-id`, and nothing is sent twice after a 2xx.

use recomply::domain::event_type::EventType;
use recomply::domain::renewal::RenewalState;
use serde_json::json;

use super::receiver::Receiver;
use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::World;

#[tokio::test]
async fn a_renewals_life_arrives_signed_in_sequence_with_its_state_and_a_500_is_retried() {
    // Arrange: the ISV's backend fails its first request.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let receiver = Receiver::spawn(1).await;
    let secret = super::register(&world.engine, &receiver.url, None, EventType::ALL).await;

    // Act: the renewal is opened, prepared, fixed, submitted, approved and finished.
    let (bundle_sid, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world.wait_for_callback(&copy_sid, "pending-review").await;
    world.settle().await;
    world
        .review(&copy_sid, json!({"decision": "approve"}))
        .await;
    world.wait_for_callback(&copy_sid, "twilio-approved").await;
    world.settle().await;
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    assert_eq!(renewal.state, RenewalState::Completed);

    // Assert: every request is signed with the endpoint's secret, and a wrong secret fails.
    let received = receiver.received();
    let other = recomply::domain::webhook_signature::generate_secret();
    for request in &received {
        assert!(request.verifies_with(&secret), "{request:?}");
        assert!(!request.verifies_with(&other));
        assert!(request.id().starts_with("msg_"));
    }
    // The first request got a 500; the retry carried the same message id and was accepted.
    assert_eq!(received[0].answered, 500);
    let retried: Vec<_> = received
        .iter()
        .filter(|r| r.id() == received[0].id())
        .collect();
    assert_eq!(retried.len(), 2, "one failure, one retry");
    assert_eq!(retried[1].answered, 200);
    assert_eq!(retried[0].body, retried[1].body, "the same message");

    // Each event was accepted once; by sequence, they tell the renewal's life.
    let mut accepted: Vec<_> = receiver.accepted().iter().map(|r| r.json()).collect();
    accepted.sort_by_key(|body| body["data"]["sequence"].as_i64());
    let story: Vec<(String, i64, String)> = accepted
        .iter()
        .map(|body| {
            (
                body["type"].as_str().unwrap().to_owned(),
                body["data"]["sequence"].as_i64().unwrap(),
                body["data"]["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("renewal.detected", 1, "detected"),
        ("renewal.action_needed", 2, "collecting"),
        ("renewal.submitted", 3, "submitted"),
        ("renewal.completed", 4, "completed"),
    ]
    .map(|(t, s, st)| (t.to_owned(), s, st.to_owned()));
    assert_eq!(story, expected);
    for body in &accepted {
        assert_eq!(body["data"]["renewal_id"], json!(renewal_id));
        assert_eq!(body["data"]["tenant_id"], json!(tenant.tenant_id));
        assert_eq!(body["data"]["tenant_slug"], "acme");
        assert_eq!(body["data"]["bundle_sid"], json!(bundle_sid));
        assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
    }

    // The log keeps both answers of the first delivery; draining again sends nothing more.
    let answers: Vec<Option<i32>> = sqlx::query_scalar(
        "select a.status from event_delivery_attempt a
         join event_delivery d using (event_delivery_id)
         join outbound_event o using (outbound_event_id)
         where o.event_type = 'renewal.detected' order by a.event_delivery_attempt_id",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(answers, [Some(500), Some(200)]);
    let before = receiver.received().len();
    sqlx::query("update job set status = 'pending', run_at = now() where kind = 'deliver_event'")
        .execute(&world.db)
        .await
        .unwrap();
    world.run_jobs().await;
    assert_eq!(
        receiver.received().len(),
        before,
        "never sent twice after a 2xx"
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_rejection_is_sent_with_its_state_then_the_renewal_waits_for_the_customer_again() {
    // Arrange: an endpoint that wants only rejections and "action needed".
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let receiver = Receiver::spawn(0).await;
    let types = [EventType::RenewalRejected, EventType::RenewalActionNeeded];
    let secret = super::register(&world.engine, &receiver.url, None, &types).await;
    let (_, renewal_id, copy_sid) = prepared_and_fixed(&world, &tenant).await;
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world.wait_for_callback(&copy_sid, "pending-review").await;
    world.settle().await;

    // Act: Twilio rejects the copy.
    world
        .review(
            &copy_sid,
            json!({"decision": "reject", "failure_reason": "The address could not be verified"}),
        )
        .await;
    world.wait_for_callback(&copy_sid, "twilio-rejected").await;
    world.settle().await;

    // Assert: the sequence counts every event of the renewal, sent to this endpoint or not
    // (detected 1 and submitted 3 went elsewhere), so a receiver sees the gaps it skipped.
    let got: Vec<(String, i64, String)> = receiver
        .accepted()
        .iter()
        .map(|r| {
            assert!(r.verifies_with(&secret));
            let body = r.json();
            (
                body["type"].as_str().unwrap().to_owned(),
                body["data"]["sequence"].as_i64().unwrap(),
                body["data"]["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("renewal.action_needed", 2, "collecting"),
        ("renewal.rejected", 4, "rejected"),
        ("renewal.action_needed", 5, "collecting"),
    ]
    .map(|(t, s, st)| (t.to_owned(), s, st.to_owned()));
    assert_eq!(got, expected);
}
