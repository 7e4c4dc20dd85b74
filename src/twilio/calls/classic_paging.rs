//! Lists of the 2010-04-01 API: the array sits under the list's own key (`accounts`,
//! `addresses`, `incoming_phone_numbers`) beside `next_page_uri`, a path relative to the API host.
//! Pages are followed on the configured core host only, with a bound on their number.

use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::paging::MAX_PAGES;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;

/// The largest `PageSize` the 2010-04-01 API accepts.
pub const MAX_CLASSIC_PAGE_SIZE: &str = "1000";

impl TenantTwilio {
    /// Every item of the 2010-04-01 list at `url` (with `query`), under the array `key`,
    /// following `next_page_uri` to the last page.
    pub async fn collect_classic_list<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: Url,
        query: &Params,
        key: &str,
    ) -> Result<Vec<T>, TwilioError> {
        let mut items = Vec::new();
        let mut page: Value = self.get_json(operation, url.clone(), query).await?;
        for _ in 0..MAX_PAGES {
            let results = match page.get_mut(key).map(Value::take) {
                Some(Value::Array(results)) => results,
                _ => {
                    return Err(TwilioError::Decode(format!(
                        "a 2010-04-01 list has no {key:?} array"
                    )));
                }
            };
            for result in results {
                items.push(
                    serde_json::from_value(result)
                        .map_err(|error| TwilioError::Decode(error.to_string()))?,
                );
            }
            let Some(next) = page.get("next_page_uri").and_then(Value::as_str) else {
                return Ok(items);
            };
            let next = next_page(&url, next)?;
            page = self.get_json(operation, next, &Params::new()).await?;
        }
        Err(TwilioError::Decode(format!(
            "the list did not end after {MAX_PAGES} pages"
        )))
    }
}

/// `next_page_uri` resolved on the host of the first page; anything that leaves it is refused
/// (credentials never go elsewhere).
fn next_page(first: &Url, next: &str) -> Result<Url, TwilioError> {
    let url = first
        .join(next)
        .map_err(|_| TwilioError::Decode("next_page_uri is not a valid URI".into()))?;
    if url.origin() != first.origin() {
        return Err(TwilioError::Decode(format!(
            "next_page_uri points at {}, not at the configured API origin",
            url.origin().ascii_serialization()
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_next_page_stays_on_the_first_pages_host() {
        let first = Url::parse("https://api.twilio.com/2010-04-01/Accounts.json").unwrap();
        let next = next_page(&first, "/2010-04-01/Accounts.json?PageSize=50&Page=1").unwrap();
        assert_eq!(
            next.as_str(),
            "https://api.twilio.com/2010-04-01/Accounts.json?PageSize=50&Page=1"
        );
        assert!(next_page(&first, "https://evil.example/2010-04-01/Accounts.json").is_err());
    }
}
