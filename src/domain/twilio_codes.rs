//! Twilio's error codes that recomply acts on or explains to customers, by name. Evaluation
//! results carry one of the `22214`–`22219` codes for each requirement that is not met.

/// The regulation's End-User is missing from the bundle.
pub const END_USER_MISSING: i64 = 22214;
/// A field of the End-User is missing.
pub const END_USER_FIELD_MISSING: i64 = 22215;
/// A Supporting Document the regulation asks for is missing.
pub const DOCUMENT_MISSING: i64 = 22216;
/// A field of a Supporting Document is missing, or does not match the End-User's value.
pub const DOCUMENT_FIELD_MISSING: i64 = 22217;
/// A field of a Supporting Document does not match the End-User's field.
pub const DOCUMENT_FIELD_MISMATCH: i64 = 22218;
/// The address a document needs is missing.
pub const ADDRESS_MISSING: i64 = 22219;

/// Twilio rejected a test bundle (one created with `IsTest=true`): every test bundle is
/// rejected with it, whatever it holds.
pub const TEST_BUNDLE_REJECTED: i64 = 18099;

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
