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
