//! A tenant name and slug made from a Twilio subaccount's friendly name, within the tenant
//! form's rules (a name of 1–200 characters; a slug of lower-case letters, digits and hyphens,
//! up to 63, starting with a letter or digit).

/// The longest slug the tenant form accepts.
pub const SLUG_MAX: usize = 63;

/// The tenant name for a subaccount: its friendly name on one line, or its SID when blank.
pub fn tenant_name(friendly_name: &str, account_sid: &str) -> String {
    let one_line: String = friendly_name
        .split(char::is_control)
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = one_line.trim();
    if trimmed.is_empty() {
        return account_sid.to_owned();
    }
    trimmed.chars().take(200).collect()
}

/// A slug for `name`: ASCII letters and digits kept (lower-cased), every other run of
/// characters one hyphen; `tenant` when nothing is left.
pub fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(SLUG_MAX);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "tenant".to_owned()
    } else {
        slug.to_owned()
    }
}

/// The `n`th candidate for `base` (`base`, `base-2`, `base-3`, …), still within the limit.
pub fn candidate(base: &str, n: u32) -> String {
    if n <= 1 {
        return base.to_owned();
    }
    let suffix = format!("-{n}");
    let keep = SLUG_MAX - suffix.len();
    let stem = base.get(..base.len().min(keep)).unwrap_or(base);
    format!("{}{suffix}", stem.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_friendly_name_becomes_a_slug_the_tenant_form_accepts() {
        assert_eq!(slug_from("Acme Telecom Ltd."), "acme-telecom-ltd");
        assert_eq!(slug_from("  Café & Co  "), "caf-co");
        assert_eq!(slug_from("日本"), "tenant");
        assert_eq!(slug_from(&"x".repeat(80)).len(), SLUG_MAX);
        assert_eq!(candidate("acme", 1), "acme");
        assert_eq!(candidate("acme", 3), "acme-3");
        assert_eq!(candidate(&"y".repeat(63), 12).len(), SLUG_MAX);
    }

    #[test]
    fn a_blank_friendly_name_names_the_tenant_after_its_account() {
        assert_eq!(tenant_name(" \t", "AC00"), "AC00");
        assert_eq!(tenant_name("Acme\nLtd", "AC00"), "Acme Ltd");
    }
}
