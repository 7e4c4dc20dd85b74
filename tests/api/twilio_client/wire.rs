//! What goes over the wire, how failures are retried (or not), and how pages are followed —
//! checked against a scripted server that records every request.

use recomply::domain::ids::TenantId;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use recomply::twilio::{
    BundleFilter, BundleProperties, DocumentUpload, TwilioClient, TwilioConfig, TwilioCredentials,
    TwilioError,
};
use serde_json::json;
use time::macros::datetime;

use super::scripted::{AC, Reply, Scripted, TOKEN, bundle_json, bundle_page};

const BU: &str = "BU0123456789abcdef0123456789abcdef";

#[tokio::test]
async fn a_read_is_retried_after_503_and_429_honouring_retry_after() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([
        Reply::error(503, 20500),
        Reply::error(429, 20429).header("retry-after", "1"),
        Reply::json(200, bundle_json(BU)),
    ]);
    let twilio = server.tenant();
    let started = Instant::now();

    // Act
    let bundle = twilio
        .fetch_bundle(&recomply::domain::sid::BundleSid::from_trusted(
            BU.to_string(),
        ))
        .await;

    // Assert
    assert_eq!(bundle.unwrap().sid, BU);
    assert_eq!(server.requests().len(), 3);
    assert_eq!(twilio.calls_made(), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 is honoured"
    );
}

#[tokio::test]
async fn a_create_that_failed_with_a_server_error_is_not_retried() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([Reply::error(500, 20500), Reply::json(201, bundle_json(BU))]);
    let twilio = server.tenant();

    // Act
    let copy = twilio
        .create_bundle_copy(
            &recomply::domain::sid::BundleSid::from_trusted(BU.to_string()),
            Some("renewal"),
        )
        .await;

    // Assert
    assert!(matches!(copy, Err(TwilioError::Api { status: 500, .. })));
    assert_eq!(
        server.requests().len(),
        1,
        "a possibly processed create is never repeated"
    );
}

#[tokio::test]
async fn a_create_that_timed_out_is_not_retried() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([Reply::json(201, bundle_json(BU)).after(Duration::from_secs(2))]);
    let config = TwilioConfig {
        timeout: Duration::from_millis(300),
        ..server.config()
    };
    let twilio = TwilioClient::new(config).unwrap().for_tenant(
        TenantId::random(),
        &TwilioCredentials::with_auth_token(AC, TOKEN.into()),
    );

    // Act
    let evaluation = twilio
        .create_evaluation(&recomply::domain::sid::BundleSid::from_trusted(
            BU.to_string(),
        ))
        .await;

    // Assert
    assert!(matches!(evaluation, Err(TwilioError::Timeout)));
    assert_eq!(twilio.calls_made(), 1);
}

#[tokio::test]
async fn a_create_refused_with_429_is_retried_because_twilio_did_not_process_it() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([
        Reply::error(429, 20429).header("retry-after", "0"),
        Reply::json(
            201,
            json!({"sid": "BV0123456789abcdef0123456789abcdef", "bundle_sid": BU,
                                 "object_sid": "IT0123456789abcdef0123456789abcdef"}),
        ),
    ]);
    let twilio = server.tenant();

    // Act
    let assignment = twilio
        .create_item_assignment(
            &recomply::domain::sid::BundleSid::from_trusted(BU.to_string()),
            "IT0123456789abcdef0123456789abcdef",
        )
        .await;

    // Assert
    assert!(assignment.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].text(), requests[1].text());
}

#[tokio::test]
async fn an_unreachable_twilio_is_retried_then_reported_as_a_transport_error() {
    // Arrange: a port with nobody listening.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = TwilioClient::new(TwilioConfig::for_emulator(&base)).unwrap();
    let twilio = client.for_tenant(
        TenantId::random(),
        &TwilioCredentials::with_auth_token(AC, TOKEN.into()),
    );

    // Act: even a create may retry, as the request never left.
    let result = twilio
        .create_bundle_copy(
            &recomply::domain::sid::BundleSid::from_trusted(BU.to_string()),
            None,
        )
        .await;

    // Assert
    let error = result.unwrap_err();
    assert!(matches!(error, TwilioError::Transport(_)), "{error:?}");
    assert!(error.never_reached_twilio());
    assert_eq!(
        twilio.calls_made(),
        1 + u64::from(client.config().max_retries)
    );
    assert_eq!(client.calls_made(), twilio.calls_made());
}

#[tokio::test]
async fn submitting_sends_the_status_alone_with_basic_auth_and_a_form_body() {
    // Arrange
    let server = Scripted::start().await;
    let twilio = server.tenant();
    server.reply([
        Reply::json(200, bundle_json(BU)),
        Reply::json(200, bundle_json(BU)),
    ]);

    // Act
    twilio
        .submit_bundle(&recomply::domain::sid::BundleSid::from_trusted(
            BU.to_string(),
        ))
        .await
        .unwrap();
    twilio
        .update_bundle_properties(
            &recomply::domain::sid::BundleSid::from_trusted(BU.to_string()),
            &BundleProperties {
                friendly_name: Some("Renamed".into()),
                ..BundleProperties::default()
            },
        )
        .await
        .unwrap();

    // Assert
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        requests[0].uri,
        format!("/v2/RegulatoryCompliance/Bundles/{BU}")
    );
    assert_eq!(requests[0].text(), "Status=pending-review");
    assert_eq!(
        requests[0].header("content-type"),
        "application/x-www-form-urlencoded"
    );
    let expected = format!("Basic {}", STANDARD.encode(format!("{AC}:{TOKEN}")));
    assert_eq!(requests[0].header("authorization"), expected);
    assert_eq!(requests[1].text(), "FriendlyName=Renamed");
}

#[tokio::test]
async fn an_api_key_authenticates_as_the_key() {
    // Arrange
    let server = Scripted::start().await;
    let sk = "SK0123456789abcdef0123456789abcdef";
    let credentials = TwilioCredentials::with_api_key(AC, sk, "key-secret".into(), None);
    let twilio = server.client().for_tenant(TenantId::random(), &credentials);
    server.reply([Reply::json(200, bundle_page(BU, None))]);

    // Act
    twilio.verify_credentials().await.unwrap();

    // Assert
    let request = &server.requests()[0];
    let expected = format!("Basic {}", STANDARD.encode(format!("{sk}:key-secret")));
    assert_eq!(request.header("authorization"), expected);
    assert_eq!(request.uri, "/v2/RegulatoryCompliance/Bundles?PageSize=1");
}

#[tokio::test]
async fn verify_credentials_reports_refused_credentials_as_unauthorized() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([Reply::error(401, 20003)]);

    // Act
    let result = server.tenant().verify_credentials().await;

    // Assert
    assert!(matches!(result, Err(TwilioError::Unauthorized)));
    assert_eq!(server.requests().len(), 1, "401 is not retried");
}

#[tokio::test]
async fn list_filters_use_twilios_names_with_encoded_comparison_keys() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([Reply::json(200, bundle_page(BU, None))]);
    let mut filter = BundleFilter::expiring();
    filter.valid_until_before = Some(datetime!(2030-06-01 0:00 UTC));

    // Act
    let page = server.tenant().list_bundles(&filter).await.unwrap();

    // Assert
    assert_eq!(page.results[0].sid, BU);
    assert_eq!(
        server.requests()[0].uri,
        "/v2/RegulatoryCompliance/Bundles?Status=twilio-approved&HasValidUntilDate=true\
         &SortBy=valid-until&SortDirection=ASC&ValidUntilDate%3C=2030-06-01T00%3A00%3A00Z"
    );
}

#[tokio::test]
async fn list_all_follows_next_page_url_verbatim() {
    // Arrange
    let server = Scripted::start().await;
    let next = format!(
        "{}/somewhere/else?PageToken=PT%2Fabc&Page=1",
        server.base_url
    );
    server.reply([
        Reply::json(200, bundle_page("BU1", Some(next))),
        Reply::json(200, bundle_page("BU2", None)),
    ]);

    // Act
    let all = server
        .tenant()
        .list_all_bundles(&BundleFilter::default())
        .await
        .unwrap();

    // Assert
    let sids: Vec<&str> = all.iter().map(|b| b.sid.as_str()).collect();
    assert_eq!(sids, vec!["BU1", "BU2"]);
    assert_eq!(
        server.requests()[1].uri,
        "/somewhere/else?PageToken=PT%2Fabc&Page=1"
    );
}

#[tokio::test]
async fn a_next_page_url_on_another_origin_is_refused_so_credentials_stay_home() {
    // Arrange
    let server = Scripted::start().await;
    let elsewhere = Some("https://attacker.example.com/v2/RegulatoryCompliance/Bundles".into());
    server.reply([Reply::json(200, bundle_page("BU1", elsewhere))]);

    // Act
    let result = server
        .tenant()
        .list_all_bundles(&BundleFilter::default())
        .await;

    // Assert
    assert!(matches!(result, Err(TwilioError::Decode(_))));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_upload_is_multipart_to_the_upload_host() {
    // Arrange
    let api = Scripted::start().await;
    let upload_host = Scripted::start().await;
    upload_host.reply([Reply::json(
        201,
        json!({"sid": "RD0123456789abcdef0123456789abcdef", "status": "draft",
               "type": "passport", "mime_type": "application/pdf", "attributes": {}}),
    )]);
    let config = TwilioConfig {
        upload_base_url: upload_host.base_url.parse().unwrap(),
        ..api.config()
    };
    let twilio = TwilioClient::new(config).unwrap().for_tenant(
        TenantId::random(),
        &TwilioCredentials::with_auth_token(AC, TOKEN.into()),
    );
    let upload = DocumentUpload {
        friendly_name: "Passport".into(),
        document_type: "passport".into(),
        attributes: json!({"document_number": "P123"}),
        file_name: "passport.pdf".into(),
        mime_type: "application/pdf".into(),
        content: b"%PDF-1.4 fake".to_vec(),
    };

    // Act
    let document = twilio.upload_supporting_document(&upload).await.unwrap();

    // Assert
    assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));
    assert!(api.requests().is_empty());
    let request = &upload_host.requests()[0];
    assert_eq!(request.uri, "/v2/RegulatoryCompliance/SupportingDocuments");
    assert!(
        request
            .header("content-type")
            .starts_with("multipart/form-data")
    );
    let body = request.text();
    for part in [
        "name=\"FriendlyName\"\r\n\r\nPassport",
        "name=\"Type\"\r\n\r\npassport",
        "name=\"Attributes\"\r\n\r\n{\"document_number\":\"P123\"}",
        "name=\"File\"; filename=\"passport.pdf\"",
        "Content-Type: application/pdf",
        "%PDF-1.4 fake",
    ] {
        assert!(body.contains(part), "missing {part:?} in {body}");
    }
}

#[tokio::test]
async fn calls_are_traced_with_tenant_path_and_status_but_never_secrets() {
    // Arrange
    let server = Scripted::start().await;
    server.reply([Reply::error(400, 22204)]);
    let logs = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(LogSink(logs.clone()))
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let twilio = server.tenant();
    let attributes = json!({"first_name": "Very Private Name"});

    // Act
    let result = twilio
        .update_end_user(
            &recomply::domain::sid::EndUserSid::from_trusted(
                "IT0123456789abcdef0123456789abcdef".to_string(),
            ),
            &recomply::twilio::EndUserUpdate {
                friendly_name: None,
                attributes: Some(attributes),
            },
        )
        .await;

    // Assert
    assert_eq!(result.unwrap_err().code(), Some(22204));
    let text = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(text.contains(&twilio.tenant_id().to_string()), "{text}");
    assert!(text.contains("/v2/RegulatoryCompliance/EndUsers/IT0123456789abcdef0123456789abcdef"));
    assert!(text.contains("\"status\":400"), "{text}");
    assert!(text.contains("\"attempt\":1"), "{text}");
    assert!(!text.contains(TOKEN) && !text.contains("Very Private Name"));
}

#[derive(Clone)]
struct LogSink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogSink {
    type Writer = LogSink;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
