//! Accounts (2010-04-01): the parent account's subaccounts, and one account fetched (which
//! also proves a SID and token work).

use super::classic_paging::MAX_CLASSIC_PAGE_SIZE;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::Account;

impl TenantTwilio {
    /// `GET /2010-04-01/Accounts.json?PageSize=1000`, every page, without the calling account
    /// itself: its subaccounts, each with its own auth token.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn list_subaccounts(&self) -> Result<Vec<Account>, TwilioError> {
        let mut params = Params::new();
        params.push("PageSize", MAX_CLASSIC_PAGE_SIZE);
        let url = self.core_url(&["Accounts"]);
        let accounts: Vec<Account> = self
            .collect_classic_list("list_accounts", url, &params, "accounts")
            .await?;
        let own = self.account_sid().to_owned();
        Ok(accounts.into_iter().filter(|a| a.sid != own).collect())
    }

    /// `GET /2010-04-01/Accounts/{Sid}.json`: the account this handle acts as. A refused SID
    /// or token comes back as [`TwilioError::Unauthorized`].
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn fetch_own_account(&self) -> Result<Account, TwilioError> {
        let url = self.core_url(&["Accounts", self.account_sid()]);
        self.get_json("fetch_account", url, &Params::new()).await
    }

    /// `GET /2010-04-01/Accounts/{Sid}.json` as the parent: one of its subaccounts, with that
    /// subaccount's own auth token. An account that is not the caller's subaccount is
    /// [`TwilioError::NotFound`].
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), account_sid = %sid))]
    pub async fn fetch_subaccount(&self, sid: &str) -> Result<Account, TwilioError> {
        let url = self.core_url(&["Accounts", sid]);
        self.get_json("fetch_account", url, &Params::new()).await
    }
}
