//! The renewals a fix-once offer is chosen from: the tenant's other renewals waiting for the
//! customer that still need something the current one needs, found by the need keys each row
//! keeps beside its snapshot (`renewal.needs`, written with the snapshot), so a page view
//! decodes no other renewal's snapshot.

use crate::domain::ids::{RenewalId, TenantId};
use sqlx::{FromRow, PgExecutor};

use super::snapshot::StoredSnapshot;
use crate::domain::renewal::RenewalState;

/// Another renewal waiting for the customer, with what it still needs.
#[derive(Debug, Clone, FromRow)]
pub struct FixOnceCandidate {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its bundle's name.
    pub bundle_name: String,
    /// Its need keys (`domain::fix_once::need_keys`); `None` for a snapshot stored before the
    /// keys were kept, whose needs are then read from [`FixOnceCandidate::snapshot`].
    pub needs: Option<Vec<String>>,
    /// The snapshot, read only when `needs` is `None` (else [`StoredSnapshot::Missing`]).
    pub snapshot: StoredSnapshot,
}

/// Up to `limit` of the tenant's renewals waiting for the customer (`collecting`), other than
/// `except`, oldest first, that need at least one of `keys` (or whose needs are not kept yet).
/// One query on `renewal_tenant_state_created_idx`.
pub async fn sharing_needs(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    except: RenewalId,
    keys: &[String],
    limit: i64,
) -> sqlx::Result<Vec<FixOnceCandidate>> {
    sqlx::query_as!(
        FixOnceCandidate,
        r#"select r.renewal_id as "renewal_id: RenewalId", b.friendly_name as bundle_name, r.needs,
                case when r.needs is null then r.snapshot end as "snapshot!: StoredSnapshot"
         from renewal r join bundle b on b.bundle_id = r.bundle_id
         where r.tenant_id = $1 and r.state = $2 and r.renewal_id <> $3
           and (r.needs is null or r.needs && $4)
         order by r.created_at limit $5"#,
        tenant_id as _,
        RenewalState::Collecting as _,
        except as _,
        keys,
        limit,
    )
    .fetch_all(db)
    .await
}
