//! The ISV's brand settings: one row in `brand_settings`, absent until an admin first saves
//! them ([`load`] then answers recomply's own look). Every change bumps `version`, which the
//! stylesheet and logo URLs carry so browsers may cache them for good.

use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::brand::{Brand, DEFAULT_PRIMARY_COLOUR, DEFAULT_PRODUCT_NAME};
use crate::domain::ids::StaffUserId;
use crate::routes;

/// What the admin brand form saves (already validated; blank optional fields are `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandChanges {
    /// 1–60 characters.
    pub product_name: String,
    /// The ISV's company name.
    pub company_name: Option<String>,
    /// Lower-case `#rrggbb`.
    pub primary_colour: String,
    /// Where customers write for help.
    pub support_email: Option<String>,
    /// An `http(s)://` help page.
    pub support_url: Option<String>,
    /// The display name of the emails' sender.
    pub sender_name: Option<String>,
    /// The emails' sender address.
    pub sender_address: Option<String>,
    /// At most 300 characters.
    pub footer: Option<String>,
}

/// The stored logo, as `/brand/logo` serves it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Logo {
    /// The image itself.
    pub bytes: Vec<u8>,
    /// `image/png`, `image/jpeg` or `image/webp` (sniffed at upload).
    pub content_type: String,
    /// SHA-256 of `bytes`.
    pub sha256: Vec<u8>,
    /// The settings' version (what `?v=` must equal for a long cache).
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct BrandRow {
    product_name: String,
    company_name: Option<String>,
    primary_colour: String,
    support_email: Option<String>,
    support_url: Option<String>,
    sender_name: Option<String>,
    sender_address: Option<String>,
    footer: Option<String>,
    has_logo: bool,
    version: i64,
}

impl From<BrandRow> for Brand {
    fn from(row: BrandRow) -> Self {
        Self {
            logo_url: row
                .has_logo
                .then(|| format!("{}?v={}", routes::BRAND_LOGO, row.version)),
            product_name: row.product_name,
            company_name: row.company_name,
            primary_colour: row.primary_colour,
            support_email: row.support_email,
            support_url: row.support_url,
            sender_name: row.sender_name,
            sender_address: row.sender_address,
            footer: row.footer,
            version: row.version,
        }
    }
}

/// The brand customers see: the stored settings, or [`Brand::default`] when none were saved.
#[tracing::instrument(skip_all)]
pub async fn load(db: &PgPool) -> sqlx::Result<Brand> {
    let row = sqlx::query_as!(
        BrandRow,
        "select product_name, company_name, primary_colour, support_email, support_url, \
     sender_name, sender_address, footer, logo is not null as \"has_logo!\",
         version from brand_settings",
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(Brand::from).unwrap_or_default())
}

/// Saves the settings (the logo is kept), bumps the version and records who changed them.
#[tracing::instrument(skip_all, fields(%by))]
pub async fn save(db: &PgPool, changes: &BrandChanges, by: StaffUserId) -> sqlx::Result<Brand> {
    let row = sqlx::query_as!(
        BrandRow,
        "insert into brand_settings (product_name, company_name, primary_colour, support_email,
             support_url, sender_name, sender_address, footer, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (singleton) do update set
             product_name = excluded.product_name, company_name = excluded.company_name,
             primary_colour = excluded.primary_colour, support_email = excluded.support_email,
             support_url = excluded.support_url, sender_name = excluded.sender_name,
             sender_address = excluded.sender_address, footer = excluded.footer,
             updated_by = excluded.updated_by, updated_at = now(),
             version = brand_settings.version + 1
         returning product_name, company_name, primary_colour, support_email, support_url, \
     sender_name, sender_address, footer, logo is not null as \"has_logo!\", version",
        &changes.product_name,
        &changes.company_name as _,
        &changes.primary_colour,
        &changes.support_email as _,
        &changes.support_url as _,
        &changes.sender_name as _,
        &changes.sender_address as _,
        &changes.footer as _,
        by as _,
    )
    .fetch_one(db)
    .await?;
    Ok(row.into())
}

/// Stores `bytes` (already checked, see [`crate::domain::logo::check`]) as the logo, bumps the
/// version and records who changed it. Before any settings were saved, the rest stays the
/// default look.
#[tracing::instrument(skip_all, fields(%by, bytes = bytes.len(), content_type))]
pub async fn set_logo(
    db: &PgPool,
    bytes: &[u8],
    content_type: &str,
    by: StaffUserId,
) -> sqlx::Result<Brand> {
    let sha256 = Sha256::digest(bytes).to_vec();
    let row = sqlx::query_as!(
        BrandRow,
        "insert into brand_settings (product_name, primary_colour, logo, logo_content_type,
             logo_sha256, updated_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (singleton) do update set
             logo = excluded.logo, logo_content_type = excluded.logo_content_type,
             logo_sha256 = excluded.logo_sha256, updated_by = excluded.updated_by,
             updated_at = now(), version = brand_settings.version + 1
         returning product_name, company_name, primary_colour, support_email, support_url, \
     sender_name, sender_address, footer, logo is not null as \"has_logo!\", version",
        DEFAULT_PRODUCT_NAME,
        DEFAULT_PRIMARY_COLOUR,
        bytes,
        content_type,
        sha256,
        by as _,
    )
    .fetch_one(db)
    .await?;
    Ok(row.into())
}

/// Removes the logo (bumping the version when there was one); the brand as it now stands.
#[tracing::instrument(skip_all, fields(%by))]
pub async fn remove_logo(db: &PgPool, by: StaffUserId) -> sqlx::Result<Brand> {
    sqlx::query!(
        "update brand_settings set logo = null, logo_content_type = null, logo_sha256 = null,
             updated_by = $1, updated_at = now(), version = version + 1
         where logo is not null",
        by as _,
    )
    .execute(db)
    .await?;
    load(db).await
}

/// The stored logo, when there is one.
#[tracing::instrument(skip_all)]
pub async fn logo(db: &PgPool) -> sqlx::Result<Option<Logo>> {
    sqlx::query_as!(
        Logo,
        r#"select logo as "bytes!", logo_content_type as "content_type!", logo_sha256 as "sha256!",
             version
         from brand_settings where logo is not null"#,
    )
    .fetch_optional(db)
    .await
}
