//! The 2010-04-01 IncomingPhoneNumbers resource: numbers attached through the control API,
//! listed with the bundle and Address they are registered under, filtered, and kept per account;
//! seeded bundles whose documents name Addresses get those Addresses.

use reqwest::Method;
use serde_json::{Value, json};

use super::support::*;

fn numbers_of(emu: &Emu) -> String {
    format!(
        "/2010-04-01/Accounts/{}/IncomingPhoneNumbers",
        emu.account.account_sid
    )
}

const OFFICE: &str = "AD44444444444444444444444444444444";

async fn seed_uk_bundle(emu: &Emu) -> String {
    let seed = json!({"friendly_name": "UK mobile", "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved",
        "end_user": {"type": "business", "attributes": {"business_name": "Acme Ltd"}},
        "documents": [{"type": "business_address", "attributes": {"address_sids": [OFFICE]}}]});
    emu.seed(seed).await["sid"].as_str().unwrap().to_owned()
}

async fn attach(emu: &Emu, number: &str, bundle: Option<&str>) -> Value {
    let body = json!({"account_sid": emu.account.account_sid, "phone_number": number,
                      "bundle_sid": bundle, "address_sid": bundle.map(|_| OFFICE)});
    let (status, created) = emu.control("phone-numbers", body).await;
    assert_eq!(status, 201, "{created}");
    created
}

#[tokio::test]
async fn a_seeded_bundles_address_is_a_real_address_of_its_account() {
    // Arrange
    let emu = emulator().await;

    // Act
    seed_uk_bundle(&emu).await;
    let path = format!(
        "/2010-04-01/Accounts/{}/Addresses/{OFFICE}.json",
        emu.account.account_sid
    );
    let (status, address) = emu.get(&path).await;

    // Assert
    assert_eq!(status, 200, "{address}");
    assert_eq!(address["customer_name"], "Acme Ltd");
    assert_eq!(address["iso_country"], "GB");
    assert_error(&emu.delete(&path).await, 400, 21625);
}

#[tokio::test]
async fn numbers_are_listed_with_their_bundle_and_address() {
    // Arrange
    let emu = emulator().await;
    let bundle = seed_uk_bundle(&emu).await;
    let first = attach(&emu, "+447700900301", Some(&bundle)).await;
    attach(&emu, "+447700900302", Some(&bundle)).await;
    let spare = attach(&emu, "+447700900399", None).await;
    let path = format!("{}.json", numbers_of(&emu));

    // Act
    let (status, page) = emu.get(&format!("{path}?PageSize=2")).await;
    let (_, next) = emu.get(page["next_page_uri"].as_str().unwrap()).await;
    let (_, by_number) = emu
        .get(&format!("{path}?PhoneNumber=%2B447700900399"))
        .await;
    let (_, by_pattern) = emu.get(&format!("{path}?PhoneNumber=90030*")).await;
    let (_, by_name) = emu
        .get(&format!("{path}?FriendlyName=%2B447700900301"))
        .await;
    let sid = first["sid"].as_str().unwrap();
    let (_, fetched) = emu.get(&format!("{}/{sid}.json", numbers_of(&emu))).await;

    // Assert
    assert_eq!(status, 200, "{page}");
    let numbers = page["incoming_phone_numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 2);
    assert_eq!(numbers[0]["phone_number"], "+447700900301");
    assert_eq!(numbers[0]["bundle_sid"], bundle.as_str());
    assert_eq!(numbers[0]["address_sid"], OFFICE);
    assert_eq!(numbers[0]["status"], "in-use");
    assert_eq!(numbers[0]["capabilities"]["sms"], true);
    assert!(sid.starts_with("PN") && sid.len() == 34);
    assert_eq!(next["incoming_phone_numbers"][0]["sid"], spare["sid"]);
    assert_eq!(next["incoming_phone_numbers"][0]["bundle_sid"], Value::Null);
    assert_eq!(
        by_number["incoming_phone_numbers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(by_number["incoming_phone_numbers"][0]["sid"], spare["sid"]);
    assert_eq!(
        by_pattern["incoming_phone_numbers"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(by_name["incoming_phone_numbers"][0]["sid"], first["sid"]);
    assert_eq!(fetched, first);
    assert_eq!(fetched["uri"], format!("{}/{sid}.json", numbers_of(&emu)));
    let inspected = emu.control_get(&format!("bundles/{bundle}")).await;
    assert_eq!(inspected["has_active_numbers"], true);
}

#[tokio::test]
async fn the_control_api_refuses_numbers_it_cannot_file() {
    // Arrange
    let emu = emulator().await;
    let stranger = emu.handle.create_account("Stranger");
    let bundle = seed_uk_bundle(&emu).await;
    attach(&emu, "+447700900301", None).await;
    let post = |body: Value| emu.control("phone-numbers", body);
    let own = emu.account.account_sid.as_str();

    // Act + Assert
    let (status, _) = post(json!({"account_sid": own, "phone_number": "07700 900301"})).await;
    assert_eq!(status, 400);
    let (status, _) = post(json!({"account_sid": own, "phone_number": "+447700900301"})).await;
    assert_eq!(status, 409);
    let (status, _) = post(json!({"account_sid": stranger.account_sid,
        "phone_number": "+447700900302", "bundle_sid": bundle}))
    .await;
    assert_eq!(status, 404);
    let (status, _) = post(json!({"account_sid": stranger.account_sid,
        "phone_number": "+447700900302", "address_sid": OFFICE}))
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn another_account_cannot_list_or_fetch_an_accounts_numbers() {
    // Arrange
    let emu = emulator().await;
    let number = attach(&emu, "+447700900301", None).await;
    let stranger = emu.handle.create_account("Stranger");
    let item = format!(
        "{}/{}.json",
        numbers_of(&emu),
        number["sid"].as_str().unwrap()
    );
    let list = format!("{}.json", numbers_of(&emu));

    // Act
    let listed = read(
        emu.as_account(&stranger, Method::GET, &list)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let fetched = read(
        emu.as_account(&stranger, Method::GET, &item)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let own = format!(
        "/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json",
        stranger.account_sid
    );
    let (_, own) = read(
        emu.as_account(&stranger, Method::GET, &own)
            .send()
            .await
            .unwrap(),
    )
    .await;

    // Assert
    assert_error(&listed, 404, 20404);
    assert_error(&fetched, 404, 20404);
    assert_eq!(own["incoming_phone_numbers"], json!([]));
}
