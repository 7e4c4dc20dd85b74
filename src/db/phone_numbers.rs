//! `phone_number`: the numbers registered under each of a tenant's mirrored bundles, as the
//! last sweep read them, with `bundle.number_count` kept current beside them.

use sqlx::{FromRow, PgPool};
use time::OffsetDateTime;

use crate::domain::ids::TenantId;

/// A number as Twilio listed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedNumber<'a> {
    /// `PN…`.
    pub sid: &'a str,
    /// E.164.
    pub phone_number: &'a str,
    /// The ISV's name for it.
    pub friendly_name: &'a str,
    /// The bundle it is registered under.
    pub bundle_sid: &'a str,
    /// The Address it is registered under.
    pub address_sid: Option<&'a str>,
}

/// A stored number of one bundle.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct BundleNumber {
    /// E.164.
    pub phone_number: String,
    /// The ISV's name for it (Twilio's formatted number when none was given).
    pub friendly_name: String,
}

/// What a refresh changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Numbers stored (those under one of the tenant's bundles).
    pub stored: u64,
    /// Numbers no longer listed, removed.
    pub removed: u64,
}

/// Replaces the tenant's numbers with `listed`, in one transaction: numbers under a bundle
/// that is not one of the tenant's mirrored bundles are ignored (another tenant's bundle on a
/// shared account, a copy), numbers no longer listed are removed, and every bundle's
/// `number_count` is brought up to date.
pub async fn refresh(
    db: &PgPool,
    tenant_id: TenantId,
    listed: &[ListedNumber<'_>],
    seen_at: OffsetDateTime,
) -> sqlx::Result<Refreshed> {
    let sids: Vec<&str> = listed.iter().map(|n| n.sid).collect();
    let numbers: Vec<&str> = listed.iter().map(|n| n.phone_number).collect();
    let names: Vec<&str> = listed.iter().map(|n| n.friendly_name).collect();
    let bundles: Vec<&str> = listed.iter().map(|n| n.bundle_sid).collect();
    let addresses: Vec<Option<&str>> = listed.iter().map(|n| n.address_sid).collect();
    let mut tx = db.begin().await?;
    let stored = sqlx::query!(
        "insert into phone_number
             (tenant_id, sid, bundle_id, phone_number, friendly_name, address_sid, seen_at)
         select $1, n.sid, b.bundle_id, n.phone_number, n.friendly_name, n.address_sid, $7
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                  as n(sid, phone_number, friendly_name, bundle_sid, address_sid)
         join bundle b on b.tenant_id = $1 and b.sid = n.bundle_sid
         on conflict (tenant_id, sid) do update
             set bundle_id = excluded.bundle_id, phone_number = excluded.phone_number,
                 friendly_name = excluded.friendly_name, address_sid = excluded.address_sid,
                 seen_at = excluded.seen_at",
        tenant_id as _,
        &sids as _,
        &numbers as _,
        &names as _,
        &bundles as _,
        &addresses as _,
        seen_at,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Every number stored just now carries `seen_at`: the others are no longer listed.
    let removed = sqlx::query!(
        "delete from phone_number where tenant_id = $1 and seen_at <> $2",
        tenant_id as _,
        seen_at,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query!(
        "update bundle b set number_count = c.count
         from (select b2.bundle_id, count(p.sid)::int as count
               from bundle b2
               left join phone_number p on p.bundle_id = b2.bundle_id
               where b2.tenant_id = $1
               group by b2.bundle_id) c
         where b.bundle_id = c.bundle_id and b.number_count <> c.count",
        tenant_id as _,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Refreshed { stored, removed })
}

/// The numbers registered under the tenant's bundle `bundle_sid`, in number order.
pub async fn for_bundle(
    db: &PgPool,
    tenant_id: TenantId,
    bundle_sid: &str,
) -> sqlx::Result<Vec<BundleNumber>> {
    sqlx::query_as!(
        BundleNumber,
        "select p.phone_number, p.friendly_name from phone_number p
         join bundle b on b.bundle_id = p.bundle_id
         where p.tenant_id = $1 and b.tenant_id = $1 and b.sid = $2
         order by p.phone_number",
        tenant_id as _,
        bundle_sid,
    )
    .fetch_all(db)
    .await
}
