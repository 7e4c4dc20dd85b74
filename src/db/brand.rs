//! Placeholder until the brand settings table lands (replaced at merge).

use sqlx::PgPool;

use crate::brand::Brand;

/// The brand customers see.
pub async fn load(_db: &PgPool) -> sqlx::Result<Brand> {
    Ok(Brand::default())
}
