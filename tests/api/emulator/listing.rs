//! Lists: paging by following `next_page_url`, every Bundle filter, both sorts.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::{Value, json};

use super::support::*;

fn sids(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["sid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn following_next_page_url_walks_every_page_and_keeps_the_filters() {
    // Arrange
    let emu = emulator().await;
    for i in 0..7 {
        emu.create_bundle(&format!("Bundle {i}"), &[]).await;
    }
    emu.seed(
        json!({"friendly_name": "Not draft", "iso_country": "FR", "number_type": "mobile",
        "end_user_type": "business", "status": "twilio-approved"}),
    )
    .await;

    // Act
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut url = Some(format!("{RC}/Bundles?Status=draft&PageSize=3"));
    while let Some(next) = url {
        let (status, page) = emu.get(&next).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(sids(&page));
        url = page["meta"]["next_page_url"].as_str().map(str::to_owned);
        pages.push(page);
    }

    // Assert
    assert_eq!(pages.len(), 3);
    assert_eq!(seen.len(), 7);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 7);
    let second = &pages[1]["meta"];
    assert_eq!(second["page"], 1);
    assert_eq!(second["page_size"], 3);
    assert_eq!(second["key"], "results");
    let base = emu.handle.base_url();
    let next = pages[0]["meta"]["next_page_url"].as_str().unwrap();
    assert!(
        next.starts_with(&format!(
            "{base}{RC}/Bundles?Status=draft&PageSize=3&Page=1&PageToken="
        )),
        "{next}"
    );
    assert_eq!(
        pages[0]["meta"]["first_page_url"],
        format!("{base}{RC}/Bundles?Status=draft&PageSize=3&Page=0")
    );
    assert_eq!(pages[0]["meta"]["previous_page_url"], Value::Null);
    assert!(
        second["previous_page_url"]
            .as_str()
            .unwrap()
            .contains("Page=0")
    );
    assert_eq!(pages[2]["meta"]["next_page_url"], Value::Null);
    // Newest first by default.
    let (_, newest) = emu.get(&format!("{RC}/Bundles?PageSize=1")).await;
    assert_eq!(newest["results"][0]["friendly_name"], "Not draft");
}

#[tokio::test]
async fn paging_urls_use_the_origin_the_client_addressed() {
    // Arrange
    let emu = emulator().await;
    emu.create_bundle("One", &[]).await;
    emu.create_bundle("Two", &[]).await;
    let port = emu.handle.base_url().rsplit(':').next().unwrap().to_owned();

    // Act
    let response = emu
        .client
        .get(format!("http://localhost:{port}{RC}/Bundles?PageSize=1"))
        .basic_auth(&emu.account.account_sid, Some(&emu.account.auth_token))
        .send()
        .await
        .unwrap();
    let (_, page) = read(response).await;

    // Assert
    let next = page["meta"]["next_page_url"].as_str().unwrap();
    assert!(
        next.starts_with(&format!("http://localhost:{port}/")),
        "{next}"
    );
    assert!(
        page["results"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("http://localhost:")
    );
}

#[tokio::test]
async fn every_bundle_filter_selects_what_it_names() {
    // Arrange
    let emu = emulator().await;
    let seed = |name: &str,
                country: &str,
                number: &str,
                eu: &str,
                status: &str,
                valid_until: Option<&str>| {
        json!({"friendly_name": name, "iso_country": country, "number_type": number,
               "end_user_type": eu, "status": status, "valid_until": valid_until})
    };
    let a = emu
        .seed(seed(
            "A",
            "GB",
            "mobile",
            "business",
            "twilio-approved",
            Some("2030-01-10T00:00:00Z"),
        ))
        .await;
    let b = emu
        .seed(seed(
            "B",
            "GB",
            "mobile",
            "individual",
            "twilio-approved",
            Some("2030-01-20T00:00:00Z"),
        ))
        .await;
    let c = emu
        .seed(seed(
            "C",
            "FR",
            "mobile",
            "business",
            "twilio-approved",
            Some("2030-01-30T00:00:00Z"),
        ))
        .await;
    let d = emu
        .seed(seed("D", "FR", "local", "business", "draft", None))
        .await;
    let sid = |v: &Value| v["sid"].as_str().unwrap().to_owned();
    let (a, b, c, d) = (sid(&a), sid(&b), sid(&c), sid(&d));
    let names = |query: &'static str| {
        let emu = &emu;
        async move {
            let (status, page) = emu
                .get(&format!("{RC}/Bundles?{query}&SortDirection=ASC"))
                .await;
            assert_eq!(status, 200, "{query}: {page}");
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["friendly_name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };

    // Act + Assert
    assert_eq!(names("Status=draft").await, ["D"]);
    assert_eq!(names("Status=twilio-approved").await, ["A", "B", "C"]);
    let query: &'static str = Box::leak(format!("BundleSids={a},{d}").into_boxed_str());
    assert_eq!(names(query).await, ["A", "D"]);
    assert_eq!(names("FriendlyName=B").await, ["B"]);
    let regulation: &'static str = Box::leak(
        format!(
            "RegulationSid={}",
            emu.get(&format!("{RC}/Bundles/{c}")).await.1["regulation_sid"]
                .as_str()
                .unwrap()
        )
        .into_boxed_str(),
    );
    assert_eq!(names(regulation).await, ["C"]);
    assert_eq!(names("IsoCountry=fr").await, ["C", "D"]);
    assert_eq!(names("NumberType=local").await, ["D"]);
    assert_eq!(names("EndUserType=individual").await, ["B"]);
    assert_eq!(names("HasValidUntilDate=true").await, ["A", "B", "C"]);
    assert_eq!(names("HasValidUntilDate=false").await, ["D"]);
    assert_eq!(names("ValidUntilDate=2030-01-20T00:00:00Z").await, ["B"]);
    // Inclusive bounds, as the helper libraries send them (percent-encoded keys) ...
    assert_eq!(
        names("ValidUntilDate%3C=2030-01-20T00%3A00%3A00Z").await,
        ["A", "B"]
    );
    assert_eq!(
        names("ValidUntilDate%3E=2030-01-20T00%3A00%3A00Z").await,
        ["B", "C"]
    );
    // ... and raw, as a human types them.
    assert_eq!(
        names("ValidUntilDate<=2030-01-20T00:00:00Z&ValidUntilDate>=2030-01-15T00:00:00Z").await,
        ["B"]
    );
    assert!(b.starts_with("BU"));

    // Repeated keys: the first value wins, the rest are echoed in meta.
    let (_, page) = emu
        .get(&format!("{RC}/Bundles?Status=draft&Status=twilio-approved"))
        .await;
    assert_eq!(sids(&page), [d]);
    assert!(
        page["meta"]["url"]
            .as_str()
            .unwrap()
            .contains("Status=draft&Status=twilio-approved")
    );
}

#[tokio::test]
async fn bundles_sort_by_valid_until_and_by_date_updated_in_both_directions() {
    // Arrange
    let emu = emulator().await;
    let seed = |name: &str, valid_until: Option<&str>| {
        json!({"friendly_name": name, "iso_country": "GB",
        "number_type": "mobile", "end_user_type": "business", "status": "twilio-approved", "valid_until": valid_until})
    };
    emu.seed(seed("Late", Some("2031-01-01T00:00:00Z"))).await;
    let early = emu.seed(seed("Early", Some("2030-01-01T00:00:00Z"))).await;
    emu.seed(seed("Undated", None)).await;
    emu.advance(30).await;
    emu.post(
        &format!("{RC}/Bundles/{}", early["sid"].as_str().unwrap()),
        &[("Email", "new@example.com")],
    )
    .await;
    let order = |query: &'static str| {
        let emu = &emu;
        async move {
            let (_, page) = emu.get(&format!("{RC}/Bundles?{query}")).await;
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["friendly_name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };

    // Act + Assert
    assert_eq!(
        order("SortBy=valid-until&SortDirection=ASC").await,
        ["Early", "Late", "Undated"]
    );
    assert_eq!(
        order("SortBy=valid-until&SortDirection=DESC").await,
        ["Undated", "Late", "Early"]
    );
    assert_eq!(
        order("SortBy=date-updated&SortDirection=DESC").await[0],
        "Early"
    );
    assert_eq!(
        order("SortBy=date-updated&SortDirection=ASC").await[2],
        "Early"
    );
    assert_eq!(
        order("").await,
        ["Undated", "Early", "Late"],
        "default: newest created first"
    );
    assert_eq!(order("HasValidUntilDate=true&SortBy=valid-until&SortDirection=ASC&ValidUntilDate%3C=2030-06-01T00%3A00%3A00Z").await, ["Early"]);
    assert_error(
        &emu.get(&format!("{RC}/Bundles?SortBy=colour")).await,
        400,
        20001,
    );
}

#[tokio::test]
async fn page_size_is_clamped_to_one_thousand() {
    // Arrange
    let emu = emulator().await;
    emu.create_bundle("Only", &[]).await;

    // Act
    let (_, page) = emu.get(&format!("{RC}/Bundles?PageSize=5000")).await;
    let (_, default) = read(
        emu.request(Method::GET, &format!("{RC}/EndUsers"))
            .send()
            .await
            .unwrap(),
    )
    .await;

    // Assert
    assert_eq!(page["meta"]["page_size"], 1000);
    assert_eq!(default["meta"]["page_size"], 50);
}
