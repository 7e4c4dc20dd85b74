//! Snapshots: state written to `--state FILE` is restored by the next emulator.

use recomply::emulator::{EmulatorOptions, spawn_with};
use reqwest::Method;
use serde_json::json;

use super::support::*;

#[tokio::test]
async fn a_restarted_emulator_restores_accounts_bundles_clock_and_regulation_changes() {
    // Arrange
    let directory =
        std::env::temp_dir().join(format!("recomply-emulator-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("state.json");
    let options = EmulatorOptions {
        bind: "127.0.0.1:0".into(),
        state_file: Some(file.clone()),
        seed: None,
    };
    let first = spawn_with(options.clone()).await.unwrap();
    let emu = Emu {
        account: first.create_account("Persistent"),
        handle: first,
        client: reqwest::Client::new(),
    };
    let bundle = emu.create_bundle("Kept", &[]).await;
    let seeded = emu
        .seed(
            json!({"friendly_name": "Approved", "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved"}),
        )
        .await;
    let regulation = seeded["regulation_sid"].as_str().unwrap().to_owned();
    emu.control(
        &format!("regulations/{regulation}/changes"),
        json!({"change": {"kind": "add_end_user_field",
        "machine_name": "vat_number", "friendly_name": "VAT"}, "valid_until_days": 5}),
    )
    .await;
    emu.advance(3600).await;

    // Act
    emu.handle.save().unwrap();
    let second = spawn_with(options).await.unwrap();
    let restored = Emu {
        handle: second,
        account: emu.account.clone(),
        client: reqwest::Client::new(),
    };

    // Assert
    let (status, fetched) = restored
        .get(&format!("{RC}/Bundles/{}", bundle["sid"].as_str().unwrap()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(fetched["friendly_name"], "Kept");
    let with_key = read(
        restored
            .client
            .request(Method::GET, restored.url(&format!("{RC}/Bundles")))
            .basic_auth(&emu.account.api_key_sid, Some(&emu.account.api_key_secret))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(with_key.1["results"].as_array().unwrap().len(), 2);
    assert_eq!(restored.control_get("clock").await["offset_seconds"], 3600);
    let (_, regulation) = restored
        .get(&format!("{RC}/Regulations/{regulation}"))
        .await;
    assert!(
        regulation.to_string().contains("vat_number"),
        "the change was replayed"
    );
    let (_, approved) = restored
        .get(&format!("{RC}/Bundles/{}", seeded["sid"].as_str().unwrap()))
        .await;
    assert!(approved["valid_until"].is_string());
    std::fs::remove_dir_all(directory).unwrap();
}

#[tokio::test]
async fn the_demo_seed_creates_two_accounts_with_bundles() {
    // Arrange + Act
    let handle = spawn_with(EmulatorOptions {
        bind: "127.0.0.1:0".into(),
        state_file: None,
        seed: Some("demo".into()),
    })
    .await
    .unwrap();

    // Assert
    assert_eq!(handle.seeded_accounts.len(), 2);
    let emu = Emu {
        account: handle.seeded_accounts[0].credentials.clone(),
        handle,
        client: reqwest::Client::new(),
    };
    let (_, list) = emu
        .get(&format!("{RC}/Bundles?HasValidUntilDate=true"))
        .await;
    assert_eq!(list["results"].as_array().unwrap().len(), 1);
    let (_, all) = emu.get(&format!("{RC}/Bundles")).await;
    assert_eq!(all["results"].as_array().unwrap().len(), 3);
    let account = format!("/2010-04-01/Accounts/{}", emu.account.account_sid);
    let (_, addresses) = emu.get(&format!("{account}/Addresses.json")).await;
    assert_eq!(addresses["addresses"].as_array().unwrap().len(), 1);
    assert_eq!(addresses["addresses"][0]["city"], "London");
    let (_, numbers) = emu
        .get(&format!("{account}/IncomingPhoneNumbers.json"))
        .await;
    let numbers = numbers["incoming_phone_numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 5);
    assert!(
        numbers
            .iter()
            .all(|n| n["address_sid"] == addresses["addresses"][0]["sid"])
    );
    let bundles_with_numbers: std::collections::BTreeSet<&str> = numbers
        .iter()
        .map(|n| n["bundle_sid"].as_str().unwrap())
        .collect();
    assert_eq!(bundles_with_numbers.len(), 2);
}
