//! `address`: the postal addresses on file with each tenant's Twilio account, as the last
//! sweep (or the last change made from the renewal page) read them.

use sqlx::{FromRow, PgExecutor, PgPool};
use time::OffsetDateTime;

use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::postal_address::PostalAddress;
use crate::domain::storable_text::storable;
use crate::twilio::resources::Address;

/// A stored address.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StoredAddress {
    /// `AD…`.
    pub sid: String,
    /// The ISV's name for it.
    pub friendly_name: String,
    /// The person or business at the address.
    pub customer_name: String,
    /// Street and number.
    pub street: String,
    /// Flat, floor, building.
    pub street_secondary: String,
    /// City.
    pub city: String,
    /// State, county or province.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub iso_country: String,
    /// Whether the renewal's copy named it when prepared ([`for_renewal`] only).
    pub on_bundle: bool,
}

impl StoredAddress {
    /// Its postal fields.
    pub fn postal(&self) -> PostalAddress {
        PostalAddress {
            customer_name: self.customer_name.clone(),
            street: self.street.clone(),
            street_secondary: self.street_secondary.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            iso_country: self.iso_country.clone(),
        }
    }
}

/// Replaces the tenant's addresses with `listed`, in one transaction: addresses no longer
/// listed are removed. Returns how many are stored.
pub async fn refresh(
    db: &PgPool,
    tenant_id: TenantId,
    listed: &[Address],
    seen_at: OffsetDateTime,
) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    for address in listed {
        upsert_one(&mut tx, tenant_id, address, seen_at).await?;
    }
    sqlx::query!(
        "delete from address where tenant_id = $1 and seen_at <> $2",
        tenant_id as _,
        seen_at,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(listed.len() as u64)
}

/// Stores one address as Twilio returned it (after a create or an update).
pub async fn store(db: &PgPool, tenant_id: TenantId, address: &Address) -> sqlx::Result<()> {
    let mut conn = db.acquire().await?;
    upsert_one(&mut conn, tenant_id, address, OffsetDateTime::now_utc()).await
}

async fn upsert_one(
    conn: &mut sqlx::PgConnection,
    tenant_id: TenantId,
    address: &Address,
    seen_at: OffsetDateTime,
) -> sqlx::Result<()> {
    let text = |value: &str| storable(value).into_owned();
    sqlx::query!(
        "insert into address (tenant_id, sid, customer_name, friendly_name, street,
             street_secondary, city, region, postal_code, iso_country, seen_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (tenant_id, sid) do update
             set customer_name = excluded.customer_name, friendly_name = excluded.friendly_name,
                 street = excluded.street, street_secondary = excluded.street_secondary,
                 city = excluded.city, region = excluded.region,
                 postal_code = excluded.postal_code, iso_country = excluded.iso_country,
                 seen_at = excluded.seen_at",
        tenant_id as _,
        &address.sid,
        text(&address.customer_name),
        text(&address.friendly_name),
        text(&address.street),
        text(address.street_secondary.as_deref().unwrap_or_default()),
        text(&address.city),
        text(&address.region),
        text(&address.postal_code),
        text(&address.iso_country),
        seen_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The tenant's addresses, by country, city and street.
pub async fn for_tenant(db: &PgPool, tenant_id: TenantId) -> sqlx::Result<Vec<StoredAddress>> {
    sqlx::query_as!(
        StoredAddress,
        r#"select sid, friendly_name, customer_name, street, street_secondary, city, region,
                postal_code, iso_country, false as "on_bundle!"
         from address where tenant_id = $1
         order by iso_country, city, street, sid"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// The tenant's address `sid`, if it has one.
pub async fn find(
    db: &PgPool,
    tenant_id: TenantId,
    sid: &str,
) -> sqlx::Result<Option<StoredAddress>> {
    sqlx::query_as!(
        StoredAddress,
        r#"select sid, friendly_name, customer_name, street, street_secondary, city, region,
                postal_code, iso_country, false as "on_bundle!"
         from address where tenant_id = $1 and sid = $2"#,
        tenant_id as _,
        sid,
    )
    .fetch_optional(db)
    .await
}

/// The tenant's addresses (as [`for_tenant`]), each marked when the renewal's copy named it
/// when it was prepared (its first stored snapshot): the original bundle's addresses, which
/// Twilio requires the copy to keep (22229 at ReplaceItems otherwise). One query.
pub async fn for_renewal(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Vec<StoredAddress>> {
    sqlx::query_as!(
        StoredAddress,
        r#"with prepared as (
             select distinct sid
             from renewal_evaluation e,
                  jsonb_array_elements(coalesce(e.snapshot -> 'documents', '[]'::jsonb)) d,
                  jsonb_array_elements_text(
                      case jsonb_typeof(d -> 'attributes' -> 'address_sids')
                          when 'array' then d -> 'attributes' -> 'address_sids'
                          when 'string' then jsonb_build_array(d -> 'attributes' -> 'address_sids')
                          else '[]'::jsonb
                      end) sid
             where e.renewal_evaluation_id = (
                       select min(renewal_evaluation_id) from renewal_evaluation
                       where tenant_id = $1 and renewal_id = $2))
         select a.sid, a.friendly_name, a.customer_name, a.street, a.street_secondary, a.city,
                a.region, a.postal_code, a.iso_country,
                exists (select 1 from prepared p where p.sid = a.sid) as "on_bundle!"
         from address a where a.tenant_id = $1
         order by a.iso_country, a.city, a.street, a.sid"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
}
