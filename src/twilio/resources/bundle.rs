//! Bundles and Bundle Copies (rows 1–8 of docs/emulator-fidelity.md).

use crate::domain::sid::{AccountSid, BundleSid, RegulationSid};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A Bundle's status. `Unknown` keeps decoding working if Twilio adds a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BundleStatus {
    /// Editable; items can be assigned.
    Draft,
    /// Submitted to Twilio.
    PendingReview,
    /// Under review by Twilio.
    InReview,
    /// Does not meet the regulation.
    TwilioRejected,
    /// Meets the regulation.
    TwilioApproved,
    /// In the enum, undocumented; not treated as approved.
    ProvisionallyApproved,
    /// A value this version does not know.
    #[serde(other)]
    Unknown,
}

impl BundleStatus {
    /// Every status Twilio gives a bundle, in lifecycle order (all but [`Self::Unknown`]).
    pub const KNOWN: [BundleStatus; 6] = [
        Self::Draft,
        Self::PendingReview,
        Self::InReview,
        Self::TwilioRejected,
        Self::TwilioApproved,
        Self::ProvisionallyApproved,
    ];

    /// The wire value (`twilio-approved`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingReview => "pending-review",
            Self::InReview => "in-review",
            Self::TwilioRejected => "twilio-rejected",
            Self::TwilioApproved => "twilio-approved",
            Self::ProvisionallyApproved => "provisionally-approved",
            Self::Unknown => "unknown",
        }
    }
}

/// The wire value, as staff pages show it.
impl std::fmt::Display for BundleStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads a wire (or stored) value; like the JSON decoding, a value this version does not know
/// is [`BundleStatus::Unknown`], so it never fails.
impl std::str::FromStr for BundleStatus {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self::KNOWN
            .into_iter()
            .find(|status| status.as_str() == text)
            .unwrap_or(Self::Unknown))
    }
}

/// `individual` or `business`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndUserType {
    /// A person.
    Individual,
    /// A company.
    Business,
}

impl EndUserType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Individual => "individual",
            Self::Business => "business",
        }
    }
}

/// A Regulatory Compliance Bundle. Also what Copies and ReplaceItems return (those omit `url`
/// and `links`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Bundle {
    /// `BU…`.
    pub sid: BundleSid,
    /// `AC…`.
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// `RN…`.
    #[serde(default)]
    pub regulation_sid: Option<RegulationSid>,
    /// Display name.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Review status.
    pub status: BundleStatus,
    /// The deadline Twilio set after a regulation change; `None` normally.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub valid_until: Option<OffsetDateTime>,
    /// Receives Twilio's status emails.
    #[serde(default)]
    pub email: Option<String>,
    /// Where Twilio posts status callbacks.
    #[serde(default)]
    pub status_callback: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_created: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(default, deserialize_with = "super::timestamp::option")]
    pub date_updated: Option<OffsetDateTime>,
    /// The resource URL (absent on copies).
    #[serde(default)]
    pub url: Option<String>,
    /// Sub-resource URLs (absent on copies).
    #[serde(default)]
    pub links: Option<HashMap<String, String>>,
}

/// A Bundle Copy is a Bundle (same `BU` SIDs, same fields minus `url`/`links`).
pub type BundleCopy = Bundle;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundle_status_round_trips_and_an_unknown_one_reads_as_unknown() {
        for status in BundleStatus::KNOWN {
            assert_eq!(status.as_str().parse::<BundleStatus>(), Ok(status));
        }
        assert_eq!("unknown".parse::<BundleStatus>(), Ok(BundleStatus::Unknown));
        assert_eq!(
            "twilio-approved".parse::<BundleStatus>(),
            Ok(BundleStatus::TwilioApproved)
        );
        assert_eq!(
            "archived".parse::<BundleStatus>(),
            Ok(BundleStatus::Unknown)
        );
        assert_eq!("".parse::<BundleStatus>(), Ok(BundleStatus::Unknown));
    }

    #[test]
    fn a_bundle_status_displays_as_its_wire_value() {
        for status in BundleStatus::KNOWN {
            assert_eq!(status.to_string(), status.as_str());
        }
        assert_eq!(BundleStatus::TwilioApproved.to_string(), "twilio-approved");
        assert_eq!(BundleStatus::Unknown.to_string(), "unknown");
    }

    #[test]
    fn a_bundle_decodes_with_unknown_keys_and_a_deadline() {
        let json = r#"{"sid": "BU0123456789abcdef0123456789abcdef", "account_sid": "AC1",
            "regulation_sid": "RN1", "friendly_name": "Acme", "status": "twilio-approved",
            "valid_until": "2030-06-01T00:00:00Z", "email": "a@example.com", "status_callback": null,
            "date_created": "2019-07-30T22:29:24Z", "date_updated": "2019-07-31T01:09:00Z",
            "url": "https://numbers.twilio.com/v2/RegulatoryCompliance/Bundles/BU0123456789abcdef0123456789abcdef",
            "links": {"evaluations": "e"}, "brand_new_field": [1, 2]}"#;
        let bundle: Bundle = serde_json::from_str(json).unwrap();
        assert_eq!(bundle.status, BundleStatus::TwilioApproved);
        assert_eq!(bundle.valid_until.unwrap().year(), 2030);
        assert_eq!(bundle.links.unwrap()["evaluations"], "e");
    }

    #[test]
    fn a_copy_without_url_or_links_and_an_unknown_status_still_decode() {
        let json = r#"{"sid": "BU1", "status": "some-new-status", "valid_until": null}"#;
        let copy: BundleCopy = serde_json::from_str(json).unwrap();
        assert_eq!(copy.status, BundleStatus::Unknown);
        assert!(copy.url.is_none() && copy.valid_until.is_none());
    }
}
