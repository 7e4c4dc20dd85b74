//! Review policies, the emulator clock, regulation changes and valid_until expiry.

use serde_json::{Value, json};

use super::support::*;

async fn status_of(emu: &Emu, sid: &str) -> Value {
    emu.get(&format!("{RC}/Bundles/{sid}")).await.1["status"].clone()
}

#[tokio::test]
async fn automatic_review_approves_a_compliant_bundle_after_the_delay() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("auto", 120).await;
    let sid = compliant_french_bundle(&emu, "Compliant", &[]).await;
    emu.post(&format!("{RC}/Bundles/{sid}/Evaluations"), &[])
        .await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Act + Assert
    emu.advance(50).await;
    assert_eq!(status_of(&emu, &sid).await, "pending-review");
    emu.advance(15).await;
    assert_eq!(status_of(&emu, &sid).await, "in-review");
    emu.advance(55).await;
    assert_eq!(status_of(&emu, &sid).await, "twilio-approved");
    let (_, items) = emu
        .get(&format!("{RC}/Bundles/{sid}/ItemAssignments"))
        .await;
    let rd = items["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["object_sid"].as_str().unwrap())
        .find(|s| s.starts_with("RD"))
        .unwrap()
        .to_owned();
    assert_eq!(
        emu.get(&format!("{RC}/SupportingDocuments/{rd}")).await.1["status"],
        "approved"
    );
    let clock = emu.control_get("clock").await;
    assert_eq!(clock["offset_seconds"], 120);
}

#[tokio::test]
async fn automatic_review_rejects_noncompliant_bundles_and_marked_documents() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("auto", 10).await;
    let empty = emu.create_bundle("Empty", &[]).await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.post(
        &format!("{RC}/Bundles/{empty}"),
        &[("Status", "pending-review")],
    )
    .await;
    let marked = compliant_french_bundle(&emu, "Marked", &[]).await;
    let bad = emu
        .create_document("REJECT this scan", "passport", json!({}))
        .await;
    emu.assign(&marked, &bad).await;
    emu.post(&format!("{RC}/Bundles/{marked}/Evaluations"), &[])
        .await;
    emu.post(
        &format!("{RC}/Bundles/{marked}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Act
    emu.advance(10).await;

    // Assert
    assert_eq!(status_of(&emu, &empty).await, "twilio-rejected");
    let view = emu.control_get(&format!("bundles/{empty}")).await;
    assert!(
        view["failure_reason"]
            .as_str()
            .unwrap()
            .contains("Business End-User is missing"),
        "{view}"
    );
    assert_eq!(status_of(&emu, &marked).await, "twilio-rejected");
    let (_, document) = emu.get(&format!("{RC}/SupportingDocuments/{bad}")).await;
    assert_eq!(document["status"], "rejected");
    assert_eq!(document["errors"], json!([{"code": 18001}]));
    assert!(document["failure_reason"].as_str().is_some());
}

#[tokio::test]
async fn test_bundles_are_always_rejected_with_18099() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let sid = compliant_french_bundle(&emu, "Test", &[("IsTest", "true")]).await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Act
    let (status, view) = emu
        .control(
            &format!("bundles/{sid}/review"),
            json!({"decision": "approve"}),
        )
        .await;

    // Assert
    assert_eq!(status, 200);
    assert_eq!(view["status"], "twilio-rejected");
    assert!(view["failure_reason"].as_str().unwrap().contains("18099"));
}

#[tokio::test]
async fn manual_review_waits_for_the_control_api_and_records_reasons() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 5).await;
    let sid = compliant_french_bundle(&emu, "Manual", &[]).await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    let (_, items) = emu
        .get(&format!("{RC}/Bundles/{sid}/ItemAssignments"))
        .await;
    let rd = items["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["object_sid"].as_str().unwrap())
        .find(|s| s.starts_with("RD"))
        .unwrap()
        .to_owned();

    // Act + Assert
    emu.advance(3600).await;
    assert_eq!(status_of(&emu, &sid).await, "pending-review");
    let (status, _) = emu
        .control(
            &format!("bundles/{sid}/review"),
            json!({"decision": "in-review"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&emu, &sid).await, "in-review");
    let (_, view) = emu.control(&format!("bundles/{sid}/review"), json!({"decision": "reject",
        "failure_reason": "The K-bis is older than three months",
        "documents": [{"sid": rd, "failure_reason": "Expired excerpt", "errors": [{"code": 18005}]}]})).await;
    assert_eq!(view["status"], "twilio-rejected");
    assert_eq!(
        view["failure_reason"],
        "The K-bis is older than three months"
    );
    let (_, document) = emu.get(&format!("{RC}/SupportingDocuments/{rd}")).await;
    assert_eq!(document["status"], "rejected");
    assert_eq!(document["failure_reason"], "Expired excerpt");
    assert_eq!(document["errors"], json!([{"code": 18005}]));
    let (status, _) = emu
        .control(
            &format!("bundles/{sid}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 409, "a rejected bundle is not under review");
}

#[tokio::test]
async fn a_regulation_change_stamps_approved_bundles_which_expire_unless_replaced() {
    // Arrange
    let emu = emulator().await;
    let seed = |name: &str, status: &str| {
        json!({"friendly_name": name, "iso_country": "GB",
        "number_type": "mobile", "end_user_type": "business", "status": status})
    };
    let approved = emu.seed(seed("Approved", "twilio-approved")).await;
    let draft = emu.seed(seed("Draft", "draft")).await;
    let regulation = approved["regulation_sid"].as_str().unwrap().to_owned();
    let before = emu.get(&format!("{RC}/Regulations/{regulation}")).await.1;

    // Act
    let (status, change) = emu.control(&format!("regulations/{regulation}/changes"), json!({
        "change": {"kind": "add_end_user_field", "machine_name": "vat_number", "friendly_name": "VAT Number"},
        "valid_until_days": 10})).await;

    // Assert
    assert_eq!(status, 200, "{change}");
    assert_eq!(change["version"], 2);
    let approved_sid = approved["sid"].as_str().unwrap();
    let (_, fetched) = emu.get(&format!("{RC}/Bundles/{approved_sid}")).await;
    assert_eq!(fetched["valid_until"], change["valid_until"]);
    let (_, untouched) = emu
        .get(&format!("{RC}/Bundles/{}", draft["sid"].as_str().unwrap()))
        .await;
    assert_eq!(untouched["valid_until"], Value::Null);
    let after = emu.get(&format!("{RC}/Regulations/{regulation}")).await.1;
    assert_ne!(before, after);
    assert!(after.to_string().contains("vat_number"));
    emu.advance(10 * 86_400 - 60).await;
    assert_eq!(status_of(&emu, approved_sid).await, "twilio-approved");
    emu.advance(60).await;
    assert_eq!(status_of(&emu, approved_sid).await, "twilio-rejected");
    let view = emu.control_get(&format!("bundles/{approved_sid}")).await;
    assert!(
        view["failure_reason"]
            .as_str()
            .unwrap()
            .contains("valid_until")
    );
    let (status, _) = emu.control("regulations/RN00000000000000000000000000000000/changes",
        json!({"change": {"kind": "add_end_user_field", "machine_name": "x", "friendly_name": "X"}})).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_background_ticker_fires_due_reviews_in_real_time() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("auto", 1).await;
    let sid = compliant_french_bundle(&emu, "Quick", &[]).await;
    emu.post(&format!("{RC}/Bundles/{sid}/Evaluations"), &[])
        .await;

    // Act
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;

    // Assert: no clock advance, only real time.
    let mut status = Value::Null;
    for _ in 0..80 {
        status = status_of(&emu, &sid).await;
        if status == "twilio-approved" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "twilio-approved");
}
