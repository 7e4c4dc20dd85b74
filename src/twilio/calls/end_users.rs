//! End-Users (docs/emulator-fidelity.md, rows 18–20).

use crate::domain::sid::EndUserSid;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::requests::{EndUserUpdate, NewEndUser};
use crate::twilio::resources::EndUser;
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `POST /EndUsers` (a create).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn create_end_user(&self, end_user: &NewEndUser) -> Result<EndUser, TwilioError> {
        self.post_form(
            "create_end_user",
            self.api_url(&["EndUsers"]),
            &end_user.to_params(),
            Idempotency::Create,
        )
        .await
    }

    /// `GET /EndUsers/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), end_user_sid = %sid))]
    pub async fn fetch_end_user(&self, sid: &EndUserSid) -> Result<EndUser, TwilioError> {
        self.get_json(
            "fetch_end_user",
            self.api_url(&["EndUsers", sid.as_str()]),
            &Params::new(),
        )
        .await
    }

    /// `POST /EndUsers/{sid}` with `FriendlyName` and/or the full `Attributes` (JSON text).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), end_user_sid = %sid))]
    pub async fn update_end_user(
        &self,
        sid: &EndUserSid,
        update: &EndUserUpdate,
    ) -> Result<EndUser, TwilioError> {
        self.post_form(
            "update_end_user",
            self.api_url(&["EndUsers", sid.as_str()]),
            &update.to_params(),
            Idempotency::Safe,
        )
        .await
    }
}
