//! Following `meta.next_page_url` verbatim, with guards: same origin as the configured API
//! (credentials never go elsewhere) and a bound on the number of pages.

use serde::de::DeserializeOwned;
use url::Url;

use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::Page;

/// More pages than this means the server is looping; stop rather than spin.
pub const MAX_PAGES: usize = 10_000;

impl TenantTwilio {
    /// The page after `page`, fetched from its `next_page_url` exactly as given; `None` on the
    /// last page.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        page: &Page<T>,
    ) -> Result<Option<Page<T>>, TwilioError> {
        let Some(next) = page.meta.next_page_url.as_deref() else {
            return Ok(None);
        };
        let url = Url::parse(next)
            .map_err(|_| TwilioError::Decode("next_page_url is not an absolute URL".into()))?;
        let api = self.api_url(&[]);
        if url.origin() != api.origin() {
            return Err(TwilioError::Decode(format!(
                "next_page_url points at {}, not at the configured API origin",
                url.origin().ascii_serialization()
            )));
        }
        self.get_json("next_page", url, &Params::new())
            .await
            .map(Some)
    }

    /// Every item of the list that starts with `first`, following the pages.
    pub async fn collect_pages<T: DeserializeOwned>(
        &self,
        first: Page<T>,
    ) -> Result<Vec<T>, TwilioError> {
        let mut items = Vec::new();
        let mut page = first;
        for _ in 0..MAX_PAGES {
            let next = self.next_page(&page).await?;
            items.append(&mut page.results);
            match next {
                Some(next) => page = next,
                None => return Ok(items),
            }
        }
        Err(TwilioError::Decode(format!(
            "the list did not end after {MAX_PAGES} pages"
        )))
    }
}
