//! Time zones for dates shown to customers (the tenant's, by IANA name).

use std::fmt;

use jiff::tz::TimeZone;

/// A time zone by its IANA name (`Europe/Paris`), from the tz database compiled into the
/// binary.
#[derive(Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

/// A name that is not in the tz database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?} (use an IANA name such as Europe/Paris)")]
pub struct ZoneError(pub String);

/// A moment as the customer reads it on the wall clock of a [`Zone`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WallClock {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Day of the month.
    pub day: i8,
    /// `09:30`.
    pub time: String,
    /// The zone's abbreviation then (`CET`, `CEST`, `UTC`).
    pub abbreviation: String,
}

impl Zone {
    /// Coordinated Universal Time.
    pub fn utc() -> Self {
        Self {
            name: "UTC".to_owned(),
            tz: TimeZone::UTC,
        }
    }

    /// The zone called `name`.
    pub fn parse(name: &str) -> Result<Self, ZoneError> {
        let name = name.trim();
        let tz = TimeZone::get(name).map_err(|_| ZoneError(name.to_owned()))?;
        Ok(Self {
            name: name.to_owned(),
            tz,
        })
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name, as stored.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// `at` on this zone's wall clock.
    pub fn wall_clock(&self, at: time::OffsetDateTime) -> WallClock {
        let timestamp = jiff::Timestamp::from_second(at.unix_timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let zoned = timestamp.to_zoned(self.tz.clone());
        WallClock {
            year: zoned.year(),
            month: zoned.month(),
            day: zoned.day(),
            time: zoned.strftime("%H:%M").to_string(),
            abbreviation: zoned.strftime("%Z").to_string(),
        }
    }
}

impl std::str::FromStr for Zone {
    type Err = ZoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self::utc()
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name).finish()
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn wall_clocks_follow_the_zone_and_its_summer_time() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let winter = paris.wall_clock(datetime!(2027-01-14 23:30 UTC));
        assert_eq!((winter.day, winter.time.as_str()), (15, "00:30"));
        assert_eq!(winter.abbreviation, "CET");
        let summer = paris.wall_clock(datetime!(2027-07-14 09:30 UTC));
        assert_eq!(
            (summer.time.as_str(), summer.abbreviation.as_str()),
            ("11:30", "CEST")
        );
        assert_eq!(
            Zone::utc().wall_clock(datetime!(2027-07-14 09:30 UTC)).time,
            "09:30"
        );
    }

    #[test]
    fn every_zone_the_admin_form_suggests_exists() {
        for name in crate::i18n::COMMON_ZONES {
            assert!(Zone::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert_eq!(Zone::parse(" Asia/Tokyo ").unwrap().name(), "Asia/Tokyo");
    }
}
