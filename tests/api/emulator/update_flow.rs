//! Twilio's ten-step compliance-information update (find, copy, evaluate, fix, submit, review,
//! replace items, delete the copy; see docs/emulator-fidelity.md), end to end over HTTP.

use serde_json::{Value, json};

use super::support::*;

const TWILIO_EXAMPLE: &str =
    include_str!("../../../src/emulator/evaluation/twilio_example_fr_mobile_business.json");

fn french_seed(name: &str) -> Value {
    json!({
        "friendly_name": name, "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
        "status": "twilio-approved", "has_active_numbers": true,
        "end_user": {"type": "business", "attributes": french_business()},
        "documents": french_documents().into_iter()
            .map(|(n, t, a)| json!({"type": t, "friendly_name": n, "attributes": a})).collect::<Vec<_>>(),
    })
}

#[tokio::test]
async fn an_empty_french_bundle_evaluates_to_twilios_published_example() {
    // Arrange
    let emu = emulator().await;
    let bundle = emu.create_bundle("France", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();

    // Act
    let (status, evaluation) = emu
        .post(&format!("{RC}/Bundles/{sid}/Evaluations"), &[])
        .await;

    // Assert
    assert_eq!(status, 201);
    assert_eq!(evaluation["status"], "noncompliant");
    assert_eq!(evaluation["regulation_sid"], bundle["regulation_sid"]);
    assert_eq!(evaluation["bundle_sid"], sid);
    let expected: Value = serde_json::from_str(TWILIO_EXAMPLE).unwrap();
    assert_eq!(evaluation["results"], expected);
    let el = evaluation["sid"].as_str().unwrap();
    let (_, fetched) = emu
        .get(&format!("{RC}/Bundles/{sid}/Evaluations/{el}"))
        .await;
    assert_eq!(fetched, evaluation);
    let (_, list) = emu.get(&format!("{RC}/Bundles/{sid}/Evaluations")).await;
    assert_eq!(list["results"][0]["sid"], el);
}

#[tokio::test]
async fn the_ten_step_update_keeps_the_original_bundle_and_clears_valid_until() {
    // Arrange: an approved, provisioned French bundle whose regulation then changes.
    let emu = emulator().await;
    emu.review_policy("auto", 60).await;
    let original = emu.seed(french_seed("Provisioned")).await;
    let orig = original["sid"].as_str().unwrap().to_owned();
    let (status, change) = emu
        .control(
            &format!(
                "regulations/{}/changes",
                original["regulation_sid"].as_str().unwrap()
            ),
            json!({"change": {"kind": "add_end_user_field", "machine_name": "vat_number",
                          "friendly_name": "VAT Number"}, "valid_until_days": 30}),
        )
        .await;
    assert_eq!(status, 200, "{change}");
    assert_eq!(change["bundle_sids"], json!([orig]));

    // 1. Find affected bundles.
    let (_, affected) = emu.get(&format!("{RC}/Bundles?Status=twilio-approved&HasValidUntilDate=true&SortBy=valid-until&SortDirection=ASC&ValidUntilDate%3C={}",
        urlencode(change["valid_until"].as_str().unwrap()))).await;
    assert_eq!(affected["results"].as_array().unwrap().len(), 1);
    assert_eq!(affected["results"][0]["sid"], orig.as_str());
    assert_eq!(affected["results"][0]["valid_until"], change["valid_until"]);

    // 2. Reuse a copy, else create one.
    let (_, copies) = emu.get(&format!("{RC}/Bundles/{orig}/Copies")).await;
    assert_eq!(copies["results"], json!([]));
    let (status, copy) = emu
        .post(
            &format!("{RC}/Bundles/{orig}/Copies"),
            &[("FriendlyName", "Provisioned (update)")],
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(copy["status"], "draft");
    assert_eq!(copy["valid_until"], Value::Null);
    let bu2 = copy["sid"].as_str().unwrap().to_owned();

    // 3. Evaluate the copy: the new field is missing.
    let (_, evaluation) = emu
        .post(&format!("{RC}/Bundles/{bu2}/Evaluations"), &[])
        .await;
    assert_eq!(evaluation["status"], "noncompliant");
    let business = evaluation["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement_name"] == "business_info")
        .unwrap();
    assert_eq!(business["passed"], false);
    assert!(
        business["invalid"].to_string().contains("vat_number"),
        "{business}"
    );

    // 4. The copy's items are new objects.
    let (_, items) = emu
        .get(&format!("{RC}/Bundles/{bu2}/ItemAssignments"))
        .await;
    let (_, original_items) = emu
        .get(&format!("{RC}/Bundles/{orig}/ItemAssignments"))
        .await;
    let objects = |page: &Value| {
        page["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["object_sid"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let copy_objects = objects(&items);
    assert_eq!(copy_objects.len(), 7);
    assert!(
        copy_objects
            .iter()
            .all(|o| !objects(&original_items).contains(o))
    );
    let it = copy_objects
        .iter()
        .find(|o| o.starts_with("IT"))
        .unwrap()
        .clone();

    // 5. Update the End-User (full attributes object).
    let mut attributes = french_business();
    attributes["vat_number"] = json!("FR40303265045");
    let (status, _) = emu
        .post(
            &format!("{RC}/EndUsers/{it}"),
            &[("Attributes", &attributes.to_string())],
        )
        .await;
    assert_eq!(status, 200);

    // 6. Evaluate again: compliant.
    let (_, evaluation) = emu
        .post(&format!("{RC}/Bundles/{bu2}/Evaluations"), &[])
        .await;
    assert_eq!(evaluation["status"], "compliant", "{evaluation}");

    // 7. Submit (Status alone).
    let (_, submitted) = emu
        .post(
            &format!("{RC}/Bundles/{bu2}"),
            &[("Status", "pending-review")],
        )
        .await;
    assert_eq!(submitted["status"], "pending-review");

    // 8. Twilio reviews: in-review after half the delay, approved after it.
    emu.advance(30).await;
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu2}")).await.1["status"],
        "in-review"
    );
    emu.advance(30).await;
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu2}")).await.1["status"],
        "twilio-approved"
    );

    // 9. Replace the original's items.
    let (status, replaced) = emu
        .post(
            &format!("{RC}/Bundles/{orig}/ReplaceItems"),
            &[("FromBundleSid", &bu2)],
        )
        .await;
    assert_eq!(status, 201, "{replaced}");
    assert_eq!(replaced["sid"], orig.as_str());
    assert_eq!(replaced["valid_until"], Value::Null);
    assert_eq!(replaced["status"], "twilio-approved");
    assert!(replaced.get("url").is_none() && replaced.get("links").is_none());

    // 10. Delete the copy.
    assert_eq!(emu.delete(&format!("{RC}/Bundles/{bu2}")).await.0, 204);

    // Assert: the original holds the copy's items and survives its old deadline.
    let (_, original_items) = emu
        .get(&format!("{RC}/Bundles/{orig}/ItemAssignments"))
        .await;
    let mut now_held = objects(&original_items);
    let mut expected = copy_objects.clone();
    now_held.sort();
    expected.sort();
    assert_eq!(now_held, expected);
    assert_eq!(
        emu.get(&format!("{RC}/EndUsers/{it}")).await.1["attributes"]["vat_number"],
        "FR40303265045"
    );
    emu.advance(31 * 86_400).await;
    let (_, after) = emu.get(&format!("{RC}/Bundles/{orig}")).await;
    assert_eq!(after["status"], "twilio-approved");
    assert_eq!(after["valid_until"], Value::Null);
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
