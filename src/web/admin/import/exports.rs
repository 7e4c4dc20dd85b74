//! The tenants and users exports: the import's columns, so a downloaded file imports back
//! unchanged (auth tokens are never exported).

use axum::extract::State;
use axum::response::Response;

use super::{tenant_rows, user_rows};
use crate::auth::staff::CurrentStaff;
use crate::db::{tenants, users};
use crate::error::Result;
use crate::state::AppState;
use crate::web::admin::csv::{self, CsvWriter};

/// GET /admin/tenants.csv — every tenant not removed.
pub async fn export_tenants(
    State(state): State<AppState>,
    _staff: CurrentStaff,
) -> Result<Response> {
    let names = tenant_rows::COLUMNS.map(|c| c.name);
    let mut out = CsvWriter::with_header(&names);
    for tenant in tenants::list_tenants(&state.db).await? {
        if tenant.removed_at.is_none() {
            let row = tenant_rows::export_row(&tenant);
            out.row(row.iter().map(String::as_str));
        }
    }
    Ok(csv::download(&filename("tenants"), out.finish()))
}

/// GET /admin/users.csv — every user of every tenant not removed.
pub async fn export_users(State(state): State<AppState>, _staff: CurrentStaff) -> Result<Response> {
    let names = user_rows::COLUMNS.map(|c| c.name);
    let mut out = CsvWriter::with_header(&names);
    for user in users::export_records(&state.db).await? {
        let row = user_rows::export_row(&user);
        out.row(row.iter().map(String::as_str));
    }
    Ok(csv::download(&filename("users"), out.finish()))
}

fn filename(what: &str) -> String {
    format!("{what}-{}.csv", time::OffsetDateTime::now_utc().date())
}
