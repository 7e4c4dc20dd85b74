//! Words for customers: regulations, Twilio statuses, deadlines, and why Twilio found a
//! requirement not met.

use time::OffsetDateTime;

use super::countries::country_name;
use crate::domain::snapshot::EvaluationResult;
use crate::domain::twilio_codes;

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

/// Why Twilio found a requirement not met, in plain words: `document` names the document
/// concerned, `end_user_type` whose details they are. Codes without words of their own fall
/// back to Twilio's reason.
pub fn requirement_failure(
    result: &EvaluationResult,
    document: &str,
    end_user_type: &str,
) -> String {
    let whose = if end_user_type == "individual" {
        "personal"
    } else {
        "business"
    };
    match result.error_code {
        Some(twilio_codes::END_USER_MISSING) => {
            format!("We don't have your {whose} details yet. Please fill them in below.")
        }
        Some(twilio_codes::END_USER_FIELD_MISSING) => {
            format!("Some of your {whose} details are missing or incomplete.")
        }
        Some(twilio_codes::DOCUMENT_MISSING) => {
            format!("Twilio needs a document: {document}. Please add it below.")
        }
        Some(twilio_codes::DOCUMENT_FIELD_MISSING) => format!(
            "Some details from your {document} are missing, or do not match your {whose} \
             details exactly. Enter them exactly as they appear on the document."
        ),
        Some(twilio_codes::DOCUMENT_FIELD_MISMATCH) => format!(
            "Details on your {document} do not match your {whose} details. They must be \
             exactly the same."
        ),
        Some(twilio_codes::ADDRESS_MISSING) => format!(
            "Twilio needs the address shown on your {document}, as an address registered in \
             your Twilio account."
        ),
        _ => result
            .failure_reason
            .clone()
            .unwrap_or_else(|| "This requirement is not met yet.".to_owned()),
    }
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

    fn failing(code: Option<i64>, reason: Option<&str>) -> EvaluationResult {
        EvaluationResult {
            friendly_name: "Passport".into(),
            object_type: "passport".into(),
            passed: false,
            failure_reason: reason.map(str::to_owned),
            error_code: code,
            valid: Vec::new(),
            invalid: Vec::new(),
            requirement_friendly_name: "Identity".into(),
            requirement_name: "identity".into(),
        }
    }

    #[test]
    fn twilio_failures_read_in_plain_words_for_whose_details_they_are() {
        let missing = failing(Some(twilio_codes::DOCUMENT_MISSING), None);
        assert_eq!(
            requirement_failure(&missing, "Passport", "individual"),
            "Twilio needs a document: Passport. Please add it below."
        );
        let end_user = failing(Some(twilio_codes::END_USER_FIELD_MISSING), None);
        assert_eq!(
            requirement_failure(&end_user, "Passport", "individual"),
            "Some of your personal details are missing or incomplete."
        );
        assert!(requirement_failure(&end_user, "", "business").contains("business details"));
    }

    #[test]
    fn unknown_codes_fall_back_to_twilios_reason() {
        let other = failing(Some(99999), Some("Twilio says no."));
        assert_eq!(
            requirement_failure(&other, "", "business"),
            "Twilio says no."
        );
        assert_eq!(
            requirement_failure(&failing(None, None), "", "business"),
            "This requirement is not met yet."
        );
    }
}
