//! IncomingPhoneNumbers (2010-04-01): every number of the account, to show which numbers
//! depend on each bundle.

use super::classic_paging::MAX_CLASSIC_PAGE_SIZE;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::IncomingPhoneNumber;

impl TenantTwilio {
    /// `GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`, every page at the
    /// largest page size (one call per 1000 numbers).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn list_all_phone_numbers(&self) -> Result<Vec<IncomingPhoneNumber>, TwilioError> {
        let mut params = Params::new();
        params.push("PageSize", MAX_CLASSIC_PAGE_SIZE);
        let url = self.core_url(&["Accounts", self.account_sid(), "IncomingPhoneNumbers"]);
        self.collect_classic_list("list_phone_numbers", url, &params, "incoming_phone_numbers")
            .await
    }
}
