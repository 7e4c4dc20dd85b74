//! The Addresses of a seeded bundle: the ones the seed lists, then one for every `address_sids`
//! entry of its documents that the store does not hold yet, so that each SID a seeded document
//! names is a real Address of the bundle's account.

use serde::Deserialize;
use serde_json::Value;

use super::error::{ControlError, ControlResult};
use super::seed_bundle::SeedBundle;
use crate::emulator::addresses::PostalAddress;
use crate::emulator::items::address_sids;
use crate::emulator::sid::has_shape;
use crate::emulator::store::Store;

/// An Address to create with a seeded bundle.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedAddress {
    /// `AD…` to use (default: a fresh SID).
    #[serde(default)]
    pub sid: Option<String>,
    /// Human name (default: the customer name).
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Customer name (default: the End-User's name).
    #[serde(default)]
    pub customer_name: Option<String>,
    /// Street.
    pub street: String,
    /// Second street line.
    #[serde(default)]
    pub street_secondary: Option<String>,
    /// City.
    pub city: String,
    /// Region.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// Country (default: the regulation's).
    #[serde(default)]
    pub iso_country: Option<String>,
    /// Emergency calling.
    #[serde(default)]
    pub emergency_enabled: bool,
}

/// Creates the seed's Addresses in its account; `country` is the bundle's regulation country.
pub fn insert_addresses(store: &mut Store, body: &SeedBundle, country: &str) -> ControlResult<()> {
    let customer = customer_name(body);
    for seed in &body.addresses {
        if let Some(sid) = seed.sid.as_deref().filter(|s| !has_shape(s, "AD")) {
            return Err(ControlError::bad_request(format!(
                "{sid} is not an Address SID"
            )));
        }
        let postal = PostalAddress {
            customer_name: seed
                .customer_name
                .clone()
                .unwrap_or_else(|| customer.clone()),
            street: seed.street.clone(),
            street_secondary: seed.street_secondary.clone(),
            city: seed.city.clone(),
            region: seed.region.clone(),
            postal_code: seed.postal_code.clone(),
            iso_country: seed
                .iso_country
                .as_deref()
                .unwrap_or(country)
                .to_ascii_uppercase(),
        };
        let (sid, name) = (seed.sid.as_deref(), seed.friendly_name.as_deref());
        store.create_address(&body.account_sid, sid, name, postal, seed.emergency_enabled);
    }
    for sid in referenced_addresses(body) {
        if !store.addresses.contains_key(&sid) {
            let postal = placeholder(&customer, country);
            store.create_address(&body.account_sid, Some(&sid), None, postal, false);
        }
    }
    Ok(())
}

/// The Address SIDs the seed's documents name that have Twilio's shape.
fn referenced_addresses(body: &SeedBundle) -> Vec<String> {
    let mut sids: Vec<String> = body
        .documents
        .iter()
        .filter_map(|d| d.attributes.as_ref())
        .flat_map(address_sids)
        .filter(|sid| has_shape(sid, "AD"))
        .collect();
    sids.sort();
    sids.dedup();
    sids
}

/// The End-User's business name, or first and last name, or the bundle's name.
fn customer_name(body: &SeedBundle) -> String {
    let attributes = body.end_user.as_ref().and_then(|e| e.attributes.as_ref());
    let text = |key: &str| {
        attributes
            .and_then(|a| a.get(key))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    if let Some(business) = text("business_name") {
        return business.to_owned();
    }
    match (text("first_name"), text("last_name")) {
        (Some(first), Some(last)) => format!("{first} {last}"),
        _ => body.friendly_name.clone(),
    }
}

/// The address the emulator files for a SID a seed names without describing it.
fn placeholder(customer_name: &str, country: &str) -> PostalAddress {
    PostalAddress {
        customer_name: customer_name.to_owned(),
        street: "1 Seeded Street".into(),
        street_secondary: None,
        city: "Seedville".into(),
        region: "Seed County".into(),
        postal_code: "00000".into(),
        iso_country: country.to_owned(),
    }
}
