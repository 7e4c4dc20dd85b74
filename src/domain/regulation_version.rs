//! A regulation version: the requirements recomply read for one regulation, identified by their
//! content (Twilio gives a Regulation no version field), and when a stored one may be used
//! instead of asking Twilio again.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::requirements::Requirements;
use super::snapshot::SnapshotRegulation;

/// The database id of one stored version.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct RegulationVersionId(i64);

impl RegulationVersionId {
    /// Wraps an id read from the database.
    pub fn from_trusted(id: i64) -> Self {
        Self(id)
    }

    /// The id as stored.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// A stored version: the regulation as read, and when its content was first and last seen.
#[derive(Debug, Clone, PartialEq)]
pub struct RegulationVersion {
    /// Its id.
    pub id: RegulationVersionId,
    /// The regulation's words and requirements.
    pub regulation: SnapshotRegulation,
    /// The first read that returned this content.
    pub first_seen_at: OffsetDateTime,
    /// The latest read that returned this content.
    pub last_seen_at: OffsetDateTime,
}

/// SHA-256 (hex) of the requirements' canonical JSON: object keys sorted, no whitespace, so the
/// same requirements always hash alike whatever order Twilio sent them in.
pub fn content_hash(requirements: &Requirements) -> String {
    let value = serde_json::to_value(requirements).unwrap_or_default();
    let canonical = serde_json::to_vec(&value).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the latest stored read (at `last_read`) may stand in for a fresh one at `now`: it is
/// younger than `max_age` and, when a regulation change was noticed (a deadline first seen at
/// `change_noticed`), it was read after that.
pub fn is_fresh(
    last_read: OffsetDateTime,
    now: OffsetDateTime,
    max_age: Duration,
    change_noticed: Option<OffsetDateTime>,
) -> bool {
    now - last_read <= max_age && change_noticed.is_none_or(|noticed| last_read >= noticed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::requirements::{EndUserRequirement, FieldSpec};
    use time::macros::datetime;

    fn requirements(fields: &[&str]) -> Requirements {
        Requirements {
            end_users: vec![EndUserRequirement {
                requirement_name: Some("business_info".into()),
                name: Some("Business".into()),
                end_user_type: Some("business".into()),
                fields: fields.iter().map(|f| FieldSpec::named(f)).collect(),
            }],
            documents: Vec::new(),
        }
    }

    #[test]
    fn the_same_requirements_hash_alike_and_a_change_hashes_differently() {
        let a = content_hash(&requirements(&["business_name"]));
        assert_eq!(a, content_hash(&requirements(&["business_name"])));
        assert_eq!(a.len(), 64);
        assert_ne!(
            a,
            content_hash(&requirements(&["business_name", "vat_number"]))
        );
    }

    #[test]
    fn a_stored_read_is_fresh_within_its_age_and_after_a_noticed_change() {
        let read = datetime!(2026-12-01 10:00 UTC);
        let hour = Duration::hours(1);
        assert!(is_fresh(read, read + Duration::minutes(59), hour, None));
        assert!(!is_fresh(read, read + Duration::minutes(61), hour, None));
        let before = Some(read - Duration::seconds(1));
        assert!(is_fresh(read, read, hour, before));
        let after = Some(read + Duration::seconds(1));
        assert!(
            !is_fresh(read, read + Duration::seconds(2), hour, after),
            "a change noticed after the read needs a new read"
        );
    }
}
