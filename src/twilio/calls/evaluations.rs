//! Evaluations (docs/emulator-fidelity.md, rows 11 and 12).

use crate::domain::sid::{BundleSid, EvaluationSid};
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::Evaluation;
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `POST /Bundles/{bundle_sid}/Evaluations` (empty form): the verdict, computed at once.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid))]
    pub async fn create_evaluation(
        &self,
        bundle_sid: &BundleSid,
    ) -> Result<Evaluation, TwilioError> {
        self.post_form(
            "create_evaluation",
            self.api_url(&["Bundles", bundle_sid.as_str(), "Evaluations"]),
            &Params::new(),
            Idempotency::Create,
        )
        .await
    }

    /// `GET /Bundles/{bundle_sid}/Evaluations/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid, evaluation_sid = %sid))]
    pub async fn fetch_evaluation(
        &self,
        bundle_sid: &BundleSid,
        sid: &EvaluationSid,
    ) -> Result<Evaluation, TwilioError> {
        self.get_json(
            "fetch_evaluation",
            self.api_url(&["Bundles", bundle_sid.as_str(), "Evaluations", sid.as_str()]),
            &Params::new(),
        )
        .await
    }
}
