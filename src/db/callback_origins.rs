//! The status callback URL each bundle had before recomply pointed it at itself (see
//! `lifecycle::callbacks`). Every query is scoped by tenant.

use sqlx::{FromRow, PgExecutor};

use crate::domain::ids::TenantId;
use crate::domain::sid::BundleSid;

/// A bundle whose original callback is still to be put back.
#[derive(Debug, Clone, FromRow)]
pub struct TakenCallback {
    /// `BU…`.
    pub bundle_sid: BundleSid,
    /// What it had; `None` when it had none.
    pub original_url: Option<String>,
}

/// Keeps, for every `(bundle SID, URL it had)` of `taken` and in one statement, what the
/// bundle had before recomply takes its callback. Called before the change at Twilio, so a
/// crash in between loses nothing. Taking it again (the ISV re-pointed it, or it was restored)
/// keeps the newer URL.
pub async fn keep_all(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    taken: &[(&BundleSid, Option<&str>)],
) -> sqlx::Result<()> {
    if taken.is_empty() {
        return Ok(());
    }
    let sids: Vec<&str> = taken.iter().map(|(sid, _)| sid.as_str()).collect();
    let urls: Vec<Option<&str>> = taken.iter().map(|(_, url)| *url).collect();
    sqlx::query!(
        "insert into bundle_callback_origin (tenant_id, bundle_sid, original_url)
         select $1, sid, url from unnest($2::text[], $3::text[]) as taken(sid, url)
         on conflict (tenant_id, bundle_sid) do update
             set original_url = excluded.original_url, taken_at = now(), restored_at = null",
        tenant_id as _,
        sids as _,
        urls as _,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Where a callback for `bundle_sid` is forwarded: the original URL, while recomply holds the
/// bundle's callback and there was one.
pub async fn forward_url(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<Option<String>> {
    let url: Option<Option<String>> = sqlx::query_scalar!(
        "select original_url from bundle_callback_origin
         where tenant_id = $1 and bundle_sid = $2 and restored_at is null",
        tenant_id as _,
        bundle_sid,
    )
    .fetch_optional(db)
    .await?;
    Ok(url.flatten())
}

/// The tenant's bundles whose callbacks recomply still holds.
pub async fn still_taken(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<TakenCallback>> {
    sqlx::query_as!(
        TakenCallback,
        r#"select bundle_sid as "bundle_sid: BundleSid", original_url from bundle_callback_origin
         where tenant_id = $1 and restored_at is null order by bundle_sid"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Records that `bundle_sid`'s original callback is back at Twilio.
pub async fn mark_restored(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    bundle_sid: &BundleSid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update bundle_callback_origin set restored_at = now()
         where tenant_id = $1 and bundle_sid = $2",
        tenant_id as _,
        bundle_sid,
    )
    .execute(db)
    .await?;
    Ok(())
}
