//! A postal address as Twilio's Addresses resource holds it, and the one rule for which fields
//! an address needs in each country: Twilio requires a customer name, street, city, region,
//! postal code and ISO country on every address; the postal code must also look like one of
//! its country (where the format is well known) so that a typo is caught before Twilio's
//! address validation refuses it (21628).

use std::collections::BTreeMap;

/// One input of the address form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AddressField {
    /// `CustomerName`: the person or business at the address.
    CustomerName,
    /// `Street`.
    Street,
    /// `StreetSecondary`: flat, floor, building (never required).
    StreetSecondary,
    /// `City`.
    City,
    /// `Region`: state, county, province.
    Region,
    /// `PostalCode`.
    PostalCode,
    /// `IsoCountry`: ISO 3166-1 alpha-2.
    IsoCountry,
}

impl AddressField {
    /// Every field, in form order.
    pub const ALL: [Self; 7] = [
        Self::CustomerName,
        Self::Street,
        Self::StreetSecondary,
        Self::City,
        Self::Region,
        Self::PostalCode,
        Self::IsoCountry,
    ];

    /// The form key (and the suffix of the message ids that name it).
    pub fn key(self) -> &'static str {
        match self {
            Self::CustomerName => "customer_name",
            Self::Street => "street",
            Self::StreetSecondary => "street_secondary",
            Self::City => "city",
            Self::Region => "region",
            Self::PostalCode => "postal_code",
            Self::IsoCountry => "iso_country",
        }
    }

    /// Twilio's parameter name.
    pub fn param(self) -> &'static str {
        match self {
            Self::CustomerName => "CustomerName",
            Self::Street => "Street",
            Self::StreetSecondary => "StreetSecondary",
            Self::City => "City",
            Self::Region => "Region",
            Self::PostalCode => "PostalCode",
            Self::IsoCountry => "IsoCountry",
        }
    }

    /// The longest value accepted.
    pub fn max_len(self) -> usize {
        match self {
            Self::IsoCountry => 2,
            Self::PostalCode => 20,
            _ => 200,
        }
    }
}

/// The postal fields of an address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostalAddress {
    /// The person or business at the address.
    pub customer_name: String,
    /// Street and number.
    pub street: String,
    /// Flat, floor, building; empty for none.
    pub street_secondary: String,
    /// City.
    pub city: String,
    /// State, county or province.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub iso_country: String,
}

impl PostalAddress {
    /// The value of `field`.
    pub fn get(&self, field: AddressField) -> &str {
        match field {
            AddressField::CustomerName => &self.customer_name,
            AddressField::Street => &self.street,
            AddressField::StreetSecondary => &self.street_secondary,
            AddressField::City => &self.city,
            AddressField::Region => &self.region,
            AddressField::PostalCode => &self.postal_code,
            AddressField::IsoCountry => &self.iso_country,
        }
    }

    /// Sets `field` to `value`.
    pub fn set(&mut self, field: AddressField, value: String) {
        let slot = match field {
            AddressField::CustomerName => &mut self.customer_name,
            AddressField::Street => &mut self.street,
            AddressField::StreetSecondary => &mut self.street_secondary,
            AddressField::City => &mut self.city,
            AddressField::Region => &mut self.region,
            AddressField::PostalCode => &mut self.postal_code,
            AddressField::IsoCountry => &mut self.iso_country,
        };
        *slot = value;
    }

    /// The address on one line: "1 Rue de Rivoli, 75001 Paris, Île-de-France, FR".
    pub fn one_line(&self) -> String {
        let place = [self.postal_code.as_str(), self.city.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.street.as_str(),
            self.street_secondary.as_str(),
            place.as_str(),
            self.region.as_str(),
            self.iso_country.as_str(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The address with every field trimmed and the country in upper case, or what is wrong
    /// with each field (see [`required_fields`] and [`postal_code_format`]).
    pub fn checked(&self) -> Result<Self, BTreeMap<AddressField, AddressProblem>> {
        let mut clean = Self::default();
        let mut problems = BTreeMap::new();
        for field in AddressField::ALL {
            clean.set(field, self.get(field).trim().to_owned());
        }
        clean.iso_country = clean.iso_country.to_ascii_uppercase();
        for field in AddressField::ALL {
            let value = clean.get(field);
            if value.contains('\0') {
                problems.insert(field, AddressProblem::ControlCharacter);
            } else if value.chars().count() > field.max_len() {
                problems.insert(field, AddressProblem::TooLong(field.max_len()));
            }
        }
        let country = clean.iso_country.clone();
        if !country.is_empty()
            && !problems.contains_key(&AddressField::IsoCountry)
            && !is_country_code(&country)
        {
            problems.insert(AddressField::IsoCountry, AddressProblem::Country);
        }
        for field in required_fields(&country) {
            if clean.get(*field).is_empty() {
                problems.insert(*field, AddressProblem::Required);
            }
        }
        if let Some(format) = postal_code_format(&country)
            && !clean.postal_code.is_empty()
            && !problems.contains_key(&AddressField::PostalCode)
            && !format.matches(&clean.postal_code)
        {
            problems.insert(
                AddressField::PostalCode,
                AddressProblem::PostalCode(format.example),
            );
        }
        if problems.is_empty() {
            Ok(clean)
        } else {
            Err(problems)
        }
    }
}

/// Why a field of the address form is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// Left empty but needed in this country.
    Required,
    /// Longer than the limit.
    TooLong(usize),
    /// Holds a character that cannot be stored.
    ControlCharacter,
    /// Not an ISO 3166-1 alpha-2 code.
    Country,
    /// Not a postal code of the country; the example shows one that is.
    PostalCode(&'static str),
}

/// Whether `code` has the shape of an ISO 3166-1 alpha-2 country code.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// The fields an address needs in `country`. Twilio's Addresses resource requires every postal
/// field but the second street line, whatever the country, so the answer is the same list
/// everywhere today; callers ask this function, never a list of their own.
pub fn required_fields(_country: &str) -> &'static [AddressField] {
    &[
        AddressField::CustomerName,
        AddressField::Street,
        AddressField::City,
        AddressField::Region,
        AddressField::PostalCode,
        AddressField::IsoCountry,
    ]
}

/// What a postal code of one country looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostalFormat {
    /// Each character: `9` a digit, `A` a letter, ` ` a space, `-` a hyphen; `?` makes the
    /// character before it optional.
    pattern: &'static str,
    /// A postal code that fits, for the message.
    pub example: &'static str,
}

impl PostalFormat {
    /// Whether `code` fits (letters in either case).
    pub fn matches(&self, code: &str) -> bool {
        self.pattern
            .split('|')
            .any(|alternative| fits(alternative.as_bytes(), code.as_bytes()))
    }
}

fn fits(pattern: &[u8], code: &[u8]) -> bool {
    match pattern {
        [] => code.is_empty(),
        [p, b'?', rest @ ..] => {
            (code.first().is_some_and(|c| one(*p, *c)) && fits(rest, &code[1..]))
                || fits(rest, code)
        }
        [p, rest @ ..] => code.first().is_some_and(|c| one(*p, *c)) && fits(rest, &code[1..]),
    }
}

fn one(pattern: u8, c: u8) -> bool {
    match pattern {
        b'9' => c.is_ascii_digit(),
        b'A' => c.is_ascii_alphabetic(),
        other => other == c,
    }
}

/// The postal code format of `country`, where it is well known; `None` accepts any code.
pub fn postal_code_format(country: &str) -> Option<PostalFormat> {
    let (pattern, example) = match country {
        "US" => ("99999|99999-9999", "94105"),
        "GB" => (
            "A9 9AA|A99 9AA|AA9 9AA|AA99 9AA|A9A 9AA|AA9A 9AA",
            "SW1A 1AA",
        ),
        "DE" | "FR" | "ES" | "IT" | "FI" | "EE" => ("99999", "75001"),
        "AT" | "AU" | "BE" | "CH" | "DK" | "LU" | "NO" | "NZ" => ("9999", "1010"),
        "NL" => ("9999 ?AA", "1012 AB"),
        "SE" => ("999 ?99", "111 22"),
        "PL" => ("99-999", "00-950"),
        "PT" => ("9999-999", "1100-148"),
        "CA" => ("A9A ?9A9", "K1A 0B1"),
        "JP" => ("999-9999", "100-0001"),
        "BR" => ("99999-?999", "01310-100"),
        _ => return None,
    };
    Some(PostalFormat { pattern, example })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> PostalAddress {
        PostalAddress {
            customer_name: "Acme SAS".into(),
            street: "1 Rue de Rivoli".into(),
            street_secondary: String::new(),
            city: "Paris".into(),
            region: "Île-de-France".into(),
            postal_code: "75001".into(),
            iso_country: "fr".into(),
        }
    }

    #[test]
    fn every_postal_field_but_the_second_street_line_is_required_in_every_country() {
        for country in ["FR", "GB", "US", "ZZ", ""] {
            let required = required_fields(country);
            assert_eq!(required.len(), 6, "{country}");
            assert!(!required.contains(&AddressField::StreetSecondary));
        }
        let problems = PostalAddress::default().checked().unwrap_err();
        assert_eq!(problems.len(), 6);
        assert!(problems.values().all(|p| *p == AddressProblem::Required));
    }

    #[test]
    fn a_complete_address_is_trimmed_and_its_country_upper_cased() {
        let mut address = paris();
        address.city = "  Paris ".into();
        let clean = address.checked().unwrap();
        assert_eq!(
            (clean.city.as_str(), clean.iso_country.as_str()),
            ("Paris", "FR")
        );
        assert_eq!(
            clean.one_line(),
            "1 Rue de Rivoli, 75001 Paris, Île-de-France, FR"
        );
    }

    #[test]
    fn postal_codes_must_fit_their_country_where_the_format_is_known() {
        let check = |country: &str, code: &str| {
            let mut address = paris();
            address.iso_country = country.into();
            address.postal_code = code.into();
            address
                .checked()
                .err()
                .and_then(|p| p.get(&AddressField::PostalCode).copied())
        };
        assert_eq!(check("FR", "75001"), None);
        assert_eq!(
            check("FR", "7500"),
            Some(AddressProblem::PostalCode("75001"))
        );
        assert_eq!(check("GB", "sw1a 1aa"), None);
        assert_eq!(check("GB", "EC1A 1BB"), None);
        assert_eq!(
            check("GB", "75001"),
            Some(AddressProblem::PostalCode("SW1A 1AA"))
        );
        assert_eq!(check("US", "94105-1234"), None);
        assert_eq!(check("NL", "1012AB"), None);
        assert_eq!(check("CA", "K1A0B1"), None);
        // A country whose format is not known takes any code.
        assert_eq!(check("ID", "10110-X"), None);
    }

    #[test]
    fn a_country_must_be_a_two_letter_code_and_long_values_are_refused() {
        let mut address = paris();
        address.iso_country = "France".into();
        address.street = "x".repeat(201);
        let problems = address.checked().unwrap_err();
        assert_eq!(
            problems[&AddressField::IsoCountry],
            AddressProblem::TooLong(2)
        );
        assert_eq!(
            problems[&AddressField::Street],
            AddressProblem::TooLong(200)
        );
        address.iso_country = "F1".into();
        assert_eq!(
            address.checked().unwrap_err()[&AddressField::IsoCountry],
            AddressProblem::Country
        );
    }
}
