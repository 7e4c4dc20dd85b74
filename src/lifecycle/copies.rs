//! Telling Bundle Copies from originals. A copy is an ordinary bundle at Twilio and appears in
//! the account's bundle list, so discovery must be told which listed bundles are copies; it
//! never mirrors one as an original. A bundle is a copy when
//!
//! - the registry (`db::bundle_copies`) knows it: preparation records each copy it makes the
//!   moment Twilio answers the create, before its own transaction commits, and sweeps record
//!   the copies Twilio lists;
//! - it carries recomply's copy name (`recomply renewal <renewal id>`), which covers the
//!   instant between Twilio's answer and that record;
//! - Twilio lists it among the copies of another of the tenant's bundles.
//!
//! The last costs one call per approved bundle, so a sweep asks only when it sees a bundle
//! that is not approved, not known as a copy and not checked by an earlier sweep, and the
//! answer is kept (copies in the registry, `bundle.copy_checked_at` on originals). A copy is
//! created as a draft, so a sweep sees it unapproved, and checks it, long before Twilio's
//! review can approve it.

use std::collections::HashSet;

use uuid::Uuid;

use super::engine::Engine;
use crate::db::bundle_copies::{self, KnownCopy};
use crate::db::bundles::{self, CopiesRemoved};
use crate::domain::ids::{RenewalId, TenantId};
use crate::twilio::{Bundle, BundleStatus, TenantTwilio, TwilioError};

/// What every copy recomply makes is called, before its renewal id.
pub const COPY_NAME_PREFIX: &str = "recomply renewal ";

/// The FriendlyName recomply gives the copy it makes for `renewal_id`.
pub fn copy_name(renewal_id: RenewalId) -> String {
    format!("{COPY_NAME_PREFIX}{renewal_id}")
}

/// Whether `name` is one recomply gives its copies.
pub fn carries_copy_name(name: Option<&str>) -> bool {
    name.and_then(|name| name.strip_prefix(COPY_NAME_PREFIX))
        .is_some_and(|rest| Uuid::try_parse(rest).is_ok())
}

/// The originals among `bundles`. A bundle carrying recomply's copy name is recorded as a copy,
/// so the correction pass finds its mirrored row too.
pub async fn originals_among<'a>(
    db: &sqlx::PgPool,
    tenant_id: TenantId,
    bundles: &[&'a Bundle],
) -> sqlx::Result<Vec<&'a Bundle>> {
    let sids: Vec<String> = bundles.iter().map(|b| b.sid.to_string()).collect();
    let known: HashSet<String> = bundle_copies::known_among(db, tenant_id, &sids)
        .await?
        .into_iter()
        .collect();
    let mut originals = Vec::with_capacity(bundles.len());
    for &bundle in bundles {
        if carries_copy_name(bundle.friendly_name.as_deref()) {
            let copy = KnownCopy {
                copy_sid: &bundle.sid,
                original_sid: None,
                renewal_id: None,
            };
            bundle_copies::record(db, tenant_id, copy).await?;
        } else if !known.contains(bundle.sid.as_str()) {
            originals.push(bundle);
        }
    }
    Ok(originals)
}

/// Asks Twilio, when `listed` holds a bundle that may be an unknown copy, for the copies of
/// every approved bundle, and records them. Returns whether it asked, i.e. whether every
/// listed bundle not recorded as a copy is now known to be an original.
pub async fn record_listed_copies(
    engine: &Engine,
    twilio: &TenantTwilio,
    listed: &[&Bundle],
) -> anyhow::Result<bool> {
    let tenant_id = twilio.tenant_id();
    let sids: Vec<String> = listed.iter().map(|b| b.sid.to_string()).collect();
    let known: HashSet<String> = bundle_copies::known_among(&engine.db, tenant_id, &sids)
        .await?
        .into_iter()
        .collect();
    let checked: HashSet<String> = bundles::copy_checked_among(&engine.db, tenant_id, &sids)
        .await?
        .into_iter()
        .collect();
    let unsure = listed.iter().any(|bundle| {
        bundle.status != BundleStatus::TwilioApproved
            && !carries_copy_name(bundle.friendly_name.as_deref())
            && !known.contains(bundle.sid.as_str())
            && !checked.contains(bundle.sid.as_str())
    });
    if !unsure {
        return Ok(false);
    }
    let originals = listed.iter().filter(|bundle| {
        bundle.status == BundleStatus::TwilioApproved && !known.contains(bundle.sid.as_str())
    });
    for original in originals {
        let copies = match twilio.list_all_bundle_copies(&original.sid).await {
            Ok(copies) => copies,
            Err(TwilioError::NotFound { .. }) => continue,
            Err(error) => return Err(error.into()),
        };
        for copy in copies {
            let copy = KnownCopy {
                copy_sid: &copy.sid,
                original_sid: Some(&original.sid),
                renewal_id: None,
            };
            bundle_copies::record(&engine.db, tenant_id, copy).await?;
        }
    }
    Ok(true)
}

/// The correction pass: mirrored rows that turned out to be copies go (or are archived when a
/// renewal's timeline refers to them). Rows mirrored under recomply's copy name are recorded
/// as copies first, even when the copy itself is gone from Twilio.
pub async fn correct_mirrored_copies(
    db: &sqlx::PgPool,
    tenant_id: TenantId,
) -> sqlx::Result<CopiesRemoved> {
    for (sid, name) in bundles::named_with_prefix(db, tenant_id, COPY_NAME_PREFIX).await? {
        if carries_copy_name(Some(&name)) {
            let copy = KnownCopy {
                copy_sid: &sid,
                original_sid: None,
                renewal_id: None,
            };
            bundle_copies::record(db, tenant_id, copy).await?;
        }
    }
    let removed = bundles::remove_known_copies(db, tenant_id).await?;
    if removed != CopiesRemoved::default() {
        tracing::warn!(%tenant_id, ?removed, "mirrored bundles that were copies corrected");
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_recomplys_own_copy_names_count() {
        let id = RenewalId::random();
        assert!(carries_copy_name(Some(&copy_name(id))));
        assert!(!carries_copy_name(Some(
            "recomply renewal of the Paris line"
        )));
        assert!(!carries_copy_name(Some("Acme UK mobile")));
        assert!(!carries_copy_name(None));
    }
}
