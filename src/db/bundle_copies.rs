//! The `bundle_copy` registry: every Bundle Copy recomply knows of (its own, and those Twilio
//! lists under a tenant's bundles), so discovery never mirrors a copy as an original.

use sqlx::PgExecutor;

use crate::domain::ids::{RenewalId, TenantId};

/// One known copy.
#[derive(Debug, Clone, Copy)]
pub struct KnownCopy<'a> {
    /// The copy (`BU…`).
    pub copy_sid: &'a str,
    /// The bundle it was copied from, when known.
    pub original_sid: Option<&'a str>,
    /// The renewal it was made for (recomply's own copies).
    pub renewal_id: Option<RenewalId>,
}

/// Records a copy (again): what was unknown before is filled in, nothing known is lost.
pub async fn record(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    copy: KnownCopy<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into bundle_copy (tenant_id, copy_sid, original_sid, renewal_id)
         values ($1, $2, $3, $4)
         on conflict (tenant_id, copy_sid) do update set
             original_sid = coalesce(bundle_copy.original_sid, excluded.original_sid),
             renewal_id = coalesce(bundle_copy.renewal_id, excluded.renewal_id)",
        tenant_id as _,
        copy.copy_sid,
        copy.original_sid,
        copy.renewal_id as _,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Whether `sid` is (or was) a copy the tenant's registry or any of its renewals knows of.
pub async fn is_known(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sid: &str,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from bundle_copy where tenant_id = $1 and copy_sid = $2)
             or exists (select 1 from renewal where tenant_id = $1 and copy_sid = $2) as "exists!""#,
        tenant_id as _,
        sid,
    )
    .fetch_one(db)
    .await
}

/// Of `sids`, those the tenant's registry or renewals know as copies (one query per sweep).
pub async fn known_among(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sids: &[String],
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"select copy_sid as "copy_sid!" from bundle_copy where tenant_id = $1 and copy_sid = any($2)
         union
         select copy_sid from renewal where tenant_id = $1 and copy_sid = any($2)"#,
        tenant_id as _,
        sids,
    )
    .fetch_all(db)
    .await
}
