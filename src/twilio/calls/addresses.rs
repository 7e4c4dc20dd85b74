//! Addresses (2010-04-01): the account's postal addresses, listed for the mirror, created and
//! corrected from the renewal page.

use super::classic_paging::MAX_CLASSIC_PAGE_SIZE;
use crate::domain::postal_address::{AddressField, PostalAddress};
use crate::domain::sid::AddressSid;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::Address;
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `GET /2010-04-01/Accounts/{AccountSid}/Addresses.json`, every page at the largest page
    /// size.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn list_all_addresses(&self) -> Result<Vec<Address>, TwilioError> {
        let mut params = Params::new();
        params.push("PageSize", MAX_CLASSIC_PAGE_SIZE);
        let url = self.core_url(&["Accounts", self.account_sid(), "Addresses"]);
        self.collect_classic_list("list_addresses", url, &params, "addresses")
            .await
    }

    /// `POST /2010-04-01/Accounts/{AccountSid}/Addresses.json` (a create) with every postal
    /// field.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn create_address(&self, postal: &PostalAddress) -> Result<Address, TwilioError> {
        let url = self.core_url(&["Accounts", self.account_sid(), "Addresses"]);
        let params = postal_params(postal, true);
        self.post_form("create_address", url, &params, Idempotency::Create)
            .await
    }

    /// `POST /2010-04-01/Accounts/{AccountSid}/Addresses/{Sid}.json`: every postal field but
    /// the country, which Twilio does not let an update change.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), address_sid = %sid))]
    pub async fn update_address(
        &self,
        sid: &AddressSid,
        postal: &PostalAddress,
    ) -> Result<Address, TwilioError> {
        let url = self.core_url(&["Accounts", self.account_sid(), "Addresses", sid.as_str()]);
        let params = postal_params(postal, false);
        self.post_form("update_address", url, &params, Idempotency::Safe)
            .await
    }
}

/// The form of `postal`; the country only with `with_country`. An empty second street line
/// is sent as empty (it clears the old one on an update).
fn postal_params(postal: &PostalAddress, with_country: bool) -> Params {
    let mut params = Params::new();
    for field in AddressField::ALL {
        if field == AddressField::IsoCountry && !with_country {
            continue;
        }
        params.push(field.param(), postal.get(field));
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_never_sends_the_country() {
        let postal = PostalAddress {
            iso_country: "FR".into(),
            city: "Paris".into(),
            ..PostalAddress::default()
        };
        assert!(postal_params(&postal, true).contains("IsoCountry"));
        let update = postal_params(&postal, false);
        assert!(!update.contains("IsoCountry") && update.contains("City"));
    }
}
