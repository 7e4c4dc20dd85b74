//! `bulk_import`: an uploaded CSV of tenants or users, kept sealed between its preview and
//! "Confirm import", and the one transaction that applies it.
//!
//! Staff-level on purpose (no tenant): one file may name many tenants. The parsed rows are
//! sealed with the application key (they may hold auth tokens) with the import's id as
//! associated data. Confirming claims the row (`applied_at`) inside the applying transaction,
//! so a second confirm — a double click, a reload — finds it applied and changes nothing.

use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;

use super::tenants::{self, CustomerFacing, NewTenant, TenantError};
use super::users;
use crate::crypto::SecretKey;
use crate::domain::ids::{BulkImportId, OnboardBatchId, StaffUserId, TenantId, UserId};
use crate::i18n::Locale;
use crate::twilio::TwilioCredentials;

/// What a file imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum ImportKind {
    /// Tenants (and their Twilio credentials).
    Tenants,
    /// Customer users of existing tenants.
    Users,
}

/// A stored import, its rows still sealed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredImport {
    /// Random id (the preview's URL).
    pub bulk_import_id: BulkImportId,
    /// Tenants or users.
    pub kind: ImportKind,
    /// Who uploaded it (only they may confirm it).
    pub staff_user_id: StaffUserId,
    /// The uploaded file's name, as the browser sent it.
    pub file_name: String,
    /// SHA-256 of the file.
    pub content_sha256: Vec<u8>,
    rows_sealed: Vec<u8>,
    /// After this the import can no longer be confirmed.
    pub expires_at: OffsetDateTime,
    /// When it was applied.
    pub applied_at: Option<OffsetDateTime>,
    /// Rows created when applied.
    pub created_count: i32,
    /// Rows updated when applied.
    pub updated_count: i32,
    /// Rows that were already as the file says.
    pub unchanged_count: i32,
    /// Rows with an error, left out.
    pub skipped_count: i32,
}

impl StoredImport {
    /// The rows as they were stored (JSON), opened with `key`.
    pub fn open_rows(&self, key: &SecretKey) -> Option<Vec<u8>> {
        key.open(self.bulk_import_id.as_uuid().as_bytes(), &self.rows_sealed)
            .ok()
    }

    /// Whether it can still be confirmed.
    pub fn is_expired(&self) -> bool {
        self.expires_at <= OffsetDateTime::now_utc()
    }
}

/// A new upload to keep.
#[derive(Debug)]
pub struct NewImport<'a> {
    /// Tenants or users.
    pub kind: ImportKind,
    /// The uploader.
    pub staff_user_id: StaffUserId,
    /// The file's name.
    pub file_name: &'a str,
    /// SHA-256 of the file.
    pub content_sha256: &'a [u8],
    /// The parsed rows as JSON (sealed before they are stored).
    pub rows_json: &'a [u8],
}

/// Stores an upload under a new random id (and forgets long-expired ones).
#[tracing::instrument(skip_all, fields(kind = ?upload.kind))]
pub async fn store(
    db: &PgPool,
    key: &SecretKey,
    upload: &NewImport<'_>,
) -> sqlx::Result<BulkImportId> {
    sqlx::query!("delete from bulk_import where expires_at < now() - interval '1 day'")
        .execute(db)
        .await?;
    let id = BulkImportId::random();
    sqlx::query!(
        "insert into bulk_import (bulk_import_id, kind, staff_user_id, file_name, \
         content_sha256, rows_sealed) values ($1, $2, $3, $4, $5, $6)",
        id as _,
        upload.kind as _,
        upload.staff_user_id as _,
        upload.file_name,
        upload.content_sha256,
        key.seal(id.as_uuid().as_bytes(), upload.rows_json),
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// The import `id` uploaded by `staff_user_id`, if there is one.
pub async fn find(
    db: &PgPool,
    id: BulkImportId,
    staff_user_id: StaffUserId,
) -> sqlx::Result<Option<StoredImport>> {
    sqlx::query_as!(
        StoredImport,
        "select bulk_import_id as \"bulk_import_id: BulkImportId\", kind as \"kind: ImportKind\",
            staff_user_id as \"staff_user_id: StaffUserId\", file_name, content_sha256, \
     rows_sealed, expires_at, applied_at, created_count, updated_count, unchanged_count, \
     skipped_count from bulk_import where bulk_import_id = $1 and staff_user_id = $2",
        id as _,
        staff_user_id as _,
    )
    .fetch_optional(db)
    .await
}

/// One change that applying an import makes, through the same functions the forms use.
#[derive(Debug, Clone)]
pub enum ImportStep {
    /// A new tenant, what its customers see, and its credentials (when given).
    CreateTenant {
        /// Name, slug, support email.
        details: NewTenant,
        /// Display name, language, time zone.
        facing: CustomerFacing,
        /// Credentials to seal and store.
        credentials: Option<TwilioCredentials>,
        /// A subaccount of the parent account whose own credentials a job fetches from Twilio
        /// and stores.
        from_parent: Option<String>,
    },
    /// An existing tenant, changed where the file differs.
    UpdateTenant {
        /// The tenant.
        tenant_id: TenantId,
        /// New name / support email, when they differ.
        details: Option<NewTenant>,
        /// New display name / language / time zone, when they differ.
        facing: Option<CustomerFacing>,
        /// New credentials, when they differ.
        credentials: Option<TwilioCredentials>,
        /// A subaccount of the parent account whose credentials are to be fetched.
        from_parent: Option<String>,
    },
    /// A new user of a tenant.
    CreateUser {
        /// The tenant.
        tenant_id: TenantId,
        /// Normalised address.
        email: String,
        /// Display name.
        name: String,
        /// Chosen language, when given.
        locale: Option<Locale>,
    },
    /// An existing user of a tenant, changed where the file differs.
    UpdateUser {
        /// The tenant.
        tenant_id: TenantId,
        /// The user.
        app_user_id: UserId,
        /// New name.
        name: Option<String>,
        /// New language.
        locale: Option<Locale>,
    },
}

/// The counts shown after applying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Rows created.
    pub created: i32,
    /// Rows updated.
    pub updated: i32,
    /// Rows already as the file says.
    pub unchanged: i32,
    /// Rows with an error.
    pub skipped: i32,
}

/// Why applying stopped (nothing was applied).
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// Already applied (or expired, or not this staff member's): nothing more to do.
    #[error("this import was already applied or has expired")]
    NotPending,
    /// A tenant change was refused (a slug or account taken since the preview, say).
    #[error(transparent)]
    Tenant(#[from] TenantError),
    /// Any other database failure.
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

/// Applies `steps` for import `id` inside `tx`: all of them, or — on any failure, or when the
/// import was already applied — none (the caller rolls back). Tenants whose credentials come
/// from the parent account are queued for them under the returned batch id, for which the
/// caller enqueues the job that fetches them in the same transaction.
#[tracing::instrument(skip_all, fields(%id, steps = steps.len()))]
pub async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    key: &SecretKey,
    id: BulkImportId,
    staff_user_id: StaffUserId,
    steps: &[ImportStep],
    counts: ImportCounts,
) -> Result<Option<OnboardBatchId>, ApplyError> {
    let claimed = sqlx::query!(
        "update bulk_import set applied_at = now(), created_count = $3, updated_count = $4, \
         unchanged_count = $5, skipped_count = $6 \
         where bulk_import_id = $1 and staff_user_id = $2 and applied_at is null \
         and expires_at > now()",
        id as _,
        staff_user_id as _,
        counts.created,
        counts.updated,
        counts.unchanged,
        counts.skipped,
    )
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(ApplyError::NotPending);
    }
    let batch_id = OnboardBatchId::random();
    let mut from_parent = false;
    for step in steps {
        if let Some((tenant_id, account_sid)) = apply_step(tx, key, step).await? {
            super::subaccounts::request_credentials(tx, batch_id, account_sid, tenant_id).await?;
            from_parent = true;
        }
    }
    Ok(from_parent.then_some(batch_id))
}

/// Applies one step; for a tenant whose credentials come from the parent account, returns
/// the tenant and its subaccount.
async fn apply_step<'s>(
    tx: &mut Transaction<'_, Postgres>,
    key: &SecretKey,
    step: &'s ImportStep,
) -> Result<Option<(TenantId, &'s str)>, ApplyError> {
    match step {
        ImportStep::CreateTenant {
            details,
            facing,
            credentials,
            from_parent,
        } => {
            let tenant = tenants::create_tenant(&mut **tx, details).await?;
            tenants::set_customer_facing(&mut **tx, tenant.tenant_id, facing).await?;
            if let Some(credentials) = credentials {
                tenants::set_credentials(&mut **tx, key, tenant.tenant_id, credentials).await?;
            }
            return Ok(from_parent.as_deref().map(|sid| (tenant.tenant_id, sid)));
        }
        ImportStep::UpdateTenant {
            tenant_id,
            details,
            facing,
            credentials,
            from_parent,
        } => {
            if let Some(details) = details {
                tenants::update_tenant(&mut **tx, *tenant_id, details).await?;
            }
            if let Some(facing) = facing {
                tenants::set_customer_facing(&mut **tx, *tenant_id, facing).await?;
            }
            if let Some(credentials) = credentials {
                tenants::set_credentials(&mut **tx, key, *tenant_id, credentials).await?;
            }
            return Ok(from_parent.as_deref().map(|sid| (*tenant_id, sid)));
        }
        ImportStep::CreateUser {
            tenant_id,
            email,
            name,
            locale,
        } => {
            let user = users::add_user(&mut **tx, *tenant_id, email, name).await?;
            if let Some(locale) = locale {
                users::save_locale(&mut **tx, *tenant_id, user.app_user_id, *locale).await?;
            }
        }
        ImportStep::UpdateUser {
            tenant_id,
            app_user_id,
            name,
            locale,
        } => {
            if let Some(name) = name {
                users::rename_user(&mut **tx, *tenant_id, *app_user_id, name).await?;
            }
            if let Some(locale) = locale {
                users::save_locale(&mut **tx, *tenant_id, *app_user_id, *locale).await?;
            }
        }
    }
    Ok(None)
}
