//! Regulation versions: the requirements recomply read for each regulation, one row per
//! distinct content (shared by every tenant: regulations are public and hold no tenant data),
//! the deadlines that announced a change, and which version a bundle and a renewal refer to.
//! Bundle and renewal updates are scoped by tenant.

use serde_json::Value;
use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::regulation_version::{RegulationVersion, RegulationVersionId, content_hash};
use crate::domain::sid::RegulationSid;
use crate::domain::snapshot::SnapshotRegulation;

#[derive(FromRow)]
struct Row {
    regulation_version_id: RegulationVersionId,
    regulation_sid: RegulationSid,
    requirements: Value,
    friendly_name: String,
    iso_country: String,
    number_type: String,
    end_user_type: String,
    first_seen_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
}

impl Row {
    /// The version; requirements that no longer decode read as none (and are logged).
    fn into_version(self) -> RegulationVersion {
        let requirements = serde_json::from_value(self.requirements).unwrap_or_else(|error| {
            tracing::error!(%error, "stored regulation requirements do not decode");
            Default::default()
        });
        RegulationVersion {
            id: self.regulation_version_id,
            regulation: SnapshotRegulation {
                sid: self.regulation_sid,
                friendly_name: self.friendly_name,
                iso_country: self.iso_country,
                number_type: self.number_type,
                end_user_type: self.end_user_type,
                requirements,
            },
            first_seen_at: self.first_seen_at,
            last_seen_at: self.last_seen_at,
        }
    }
}

/// Records one read of `regulation`: a new version when its content is new, otherwise the
/// known version seen again (its words refreshed). Returns the version.
pub async fn record_read(
    db: impl PgExecutor<'_>,
    regulation: &SnapshotRegulation,
) -> sqlx::Result<RegulationVersion> {
    sqlx::query_as!(
        Row,
        r#"insert into regulation_version (regulation_sid, content_hash, requirements,
             friendly_name, iso_country, number_type, end_user_type)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (regulation_sid, content_hash) do update set
             last_seen_at = greatest(regulation_version.last_seen_at, now()),
             friendly_name = excluded.friendly_name, iso_country = excluded.iso_country,
             number_type = excluded.number_type, end_user_type = excluded.end_user_type
         returning regulation_version_id as "regulation_version_id: RegulationVersionId",
             regulation_sid as "regulation_sid: RegulationSid", requirements, friendly_name,
    iso_country, number_type, end_user_type, first_seen_at, last_seen_at"#,
        &regulation.sid,
        content_hash(&regulation.requirements),
        sqlx::types::Json(&regulation.requirements) as _,
        &regulation.friendly_name,
        &regulation.iso_country,
        &regulation.number_type,
        &regulation.end_user_type,
    )
    .fetch_one(db)
    .await
    .map(Row::into_version)
}

/// The most recently seen version of a regulation.
pub async fn latest(
    db: impl PgExecutor<'_>,
    regulation_sid: &RegulationSid,
) -> sqlx::Result<Option<RegulationVersion>> {
    sqlx::query_as!(
        Row,
        r#"select regulation_version_id as "regulation_version_id: RegulationVersionId",
            regulation_sid as "regulation_sid: RegulationSid", requirements, friendly_name,
    iso_country, number_type, end_user_type, first_seen_at,
        last_seen_at from regulation_version where regulation_sid = $1
         order by last_seen_at desc, regulation_version_id desc limit 1"#,
        regulation_sid,
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Row::into_version))
}

/// The version seen before `version` appeared (the newest other version first seen earlier).
pub async fn previous(
    db: impl PgExecutor<'_>,
    version: &RegulationVersion,
) -> sqlx::Result<Option<RegulationVersion>> {
    sqlx::query_as!(
        Row,
        r#"select regulation_version_id as "regulation_version_id: RegulationVersionId",
            regulation_sid as "regulation_sid: RegulationSid", requirements, friendly_name,
    iso_country, number_type, end_user_type, first_seen_at, last_seen_at from regulation_version
         where regulation_sid = $1 and regulation_version_id <> $2 and first_seen_at <= $3
         order by last_seen_at desc, regulation_version_id desc limit 1"#,
        &version.regulation.sid,
        version.id as _,
        version.first_seen_at,
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Row::into_version))
}

/// One version by id.
pub async fn find(
    db: impl PgExecutor<'_>,
    id: RegulationVersionId,
) -> sqlx::Result<Option<RegulationVersion>> {
    sqlx::query_as!(
        Row,
        r#"select regulation_version_id as "regulation_version_id: RegulationVersionId",
            regulation_sid as "regulation_sid: RegulationSid", requirements, friendly_name,
    iso_country, number_type, end_user_type, first_seen_at,
        last_seen_at from regulation_version where regulation_version_id = $1"#,
        id as _,
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Row::into_version))
}

/// Every version of a regulation, oldest first.
pub async fn list_for_regulation(
    db: impl PgExecutor<'_>,
    regulation_sid: &RegulationSid,
) -> sqlx::Result<Vec<RegulationVersion>> {
    sqlx::query_as!(
        Row,
        r#"select regulation_version_id as "regulation_version_id: RegulationVersionId",
            regulation_sid as "regulation_sid: RegulationSid", requirements, friendly_name,
    iso_country, number_type, end_user_type, first_seen_at,
        last_seen_at from regulation_version where regulation_sid = $1
         order by first_seen_at, regulation_version_id"#,
        regulation_sid,
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(Row::into_version).collect())
}

/// When a deadline of this regulation was first seen on any bundle (recorded now if never).
pub async fn notice_deadline(
    db: impl PgExecutor<'_> + Copy,
    regulation_sid: &RegulationSid,
    valid_until: OffsetDateTime,
) -> sqlx::Result<OffsetDateTime> {
    sqlx::query_scalar!(
        r#"with added as (
             insert into regulation_deadline (regulation_sid, valid_until) values ($1, $2)
             on conflict do nothing returning noticed_at)
         select noticed_at as "noticed_at!" from added
         union all
         select noticed_at from regulation_deadline where regulation_sid = $1 and valid_until = $2
         limit 1"#,
        regulation_sid,
        valid_until,
    )
    .fetch_one(db)
    .await
}

/// Records the version a renewal's copy was prepared under.
pub async fn set_renewal_version(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    version: RegulationVersionId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update renewal set regulation_version_id = $3 where tenant_id = $1 and renewal_id = $2",
        tenant_id as _,
        renewal_id as _,
        version as _,
    )
    .execute(db)
    .await
    .map(drop)
}

/// After a renewal completes, its bundle is approved under the version its copy was prepared
/// under.
pub async fn adopt_renewal_version(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update bundle b set regulation_version_id = r.regulation_version_id
         from renewal r
         where r.bundle_id = b.bundle_id and r.tenant_id = $1 and b.tenant_id = $1
             and r.renewal_id = $2 and r.regulation_version_id is not null",
        tenant_id as _,
        renewal_id as _,
    )
    .execute(db)
    .await
    .map(drop)
}

/// A renewal's two version ids and their stored requirements, as read.
type VersionPair = (
    Option<RegulationVersionId>,
    Option<RegulationVersionId>,
    Option<Value>,
    Option<Value>,
);

/// The requirements of a renewal's two versions in one read: (baseline id, current id,
/// baseline requirements, current requirements); `None` for an unknown renewal. Requirements
/// that no longer decode read as none (and are logged).
pub async fn renewal_requirements(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Option<RenewalRequirements>> {
    let row: Option<VersionPair> = sqlx::query!(
        r#"select r.baseline_version_id as "baseline_version_id: RegulationVersionId",
                 r.regulation_version_id as "regulation_version_id: RegulationVersionId",
                 b.requirements as "baseline_requirements?", c.requirements as "requirements?"
             from renewal r
             left join regulation_version b on b.regulation_version_id = r.baseline_version_id
             left join regulation_version c on c.regulation_version_id = r.regulation_version_id
             where r.tenant_id = $1 and r.renewal_id = $2"#,
        tenant_id as _,
        renewal_id as _,
    )
    .map(|row| {
        (
            row.baseline_version_id,
            row.regulation_version_id,
            row.baseline_requirements,
            row.requirements,
        )
    })
    .fetch_optional(db)
    .await?;
    let decode = |value: Option<Value>| {
        value.map(|v| {
            serde_json::from_value(v).unwrap_or_else(|error| {
                tracing::error!(%error, "stored regulation requirements do not decode");
                Default::default()
            })
        })
    };
    Ok(row.map(
        |(baseline_id, current_id, baseline, current)| RenewalRequirements {
            baseline_id,
            current_id,
            baseline: decode(baseline),
            current: decode(current),
        },
    ))
}

/// A renewal's two versions with their requirements (see [`renewal_requirements`]).
#[derive(Debug, Clone)]
pub struct RenewalRequirements {
    /// The bundle's version when the renewal opened.
    pub baseline_id: Option<RegulationVersionId>,
    /// The version its copy was prepared under.
    pub current_id: Option<RegulationVersionId>,
    /// The baseline's requirements.
    pub baseline: Option<crate::domain::requirements::Requirements>,
    /// The current version's requirements.
    pub current: Option<crate::domain::requirements::Requirements>,
}

/// One regulation as the staff list shows it.
#[derive(Debug, Clone, FromRow)]
pub struct RegulationSummary {
    /// `RN…`.
    pub regulation_sid: RegulationSid,
    /// Its latest name.
    pub friendly_name: String,
    /// How many distinct versions recomply has read.
    pub versions: i64,
    /// The latest read.
    pub last_seen_at: OffsetDateTime,
    /// Bundles (of every tenant) under it.
    pub bundles: i64,
}

/// Every regulation recomply has read, most recently seen first.
pub async fn list_regulations(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<RegulationSummary>> {
    sqlx::query_as!(
        RegulationSummary,
        r#"select v.regulation_sid as "regulation_sid: RegulationSid",
             (array_agg(v.friendly_name order by v.last_seen_at desc))[1] as "friendly_name!",
             count(*) as "versions!", max(v.last_seen_at) as "last_seen_at!",
             (select count(*) from bundle b
              where b.regulation_sid = v.regulation_sid and b.archived_at is null) as "bundles!"
         from regulation_version v group by v.regulation_sid
         order by max(v.last_seen_at) desc"#,
    )
    .fetch_all(db)
    .await
}
