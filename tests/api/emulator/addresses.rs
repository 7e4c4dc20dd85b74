//! The 2010-04-01 Addresses resource: create, fetch, list with filters and paging, update,
//! delete (refused while a number or a document uses the Address), and other accounts kept out.

use reqwest::Method;
use serde_json::{Value, json};

use super::support::*;

fn addresses_of(emu: &Emu) -> String {
    format!("/2010-04-01/Accounts/{}/Addresses", emu.account.account_sid)
}

const LONDON: [(&str, &str); 7] = [
    ("CustomerName", "Acme Ltd"),
    ("Street", "1 Poultry"),
    ("StreetSecondary", "Floor 3"),
    ("City", "London"),
    ("Region", "Greater London"),
    ("PostalCode", "EC2R 8EJ"),
    ("IsoCountry", "GB"),
];

/// Creates an Address from `LONDON` with `changes` applied → its JSON.
async fn create_address(emu: &Emu, changes: &[(&str, &str)]) -> Value {
    let mut form: Vec<(&str, &str)> = LONDON
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    form.extend_from_slice(changes);
    let (status, body) = emu
        .post(&format!("{}.json", addresses_of(emu)), &form)
        .await;
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn an_address_is_created_and_fetched_in_the_v2010_shape() {
    // Arrange
    let emu = emulator().await;

    // Act
    let created = create_address(&emu, &[("FriendlyName", "Head office")]).await;
    let sid = created["sid"].as_str().unwrap();
    let (status, fetched) = emu.get(&format!("{}/{sid}.json", addresses_of(&emu))).await;

    // Assert
    assert_eq!(status, 200, "{fetched}");
    assert_eq!(fetched, created);
    assert_eq!(
        keys(&created),
        [
            "account_sid",
            "city",
            "customer_name",
            "date_created",
            "date_updated",
            "emergency_enabled",
            "friendly_name",
            "iso_country",
            "postal_code",
            "region",
            "sid",
            "street",
            "street_secondary",
            "uri",
            "validated",
            "verified"
        ]
    );
    assert!(sid.starts_with("AD") && sid.len() == 34, "{sid}");
    assert_eq!(created["account_sid"], emu.account.account_sid.as_str());
    assert_eq!(created["customer_name"], "Acme Ltd");
    assert_eq!(created["friendly_name"], "Head office");
    assert_eq!(created["street_secondary"], "Floor 3");
    assert_eq!(created["postal_code"], "EC2R 8EJ");
    assert_eq!(created["emergency_enabled"], false);
    assert_eq!(created["validated"], false);
    assert_eq!(created["uri"], format!("{}/{sid}.json", addresses_of(&emu)));
    assert!(created["date_created"].as_str().unwrap().ends_with("+0000"));
}

#[tokio::test]
async fn a_missing_postal_field_or_a_bad_country_is_refused_with_21628() {
    // Arrange
    let emu = emulator().await;
    let path = format!("{}.json", addresses_of(&emu));
    for missing in [
        "CustomerName",
        "Street",
        "City",
        "Region",
        "PostalCode",
        "IsoCountry",
    ] {
        let form: Vec<(&str, &str)> = LONDON
            .iter()
            .filter(|(k, _)| *k != missing)
            .copied()
            .collect();

        // Act
        let result = emu.post(&path, &form).await;

        // Assert
        assert_error(&result, 400, 21628);
        assert!(result.1["message"].as_str().unwrap().contains(missing));
    }
    let mut form = LONDON.to_vec();
    form.retain(|(k, _)| *k != "IsoCountry");
    form.push(("IsoCountry", "Britain"));
    assert_error(&emu.post(&path, &form).await, 400, 21628);
    let (_, list) = emu.get(&path).await;
    assert_eq!(list["addresses"], json!([]));
}

#[tokio::test]
async fn addresses_are_listed_oldest_first_with_filters_and_v2010_paging() {
    // Arrange
    let emu = emulator().await;
    let first = create_address(&emu, &[]).await;
    let paris = [
        ("CustomerName", "Dupont SAS"),
        ("City", "Paris"),
        ("IsoCountry", "fr"),
    ];
    let second = create_address(&emu, &paris).await;
    let third = create_address(&emu, &[("FriendlyName", "Depot")]).await;
    let path = format!("{}.json", addresses_of(&emu));

    // Act
    let (status, page) = emu.get(&format!("{path}?PageSize=2")).await;
    let (_, next) = emu.get(page["next_page_uri"].as_str().unwrap()).await;
    let (_, french) = emu.get(&format!("{path}?IsoCountry=FR")).await;
    let (_, acme) = emu.get(&format!("{path}?CustomerName=Acme%20Ltd")).await;
    let (_, depot) = emu.get(&format!("{path}?FriendlyName=Depot")).await;

    // Assert
    assert_eq!(status, 200, "{page}");
    let sids = |page: &Value| -> Vec<Value> {
        page["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["sid"].clone())
            .collect()
    };
    assert_eq!(sids(&page), [first["sid"].clone(), second["sid"].clone()]);
    assert_eq!(page["page_size"], 2);
    assert_eq!(page["previous_page_uri"], Value::Null);
    assert_eq!(sids(&next), [third["sid"].clone()]);
    assert_eq!(next["start"], 2);
    assert_eq!(next["next_page_uri"], Value::Null);
    assert_eq!(sids(&french), [second["sid"].clone()]);
    assert_eq!(second["iso_country"], "FR");
    assert_eq!(sids(&acme), [first["sid"].clone(), third["sid"].clone()]);
    assert_eq!(sids(&depot), [third["sid"].clone()]);
    let filtered = format!("{path}?FriendlyName=Depot&PageSize=50&Page=0");
    assert_eq!(depot["uri"], filtered);
}

#[tokio::test]
async fn an_update_changes_the_given_fields_and_keeps_the_rest() {
    // Arrange
    let emu = emulator().await;
    let created = create_address(&emu, &[]).await;
    let path = format!(
        "{}/{}.json",
        addresses_of(&emu),
        created["sid"].as_str().unwrap()
    );

    // Act
    let (status, updated) = emu
        .post(
            &path,
            &[
                ("Street", "2 Poultry"),
                ("StreetSecondary", ""),
                ("EmergencyEnabled", "true"),
            ],
        )
        .await;
    let refused = emu.post(&path, &[("City", "")]).await;

    // Assert
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["street"], "2 Poultry");
    assert_eq!(updated["street_secondary"], Value::Null);
    assert_eq!(updated["emergency_enabled"], true);
    assert_eq!(updated["city"], "London");
    assert_eq!(updated["customer_name"], "Acme Ltd");
    assert_error(&refused, 400, 21628);
    let (_, fetched) = emu.get(&path).await;
    assert_eq!(fetched, updated);
}

#[tokio::test]
async fn an_unused_address_is_deleted_and_then_not_found() {
    // Arrange
    let emu = emulator().await;
    let created = create_address(&emu, &[]).await;
    let path = format!(
        "{}/{}.json",
        addresses_of(&emu),
        created["sid"].as_str().unwrap()
    );

    // Act
    let (status, body) = emu.delete(&path).await;

    // Assert
    assert_eq!(status, 204, "{body}");
    assert_eq!(body, Value::Null);
    assert_error(&emu.get(&path).await, 404, 20404);
    assert_error(&emu.delete(&path).await, 404, 20404);
}

#[tokio::test]
async fn an_address_used_by_a_number_or_a_document_cannot_be_deleted() {
    // Arrange
    let emu = emulator().await;
    let numbered = create_address(&emu, &[]).await;
    let documented = create_address(&emu, &[]).await;
    let numbered_sid = numbered["sid"].as_str().unwrap();
    let documented_sid = documented["sid"].as_str().unwrap();
    let (status, number) = emu
        .control(
            "phone-numbers",
            json!({"account_sid": emu.account.account_sid, "phone_number": "+447700900200",
                   "address_sid": numbered_sid}),
        )
        .await;
    assert_eq!(status, 201, "{number}");
    let document = emu
        .create_document(
            "Proof",
            "utility_bill",
            json!({"address_sids": [documented_sid]}),
        )
        .await;

    // Act
    let by_number = emu
        .delete(&format!("{}/{numbered_sid}.json", addresses_of(&emu)))
        .await;
    let by_document = emu
        .delete(&format!("{}/{documented_sid}.json", addresses_of(&emu)))
        .await;

    // Assert
    assert_error(&by_number, 400, 21625);
    assert!(
        by_number.1["message"]
            .as_str()
            .unwrap()
            .contains(number["sid"].as_str().unwrap())
    );
    assert_error(&by_document, 400, 21625);
    assert!(
        by_document.1["message"]
            .as_str()
            .unwrap()
            .contains(&document)
    );
    let (status, _) = emu
        .get(&format!("{}/{numbered_sid}.json", addresses_of(&emu)))
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn another_account_can_neither_see_nor_use_an_accounts_addresses() {
    // Arrange
    let emu = emulator().await;
    let created = create_address(&emu, &[]).await;
    let stranger = emu.handle.create_account("Stranger");
    let item = format!(
        "{}/{}.json",
        addresses_of(&emu),
        created["sid"].as_str().unwrap()
    );
    let list = format!("{}.json", addresses_of(&emu));
    let own_path = format!("/2010-04-01/Accounts/{}/Addresses", stranger.account_sid);
    let as_stranger = |method: Method, path: &str| emu.as_account(&stranger, method, path);

    // Act
    let listed = read(as_stranger(Method::GET, &list).send().await.unwrap()).await;
    let fetched = read(as_stranger(Method::GET, &item).send().await.unwrap()).await;
    let created_there = read(
        as_stranger(Method::POST, &list)
            .form(&LONDON)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let deleted = read(as_stranger(Method::DELETE, &item).send().await.unwrap()).await;
    let (_, own) = read(
        as_stranger(Method::GET, &format!("{own_path}.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let through_own = format!("{own_path}/{}.json", created["sid"].as_str().unwrap());
    let through_own = read(as_stranger(Method::GET, &through_own).send().await.unwrap()).await;

    // Assert
    assert_error(&listed, 404, 20404);
    assert_error(&fetched, 404, 20404);
    assert_error(&created_there, 404, 20404);
    assert_error(&deleted, 404, 20404);
    assert_error(&through_own, 404, 20404);
    assert_eq!(own["addresses"], json!([]));
    let (status, _) = emu.get(&item).await;
    assert_eq!(status, 200);
    let anonymous = read(emu.client.get(emu.url(&list)).send().await.unwrap()).await;
    assert_error(&anonymous, 401, 20003);
}

#[tokio::test]
async fn a_parent_account_manages_its_subaccounts_addresses() {
    // Arrange
    let emu = emulator().await;
    let (status, sub) = emu
        .post("/2010-04-01/Accounts.json", &[("FriendlyName", "Tenant")])
        .await;
    assert_eq!(status, 201, "{sub}");
    let path = format!(
        "/2010-04-01/Accounts/{}/Addresses.json",
        sub["sid"].as_str().unwrap()
    );

    // Act
    let (status, created) = emu.post(&path, &LONDON).await;
    let (_, list) = emu.get(&path).await;
    let (_, own) = emu.get(&format!("{}.json", addresses_of(&emu))).await;

    // Assert
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["account_sid"], sub["sid"]);
    assert_eq!(list["addresses"][0]["sid"], created["sid"]);
    assert_eq!(own["addresses"], json!([]));
}
