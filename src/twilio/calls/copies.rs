//! Bundle Copies and ReplaceItems (docs/emulator-fidelity.md, rows 7–9).

use crate::domain::sid::BundleSid;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::{Bundle, BundleCopy, Page};
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `GET /Bundles/{bundle_sid}/Copies`: the first page of copies made from a bundle.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid))]
    pub async fn list_bundle_copies(
        &self,
        bundle_sid: &BundleSid,
    ) -> Result<Page<BundleCopy>, TwilioError> {
        self.get_json(
            "list_bundle_copies",
            self.api_url(&["Bundles", bundle_sid.as_str(), "Copies"]),
            &Params::new(),
        )
        .await
    }

    /// Every copy made from a bundle, across all pages (the guard before creating one).
    pub async fn list_all_bundle_copies(
        &self,
        bundle_sid: &BundleSid,
    ) -> Result<Vec<BundleCopy>, TwilioError> {
        let first = self.list_bundle_copies(bundle_sid).await?;
        self.collect_pages(first).await
    }

    /// `POST /Bundles/{bundle_sid}/Copies`: a `draft` copy with duplicated items. A create:
    /// after a 5xx or timeout, list the copies before trying again.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid))]
    pub async fn create_bundle_copy(
        &self,
        bundle_sid: &BundleSid,
        friendly_name: Option<&str>,
    ) -> Result<BundleCopy, TwilioError> {
        let mut params = Params::new();
        params.push_opt("FriendlyName", friendly_name);
        self.post_form(
            "create_bundle_copy",
            self.api_url(&["Bundles", bundle_sid.as_str(), "Copies"]),
            &params,
            Idempotency::Create,
        )
        .await
    }

    /// `POST /Bundles/{bundle_sid}/ReplaceItems` with `FromBundleSid={from_bundle_sid}`: moves an
    /// approved copy's items into the original. Treated as a create (not retried once it may
    /// have reached Twilio): re-fetch the original (`valid_until` cleared?) to learn the outcome.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid, from_bundle_sid = %from_bundle_sid))]
    pub async fn replace_items(
        &self,
        bundle_sid: &BundleSid,
        from_bundle_sid: &BundleSid,
    ) -> Result<Bundle, TwilioError> {
        let mut params = Params::new();
        params.push("FromBundleSid", from_bundle_sid.as_str());
        self.post_form(
            "replace_items",
            self.api_url(&["Bundles", bundle_sid.as_str(), "ReplaceItems"]),
            &params,
            Idempotency::Create,
        )
        .await
    }
}
