//! Twilio's error codes that recomply acts on or explains to customers, by name, all of one
//! type (`u32`, as Twilio's error bodies and evaluations carry them). Evaluation results carry
//! one of the `22214`–`22219` codes for each requirement that is not met. What a customer is
//! told about a code lives with the rest of the customer wording.

/// "Authenticate": the credentials were refused (HTTP 401).
pub const UNAUTHORIZED: u32 = 20003;
/// The resource was not found (HTTP 404).
pub const NOT_FOUND: u32 = 20404;
/// Too many concurrent requests (HTTP 429).
pub const RATE_LIMITED: u32 = 20429;

/// The regulation's End-User is missing from the bundle.
pub const END_USER_MISSING: u32 = 22214;
/// A field of the End-User is missing.
pub const END_USER_FIELD_MISSING: u32 = 22215;
/// A Supporting Document the regulation asks for is missing.
pub const DOCUMENT_MISSING: u32 = 22216;
/// A field of a Supporting Document is missing, or does not match the End-User's value.
pub const DOCUMENT_FIELD_MISSING: u32 = 22217;
/// A field of a Supporting Document does not match the End-User's field.
pub const DOCUMENT_FIELD_MISMATCH: u32 = 22218;
/// The address a document needs is missing.
pub const ADDRESS_MISSING: u32 = 22219;

/// An address Twilio does not accept (a missing or malformed postal field).
pub const ADDRESS_INVALID: u32 = 21628;
/// An address Twilio could not validate.
pub const ADDRESS_NOT_VALIDATED: u32 = 21629;
/// The phone numbers need an address local to the area they cover.
pub const ADDRESS_NOT_LOCAL: u32 = 21615;
/// ReplaceItems: the copy's address differs from the original bundle's (a bundle keeps its
/// address).
pub const ADDRESS_MISMATCH: u32 = 22229;
/// An item references an address that was deleted.
pub const ADDRESS_DELETED: u32 = 22230;

/// ReplaceItems: the copy lacks the latest regulation requirements (it was not evaluated
/// against the current regulation).
pub const OUTDATED_COPY: u32 = 22228;

/// Twilio rejected a test bundle (one created with `IsTest=true`): every test bundle is
/// rejected with it, whatever it holds.
pub const TEST_BUNDLE_REJECTED: u32 = 18099;

/// Whether a rejection's failure reason names [`TEST_BUNDLE_REJECTED`]. Twilio's Bundle
/// resource does not say whether a bundle is a test bundle; the rejection's reason (the status
/// callback's `FailureReason`) is the only place it shows, so the code is looked for there.
pub fn names_test_bundle(failure_reason: &str) -> bool {
    failure_reason.contains(&TEST_BUNDLE_REJECTED.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_reason_naming_18099_marks_a_test_bundle() {
        assert!(names_test_bundle("Rejected test bundle (18099)"));
        assert!(names_test_bundle("Error 18099: Rejected test bundle"));
        assert!(!names_test_bundle("The address could not be verified"));
        assert!(!names_test_bundle(""));
    }
}
