//! Regulations: list them, and fetch one (with its field constraints when asked).

use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::filter::RegulationFilter;
use crate::twilio::form::Params;
use crate::twilio::resources::{Page, Regulation};

impl TenantTwilio {
    /// `GET /Regulations` with `filter`: the first page.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn list_regulations(
        &self,
        filter: &RegulationFilter,
    ) -> Result<Page<Regulation>, TwilioError> {
        self.get_json(
            "list_regulations",
            self.api_url(&["Regulations"]),
            &filter.to_params(),
        )
        .await
    }

    /// Every regulation matching `filter`, across all pages.
    pub async fn list_all_regulations(
        &self,
        filter: &RegulationFilter,
    ) -> Result<Vec<Regulation>, TwilioError> {
        let first = self.list_regulations(filter).await?;
        self.collect_pages(first).await
    }

    /// `GET /Regulations/{sid}`, with `IncludeConstraints=true` when asked.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), regulation_sid = %sid))]
    pub async fn fetch_regulation(
        &self,
        sid: &str,
        include_constraints: bool,
    ) -> Result<Regulation, TwilioError> {
        let mut params = Params::new();
        params.push_bool("IncludeConstraints", include_constraints.then_some(true));
        self.get_json(
            "fetch_regulation",
            self.api_url(&["Regulations", sid]),
            &params,
        )
        .await
    }
}
