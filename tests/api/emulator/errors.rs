//! Every error code the emulator produces, with Twilio's body shape.

use serde_json::json;

use super::support::*;

#[tokio::test]
async fn bundle_creation_refuses_missing_and_unknown_regulations() {
    // Arrange
    let emu = emulator().await;
    let post = |form: Vec<(&'static str, &'static str)>| {
        let emu = &emu;
        async move { emu.post(&format!("{RC}/Bundles"), &form).await }
    };
    let named = |extra: &[(&'static str, &'static str)]| {
        let mut form = vec![("FriendlyName", "B"), ("Email", "a@b.c")];
        form.extend_from_slice(extra);
        form
    };

    // Act + Assert
    assert_error(
        &post(vec![("Email", "a@b.c"), ("RegulationSid", "RN1")]).await,
        400,
        20001,
    );
    assert_error(&post(vec![("FriendlyName", "B")]).await, 400, 20001);
    assert_error(&post(named(&[])).await, 400, 22202);
    assert_error(
        &post(named(&[("IsoCountry", "FR"), ("NumberType", "mobile")])).await,
        400,
        22202,
    );
    assert_error(
        &post(named(&[
            ("IsoCountry", "FR"),
            ("NumberType", "mobile"),
            ("EndUserType", "alien"),
        ]))
        .await,
        400,
        22200,
    );
    assert_error(
        &post(named(&[
            ("IsoCountry", "FR"),
            ("NumberType", "satellite"),
            ("EndUserType", "business"),
        ]))
        .await,
        400,
        22200,
    );
    assert_error(
        &post(named(&[
            ("IsoCountry", "DE"),
            ("NumberType", "local"),
            ("EndUserType", "individual"),
        ]))
        .await,
        400,
        22201,
    );
    assert_error(
        &post(named(&[(
            "RegulationSid",
            "RN00000000000000000000000000000000",
        )]))
        .await,
        400,
        22201,
    );
}

#[tokio::test]
async fn bundle_updates_enforce_status_rules() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let bundle = emu.create_bundle("Rules", &[]).await;
    let path = format!("{RC}/Bundles/{}", bundle["sid"].as_str().unwrap());

    // Act + Assert
    assert_error(
        &emu.post(
            &path,
            &[("Status", "pending-review"), ("FriendlyName", "x")],
        )
        .await,
        400,
        22204,
    );
    assert_error(
        &emu.post(&path, &[("Status", "approved-please")]).await,
        400,
        22203,
    );
    assert_error(
        &emu.post(&path, &[("Status", "twilio-approved")]).await,
        400,
        22203,
    );
    let (status, body) = emu.post(&path, &[("Status", "pending-review")]).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "pending-review");
    assert_error(&emu.post(&path, &[("Status", "draft")]).await, 400, 22203);
    assert_error(&emu.delete(&path).await, 400, 21647);
}

#[tokio::test]
async fn a_rejected_bundle_can_be_resubmitted() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let bundle = emu.create_bundle("Resubmit", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();
    let path = format!("{RC}/Bundles/{sid}");
    emu.post(&path, &[("Status", "pending-review")]).await;
    emu.control(
        &format!("bundles/{sid}/review"),
        json!({"decision": "reject", "failure_reason": "Blurry"}),
    )
    .await;

    // Act
    let (status, body) = emu.post(&path, &[("Status", "pending-review")]).await;

    // Assert
    assert_eq!(status, 200);
    assert_eq!(body["status"], "pending-review");
    let view = emu.control_get(&format!("bundles/{sid}")).await;
    assert_eq!(
        view["failure_reason"],
        serde_json::Value::Null,
        "cleared on resubmission"
    );
}

#[tokio::test]
async fn bundles_with_active_numbers_cannot_be_deleted() {
    // Arrange
    let emu = emulator().await;
    let seeded = emu
        .seed(
            json!({"friendly_name": "In use", "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved", "has_active_numbers": true}),
        )
        .await;

    // Act
    let result = emu
        .delete(&format!("{RC}/Bundles/{}", seeded["sid"].as_str().unwrap()))
        .await;

    // Assert
    assert_error(&result, 400, 21648);
}

#[tokio::test]
async fn item_assignments_validate_the_object_and_the_bundle_status() {
    // Arrange
    let emu = emulator().await;
    let other = emu.handle.create_account("Other");
    let bundle = emu.create_bundle("Items", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();
    let path = format!("{RC}/Bundles/{sid}/ItemAssignments");
    let foreign = {
        let response = emu
            .as_account(&other, reqwest::Method::POST, &format!("{RC}/EndUsers"))
            .form(&[("FriendlyName", "x"), ("Type", "individual")])
            .send()
            .await
            .unwrap();
        read(response).await.1["sid"].as_str().unwrap().to_owned()
    };

    // Act + Assert
    assert_error(&emu.post(&path, &[]).await, 400, 20001);
    assert_error(
        &emu.post(&path, &[("ObjectSid", "IT123")]).await,
        400,
        22205,
    );
    assert_error(
        &emu.post(&path, &[("ObjectSid", &foreign)]).await,
        400,
        22205,
    );
    assert_error(
        &emu.post(
            &path,
            &[("ObjectSid", "AD0123456789abcdef0123456789abcdef")],
        )
        .await,
        400,
        22206,
    );
    let it = emu.create_end_user("business", french_business()).await;
    emu.assign(sid, &it).await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    assert_error(&emu.post(&path, &[("ObjectSid", &it)]).await, 400, 22227);
    assert_error(
        &emu.delete(&format!("{RC}/EndUsers/{it}")).await,
        400,
        21644,
    );
}

#[tokio::test]
async fn items_can_be_replaced_on_a_rejected_bundle_but_not_once_it_is_approved() {
    // Arrange: a submitted bundle that the reviewer rejects.
    let emu = emulator().await;
    let bundle = emu.create_bundle("Rejected items", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();
    let path = format!("{RC}/Bundles/{sid}/ItemAssignments");
    let it = emu.create_end_user("business", french_business()).await;
    let old = emu.assign(sid, &it).await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    let (status, _) = emu
        .control(
            &format!("bundles/{sid}/review"),
            json!({"decision": "reject", "failure_reason": "Wrong end user"}),
        )
        .await;
    assert_eq!(status, 200);
    let replacement = emu.create_end_user("business", french_business()).await;

    // Act: fix the rejection by swapping the End-User, then resubmit and approve.
    let assigned = emu.post(&path, &[("ObjectSid", &replacement)]).await;
    let removed = emu.delete(&format!("{path}/{old}")).await;
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    emu.control(
        &format!("bundles/{sid}/review"),
        json!({"decision": "approve"}),
    )
    .await;
    let after_approval = emu.post(&path, &[("ObjectSid", &it)]).await;

    // Assert
    assert_eq!(assigned.0, 201, "{}", assigned.1);
    assert_eq!(removed.0, 204, "{}", removed.1);
    let (_, listed) = emu.get(&path).await;
    let objects: Vec<_> = listed["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["object_sid"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(objects, [replacement]);
    assert_error(&after_approval, 400, 22227);
}

#[tokio::test]
async fn end_users_and_documents_validate_their_fields() {
    // Arrange
    let emu = emulator().await;
    let documents = format!("{RC}/SupportingDocuments");

    // Act + Assert
    assert_error(
        &emu.post(
            &format!("{RC}/EndUsers"),
            &[
                ("FriendlyName", "x"),
                ("Type", "business"),
                ("Attributes", "{nope"),
            ],
        )
        .await,
        400,
        22207,
    );
    assert_error(
        &emu.post(&documents, &[("Type", "passport")]).await,
        400,
        22211,
    );
    assert_error(
        &emu.post(&documents, &[("FriendlyName", "x")]).await,
        400,
        22210,
    );
    assert_error(
        &emu.post(
            &documents,
            &[("FriendlyName", "x"), ("Type", "holy_scroll")],
        )
        .await,
        400,
        22210,
    );
    assert_error(
        &emu.post(
            &documents,
            &[
                ("FriendlyName", "x"),
                ("Type", "passport"),
                ("Attributes", "[1,"),
            ],
        )
        .await,
        400,
        22207,
    );
    let rd = emu.create_document("Doc", "passport", json!({})).await;
    let path = format!("{documents}/{rd}");
    assert_error(
        &emu.post(&path, &[("Status", "approved"), ("Attributes", "{}")])
            .await,
        400,
        22208,
    );
    assert_error(&emu.post(&path, &[("Status", "shiny")]).await, 400, 22209);
    assert_error(
        &emu.post(&path, &[("Attributes", "not json")]).await,
        400,
        22207,
    );
}

#[tokio::test]
async fn documents_in_use_or_under_review_cannot_be_deleted() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let bundle = emu.create_bundle("Docs", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();
    let assigned = emu.create_document("Assigned", "passport", json!({})).await;
    emu.assign(sid, &assigned).await;

    // Act + Assert
    assert_error(
        &emu.delete(&format!("{RC}/SupportingDocuments/{assigned}"))
            .await,
        400,
        21645,
    );
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("Status", "pending-review")],
    )
    .await;
    assert_error(
        &emu.delete(&format!("{RC}/SupportingDocuments/{assigned}"))
            .await,
        400,
        21646,
    );
}

#[tokio::test]
async fn regulation_filters_refuse_unknown_vocabulary() {
    let emu = emulator().await;
    assert_error(
        &emu.get(&format!("{RC}/Regulations?EndUserType=robot"))
            .await,
        400,
        22212,
    );
    assert_error(
        &emu.get(&format!("{RC}/Regulations?NumberType=satellite"))
            .await,
        400,
        22213,
    );
    assert_error(
        &emu.get(&format!("{RC}/Bundles?PageToken=forged")).await,
        400,
        21481,
    );
}

#[tokio::test]
async fn replace_items_enforces_its_preconditions() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let seed = |name: &str| {
        json!({"friendly_name": name, "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved",
        "documents": [{"type": "business_address", "attributes": {"address_sids": ["AD11111111111111111111111111111111"]}}]})
    };
    let original = emu.seed(seed("Original")).await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    let stranger = emu.seed(seed("Stranger")).await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    let replace = |from: String| {
        let emu = &emu;
        let path = format!("{RC}/Bundles/{original}/ReplaceItems");
        async move { emu.post(&path, &[("FromBundleSid", from.as_str())]).await }
    };
    let (_, copy) = emu
        .post(&format!("{RC}/Bundles/{original}/Copies"), &[])
        .await;
    let copy = copy["sid"].as_str().unwrap().to_owned();

    // Act + Assert
    assert_error(
        &emu.post(&format!("{RC}/Bundles/{original}/ReplaceItems"), &[])
            .await,
        400,
        20001,
    );
    assert_error(&replace(original.clone()).await, 400, 22226);
    assert_error(
        &replace("BU00000000000000000000000000000000".into()).await,
        400,
        22225,
    );
    assert_error(&replace(stranger.clone()).await, 400, 22224);
    assert_error(&replace(copy.clone()).await, 400, 22224);
    // Approved without an evaluation → 22228.
    emu.post(
        &format!("{RC}/Bundles/{copy}"),
        &[("Status", "pending-review")],
    )
    .await;
    emu.control(
        &format!("bundles/{copy}/review"),
        json!({"decision": "approve"}),
    )
    .await;
    assert_error(&replace(copy.clone()).await, 400, 22228);
    // A copy whose address changed → 22229.
    let (_, second) = emu
        .post(&format!("{RC}/Bundles/{original}/Copies"), &[])
        .await;
    let second = second["sid"].as_str().unwrap().to_owned();
    let (_, items) = emu
        .get(&format!("{RC}/Bundles/{second}/ItemAssignments"))
        .await;
    let rd = items["results"][0]["object_sid"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.post(
        &format!("{RC}/SupportingDocuments/{rd}"),
        &[(
            "Attributes",
            r#"{"address_sids":["AD22222222222222222222222222222222"]}"#,
        )],
    )
    .await;
    emu.post(&format!("{RC}/Bundles/{second}/Evaluations"), &[])
        .await;
    emu.post(
        &format!("{RC}/Bundles/{second}"),
        &[("Status", "pending-review")],
    )
    .await;
    emu.control(
        &format!("bundles/{second}/review"),
        json!({"decision": "approve"}),
    )
    .await;
    assert_error(&replace(second).await, 400, 22229);
}

#[tokio::test]
async fn a_bundle_whose_address_was_deleted_cannot_be_copied() {
    // Arrange
    let emu = emulator().await;
    let address = "AD33333333333333333333333333333333";
    let original = emu
        .seed(
            json!({"friendly_name": "Original", "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved",
        "documents": [{"type": "business_address", "attributes": {"address_sids": [address]}}]}),
        )
        .await;
    let response = emu
        .client
        .delete(format!(
            "{}/__emulator/addresses/{address}",
            emu.handle.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);

    // Act
    let result = emu
        .post(
            &format!("{RC}/Bundles/{}/Copies", original["sid"].as_str().unwrap()),
            &[],
        )
        .await;

    // Assert
    assert_error(&result, 400, 22230);
}
