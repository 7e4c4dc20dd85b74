//! The Accounts calls against the built-in emulator: a parent lists its subaccounts with their
//! own tokens and statuses, every account can fetch itself, and a wrong token is refused.

use recomply::emulator::{AccountCredentials, EmulatorHandle, spawn};
use recomply::twilio::{AccountStatus, TwilioClient, TwilioConfig, TwilioCredentials, TwilioError};
use serde_json::Value;

/// Creates a subaccount of `parent` over the 2010-04-01 API, as the ISV would; returns its SID.
pub async fn create_subaccount(
    emulator: &EmulatorHandle,
    parent: &AccountCredentials,
    name: &str,
) -> String {
    let response = reqwest::Client::new()
        .post(format!("{}/2010-04-01/Accounts.json", emulator.base_url))
        .basic_auth(&parent.account_sid, Some(&parent.auth_token))
        .form(&[("FriendlyName", name)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    body["sid"].as_str().unwrap().to_owned()
}

/// Sets a subaccount's status (`suspended`, `closed`, `active`) as its parent.
pub async fn set_status(
    emulator: &EmulatorHandle,
    parent: &AccountCredentials,
    sid: &str,
    status: &str,
) {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/2010-04-01/Accounts/{sid}.json",
            emulator.base_url
        ))
        .basic_auth(&parent.account_sid, Some(&parent.auth_token))
        .form(&[("Status", status)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn client(emulator: &EmulatorHandle) -> TwilioClient {
    TwilioClient::new(TwilioConfig::for_emulator(&emulator.base_url)).unwrap()
}

#[tokio::test]
async fn a_parent_lists_its_subaccounts_with_their_own_working_tokens() {
    let emulator = spawn("127.0.0.1:0").await.unwrap();
    let parent = emulator.create_account("ISV parent");
    let other = emulator.create_account("Someone else");
    let mut sids = Vec::new();
    for name in ["Acme", "Globex", "Initech"] {
        sids.push(create_subaccount(&emulator, &parent, name).await);
    }
    create_subaccount(&emulator, &other, "Not ours").await;
    set_status(&emulator, &parent, &sids[1], "suspended").await;

    let twilio = client(&emulator).for_parent_account(&TwilioCredentials::with_auth_token(
        &parent.account_sid,
        parent.auth_token.clone().into(),
    ));
    let mut listed = twilio.list_subaccounts().await.unwrap();
    listed.sort_by(|a, b| a.friendly_name.cmp(&b.friendly_name));
    let names: Vec<&str> = listed.iter().map(|a| a.friendly_name.as_str()).collect();
    assert_eq!(names, ["Acme", "Globex", "Initech"]);
    assert!(
        listed
            .iter()
            .all(|a| a.owner_account_sid == parent.account_sid)
    );
    assert_eq!(listed[1].status, AccountStatus::Suspended);
    assert_eq!(listed[0].status, AccountStatus::Active);

    // Each subaccount's own token works for that subaccount.
    let acme = &listed[0];
    let own = client(&emulator).for_parent_account(&TwilioCredentials::with_auth_token(
        &acme.sid,
        acme.auth_token.clone(),
    ));
    let fetched = own.fetch_own_account().await.unwrap();
    assert_eq!(fetched.sid, acme.sid);
    assert_eq!(fetched.friendly_name, "Acme");
    assert!(fetched.is_subaccount());

    let parent_fetched = twilio.fetch_own_account().await.unwrap();
    assert_eq!(parent_fetched.friendly_name, "ISV parent");
    assert!(!parent_fetched.is_subaccount());
}

#[tokio::test]
async fn a_wrong_token_is_refused_as_unauthorized() {
    let emulator = spawn("127.0.0.1:0").await.unwrap();
    let parent = emulator.create_account("ISV parent");
    let twilio = client(&emulator).for_parent_account(&TwilioCredentials::with_auth_token(
        &parent.account_sid,
        "not-the-token".into(),
    ));
    assert!(matches!(
        twilio.fetch_own_account().await,
        Err(TwilioError::Unauthorized)
    ));
    assert!(matches!(
        twilio.list_subaccounts().await,
        Err(TwilioError::Unauthorized)
    ));
}
