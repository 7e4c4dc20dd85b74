//! A tenant's evidence pack over a date range (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), asked for
//! with the small form on the tenant page; bad dates re-render that page with a message
//! beside the field and what was typed kept.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};

use super::show::load;
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::domain::ids::TenantId;
use crate::error::{AppError, Result};
use crate::evidence::tenant_range_pack;
use crate::state::AppState;
use crate::web::admin::form::FormErrors;
use crate::web::evidence::{PackFormat, download};
use crate::web::list_query::StrictQuery;

/// The longest range one pack covers.
pub const MAX_DAYS: i64 = 366;

/// The range form's values, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EvidenceRange {
    /// First day.
    #[serde(default)]
    pub from: String,
    /// Last day.
    #[serde(default)]
    pub to: String,
}

/// The form on the tenant page: values and their problems.
#[derive(Debug, Clone, Default)]
pub struct EvidenceForm {
    /// What was typed (or the last 30 days).
    pub range: EvidenceRange,
    /// Messages beside the fields.
    pub errors: FormErrors,
}

impl EvidenceForm {
    /// The last 30 days, up to today (UTC).
    pub fn last_30_days() -> Self {
        let today = OffsetDateTime::now_utc().date();
        Self {
            range: EvidenceRange {
                from: (today - Duration::days(30)).to_string(),
                to: today.to_string(),
            },
            errors: FormErrors::new(),
        }
    }
}

fn day(errors: &mut FormErrors, field: &'static str, value: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(value.trim(), &format) {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, "Enter a date like 2026-12-31 (year-month-day)");
            None
        }
    }
}

impl EvidenceRange {
    /// The two days, or the problems beside each field.
    pub fn dates(&self) -> std::result::Result<(Date, Date), FormErrors> {
        let mut errors = FormErrors::new();
        let from = day(&mut errors, "evidence_from", &self.from);
        let to = day(&mut errors, "evidence_to", &self.to);
        match (from, to) {
            (Some(from), Some(to)) if from > to => {
                errors.add(
                    "evidence_to",
                    "The last day must not be before the first day",
                );
            }
            (Some(from), Some(to)) if (to - from).whole_days() >= MAX_DAYS => {
                errors.add(
                    "evidence_to",
                    format!("One pack covers at most {MAX_DAYS} days; choose a shorter range"),
                );
            }
            (Some(from), Some(to)) => return Ok((from, to)),
            _ => {}
        }
        Err(errors)
    }
}

async fn deliver(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    tenant_id: TenantId,
    range: EvidenceRange,
    format: PackFormat,
) -> Result<Response> {
    let (from, to) = match range.dates() {
        Ok(days) => days,
        Err(errors) => {
            let mut page = load(state, staff, csrf, tenant_id).await?;
            page.evidence = EvidenceForm { range, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let pack = tenant_range_pack(&state.db, tenant_id, from, to)
        .await?
        .ok_or(AppError::NotFound)?;
    let brand = crate::db::brand::load(&state.db).await?;
    download(pack, format, brand).await
}

/// `GET /admin/tenants/{tenant_id}/evidence.pdf?from=&to=`
pub async fn evidence_pdf(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
    StrictQuery(range): StrictQuery<EvidenceRange>,
) -> Result<Response> {
    let format = PackFormat::Pdf;
    deliver(&state, &staff, &csrf, tenant_id, range, format).await
}

/// `GET /admin/tenants/{tenant_id}/evidence.json?from=&to=`
pub async fn evidence_json(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(tenant_id): Path<TenantId>,
    StrictQuery(range): StrictQuery<EvidenceRange>,
) -> Result<Response> {
    let format = PackFormat::Json;
    deliver(&state, &staff, &csrf, tenant_id, range, format).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> EvidenceRange {
        EvidenceRange {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn days_are_year_month_day_in_order_and_at_most_a_year_apart() {
        let (from, to) = range("2026-11-01", " 2026-12-02").dates().unwrap();
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2026-11-01".into(), "2026-12-02".into())
        );
        let errors = range("02/12/2026", "").dates().unwrap_err();
        assert!(errors.get("evidence_from").unwrap().contains("2026-12-31"));
        assert!(errors.get("evidence_to").is_some());
        let errors = range("2026-12-02", "2026-12-01").dates().unwrap_err();
        assert_eq!(
            errors.get("evidence_to"),
            Some("The last day must not be before the first day")
        );
        assert!(range("2025-01-01", "2026-12-01").dates().is_err());
    }
}
