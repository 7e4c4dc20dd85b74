//! The Bundle list is served off per-account orders that every change keeps up to date: a
//! bundle whose status, valid_until or name changes moves in (or out of) every list at once,
//! a deleted one leaves them, paging over ties neither repeats nor skips, and one account's
//! bundles never show in another's lists.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::{Value, json};

use super::support::*;

/// Friendly names of the first page of `GET /Bundles?{query}`.
async fn names(emu: &Emu, query: &str) -> Vec<String> {
    let (status, page) = emu.get(&format!("{RC}/Bundles?{query}")).await;
    assert_eq!(status, 200, "{page}");
    field(&page, "friendly_name")
}

fn field(page: &Value, key: &str) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[key].as_str().unwrap().to_owned())
        .collect()
}

/// SIDs of every page of `GET /Bundles?{query}`, following `next_page_url`.
async fn every_page(emu: &Emu, query: &str) -> Vec<String> {
    let mut sids = Vec::new();
    let mut url = Some(format!("{RC}/Bundles?{query}"));
    while let Some(next) = url {
        let (status, page) = emu.get(&next).await;
        assert_eq!(status, 200, "{page}");
        sids.extend(field(&page, "sid"));
        url = page["meta"]["next_page_url"].as_str().map(str::to_owned);
    }
    sids
}

fn seed(name: &str, status: &str, valid_until: Option<&str>) -> Value {
    json!({"friendly_name": name, "iso_country": "GB", "number_type": "mobile",
        "end_user_type": "business", "status": status, "valid_until": valid_until})
}

#[tokio::test]
async fn a_submitted_bundle_moves_from_the_draft_list_to_the_pending_list_and_to_the_top() {
    // Arrange
    let emu = emulator().await;
    emu.review_policy("manual", 60).await;
    let first = emu.create_bundle("First", &[]).await;
    emu.create_bundle("Second", &[]).await;
    emu.create_bundle("Third", &[]).await;
    assert_eq!(
        names(&emu, "Status=draft").await,
        ["Third", "Second", "First"]
    );
    emu.advance(30).await;

    // Act
    let sid = first["sid"].as_str().unwrap();
    let (status, body) = emu
        .post(
            &format!("{RC}/Bundles/{sid}"),
            &[("Status", "pending-review")],
        )
        .await;

    // Assert
    assert_eq!(status, 200, "{body}");
    assert_eq!(names(&emu, "Status=draft").await, ["Third", "Second"]);
    assert_eq!(names(&emu, "Status=pending-review").await, ["First"]);
    assert_eq!(names(&emu, "").await, ["Third", "Second", "First"]);
    assert_eq!(
        names(&emu, "SortBy=date-updated").await,
        ["First", "Third", "Second"]
    );
    let (_, page) = emu
        .get(&format!("{RC}/Bundles?Status=pending-review"))
        .await;
    assert_eq!(page["results"][0]["status"], "pending-review");
}

#[tokio::test]
async fn a_regulation_change_moves_stamped_bundles_in_the_valid_until_order_and_filters() {
    // Arrange
    let emu = emulator().await;
    let late = emu
        .seed(seed(
            "Late",
            "twilio-approved",
            Some("2031-01-01T00:00:00Z"),
        ))
        .await;
    emu.seed(seed("Undated", "twilio-approved", None)).await;
    emu.seed(seed("Draft", "draft", None)).await;
    let ascending = "SortBy=valid-until&SortDirection=ASC";
    assert_eq!(names(&emu, ascending).await, ["Late", "Undated", "Draft"]);
    assert_eq!(names(&emu, "HasValidUntilDate=true").await, ["Late"]);
    let before_2031 = "ValidUntilDate%3C=2030-12-31T00:00:00Z&SortBy=valid-until";
    assert!(names(&emu, before_2031).await.is_empty());

    // Act
    let regulation = late["regulation_sid"].as_str().unwrap();
    let (status, change) = emu
        .control(
            &format!("regulations/{regulation}/changes"),
            json!({"change": {"kind": "add_end_user_field", "machine_name": "vat_number",
                "friendly_name": "VAT Number"}, "valid_until_days": 10}),
        )
        .await;

    // Assert
    assert_eq!(status, 200, "{change}");
    assert_eq!(names(&emu, ascending).await, ["Late", "Undated", "Draft"]);
    assert_eq!(
        names(&emu, "SortBy=valid-until&SortDirection=DESC").await,
        ["Draft", "Undated", "Late"]
    );
    assert_eq!(
        names(&emu, "HasValidUntilDate=true&SortBy=valid-until").await,
        ["Undated", "Late"]
    );
    assert_eq!(names(&emu, before_2031).await, ["Undated", "Late"]);
    assert_eq!(names(&emu, "HasValidUntilDate=false").await, ["Draft"]);
    let contradictory = [
        "HasValidUntilDate=false&ValidUntilDate%3E=2020-01-01T00:00:00Z&SortBy=valid-until",
        "ValidUntilDate%3E=2040-01-01T00:00:00Z&ValidUntilDate%3C=2020-01-01T00:00:00Z&SortBy=valid-until",
    ];
    for query in contradictory {
        assert!(names(&emu, query).await.is_empty(), "{query}");
    }
    let (_, page) = emu.get(&format!("{RC}/Bundles?{ascending}")).await;
    assert_eq!(page["results"][0]["valid_until"], change["valid_until"]);
}

#[tokio::test]
async fn a_renamed_bundle_shows_its_new_name_in_a_list_already_served() {
    // Arrange
    let emu = emulator().await;
    let bundle = emu.create_bundle("Old name", &[]).await;
    assert_eq!(names(&emu, "").await, ["Old name"]);

    // Act
    let sid = bundle["sid"].as_str().unwrap();
    emu.post(
        &format!("{RC}/Bundles/{sid}"),
        &[("FriendlyName", "New name")],
    )
    .await;

    // Assert
    assert_eq!(names(&emu, "").await, ["New name"]);
    assert_eq!(names(&emu, "FriendlyName=New+name").await, ["New name"]);
    assert!(names(&emu, "FriendlyName=Old+name").await.is_empty());
}

#[tokio::test]
async fn a_deleted_bundle_leaves_every_list() {
    // Arrange
    let emu = emulator().await;
    emu.create_bundle("Kept 1", &[]).await;
    let gone = emu.create_bundle("Deleted", &[]).await;
    emu.create_bundle("Kept 2", &[]).await;
    let sid = gone["sid"].as_str().unwrap();

    // Act
    let (status, _) = emu.delete(&format!("{RC}/Bundles/{sid}")).await;

    // Assert
    assert_eq!(status, 204);
    for query in [
        "",
        "Status=draft",
        "SortBy=valid-until",
        "SortBy=date-updated&SortDirection=ASC",
        "HasValidUntilDate=false&SortBy=valid-until",
    ] {
        assert_eq!(names(&emu, query).await.len(), 2, "{query}");
        assert!(!names(&emu, query).await.contains(&"Deleted".to_owned()));
    }
    assert!(names(&emu, &format!("BundleSids={sid}")).await.is_empty());
}

#[tokio::test]
async fn paging_over_tied_sort_keys_returns_every_bundle_once_in_one_order() {
    // Arrange: undated bundles all tie on valid_until; created together they tie on dates.
    let emu = emulator().await;
    for i in 0..9 {
        emu.create_bundle(&format!("Bundle {i}"), &[]).await;
    }

    for sort in [
        "SortBy=valid-until&SortDirection=ASC",
        "SortBy=valid-until&SortDirection=DESC",
        "SortBy=date-updated&SortDirection=ASC",
        "SortDirection=DESC",
    ] {
        // Act
        let paged = every_page(&emu, &format!("{sort}&PageSize=2")).await;
        let whole = every_page(&emu, &format!("{sort}&PageSize=1000")).await;

        // Assert
        assert_eq!(paged.len(), 9, "{sort}");
        assert_eq!(paged.iter().collect::<HashSet<_>>().len(), 9, "{sort}");
        assert_eq!(paged, whole, "{sort}");
    }
    let ascending = every_page(&emu, "SortBy=valid-until&SortDirection=ASC").await;
    let mut descending = every_page(&emu, "SortBy=valid-until&SortDirection=DESC").await;
    descending.reverse();
    assert_eq!(ascending, descending);
}

#[tokio::test]
async fn two_accounts_never_see_each_others_bundles_in_any_order_or_filter() {
    // Arrange
    let emu = emulator().await;
    let other = emu.handle.create_account("Other account");
    let mine = emu.create_bundle("Mine", &[]).await;
    let (status, theirs) = read(
        emu.as_account(&other, Method::POST, &format!("{RC}/Bundles"))
            .form(&[
                ("FriendlyName", "Theirs"),
                ("Email", "ops@example.com"),
                ("IsoCountry", "FR"),
                ("NumberType", "mobile"),
                ("EndUserType", "business"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{theirs}");
    let both = format!(
        "BundleSids={},{}",
        mine["sid"].as_str().unwrap(),
        theirs["sid"].as_str().unwrap()
    );

    for query in [
        "",
        "Status=draft",
        "SortBy=valid-until",
        "SortBy=date-updated",
        "IsoCountry=FR",
        both.as_str(),
    ] {
        // Act
        let (_, other_page) = read(
            emu.as_account(&other, Method::GET, &format!("{RC}/Bundles?{query}"))
                .send()
                .await
                .unwrap(),
        )
        .await;

        // Assert
        assert_eq!(names(&emu, query).await, ["Mine"], "{query}");
        assert_eq!(field(&other_page, "friendly_name"), ["Theirs"], "{query}");
    }
}
