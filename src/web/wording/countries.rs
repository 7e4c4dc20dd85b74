//! Country names for regulations ("Mobile numbers in France").

/// A country's English name from its ISO 3166 alpha-2 code (the code itself when unknown).
pub fn country_name(iso: &str) -> String {
    let name = match iso.to_ascii_uppercase().as_str() {
        "AT" => "Austria",
        "AU" => "Australia",
        "BE" => "Belgium",
        "BR" => "Brazil",
        "CA" => "Canada",
        "CH" => "Switzerland",
        "DE" => "Germany",
        "DK" => "Denmark",
        "EE" => "Estonia",
        "ES" => "Spain",
        "FI" => "Finland",
        "FR" => "France",
        "GB" => "United Kingdom",
        "IE" => "Ireland",
        "ID" => "Indonesia",
        "IT" => "Italy",
        "JP" => "Japan",
        "LU" => "Luxembourg",
        "MX" => "Mexico",
        "NL" => "Netherlands",
        "NO" => "Norway",
        "NZ" => "New Zealand",
        "PL" => "Poland",
        "PT" => "Portugal",
        "SE" => "Sweden",
        "US" => "United States",
        _ => return iso.to_owned(),
    };
    name.to_owned()
}
