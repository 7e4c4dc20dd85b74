//! Path globs for fault rules: `*` matches within one segment, `**` matches across segments.

/// Whether `path` matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    match_bytes(pattern.as_bytes(), path.as_bytes())
}

fn match_bytes(pattern: &[u8], text: &[u8]) -> bool {
    match pattern {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => (0..=text.len()).any(|i| match_bytes(rest, &text[i..])),
        [b'*', rest @ ..] => {
            let segment_end = text.iter().position(|&b| b == b'/').unwrap_or(text.len());
            (0..=segment_end).any(|i| match_bytes(rest, &text[i..]))
        }
        [p, rest @ ..] => text.first() == Some(p) && match_bytes(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn single_star_stays_within_a_segment() {
        let pattern = "/v2/RegulatoryCompliance/Bundles/*";
        assert!(matches(pattern, "/v2/RegulatoryCompliance/Bundles/BU1"));
        assert!(!matches(
            pattern,
            "/v2/RegulatoryCompliance/Bundles/BU1/Copies"
        ));
        assert!(!matches(pattern, "/v2/RegulatoryCompliance/Bundles"));
    }

    #[test]
    fn double_star_crosses_segments() {
        assert!(matches(
            "/v2/**",
            "/v2/RegulatoryCompliance/Bundles/BU1/Copies"
        ));
        assert!(matches("**", "/anything"));
        assert!(matches("/v2/*/Bundles", "/v2/RegulatoryCompliance/Bundles"));
    }
}
