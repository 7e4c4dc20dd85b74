//! Who may use the two-factor enrolment pages: a signed-in staff member, or one whose sign-in
//! waits for the enrolment that `RECOMPLY_STAFF_2FA_REQUIRED_FOR_ADMIN` demands.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::staff::{self, CurrentStaff};
use super::staff_pending::{self, PendingSignIn, PendingStage};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// The staff member at the enrolment pages.
#[derive(Debug, Clone)]
pub struct EnrollingStaff {
    /// Who.
    pub staff: CurrentStaff,
    /// `Some` when confirming the enrolment completes a pending sign-in.
    pub pending: Option<PendingSignIn>,
}

impl FromRequestParts<AppState> for EnrollingStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = super::session_of(parts, state).await?;
        if let Some(pending) = staff_pending::current(&session, PendingStage::Enrol).await?
            && let Some(found) = db::staff::find(&state.db, pending.staff_user_id).await?
        {
            return Ok(Self {
                staff: found.into(),
                pending: Some(pending),
            });
        }
        match staff::signed_in(parts, state).await? {
            Some(found) => Ok(Self {
                staff: found.into(),
                pending: None,
            }),
            None => Err(AppError::Unauthenticated {
                login_path: crate::routes::ADMIN_LOGIN,
            }),
        }
    }
}
