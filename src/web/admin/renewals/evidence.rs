//! One renewal's evidence pack, for staff (any tenant's renewal).

use axum::extract::{Path, State};
use axum::response::Response;

use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::renewals;
use crate::domain::ids::RenewalId;
use crate::error::{AppError, Result};
use crate::evidence::renewal_pack;
use crate::state::AppState;
use crate::web::evidence::{PackFormat, download};

async fn deliver(state: &AppState, renewal_id: RenewalId, format: PackFormat) -> Result<Response> {
    let renewal = renewals::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pack = renewal_pack(&state.db, renewal.row.tenant_id, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let brand = crate::db::brand::load(&state.db).await?;
    download(pack, format, brand).await
}

/// `GET /admin/renewals/{renewal_id}/evidence.pdf`
pub async fn evidence_pdf(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    Path(renewal_id): Path<RenewalId>,
) -> Result<Response> {
    deliver(&state, renewal_id, PackFormat::Pdf).await
}

/// `GET /admin/renewals/{renewal_id}/evidence.json`
pub async fn evidence_json(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    Path(renewal_id): Path<RenewalId>,
) -> Result<Response> {
    deliver(&state, renewal_id, PackFormat::Json).await
}
