//! Every client call against the built-in emulator: the update lifecycle, items and documents,
//! paging, typed errors, injected faults, API-key auth and account isolation.

use recomply::domain::ids::TenantId;
use recomply::emulator::{AccountCredentials, EmulatorHandle, spawn};
use recomply::twilio::{
    BundleFilter, BundleProperties, BundleStatus, DocumentUpload, EndUserType, EndUserUpdate,
    EvaluationStatus, ItemKind, NewBundle, NewEndUser, NewSupportingDocument, Regulation,
    RegulationFilter, RegulationSelector, SupportingDocumentUpdate, TenantTwilio, TwilioClient,
    TwilioConfig, TwilioCredentials, TwilioError,
};
use serde_json::{Value, json};

/// An emulator, one account on it, and a client handle acting as that account.
struct Setup {
    emulator: EmulatorHandle,
    account: AccountCredentials,
    twilio: TenantTwilio,
    http: reqwest::Client,
}

async fn setup() -> Setup {
    let emulator = spawn("127.0.0.1:0").await.expect("emulator starts");
    let account = emulator.create_account("Client tests");
    let twilio = tenant(&emulator, auth_token_credentials(&account));
    Setup {
        emulator,
        account,
        twilio,
        http: reqwest::Client::new(),
    }
}

fn auth_token_credentials(account: &AccountCredentials) -> TwilioCredentials {
    TwilioCredentials::with_auth_token(&account.account_sid, account.auth_token.clone().into())
}

fn tenant(emulator: &EmulatorHandle, credentials: TwilioCredentials) -> TenantTwilio {
    TwilioClient::new(TwilioConfig::for_emulator(&emulator.base_url))
        .unwrap()
        .for_tenant(TenantId::random(), &credentials)
}

impl Setup {
    /// POST JSON to the emulator's control API; returns the JSON answer.
    async fn control(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}/__emulator/{path}", self.emulator.base_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "control {path}: {}",
            response.status()
        );
        response.json().await.unwrap_or(Value::Null)
    }

    /// An approved French business bundle with an end user and a deadline.
    async fn seed_expiring_bundle(&self, name: &str, valid_until: &str) -> String {
        let view = self
            .control(
                "bundles",
                json!({"account_sid": self.account.account_sid, "friendly_name": name,
                       "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
                       "status": "twilio-approved", "valid_until": valid_until,
                       "end_user": {"type": "business", "attributes": {"business_name": "Acme"}}}),
            )
            .await;
        view["sid"].as_str().unwrap().to_owned()
    }

    /// Injects a fault on the Twilio routes.
    async fn fault(&self, method: &str, path: &str, fault: Value, count: u32) {
        self.control(
            "faults",
            json!({"method": method, "path": path, "fault": fault, "count": count}),
        )
        .await;
    }

    /// Logged requests matching `method` and `path`.
    fn logged(&self, method: &str, path: &str) -> usize {
        self.emulator
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }
}

fn french_bundle(name: &str) -> NewBundle {
    NewBundle {
        friendly_name: name.into(),
        email: "ops@example.com".into(),
        status_callback: None,
        regulation: RegulationSelector::NumberGroup {
            iso_country: "FR".into(),
            number_type: "mobile".into(),
            end_user_type: EndUserType::Business,
        },
        is_test: None,
    }
}

/// How many fields of `regulation` carry a constraint.
fn constraints(regulation: &Regulation) -> usize {
    let requirements = &regulation.requirements;
    let end_users = requirements.end_user.iter().map(|r| &r.detailed_fields);
    let documents = requirements
        .supporting_document
        .iter()
        .flatten()
        .flat_map(|r| &r.accepted_documents)
        .map(|a| &a.detailed_fields);
    end_users
        .chain(documents)
        .flatten()
        .filter(|field| field.constraint.is_some())
        .count()
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

#[tokio::test]
async fn the_update_lifecycle_runs_end_to_end_through_the_client() {
    // Arrange
    let s = setup().await;
    let original = s
        .seed_expiring_bundle("Provisioned", "2030-06-01T00:00:00Z")
        .await;
    s.seed_expiring_bundle("Later", "2031-06-01T00:00:00Z")
        .await;
    let twilio = &s.twilio;

    // Act + Assert, step by step (the ten-step update of docs/emulator-fidelity.md).
    let mut filter = BundleFilter::expiring();
    filter.valid_until_before = Some(time::macros::datetime!(2030-12-31 0:00 UTC));
    let affected = twilio.list_all_bundles(&filter).await.unwrap();
    assert_eq!(affected.len(), 1);
    assert_eq!(affected[0].sid, original);
    assert!(affected[0].valid_until.is_some());

    assert!(
        twilio
            .list_all_bundle_copies(&recomply::domain::sid::BundleSid::from_trusted(
                original.to_string()
            ))
            .await
            .unwrap()
            .is_empty()
    );
    let copy = twilio
        .create_bundle_copy(
            &recomply::domain::sid::BundleSid::from_trusted(original.to_string()),
            Some("Provisioned (update)"),
        )
        .await
        .unwrap();
    assert_eq!(copy.status, BundleStatus::Draft);
    let copies = twilio
        .list_all_bundle_copies(&recomply::domain::sid::BundleSid::from_trusted(
            original.to_string(),
        ))
        .await
        .unwrap();
    assert_eq!(
        copies.iter().map(|c| &c.sid).collect::<Vec<_>>(),
        vec![&copy.sid]
    );

    let evaluation = twilio.create_evaluation(&copy.sid).await.unwrap();
    assert_eq!(evaluation.bundle_sid.as_deref(), Some(copy.sid.as_str()));
    assert!(!evaluation.results.is_empty());
    let fetched = twilio
        .fetch_evaluation(&copy.sid, &evaluation.sid)
        .await
        .unwrap();
    assert_eq!(fetched.status, evaluation.status);

    let items = twilio.list_all_item_assignments(&copy.sid).await.unwrap();
    let end_user_sid = items
        .iter()
        .find(|a| a.object_kind() == ItemKind::EndUser)
        .map(|a| a.object_sid.clone())
        .expect("the copy has an end user");
    let end_user = twilio
        .fetch_end_user(&recomply::domain::sid::EndUserSid::from_trusted(
            end_user_sid.to_string(),
        ))
        .await
        .unwrap();
    assert_eq!(end_user.attributes["business_name"], "Acme");
    let mut attributes = end_user.attributes.clone();
    attributes["business_name"] = json!("Acme Renewed");
    let updated = twilio
        .update_end_user(
            &recomply::domain::sid::EndUserSid::from_trusted(end_user_sid.to_string()),
            &EndUserUpdate {
                friendly_name: None,
                attributes: Some(attributes),
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.attributes["business_name"], "Acme Renewed");

    let submitted = twilio.submit_bundle(&copy.sid).await.unwrap();
    assert_eq!(submitted.status, BundleStatus::PendingReview);
    s.control(
        &format!("bundles/{}/review", copy.sid),
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(
        twilio.fetch_bundle(&copy.sid).await.unwrap().status,
        BundleStatus::TwilioApproved
    );

    let replaced = twilio
        .replace_items(
            &recomply::domain::sid::BundleSid::from_trusted(original.to_string()),
            &copy.sid,
        )
        .await
        .unwrap();
    assert_eq!(replaced.sid, original);
    assert!(replaced.valid_until.is_none());
    assert!(
        twilio
            .fetch_bundle(&recomply::domain::sid::BundleSid::from_trusted(
                original.to_string()
            ))
            .await
            .unwrap()
            .valid_until
            .is_none()
    );

    twilio.delete_bundle(&copy.sid).await.unwrap();
    let gone = twilio.fetch_bundle(&copy.sid).await.unwrap_err();
    assert!(matches!(gone, TwilioError::NotFound { .. }));
    assert_eq!(gone.code(), Some(20404));
}

#[tokio::test]
async fn bundles_items_documents_and_regulations_round_trip() {
    // Arrange
    let s = setup().await;
    let twilio = &s.twilio;

    // Regulations, with constraints.
    let filter = RegulationFilter {
        iso_country: Some("FR".into()),
        number_type: Some("mobile".into()),
        end_user_type: Some(EndUserType::Business),
        include_constraints: true,
        page_size: None,
    };
    let regulations = twilio.list_all_regulations(&filter).await.unwrap();
    assert_eq!(regulations.len(), 1);
    let regulation = twilio
        .fetch_regulation(&regulations[0].sid, true)
        .await
        .unwrap();
    assert!(!regulation.requirements.end_user.is_empty());
    let plain = twilio
        .fetch_regulation(&regulation.sid, false)
        .await
        .unwrap();
    assert_eq!(plain.sid, regulation.sid);
    assert!(
        constraints(&regulation) > 0,
        "constraints are kept as sent: {regulation:?}"
    );
    assert_eq!(constraints(&plain), 0);
    let document_type = regulation.requirements.supporting_document[0][0].accepted_documents[0]
        .document_type
        .clone()
        .unwrap();

    // Bundle create / fetch / update properties.
    let bundle = twilio.create_bundle(&french_bundle("Draft")).await.unwrap();
    assert_eq!(
        bundle.regulation_sid.as_deref(),
        Some(regulation.sid.as_str())
    );
    let renamed = twilio
        .update_bundle_properties(
            &bundle.sid,
            &BundleProperties {
                friendly_name: Some("Renamed".into()),
                ..BundleProperties::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.friendly_name.as_deref(), Some("Renamed"));
    assert_eq!(renamed.status, BundleStatus::Draft);

    // End user create / fetch.
    let end_user = twilio
        .create_end_user(&NewEndUser {
            friendly_name: "Acme".into(),
            end_user_type: EndUserType::Business,
            attributes: json!({"business_name": "Acme"}),
        })
        .await
        .unwrap();
    assert_eq!(
        twilio
            .fetch_end_user(&end_user.sid)
            .await
            .unwrap()
            .attributes,
        json!({"business_name": "Acme"})
    );

    // Supporting documents: create / fetch / update / delete, and an upload.
    let document = twilio
        .create_supporting_document(&NewSupportingDocument {
            friendly_name: "Proof".into(),
            document_type: document_type.clone(),
            attributes: json!({"business_name": "Acme"}),
        })
        .await
        .unwrap();
    let update = SupportingDocumentUpdate {
        friendly_name: Some("Proof v2".into()),
        attributes: Some(json!({"business_name": "Acme SA"})),
    };
    let changed = twilio
        .update_supporting_document(&document.sid, &update)
        .await
        .unwrap();
    assert_eq!(changed.friendly_name.as_deref(), Some("Proof v2"));
    let fetched = twilio
        .fetch_supporting_document(&document.sid)
        .await
        .unwrap();
    assert_eq!(fetched.attributes["business_name"], "Acme SA");
    let uploaded = twilio
        .upload_supporting_document(&DocumentUpload {
            friendly_name: "Scan".into(),
            document_type,
            attributes: json!({"business_name": "Acme"}),
            file_name: "scan.pdf".into(),
            mime_type: "application/pdf".into(),
            content: PDF.to_vec(),
        })
        .await
        .unwrap();
    assert_eq!(uploaded.mime_type.as_deref(), Some("application/pdf"));

    // Assignments: create / list / fetch / delete.
    let assigned_user = twilio
        .create_item_assignment(&bundle.sid, &end_user.sid)
        .await
        .unwrap();
    let assigned_doc = twilio
        .create_item_assignment(&bundle.sid, &uploaded.sid)
        .await
        .unwrap();
    assert_eq!(assigned_doc.object_kind(), ItemKind::SupportingDocument);
    assert_eq!(
        twilio
            .list_all_item_assignments(&bundle.sid)
            .await
            .unwrap()
            .len(),
        2
    );
    let one = twilio
        .fetch_item_assignment(&bundle.sid, &assigned_user.sid)
        .await
        .unwrap();
    assert_eq!(one.object_sid, end_user.sid);
    twilio
        .delete_item_assignment(&bundle.sid, &assigned_user.sid)
        .await
        .unwrap();
    let left = twilio.list_all_item_assignments(&bundle.sid).await.unwrap();
    assert_eq!(left.len(), 1);

    // An unassigned document can be deleted.
    twilio
        .delete_supporting_document(&document.sid)
        .await
        .unwrap();
    let gone = twilio.fetch_supporting_document(&document.sid).await;
    assert_eq!(gone.unwrap_err().code(), Some(20404));

    // Evaluation of a half-filled bundle: noncompliant, with reasons.
    let evaluation = twilio.create_evaluation(&bundle.sid).await.unwrap();
    assert_eq!(evaluation.status, EvaluationStatus::Noncompliant);
    assert!(
        evaluation
            .results
            .iter()
            .any(|r| !r.passed && r.error_code.is_some())
    );
}

#[tokio::test]
async fn listing_follows_next_page_url_across_pages() {
    // Arrange
    let s = setup().await;
    for n in 0..5 {
        s.twilio
            .create_bundle(&french_bundle(&format!("Bundle {n}")))
            .await
            .unwrap();
    }
    let filter = BundleFilter {
        status: Some(BundleStatus::Draft),
        page_size: Some(2),
        ..BundleFilter::default()
    };

    // Act
    let first = s.twilio.list_bundles(&filter).await.unwrap();
    let all = s.twilio.list_all_bundles(&filter).await.unwrap();

    // Assert
    assert_eq!(first.results.len(), 2);
    assert!(first.meta.next_page_url.is_some());
    assert_eq!(all.len(), 5);
    let mut sids: Vec<&str> = all.iter().map(|b| b.sid.as_str()).collect();
    sids.sort_unstable();
    sids.dedup();
    assert_eq!(sids.len(), 5, "no bundle twice");
    let paged = s
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path == "/v2/RegulatoryCompliance/Bundles" && r.method == "GET")
        .count();
    assert_eq!(
        paged,
        1 + 3,
        "one first page, then three pages via next_page_url"
    );
}

#[tokio::test]
async fn twilio_errors_come_back_typed_with_their_codes() {
    // Arrange
    let s = setup().await;
    let twilio = &s.twilio;
    let bundle = twilio
        .create_bundle(&french_bundle("Errors"))
        .await
        .unwrap();

    // Act
    let missing = twilio
        .fetch_bundle(&recomply::domain::sid::BundleSid::from_trusted(
            "BU00000000000000000000000000000000".to_string(),
        ))
        .await
        .unwrap_err();
    let not_an_item = twilio
        .create_item_assignment(&bundle.sid, "AD00000000000000000000000000000000")
        .await
        .unwrap_err();
    let same_bundle = twilio
        .replace_items(&bundle.sid, &bundle.sid)
        .await
        .unwrap_err();
    twilio.submit_bundle(&bundle.sid).await.unwrap();
    let in_review = twilio.delete_bundle(&bundle.sid).await.unwrap_err();

    // Assert
    assert!(matches!(missing, TwilioError::NotFound { .. }));
    assert_eq!(missing.code(), Some(20404));
    assert!(
        matches!(not_an_item.code(), Some(22205 | 22206)),
        "{not_an_item:?}"
    );
    assert_eq!(same_bundle.code(), Some(22226), "{same_bundle:?}");
    assert_eq!(in_review.code(), Some(21647), "{in_review:?}");
    assert!(matches!(in_review, TwilioError::Api { status: 400.., .. }));
}

#[tokio::test]
async fn reads_survive_injected_429_with_retry_after_and_503() {
    // Arrange
    let s = setup().await;
    let bundle = s
        .twilio
        .create_bundle(&french_bundle("Faults"))
        .await
        .unwrap();
    let path = format!("/v2/RegulatoryCompliance/Bundles/{}", bundle.sid);
    s.fault(
        "GET",
        &path,
        json!({"kind": "rate_limit", "retry_after": 1}),
        1,
    )
    .await;
    s.fault("GET", &path, json!({"kind": "status", "status": 503}), 1)
        .await;
    let started = std::time::Instant::now();

    // Act
    let fetched = s.twilio.fetch_bundle(&bundle.sid).await;

    // Assert
    assert_eq!(fetched.unwrap().sid, bundle.sid);
    assert_eq!(s.logged("GET", &path), 3);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn a_create_under_an_injected_500_is_not_retried_but_one_under_429_is() {
    // Arrange
    let s = setup().await;
    let path = "/v2/RegulatoryCompliance/Bundles";
    s.fault("POST", path, json!({"kind": "status", "status": 500}), 1)
        .await;

    // Act
    let failed = s.twilio.create_bundle(&french_bundle("Once")).await;
    s.fault(
        "POST",
        path,
        json!({"kind": "rate_limit", "retry_after": 0}),
        1,
    )
    .await;
    let retried = s.twilio.create_bundle(&french_bundle("Twice")).await;

    // Assert
    assert!(matches!(failed, Err(TwilioError::Api { status: 500, .. })));
    assert!(retried.is_ok());
    assert_eq!(s.logged("POST", path), 1 + 2);
    let all = s
        .twilio
        .list_all_bundles(&BundleFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "exactly one bundle was created");
}

#[tokio::test]
async fn an_api_key_client_works_and_bad_credentials_are_unauthorized() {
    // Arrange
    let s = setup().await;
    let with_key = tenant(
        &s.emulator,
        TwilioCredentials::with_api_key(
            &s.account.account_sid,
            &s.account.api_key_sid,
            s.account.api_key_secret.clone().into(),
            Some(s.account.auth_token.clone().into()),
        ),
    );
    let wrong = tenant(
        &s.emulator,
        TwilioCredentials::with_auth_token(&s.account.account_sid, "wrong-token".into()),
    );

    // Act
    let created = with_key
        .create_bundle(&french_bundle("Keyed"))
        .await
        .unwrap();
    let verified = with_key.verify_credentials().await;
    let refused = wrong.verify_credentials().await;

    // Assert
    assert!(verified.is_ok());
    assert_eq!(
        created.account_sid.as_deref(),
        Some(s.account.account_sid.as_str())
    );
    assert!(matches!(refused, Err(TwilioError::Unauthorized)));
}

#[tokio::test]
async fn one_account_cannot_see_another_accounts_bundles() {
    // Arrange
    let s = setup().await;
    let other_account = s.emulator.create_account("Other");
    let other = tenant(&s.emulator, auth_token_credentials(&other_account));
    let mine = s
        .twilio
        .create_bundle(&french_bundle("Mine"))
        .await
        .unwrap();

    // Act
    let peek = other.fetch_bundle(&mine.sid).await;
    let listed = other
        .list_all_bundles(&BundleFilter::default())
        .await
        .unwrap();

    // Assert
    assert_eq!(peek.unwrap_err().code(), Some(20404));
    assert!(listed.is_empty());
}
