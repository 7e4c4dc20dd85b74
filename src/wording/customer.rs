//! Words for customers, in their language: regulations, Twilio statuses, deadlines, and why
//! Twilio found a requirement not met.

use time::OffsetDateTime;

use super::countries::in_country;
use crate::domain::deadline::days_until;
use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot};
use crate::domain::submit_by::SubmitByRule;
use crate::domain::twilio_codes;
use crate::i18n::Tr;
use crate::twilio::BundleStatus;

/// "Mobile numbers in France, for a business" from the regulation's parts.
pub fn regulation_in_words(
    tr: &Tr,
    iso_country: Option<&str>,
    number_type: Option<&str>,
    end_user_type: Option<&str>,
) -> String {
    let numbers = tr.t(match number_type.unwrap_or("") {
        "mobile" => "numbers-mobile",
        "local" => "numbers-local",
        "national" => "numbers-national",
        "toll-free" => "numbers-toll-free",
        _ => "numbers-any",
    });
    let text = match iso_country.filter(|c| !c.is_empty()) {
        Some(iso) => tr.t2(
            "regulation-in-country",
            "numbers",
            numbers,
            "where",
            in_country(tr, iso),
        ),
        None => numbers,
    };
    match end_user_type.unwrap_or("") {
        "business" => tr.t1("regulation-for-business", "regulation", text),
        "individual" => tr.t1("regulation-for-individual", "regulation", text),
        _ => text,
    }
}

/// The message id that explains Twilio's refusal of an address (by its error code), with what
/// to do.
pub fn address_refusal(code: Option<u32>) -> &'static str {
    match code {
        Some(twilio_codes::ADDRESS_INVALID | twilio_codes::ADDRESS_NOT_VALIDATED) => {
            "address-twilio-invalid"
        }
        Some(twilio_codes::ADDRESS_NOT_LOCAL) => "address-twilio-not-local",
        Some(twilio_codes::ADDRESS_MISMATCH | twilio_codes::ADDRESS_DELETED) => {
            "address-twilio-mismatch"
        }
        Some(twilio_codes::NOT_FOUND) => "address-twilio-not-found",
        _ => "address-twilio-failed",
    }
}

/// A notice with a heading, in the customer's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The heading.
    pub title: String,
    /// What it means for the customer.
    pub text: String,
}

/// What the customer is told about a renewal whose saved information (its stored snapshot)
/// cannot be read: that much, and that support has been told. The one wording of the
/// renewal, review and status pages and of a save that could not be made.
pub fn unreadable_snapshot(tr: &Tr) -> Notice {
    Notice {
        title: tr.t("renewal-unreadable-title"),
        text: tr.t("renewal-unreadable"),
    }
}

/// "Submit by 12 December — Twilio needs about 2 business days to review", or, once that
/// date has passed, the same advice to submit as soon as possible (pages and emails alike).
pub fn submit_by_note(tr: &Tr, submit_by: OffsetDateTime, rule: SubmitByRule) -> String {
    let id = if days_until(submit_by, OffsetDateTime::now_utc()) < 0 {
        "submit-by-passed"
    } else {
        "submit-by-note"
    };
    tr.n1(id, rule.review_days, "date", tr.date(submit_by))
}

/// A Twilio Bundle status in words.
pub fn bundle_status(tr: &Tr, status: BundleStatus) -> String {
    tr.t(match status {
        BundleStatus::Draft => "bundle-status-draft",
        BundleStatus::PendingReview => "bundle-status-pending-review",
        BundleStatus::InReview => "bundle-status-in-review",
        BundleStatus::TwilioApproved => "bundle-status-twilio-approved",
        BundleStatus::TwilioRejected => "bundle-status-twilio-rejected",
        BundleStatus::ProvisionallyApproved => "bundle-status-provisionally-approved",
        BundleStatus::Unknown => "bundle-status-unknown",
    })
}

/// The badge style for a Twilio Bundle status.
pub fn bundle_status_badge(status: BundleStatus) -> &'static str {
    match status {
        BundleStatus::TwilioApproved => "badge-ok",
        BundleStatus::TwilioRejected => "badge-danger",
        BundleStatus::PendingReview
        | BundleStatus::InReview
        | BundleStatus::ProvisionallyApproved => "badge-info",
        BundleStatus::Draft | BundleStatus::Unknown => "",
    }
}

/// Why Twilio found a requirement not met, in plain words: `document` names the document
/// concerned, `end_user_type` whose details they are. Codes without words of their own fall
/// back to Twilio's reason.
pub fn requirement_failure(
    tr: &Tr,
    result: &EvaluationResult,
    document: &str,
    end_user_type: &str,
) -> String {
    let whose = if end_user_type == "individual" {
        "individual"
    } else {
        "business"
    };
    let id = match result.error_code {
        Some(twilio_codes::END_USER_MISSING) => "failure-end-user-missing",
        Some(twilio_codes::END_USER_FIELD_MISSING) => "failure-end-user-field-missing",
        Some(twilio_codes::DOCUMENT_MISSING) => "failure-document-missing",
        Some(twilio_codes::DOCUMENT_FIELD_MISSING) => "failure-document-field-missing",
        Some(twilio_codes::DOCUMENT_FIELD_MISMATCH) => "failure-document-field-mismatch",
        Some(twilio_codes::ADDRESS_MISSING) => "failure-address-missing",
        _ => {
            return result
                .failure_reason
                .clone()
                .unwrap_or_else(|| tr.t("failure-not-met"));
        }
    };
    tr.t2(id, "whose", whose, "document", document)
}

/// Why `result`, a failing requirement of `snapshot`'s evaluation, is not met, naming its
/// document as the regulation does (else as Twilio's evaluation does): the words the renewal
/// page heads that requirement's section with.
pub fn snapshot_failure(tr: &Tr, snapshot: &RenewalSnapshot, result: &EvaluationResult) -> String {
    let requirements = &snapshot.regulation.requirements;
    let document = requirements
        .accepted_in(&result.requirement_name, &result.object_type)
        .and_then(|a| a.name.clone())
        .unwrap_or_else(|| result.friendly_name.clone());
    requirement_failure(tr, result, &document, &snapshot.regulation.end_user_type)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, Zone};

    #[test]
    fn regulations_read_as_a_sentence() {
        let en = Tr::english();
        assert_eq!(
            regulation_in_words(&en, Some("FR"), Some("mobile"), Some("business")),
            "Mobile numbers in France, for a business"
        );
        assert_eq!(
            regulation_in_words(&en, Some("XX"), Some("toll-free"), Some("individual")),
            "Toll-free numbers in XX, for an individual"
        );
        assert_eq!(regulation_in_words(&en, None, None, None), "Phone numbers");
        let fr = Tr::new(Locale::Fr, Zone::utc());
        assert_eq!(
            regulation_in_words(&fr, Some("DE"), Some("mobile"), Some("business")),
            "Numéros mobiles en Allemagne, pour une entreprise"
        );
    }

    fn failing(code: Option<u32>, reason: Option<&str>) -> EvaluationResult {
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
        let en = Tr::english();
        let missing = failing(Some(twilio_codes::DOCUMENT_MISSING), None);
        assert_eq!(
            requirement_failure(&en, &missing, "Passport", "individual"),
            "Twilio needs a document: Passport. Please add it below."
        );
        let end_user = failing(Some(twilio_codes::END_USER_FIELD_MISSING), None);
        assert_eq!(
            requirement_failure(&en, &end_user, "Passport", "individual"),
            "Some of your personal details are missing or incomplete."
        );
        assert!(requirement_failure(&en, &end_user, "", "business").contains("business details"));
    }

    #[test]
    fn unknown_codes_fall_back_to_twilios_reason() {
        let en = Tr::english();
        let other = failing(Some(99999), Some("Twilio says no."));
        assert_eq!(
            requirement_failure(&en, &other, "", "business"),
            "Twilio says no."
        );
        assert_eq!(
            requirement_failure(&en, &failing(None, None), "", "business"),
            "This requirement is not met yet."
        );
    }
}
