//! An Address of the 2010-04-01 API: a postal address on file with the account, which
//! Supporting Documents name in `address_sids`.

use serde::Deserialize;

use crate::domain::postal_address::PostalAddress;

/// An Address (`AD…`) as Twilio returns it; only the fields recomply uses.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Address {
    /// `AD…`.
    pub sid: String,
    /// The person or business at the address.
    #[serde(default)]
    pub customer_name: String,
    /// The ISV's name for it (the customer name when none was given).
    #[serde(default)]
    pub friendly_name: String,
    /// Street and number.
    #[serde(default)]
    pub street: String,
    /// Flat, floor, building.
    #[serde(default)]
    pub street_secondary: Option<String>,
    /// City.
    #[serde(default)]
    pub city: String,
    /// State, county or province.
    #[serde(default)]
    pub region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub iso_country: String,
}

impl Address {
    /// Its postal fields.
    pub fn postal(&self) -> PostalAddress {
        PostalAddress {
            customer_name: self.customer_name.clone(),
            street: self.street.clone(),
            street_secondary: self.street_secondary.clone().unwrap_or_default(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            iso_country: self.iso_country.clone(),
        }
    }
}

// Addresses are PII: Debug shows the SID and the country only.
impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Address")
            .field("sid", &self.sid)
            .field("iso_country", &self.iso_country)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_decodes_with_a_null_second_line_and_hides_its_street_from_debug() {
        let json = r#"{"sid": "AD0123456789abcdef0123456789abcdef", "customer_name": "Acme",
            "friendly_name": "Acme", "street": "1 Rue de Rivoli", "street_secondary": null,
            "city": "Paris", "region": "IDF", "postal_code": "75001", "iso_country": "FR",
            "emergency_enabled": false, "validated": false}"#;
        let address: Address = serde_json::from_str(json).unwrap();
        assert_eq!(address.postal().street_secondary, "");
        assert_eq!(address.postal().city, "Paris");
        assert!(!format!("{address:?}").contains("Rivoli"));
    }
}
