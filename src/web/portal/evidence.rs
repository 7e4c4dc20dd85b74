//! The signed-in customer's evidence pack of one of their tenant's renewals (another
//! tenant's renewal is 404).

use axum::extract::{Path, State};
use axum::response::Response;

use crate::auth::customer::CurrentCustomer;
use crate::domain::ids::RenewalId;
use crate::error::{AppError, Result};
use crate::evidence::renewal_pack;
use crate::state::AppState;
use crate::web::evidence::{PackFormat, download};

async fn deliver(
    state: &AppState,
    customer: &CurrentCustomer,
    id: RenewalId,
    format: PackFormat,
) -> Result<Response> {
    let pack = renewal_pack(&state.db, customer.tenant_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let brand = crate::db::brand::load(&state.db).await?;
    download(pack, format, brand).await
}

/// `GET /renewals/{id}/evidence.pdf`
pub async fn evidence_pdf(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    Path(id): Path<RenewalId>,
) -> Result<Response> {
    deliver(&state, &customer, id, PackFormat::Pdf).await
}

/// `GET /renewals/{id}/evidence.json`
pub async fn evidence_json(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    Path(id): Path<RenewalId>,
) -> Result<Response> {
    deliver(&state, &customer, id, PackFormat::Json).await
}
