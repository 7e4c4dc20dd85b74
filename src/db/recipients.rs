//! Who notification emails go to: a tenant's users and the staff, each with the name the
//! email greets them by.

use sqlx::{FromRow, PgExecutor};

use crate::domain::ids::{TenantId, UserId};
use crate::i18n::Locale;

/// A user of a tenant, as an email addresses them.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Customer {
    /// The user (their links are bound to them).
    pub app_user_id: UserId,
    /// Their address.
    pub email: String,
    /// Their name ("" when not known).
    pub name: String,
    /// The language to write to them in (theirs, else the tenant's).
    pub locale: Locale,
}

/// A staff member, as an alert addresses them.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Staff {
    /// Their address.
    pub email: String,
    /// Their name ("" when not known).
    pub name: String,
}

/// Every user of `tenant_id`, by address.
pub async fn customers(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<Customer>> {
    sqlx::query_as!(
        Customer,
        r#"select u.app_user_id as "app_user_id: UserId", u.email, u.name,
            coalesce(u.locale, t.default_locale) as "locale!: Locale"
         from app_user u join tenant t using (tenant_id)
         where u.tenant_id = $1 order by u.email"#,
        tenant_id as _,
    )
    .fetch_all(db)
    .await
}

/// Every staff member, by address.
pub async fn staff(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Staff>> {
    sqlx::query_as!(Staff, "select email, name from staff_user order by email")
        .fetch_all(db)
        .await
}
