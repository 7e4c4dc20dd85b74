//! Twilio's 2010-04-01 Address records: what an account keeps on file, and which phone numbers
//! and Supporting Documents still use one (an Address in use cannot be deleted).

use serde::{Deserialize, Serialize};

use super::clock::Timestamp;
use super::items::address_sids;
use super::sid::new_sid;
use super::store::Store;

/// The postal fields of an Address, as given on create or update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress {
    /// `CustomerName`.
    pub customer_name: String,
    /// `Street`.
    pub street: String,
    /// `StreetSecondary`.
    #[serde(default)]
    pub street_secondary: Option<String>,
    /// `City`.
    pub city: String,
    /// `Region`.
    pub region: String,
    /// `PostalCode`.
    pub postal_code: String,
    /// `IsoCountry` (ISO 3166-1 alpha-2, upper case).
    pub iso_country: String,
}

/// An Address (`AD…`) owned by one account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Address {
    /// Creation order.
    pub seq: u64,
    /// `AD…`.
    pub sid: String,
    /// Owner.
    pub account_sid: String,
    /// Human name (the customer name unless given).
    pub friendly_name: String,
    /// Where it is.
    pub postal: PostalAddress,
    /// Whether emergency calls may use it.
    pub emergency_enabled: bool,
    /// Created.
    pub date_created: Timestamp,
    /// Updated.
    pub date_updated: Timestamp,
}

/// What still uses an Address, which blocks its deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressUse {
    /// An IncomingPhoneNumber (`PN…`) names it as its `address_sid`.
    PhoneNumber(String),
    /// A Supporting Document (`RD…`) lists it in `address_sids`.
    Document(String),
}

impl Store {
    /// Creates an Address (a fresh SID unless `sid` is given) and returns its SID.
    pub fn create_address(
        &mut self,
        account_sid: &str,
        sid: Option<&str>,
        friendly_name: Option<&str>,
        postal: PostalAddress,
        emergency_enabled: bool,
    ) -> String {
        let sid = sid.map_or_else(|| new_sid("AD"), str::to_owned);
        let now = self.now();
        let address = Address {
            seq: self.next_seq(),
            sid: sid.clone(),
            account_sid: account_sid.to_owned(),
            friendly_name: friendly_name
                .map_or_else(|| postal.customer_name.clone(), str::to_owned),
            postal,
            emergency_enabled,
            date_created: now,
            date_updated: now,
        };
        self.deleted_addresses.remove(&sid);
        self.addresses.insert(sid.clone(), address);
        sid
    }

    /// The first phone number or Supporting Document that still uses `address_sid`.
    pub fn address_use(&self, address_sid: &str) -> Option<AddressUse> {
        if let Some(number) = self
            .phone_numbers
            .values()
            .find(|n| n.address_sid.as_deref() == Some(address_sid))
        {
            return Some(AddressUse::PhoneNumber(number.sid.clone()));
        }
        self.documents
            .values()
            .find(|d| address_sids(&d.attributes).iter().any(|a| a == address_sid))
            .map(|d| AddressUse::Document(d.sid.clone()))
    }

    /// Deletes an Address; copying a bundle that still names it then fails with 22230.
    pub fn delete_address(&mut self, address_sid: &str) {
        self.addresses.remove(address_sid);
        self.deleted_addresses.insert(address_sid.to_owned());
    }
}
