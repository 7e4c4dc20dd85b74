//! Emulator time: real time plus an offset that the control API advances. Timestamps are whole
//! Unix seconds, rendered as ISO 8601 UTC without fractions (`2019-07-30T22:29:24Z`).

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// Whole seconds since the Unix epoch.
pub type Timestamp = i64;

/// Real time now, in Unix seconds.
pub fn real_now() -> Timestamp {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Real time now, in milliseconds since the epoch (callback scheduling).
pub fn real_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default()
}

/// Emulator time for a given offset.
pub fn now_with_offset(offset_seconds: i64) -> Timestamp {
    real_now() + offset_seconds
}

/// `Tue, 30 Jul 2019 22:29:24 +0000`: the RFC 2822 dates of Twilio's 2010-04-01 API.
pub fn format_rfc2822(ts: Timestamp) -> String {
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] +0000"
    );
    OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// `2019-07-30T22:29:24Z`.
pub fn format(ts: Timestamp) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// Parses an RFC 3339 date-time (`2030-06-01T00:00:00Z`, offsets allowed).
pub fn parse(text: &str) -> Option<Timestamp> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_without_fractions_and_parses_back() {
        assert_eq!(format(1_564_525_764), "2019-07-30T22:29:24Z");
        assert_eq!(parse("2019-07-30T22:29:24Z"), Some(1_564_525_764));
        assert_eq!(parse("2019-07-31T00:29:24+02:00"), Some(1_564_525_764));
        assert_eq!(parse("yesterday"), None);
    }
}
