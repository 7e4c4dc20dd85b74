//! Words for people: regulations, Twilio statuses, deadlines.

use time::OffsetDateTime;

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

/// "Mobile numbers in France, for a business" from the regulation's parts.
pub fn regulation_in_words(
    iso_country: Option<&str>,
    number_type: Option<&str>,
    end_user_type: Option<&str>,
) -> String {
    let numbers = match number_type.unwrap_or("") {
        "mobile" => "Mobile numbers",
        "local" => "Local numbers",
        "national" => "National numbers",
        "toll-free" => "Toll-free numbers",
        "" => "Phone numbers",
        _ => "Phone numbers",
    };
    let mut text = numbers.to_owned();
    if let Some(iso) = iso_country.filter(|c| !c.is_empty()) {
        text.push_str(" in ");
        text.push_str(&country_name(iso));
    }
    match end_user_type.unwrap_or("") {
        "business" => text.push_str(", for a business"),
        "individual" => text.push_str(", for an individual"),
        _ => {}
    }
    text
}

/// A Twilio Bundle status in words.
pub fn bundle_status(status: &str) -> &'static str {
    match status {
        "draft" => "Draft",
        "pending-review" => "Submitted to Twilio",
        "in-review" => "In review at Twilio",
        "twilio-approved" => "Approved by Twilio",
        "twilio-rejected" => "Rejected by Twilio",
        "provisionally-approved" => "Provisionally approved",
        _ => "Unknown",
    }
}

/// The badge style for a Twilio Bundle status.
pub fn bundle_status_badge(status: &str) -> &'static str {
    match status {
        "twilio-approved" => "badge-ok",
        "twilio-rejected" => "badge-danger",
        "pending-review" | "in-review" | "provisionally-approved" => "badge-info",
        _ => "",
    }
}

/// "12 days left", "Due today", "3 days overdue".
pub fn countdown(days: i64) -> String {
    match days {
        d if d < -1 => format!("{} days overdue", -d),
        -1 => "1 day overdue".to_owned(),
        0 => "Due today".to_owned(),
        1 => "1 day left".to_owned(),
        d => format!("{d} days left"),
    }
}

/// A date as "14 March 2027".
pub fn date(at: OffsetDateTime) -> String {
    format!("{} {} {}", at.day(), at.month(), at.year())
}

/// A date and time as "14 March 2027, 09:30 UTC".
pub fn date_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{}, {:02}:{:02} UTC", date(at), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn regulations_read_as_a_sentence() {
        assert_eq!(
            regulation_in_words(Some("FR"), Some("mobile"), Some("business")),
            "Mobile numbers in France, for a business"
        );
        assert_eq!(
            regulation_in_words(Some("XX"), Some("toll-free"), Some("individual")),
            "Toll-free numbers in XX, for an individual"
        );
        assert_eq!(regulation_in_words(None, None, None), "Phone numbers");
    }

    #[test]
    fn countdowns_and_dates_read_naturally() {
        assert_eq!(countdown(10), "10 days left");
        assert_eq!(countdown(0), "Due today");
        assert_eq!(countdown(-3), "3 days overdue");
        assert_eq!(date(datetime!(2027-03-14 09:30 UTC)), "14 March 2027");
    }
}
