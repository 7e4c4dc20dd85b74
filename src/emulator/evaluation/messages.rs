//! Failure texts and error codes of Evaluation results (verbatim templates from
//! Twilio's published Evaluation example where one exists).

/// No End-User of the required type.
pub const END_USER_MISSING: u32 = 22214;
/// End-User field missing or invalid.
pub const END_USER_FIELD: u32 = 22215;
/// No Supporting Document for a requirement.
pub const DOCUMENT_MISSING: u32 = 22216;
/// Supporting Document field missing or not equal to the End-User's.
pub const DOCUMENT_FIELD: u32 = 22217;
/// Address (`address_sids`) missing.
pub const ADDRESS_MISSING: u32 = 22219;

/// `A` or `An` before `noun` ("An Excerpt…", "A Government-issued ID", "A Utility bill"):
/// by the first letter, with the common English exceptions where the sound differs.
pub fn article(noun: &str) -> &'static str {
    const CONSONANT_SOUND: &[&str] = &["uni", "use", "usa", "usu", "uti", "ure", "eu", "one"];
    const VOWEL_SOUND: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    let lower = noun.to_lowercase();
    if CONSONANT_SOUND.iter().any(|p| lower.starts_with(p)) {
        return "A";
    }
    if VOWEL_SOUND.iter().any(|p| lower.starts_with(p)) {
        return "An";
    }
    match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "An",
        _ => "A",
    }
}

/// 22214: "A Business End-User is missing. …"
pub fn end_user_missing(end_user_name: &str) -> String {
    format!(
        "{} {end_user_name} End-User is missing. Please add one to the regulatory bundle.",
        article(end_user_name)
    )
}

/// 22215, field absent.
pub fn end_user_field_missing(field: &str, end_user_name: &str) -> String {
    format!("The {field} is missing. Please enter in a {field} on the {end_user_name} information.")
}

/// 22215, field present but not matching its pattern. No published Twilio text: inferred from
/// the "missing" template.
pub fn end_user_field_invalid(field: &str, end_user_name: &str) -> String {
    format!(
        "The {field} is invalid. Please enter in a valid {field} on the {end_user_name} information."
    )
}

/// 22216: "A(n) {document} is missing. …"
pub fn document_missing(document_name: &str) -> String {
    format!(
        "{} {document_name} is missing. Please add one to the regulatory bundle.",
        article(document_name)
    )
}

/// 22217 for a field that must equal the End-User's.
pub fn document_field_mismatch(field: &str, end_user_name: &str, document_name: &str) -> String {
    format!(
        "The {field} is missing. Or, it does not match the {field} you entered within \
         {end_user_name} information. Please enter in the {field} shown on the {document_name} \
         or make sure both {field} fields use the same exact inputs."
    )
}

/// 22217 for a field that is only required.
pub fn document_field_missing(field: &str, document_name: &str) -> String {
    format!("The {field} is missing. Please enter in the {field} shown on the {document_name}.")
}

/// 22219.
pub fn address_missing(document_name: &str) -> String {
    format!("The Address is missing. Please enter in the address shown on the {document_name}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_follows_the_first_letter() {
        assert_eq!(article("Excerpt from the commercial register"), "An");
        assert_eq!(article("Executed Copy of Power of Attorney"), "An");
        assert_eq!(article("Individual"), "An");
        assert_eq!(article("Government-issued ID"), "A");
        assert_eq!(article("Business"), "A");
        assert_eq!(article(""), "A");
        assert_eq!(article("Utility bill"), "A");
        assert_eq!(article("Upload"), "An");
        assert_eq!(article("Hourly statement"), "An");
    }

    #[test]
    fn templates_match_twilio_wording() {
        assert_eq!(
            end_user_missing("Business"),
            "A Business End-User is missing. Please add one to the regulatory bundle."
        );
        assert_eq!(
            end_user_field_missing("Business Name", "Business"),
            "The Business Name is missing. Please enter in a Business Name on the Business information."
        );
        assert_eq!(
            document_field_missing(
                "Document Number",
                "Excerpt from the commercial register (Extrait K-bis)"
            ),
            "The Document Number is missing. Please enter in the Document Number shown on the Excerpt from the commercial register (Extrait K-bis)."
        );
    }
}
