//! The 2010-04-01 Accounts resource: subaccounts seen by their parent with their tokens, a
//! subaccount confined to itself, v2010 paging, and status changes.

use recomply::emulator::AccountCredentials;
use reqwest::Method;
use serde_json::Value;

use super::support::*;

const ACCOUNTS: &str = "/2010-04-01/Accounts.json";

async fn create_subaccount(emu: &Emu, name: &str) -> Value {
    let (status, body) = emu.post(ACCOUNTS, &[("FriendlyName", name)]).await;
    assert_eq!(status, 201, "{body}");
    body
}

/// Credentials of an account as its parent saw it (SID and auth token).
fn credentials_of(account: &Value) -> AccountCredentials {
    AccountCredentials {
        account_sid: account["sid"].as_str().unwrap().to_owned(),
        auth_token: account["auth_token"].as_str().unwrap().to_owned(),
        api_key_sid: String::new(),
        api_key_secret: String::new(),
    }
}

#[tokio::test]
async fn a_parent_lists_its_subaccounts_with_their_tokens_in_the_v2010_shape() {
    // Arrange
    let emu = emulator().await;
    let first = create_subaccount(&emu, "Tenant one").await;
    create_subaccount(&emu, "Tenant two").await;

    // Act
    let (status, page) = emu.get(&format!("{ACCOUNTS}?PageSize=2")).await;

    // Assert
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        keys(&page),
        [
            "accounts",
            "end",
            "first_page_uri",
            "next_page_uri",
            "page",
            "page_size",
            "previous_page_uri",
            "start",
            "uri"
        ]
    );
    assert_eq!(page["page_size"], 2);
    assert_eq!(page["start"], 0);
    assert_eq!(page["end"], 1);
    assert_eq!(page["accounts"][0]["sid"], emu.account.account_sid.as_str());
    assert_eq!(page["accounts"][1]["sid"], first["sid"]);
    assert_eq!(page["previous_page_uri"], Value::Null);
    let next = page["next_page_uri"].as_str().unwrap();
    assert_eq!(next, "/2010-04-01/Accounts.json?PageSize=2&Page=1");
    let (_, second) = emu.get(next).await;
    assert_eq!(second["accounts"][0]["friendly_name"], "Tenant two");
    assert_eq!(second["start"], 2);
    assert_eq!(second["next_page_uri"], Value::Null);
    assert_eq!(
        keys(&first),
        [
            "auth_token",
            "date_created",
            "date_updated",
            "friendly_name",
            "owner_account_sid",
            "sid",
            "status",
            "subresource_uris",
            "type",
            "uri"
        ]
    );
    assert_eq!(first["owner_account_sid"], emu.account.account_sid.as_str());
    assert_eq!(first["status"], "active");
    assert!(first["date_created"].as_str().unwrap().ends_with(" +0000"));
    let sid = first["sid"].as_str().unwrap();
    assert_eq!(first["uri"], format!("/2010-04-01/Accounts/{sid}.json"));
    assert_eq!(
        first["subresource_uris"]["addresses"],
        format!("/2010-04-01/Accounts/{sid}/Addresses.json")
    );
}

#[tokio::test]
async fn filters_by_friendly_name_and_status() {
    // Arrange
    let emu = emulator().await;
    let kept = create_subaccount(&emu, "Kept").await;
    let closed = create_subaccount(&emu, "Closed").await;
    let closed_uri = format!(
        "/2010-04-01/Accounts/{}.json",
        closed["sid"].as_str().unwrap()
    );
    let (status, body) = emu.post(&closed_uri, &[("Status", "closed")]).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "closed");

    // Act
    let (_, by_name) = emu.get(&format!("{ACCOUNTS}?FriendlyName=Kept")).await;
    let (_, by_status) = emu.get(&format!("{ACCOUNTS}?Status=closed")).await;

    // Assert
    let sids = |page: &Value| -> Vec<Value> {
        page["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["sid"].clone())
            .collect()
    };
    assert_eq!(sids(&by_name), vec![kept["sid"].clone()]);
    assert_eq!(sids(&by_status), vec![closed["sid"].clone()]);
    assert_error(
        &emu.get(&format!("{ACCOUNTS}?Status=gone")).await,
        400,
        20001,
    );
}

#[tokio::test]
async fn a_subaccount_sees_only_itself_and_only_its_own_bundles() {
    // Arrange
    let emu = emulator().await;
    let parent_bundle = emu.create_bundle("Parent's", &[]).await;
    let sub = credentials_of(&create_subaccount(&emu, "Tenant").await);
    let sibling = create_subaccount(&emu, "Sibling").await;

    // Act
    let list = read(
        emu.as_account(&sub, Method::GET, ACCOUNTS)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let parent_uri = format!("/2010-04-01/Accounts/{}.json", emu.account.account_sid);
    let sibling_uri = format!(
        "/2010-04-01/Accounts/{}.json",
        sibling["sid"].as_str().unwrap()
    );
    let parent = read(
        emu.as_account(&sub, Method::GET, &parent_uri)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let other = read(
        emu.as_account(&sub, Method::GET, &sibling_uri)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let created = read(
        emu.as_account(&sub, Method::POST, &format!("{RC}/Bundles"))
            .form(&[
                ("FriendlyName", "Sub's"),
                ("Email", "a@b.example"),
                ("IsoCountry", "FR"),
                ("NumberType", "mobile"),
                ("EndUserType", "business"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    let bundles = read(
        emu.as_account(&sub, Method::GET, &format!("{RC}/Bundles"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let parents = format!("{RC}/Bundles/{}", parent_bundle["sid"].as_str().unwrap());
    let foreign = read(
        emu.as_account(&sub, Method::GET, &parents)
            .send()
            .await
            .unwrap(),
    )
    .await;

    // Assert
    assert_eq!(list.1["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(list.1["accounts"][0]["sid"], sub.account_sid.as_str());
    assert_error(&parent, 404, 20404);
    assert_error(&other, 404, 20404);
    assert_eq!(created.0, 201, "{}", created.1);
    assert_eq!(created.1["account_sid"], sub.account_sid.as_str());
    let listed: Vec<&Value> = bundles.1["results"].as_array().unwrap().iter().collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["sid"], created.1["sid"]);
    assert_error(&foreign, 404, 20404);
    let (_, parent_bundles) = emu.get(&format!("{RC}/Bundles")).await;
    assert_eq!(parent_bundles["results"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn suspend_reactivate_and_close_a_subaccount() {
    // Arrange
    let emu = emulator().await;
    let account = create_subaccount(&emu, "Tenant").await;
    let sub = credentials_of(&account);
    let uri = format!("/2010-04-01/Accounts/{}.json", sub.account_sid);

    // Act + Assert
    assert_eq!(
        emu.post(&uri, &[("Status", "suspended")]).await.1["status"],
        "suspended"
    );
    let (status, body) = emu
        .post(&uri, &[("Status", "active"), ("FriendlyName", "Back")])
        .await;
    assert_eq!(
        (status.as_u16(), &body["status"], &body["friendly_name"]),
        (200, &"active".into(), &"Back".into())
    );
    assert_eq!(
        emu.post(&uri, &[("Status", "closed")]).await.1["status"],
        "closed"
    );
    assert_error(&emu.post(&uri, &[("Status", "active")]).await, 400, 20001);
    let refused = read(
        emu.as_account(&sub, Method::GET, &format!("{RC}/Bundles"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&refused, 401, 20003);
    assert_error(
        &emu.get("/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff.json")
            .await,
        404,
        20404,
    );
    let anonymous = read(emu.client.get(emu.url(ACCOUNTS)).send().await.unwrap()).await;
    assert_error(&anonymous, 401, 20003);
}
