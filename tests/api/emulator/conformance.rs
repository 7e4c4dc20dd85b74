//! Every served row of the conformance table (docs/emulator-fidelity.md) with its status code and key set.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::support::*;

#[tokio::test]
async fn every_conformance_row_answers_with_its_documented_status() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 0).await;
    let target = emu.handle.create_account("Clone target");

    // Rows 2, 3, 4, 1.
    let bundle = emu.create_bundle("Row 2", &[]).await;
    let bu = bundle["sid"].as_str().unwrap().to_owned();
    assert_eq!(emu.get(&format!("{RC}/Bundles/{bu}")).await.0, 200);
    assert_eq!(
        emu.post(&format!("{RC}/Bundles/{bu}"), &[("FriendlyName", "Row 4")])
            .await
            .0,
        200
    );
    assert_eq!(emu.get(&format!("{RC}/Bundles")).await.0, 200);

    // Rows 18, 17, 19, 20.
    let it = emu.create_end_user("business", french_business()).await;
    assert_eq!(emu.get(&format!("{RC}/EndUsers")).await.0, 200);
    assert_eq!(emu.get(&format!("{RC}/EndUsers/{it}")).await.0, 200);
    assert_eq!(
        emu.post(
            &format!("{RC}/EndUsers/{it}"),
            &[("FriendlyName", "Renamed")]
        )
        .await
        .0,
        200
    );

    // Rows 27, 26, 28, 29.
    let rd = emu
        .create_document("Power", "power_of_attorney", json!({}))
        .await;
    assert_eq!(emu.get(&format!("{RC}/SupportingDocuments")).await.0, 200);
    assert_eq!(
        emu.get(&format!("{RC}/SupportingDocuments/{rd}")).await.0,
        200
    );
    assert_eq!(
        emu.post(
            &format!("{RC}/SupportingDocuments/{rd}"),
            &[("FriendlyName", "PoA")]
        )
        .await
        .0,
        200
    );

    // Rows 14, 13, 15, 16.
    let bv = emu.assign(&bu, &it).await;
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu}/ItemAssignments"))
            .await
            .0,
        200
    );
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu}/ItemAssignments/{bv}"))
            .await
            .0,
        200
    );
    assert_eq!(
        emu.delete(&format!("{RC}/Bundles/{bu}/ItemAssignments/{bv}"))
            .await
            .0,
        204
    );

    // Rows 11, 10, 12.
    let (status, evaluation) = emu
        .post(&format!("{RC}/Bundles/{bu}/Evaluations"), &[])
        .await;
    assert_eq!(status, 201);
    let el = evaluation["sid"].as_str().unwrap();
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu}/Evaluations")).await.0,
        200
    );
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{bu}/Evaluations/{el}"))
            .await
            .0,
        200
    );

    // Rows 22, 23, 24, 25, 31, 32.
    let (status, types) = emu.get(&format!("{RC}/EndUserTypes")).await;
    assert_eq!(status, 200);
    let oy = types["end_user_types"][0]["sid"].as_str().unwrap();
    assert_eq!(emu.get(&format!("{RC}/EndUserTypes/{oy}")).await.0, 200);
    let (status, regulations) = emu.get(&format!("{RC}/Regulations")).await;
    assert_eq!(status, 200);
    let rn = regulations["results"][0]["sid"].as_str().unwrap();
    assert_eq!(emu.get(&format!("{RC}/Regulations/{rn}")).await.0, 200);
    let (status, types) = emu.get(&format!("{RC}/SupportingDocumentTypes")).await;
    assert_eq!(status, 200);
    let oy = types["supporting_document_types"][0]["sid"]
        .as_str()
        .unwrap();
    assert_eq!(
        emu.get(&format!("{RC}/SupportingDocumentTypes/{oy}"))
            .await
            .0,
        200
    );

    // Rows 6, 8, 7, 9: on an approved original.
    let original = emu
        .seed(json!({"friendly_name": "Approved", "iso_country": "FR",
        "number_type": "mobile", "end_user_type": "business", "status": "twilio-approved"}))
        .await;
    let original = original["sid"].as_str().unwrap();
    let (status, _) = emu
        .post(
            &format!("{RC}/Bundles/{original}/Clones"),
            &[("TargetAccountSid", target.account_sid.as_str())],
        )
        .await;
    assert_eq!(status, 201);
    let (status, copy) = emu
        .post(
            &format!("{RC}/Bundles/{original}/Copies"),
            &[("FriendlyName", "Copy")],
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{original}/Copies")).await.0,
        200
    );
    let copy = copy["sid"].as_str().unwrap();
    assert_eq!(
        emu.post(&format!("{RC}/Bundles/{copy}/Evaluations"), &[])
            .await
            .0,
        201
    );
    assert_eq!(
        emu.post(
            &format!("{RC}/Bundles/{copy}"),
            &[("Status", "pending-review")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        emu.control(
            &format!("bundles/{copy}/review"),
            json!({"decision": "approve"})
        )
        .await
        .0,
        200
    );
    let (status, _) = emu
        .post(
            &format!("{RC}/Bundles/{original}/ReplaceItems"),
            &[("FromBundleSid", copy)],
        )
        .await;
    assert_eq!(status, 201);

    // Row 33: upload.
    let form = Form::new()
        .text("FriendlyName", "Scan")
        .text("Type", "passport")
        .text("Attributes", r#"{"first_name":"Marie"}"#)
        .part(
            "File",
            Part::bytes(b"%PDF-1.4 scan".to_vec()).file_name("scan.pdf"),
        );
    let response = emu
        .request(Method::POST, &format!("{RC}/SupportingDocuments"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    // Rows 21, 30, 5: deletes.
    assert_eq!(emu.delete(&format!("{RC}/EndUsers/{it}")).await.0, 204);
    assert_eq!(
        emu.delete(&format!("{RC}/SupportingDocuments/{rd}"))
            .await
            .0,
        204
    );
    assert_eq!(emu.delete(&format!("{RC}/Bundles/{copy}")).await.0, 204);
    assert_eq!(emu.delete(&format!("{RC}/Bundles/{bu}")).await.0, 204);

    // Assert: the request log saw every call with its status and account.
    let log = emu.handle.requests();
    assert_eq!(log.len(), emu.handle.request_count());
    assert!(
        log.iter()
            .all(|r| r.account_sid.as_deref() == Some(emu.account.account_sid.as_str()))
    );
    assert!(log.iter().any(|r| r.method == "DELETE" && r.status == 204));
}

#[tokio::test]
async fn resources_carry_exactly_twilio_key_sets() {
    // Arrange
    let emu = emulator().await;
    let bundle = emu.create_bundle("Keys", &[]).await;
    let bu = bundle["sid"].as_str().unwrap();
    let it = emu.create_end_user("business", french_business()).await;
    let bv = emu.assign(bu, &it).await;

    // Act
    let (_, end_user) = emu.get(&format!("{RC}/EndUsers/{it}")).await;
    let rd = emu
        .create_document("Doc", "power_of_attorney", json!({}))
        .await;
    let (_, document) = emu.get(&format!("{RC}/SupportingDocuments/{rd}")).await;
    let (_, assignment) = emu
        .get(&format!("{RC}/Bundles/{bu}/ItemAssignments/{bv}"))
        .await;
    let (_, evaluation) = emu
        .post(&format!("{RC}/Bundles/{bu}/Evaluations"), &[])
        .await;
    let (_, copy) = emu.post(&format!("{RC}/Bundles/{bu}/Copies"), &[]).await;

    // Assert
    let base = [
        "account_sid",
        "date_created",
        "date_updated",
        "email",
        "friendly_name",
        "regulation_sid",
        "sid",
        "status",
        "status_callback",
        "valid_until",
    ];
    let mut with_links: Vec<&str> = base.iter().copied().chain(["links", "url"]).collect();
    with_links.sort();
    assert_eq!(keys(&bundle), with_links);
    assert_eq!(keys(&copy), base);
    assert_eq!(
        keys(&bundle["links"]),
        ["bundle_copies", "evaluations", "item_assignments"]
    );
    assert_eq!(
        keys(&end_user),
        [
            "account_sid",
            "attributes",
            "date_created",
            "date_updated",
            "friendly_name",
            "sid",
            "type",
            "url"
        ]
    );
    assert_eq!(
        keys(&document),
        [
            "account_sid",
            "attributes",
            "date_created",
            "date_updated",
            "errors",
            "failure_reason",
            "friendly_name",
            "mime_type",
            "sid",
            "status",
            "type",
            "url"
        ]
    );
    assert_eq!(
        keys(&assignment),
        [
            "account_sid",
            "bundle_sid",
            "date_created",
            "object_sid",
            "sid",
            "url"
        ]
    );
    assert_eq!(
        keys(&evaluation),
        [
            "account_sid",
            "bundle_sid",
            "date_created",
            "regulation_sid",
            "results",
            "sid",
            "status",
            "url"
        ]
    );
    let sid_shape = |v: &Value, prefix: &str| {
        let s = v.as_str().unwrap();
        s.len() == 34
            && s.starts_with(prefix)
            && s[2..]
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    };
    assert!(sid_shape(&bundle["sid"], "BU") && sid_shape(&end_user["sid"], "IT"));
    assert!(sid_shape(&document["sid"], "RD") && sid_shape(&assignment["sid"], "BV"));
    assert!(sid_shape(&evaluation["sid"], "EL") && sid_shape(&bundle["account_sid"], "AC"));
    let created = bundle["date_created"].as_str().unwrap();
    assert_eq!(created.len(), 20, "no fractions: {created}");
    assert!(created.ends_with('Z'));
    assert_eq!(bundle["status"], "draft");
    assert_eq!(bundle["valid_until"], Value::Null);
    assert_eq!(bundle["url"], emu.url(&format!("{RC}/Bundles/{bu}")));
    assert_eq!(
        bundle["links"]["bundle_copies"],
        emu.url(&format!("{RC}/Bundles/{bu}/Copies"))
    );
    assert_eq!(
        end_user["attributes"],
        french_business(),
        "attributes come back as an object"
    );
    assert_eq!(document["mime_type"], Value::Null);
    assert_eq!(document["status"], "draft");
}

#[tokio::test]
async fn a_clone_uses_bundle_sid_and_lands_in_the_target_account() {
    // Arrange
    let emu = emulator().await;
    let target = emu.handle.create_account("Target");
    let original = emu
        .seed(json!({"friendly_name": "Approved", "iso_country": "GB",
        "number_type": "mobile", "end_user_type": "business", "status": "twilio-approved",
        "end_user": {"type": "business", "attributes": {"business_name": "Acme"}}}))
        .await;
    let sid = original["sid"].as_str().unwrap();

    // Act
    let (status, clone) = emu
        .post(
            &format!("{RC}/Bundles/{sid}/Clones"),
            &[
                ("TargetAccountSid", target.account_sid.as_str()),
                ("MoveToDraft", "true"),
                ("FriendlyName", "Cloned"),
            ],
        )
        .await;

    // Assert
    assert_eq!(status, 201);
    assert_eq!(
        keys(&clone),
        [
            "account_sid",
            "bundle_sid",
            "date_created",
            "date_updated",
            "email",
            "friendly_name",
            "regulation_sid",
            "status",
            "status_callback",
            "url",
            "valid_until"
        ]
    );
    assert_eq!(clone["account_sid"], target.account_sid.as_str());
    assert_eq!(clone["status"], "draft");
    let clone_sid = clone["bundle_sid"].as_str().unwrap();
    assert_eq!(
        clone["url"],
        emu.url(&format!("{RC}/Bundles/{clone_sid}/Clones"))
    );
    let (status, items) = super::support::read(
        emu.as_account(
            &target,
            Method::GET,
            &format!("{RC}/Bundles/{clone_sid}/ItemAssignments"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(items["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{clone_sid}")).await.0,
        404,
        "not the source account's"
    );
}

#[tokio::test]
async fn an_upload_records_the_sniffed_mime_type_and_refuses_other_content() {
    // Arrange
    let emu = emulator().await;
    let upload = |bytes: Vec<u8>| {
        let form = Form::new()
            .text("FriendlyName", "Scan")
            .text("Type", "government_issued_document")
            .text(
                "Attributes",
                r#"{"first_name":"Marie","last_name":"Dupont"}"#,
            )
            .part("File", Part::bytes(bytes).file_name("upload.bin"));
        emu.request(Method::POST, &format!("{RC}/SupportingDocuments"))
            .multipart(form)
            .send()
    };

    // Act
    let png = read(upload(b"\x89PNG\r\n\x1a\nrest".to_vec()).await.unwrap()).await;
    let jpeg = read(upload(vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2]).await.unwrap()).await;
    let gif = read(upload(b"GIF89a....".to_vec()).await.unwrap()).await;
    let mut huge = b"%PDF-1.4".to_vec();
    huge.resize(10 * 1024 * 1024 + 1, b' ');
    let too_big = read(upload(huge).await.unwrap()).await;

    // Assert
    assert_eq!(png.0, 201);
    assert_eq!(png.1["mime_type"], "image/png");
    assert_eq!(png.1["attributes"]["last_name"], "Dupont");
    assert_eq!(jpeg.1["mime_type"], "image/jpeg");
    assert_error(&gif, 400, 12301);
    assert_error(&too_big, 413, 12301);
    let (_, list) = emu.get(&format!("{RC}/SupportingDocuments")).await;
    assert_eq!(
        list["results"].as_array().unwrap().len(),
        2,
        "refused uploads store nothing"
    );
}

#[tokio::test]
async fn item_types_are_fetched_by_sid_or_machine_name_under_their_own_list_keys() {
    // Arrange
    let emu = emulator().await;

    // Act
    let (_, end_user_types) = emu.get(&format!("{RC}/EndUserTypes")).await;
    let (_, by_name) = emu.get(&format!("{RC}/EndUserTypes/business")).await;
    let (_, document_types) = emu
        .get(&format!("{RC}/SupportingDocumentTypes?PageSize=5"))
        .await;
    let (_, passport) = emu
        .get(&format!("{RC}/SupportingDocumentTypes/passport"))
        .await;

    // Assert
    assert_eq!(end_user_types["meta"]["key"], "end_user_types");
    assert_eq!(document_types["meta"]["key"], "supporting_document_types");
    assert_eq!(
        document_types["supporting_document_types"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(by_name["machine_name"], "business");
    let sid = by_name["sid"].as_str().unwrap();
    let (status, by_sid) = emu.get(&format!("{RC}/EndUserTypes/{sid}")).await;
    assert_eq!(status, 200);
    assert_eq!(by_sid, by_name);
    assert_eq!(passport["machine_name"], "passport");
    assert!(passport["sid"].as_str().unwrap().starts_with("OY"));
    assert_error(
        &emu.get(&format!("{RC}/EndUserTypes/martian")).await,
        404,
        20404,
    );
}

#[tokio::test]
async fn regulations_filter_by_triple_and_include_constraints_on_request() {
    // Arrange
    let emu = emulator().await;

    // Act
    let (_, gb) = emu
        .get(&format!(
            "{RC}/Regulations?IsoCountry=gb&NumberType=mobile&EndUserType=business"
        ))
        .await;
    let (_, none) = emu
        .get(&format!(
            "{RC}/Regulations?IsoCountry=DE&NumberType=local&EndUserType=individual"
        ))
        .await;
    let sid = gb["results"][0]["sid"].as_str().unwrap().to_owned();
    let (_, plain) = emu.get(&format!("{RC}/Regulations/{sid}")).await;
    let (_, constrained) = emu
        .get(&format!("{RC}/Regulations/{sid}?IncludeConstraints=true"))
        .await;

    // Assert
    assert_eq!(gb["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        gb["results"][0]["friendly_name"],
        "United Kingdom: Mobile - Business"
    );
    assert_eq!(none["results"], json!([]));
    assert!(!plain.to_string().contains("\"constraint\""));
    assert!(constrained.to_string().contains("\"constraint\""));
    assert!(
        gb["meta"]["url"]
            .as_str()
            .unwrap()
            .contains("IsoCountry=gb")
    );
}

#[tokio::test]
async fn api_keys_authenticate_and_other_accounts_sids_are_not_found() {
    // Arrange
    let emu = emulator().await;
    let other = emu.handle.create_account("Other");
    let bundle = emu.create_bundle("Mine", &[]).await;
    let sid = bundle["sid"].as_str().unwrap();

    // Act
    let with_key = read(
        emu.client
            .get(emu.url(&format!("{RC}/Bundles/{sid}")))
            .basic_auth(&emu.account.api_key_sid, Some(&emu.account.api_key_secret))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let foreign = read(
        emu.as_account(&other, Method::GET, &format!("{RC}/Bundles/{sid}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let foreign_delete = read(
        emu.as_account(&other, Method::DELETE, &format!("{RC}/Bundles/{sid}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let anonymous = read(
        emu.client
            .get(emu.url(&format!("{RC}/Bundles")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let wrong_secret = read(
        emu.client
            .get(emu.url(&format!("{RC}/Bundles")))
            .basic_auth(&emu.account.api_key_sid, Some("nope"))
            .send()
            .await
            .unwrap(),
    )
    .await;

    // Assert
    assert_eq!(with_key.0, 200);
    assert_eq!(with_key.1["sid"], sid);
    assert_error(&foreign, 404, 20404);
    assert_error(&foreign_delete, 404, 20404);
    assert_error(&anonymous, 401, 20003);
    assert_error(&wrong_secret, 401, 20003);
    assert_eq!(
        emu.get(&format!("{RC}/Bundles/{sid}")).await.0,
        200,
        "still there"
    );
    assert_error(&emu.get(&format!("{RC}/Nonsense")).await, 404, 20404);
}
