//! `renewal_document`: what each uploaded supporting document was (its SHA-256, size, name and
//! type) and the Supporting Document Twilio made of it. Written when the upload is recorded.

use sqlx::{FromRow, PgExecutor};
use time::OffsetDateTime;

use super::PgTx;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal::Cause;
use crate::domain::uploaded_document::UploadedDocument;

/// One recorded upload.
#[derive(Debug, Clone, FromRow)]
pub struct StoredDocument {
    /// Ordering.
    pub renewal_document_id: i64,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Twilio's Supporting Document (`RD…`).
    pub document_sid: String,
    /// Supporting Document Type machine name.
    pub document_type: String,
    /// Display name.
    pub friendly_name: String,
    /// The name the file had.
    pub file_name: String,
    /// Recognised from its bytes.
    pub mime_type: String,
    /// Its size.
    pub size_bytes: i64,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
    /// customer | staff | webhook | sweep | job.
    pub cause: String,
    /// Who uploaded it.
    pub actor: Option<String>,
    /// When it was recorded.
    pub created_at: OffsetDateTime,
}

/// Records `document` (uploaded for `renewal_id`) in the caller's transaction; recording the
/// same Supporting Document again changes nothing.
pub async fn append(
    tx: &mut PgTx<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
    document: &UploadedDocument,
    cause: Cause,
    actor: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into renewal_document (tenant_id, renewal_id, document_sid, document_type,
             friendly_name, file_name, mime_type, size_bytes, sha256, cause, actor)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (tenant_id, document_sid) do nothing",
        tenant_id as _,
        renewal_id as _,
        &document.document_sid,
        &document.document_type,
        &document.friendly_name,
        &document.file_name,
        &document.mime_type,
        i64::try_from(document.size_bytes).unwrap_or(i64::MAX),
        &document.sha256,
        cause.as_str(),
        actor,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A renewal's uploads, oldest first; empty for another tenant's renewal.
pub async fn list_for_renewal(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<Vec<StoredDocument>> {
    sqlx::query_as!(
        StoredDocument,
        r#"select renewal_document_id, renewal_id as "renewal_id: RenewalId", document_sid,
            document_type, friendly_name,
    file_name, mime_type, size_bytes, sha256, cause, actor, created_at from renewal_document
         where tenant_id = $1 and renewal_id = $2 order by renewal_document_id"#,
        tenant_id as _,
        renewal_id as _,
    )
    .fetch_all(db)
    .await
}
