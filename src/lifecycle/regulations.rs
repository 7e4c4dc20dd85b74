//! The regulation cache: a regulation with its constraints is read from Twilio once per
//! regulation and version, kept in Postgres (`db::regulation_versions`) and shared by every
//! renewal and tenant. A stored read is used while it is younger than
//! `RECOMPLY_REGULATION_MAX_AGE_SECS`; a bundle carrying a deadline that recomply had not seen
//! before announces a regulation change, so the first bundle to show it (whichever tenant)
//! causes one new read and every other bundle with that deadline uses it.

use time::OffsetDateTime;

use super::engine::Engine;
use super::reading;
use crate::db::regulation_versions;
use crate::domain::regulation_version::{RegulationVersion, is_fresh};
use crate::domain::sid::RegulationSid;
use crate::twilio::TenantTwilio;

/// How current the requirements must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Any recent version will do (the regulation's name for the bundle mirror).
    Recent,
    /// The version in force for a bundle stamped with this deadline (`valid_until`).
    CurrentFor(OffsetDateTime),
}

/// The regulation's stored version, read from Twilio first when the stored one does not meet
/// `need`.
pub async fn regulation(
    engine: &Engine,
    twilio: &TenantTwilio,
    sid: &RegulationSid,
    need: Need,
) -> anyhow::Result<RegulationVersion> {
    let noticed = match need {
        Need::Recent => None,
        Need::CurrentFor(deadline) => {
            Some(regulation_versions::notice_deadline(&engine.db, sid, deadline).await?)
        }
    };
    if let Some(latest) = regulation_versions::latest(&engine.db, sid).await? {
        let max_age = time::Duration::try_from(engine.settings.regulation_max_age)
            .unwrap_or(time::Duration::DAY);
        if is_fresh(
            latest.last_seen_at,
            OffsetDateTime::now_utc(),
            max_age,
            noticed,
        ) {
            return Ok(latest);
        }
    }
    let fetched = reading::fetch_regulation(twilio, sid.as_str()).await?;
    Ok(regulation_versions::record_read(&engine.db, &fetched).await?)
}

/// The version to compare with when a bundle is first seen already carrying a deadline: the
/// one recomply saw before the current version appeared (none when it saw no other).
pub async fn before(
    engine: &Engine,
    current: &RegulationVersion,
) -> anyhow::Result<Option<RegulationVersion>> {
    Ok(regulation_versions::previous(&engine.db, current).await?)
}

/// A mirrored bundle's regulation: its current words and the version to record on the bundle.
#[derive(Debug, Clone)]
pub struct BundleRegulation {
    /// The stored version (its words go onto the bundle row).
    pub version: RegulationVersion,
    /// The version the bundle is approved under, or was first seen under (whether it replaces
    /// what the row had is the mirror's rule: see `db::sweep_batch::PageBundle`).
    pub bundle_version: Option<crate::domain::regulation_version::RegulationVersionId>,
}

/// The regulation of `bundle` as the mirror needs it: current for a bundle with a deadline,
/// any recent version otherwise. An approved bundle without deadline is approved under the
/// current version; a bundle first seen with a deadline was approved under the version before.
pub async fn for_bundle(
    engine: &Engine,
    twilio: &TenantTwilio,
    bundle: &crate::twilio::Bundle,
) -> anyhow::Result<Option<BundleRegulation>> {
    let Some(sid) = bundle.regulation_sid.as_deref() else {
        return Ok(None);
    };
    let sid = RegulationSid::from_trusted(sid);
    let approved = bundle.status == crate::twilio::BundleStatus::TwilioApproved;
    let need = match bundle.valid_until {
        Some(deadline) if approved => Need::CurrentFor(deadline),
        _ => Need::Recent,
    };
    let version = regulation(engine, twilio, &sid, need).await?;
    let bundle_version = match (approved, bundle.valid_until) {
        (true, None) => Some(version.id),
        (true, Some(_)) => before(engine, &version).await?.map(|v| v.id),
        _ => None,
    };
    Ok(Some(BundleRegulation {
        version,
        bundle_version,
    }))
}
