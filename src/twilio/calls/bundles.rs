//! Bundles: list (every filter), create, fetch, update properties, submit, delete; and the
//! credential check (docs/emulator-fidelity.md, rows 1–5).

use crate::domain::sid::BundleSid;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::filter::BundleFilter;
use crate::twilio::form::Params;
use crate::twilio::requests::{BundleProperties, NewBundle};
use crate::twilio::resources::{Bundle, BundleStatus, Page};
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `GET /Bundles` with `filter`: the first page.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn list_bundles(&self, filter: &BundleFilter) -> Result<Page<Bundle>, TwilioError> {
        self.get_json(
            "list_bundles",
            self.api_url(&["Bundles"]),
            &filter.to_params(),
        )
        .await
    }

    /// Every bundle matching `filter`, across all pages.
    pub async fn list_all_bundles(
        &self,
        filter: &BundleFilter,
    ) -> Result<Vec<Bundle>, TwilioError> {
        let first = self.list_bundles(filter).await?;
        self.collect_pages(first).await
    }

    /// `POST /Bundles` (a create: not retried once it may have reached Twilio).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn create_bundle(&self, bundle: &NewBundle) -> Result<Bundle, TwilioError> {
        self.post_form(
            "create_bundle",
            self.api_url(&["Bundles"]),
            &bundle.to_params(),
            Idempotency::Create,
        )
        .await
    }

    /// `GET /Bundles/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %sid))]
    pub async fn fetch_bundle(&self, sid: &BundleSid) -> Result<Bundle, TwilioError> {
        self.get_json(
            "fetch_bundle",
            self.api_url(&["Bundles", sid.as_str()]),
            &Params::new(),
        )
        .await
    }

    /// `POST /Bundles/{sid}` with friendly name / email / status callback, never `Status`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %sid))]
    pub async fn update_bundle_properties(
        &self,
        sid: &BundleSid,
        properties: &BundleProperties,
    ) -> Result<Bundle, TwilioError> {
        self.post_form(
            "update_bundle_properties",
            self.api_url(&["Bundles", sid.as_str()]),
            &properties.to_params(),
            Idempotency::Safe,
        )
        .await
    }

    /// Submits a draft for review: `POST /Bundles/{sid}` with `Status=pending-review` **alone**
    /// (Twilio refuses status and properties together, error 22204).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %sid))]
    pub async fn submit_bundle(&self, sid: &BundleSid) -> Result<Bundle, TwilioError> {
        let mut params = Params::new();
        params.push("Status", BundleStatus::PendingReview.as_str());
        self.post_form(
            "submit_bundle",
            self.api_url(&["Bundles", sid.as_str()]),
            &params,
            Idempotency::Safe,
        )
        .await
    }

    /// `DELETE /Bundles/{sid}` (also how a copy is deleted).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %sid))]
    pub async fn delete_bundle(&self, sid: &BundleSid) -> Result<(), TwilioError> {
        self.delete("delete_bundle", self.api_url(&["Bundles", sid.as_str()]))
            .await
    }

    /// A cheap real call (`GET /Bundles?PageSize=1`) proving the credentials work: `Ok`, or
    /// [`TwilioError::Unauthorized`] / another typed error.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn verify_credentials(&self) -> Result<(), TwilioError> {
        let filter = BundleFilter {
            page_size: Some(1),
            ..BundleFilter::default()
        };
        self.list_bundles(&filter).await.map(drop)
    }
}
