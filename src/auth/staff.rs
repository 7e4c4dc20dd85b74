//! Staff authentication: argon2id passwords (checked by `staff_sign_in`), and the staff
//! session (id rotated on sign-in, idle expiry from the session layer, absolute expiry here).

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::db;
use crate::domain::ids::StaffUserId;
use crate::error::AppError;
use crate::state::AppState;

/// A staff session ends this long after sign-in, however active it is.
pub const ABSOLUTE_LIFETIME_SECS: i64 = 12 * 60 * 60;
/// Shortest password accepted for a staff account.
pub const MIN_PASSWORD_LEN: usize = 12;

const SESSION_KEY: &str = "staff";

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Everything, including staff and credential management.
    Admin,
    /// Everything except staff and credential management.
    Support,
}

impl StaffRole {
    /// Parses the stored / typed name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Self::Admin),
            "support" => Some(Self::Support),
            _ => None,
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Support => "support",
        }
    }
}

/// Hashes a password with argon2id (default parameters, random salt) into a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash checked when the email is unknown, so both cases take the same time.
pub(super) static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash_password("not-a-real-password-used-only-for-timing").expect("argon2 hashes")
});

/// A fresh random password for new accounts (shown once).
pub fn generate_password() -> String {
    crate::crypto::random_token(18)
}

/// What the staff session stores.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StaffSession {
    staff_user_id: StaffUserId,
    signed_in_at: i64,
}

/// Starts a staff session: a new session id (no fixation), then the staff member's id.
pub async fn sign_in(session: &Session, staff_user_id: StaffUserId) -> Result<(), AppError> {
    session.cycle_id().await?;
    let data = StaffSession {
        staff_user_id,
        signed_in_at: OffsetDateTime::now_utc().unix_timestamp(),
    };
    session.insert(SESSION_KEY, data).await?;
    super::staff_pending::clear(session).await?;
    super::csrf::CsrfToken::rotate(session).await?;
    super::idle::keep_alive(session).await
}

/// Ends the staff session and deletes it from the store.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::from)
}

/// The signed-in staff member; extracting it redirects to the staff login when there is none.
#[derive(Debug, Clone)]
pub struct CurrentStaff {
    /// Primary key.
    pub staff_user_id: StaffUserId,
    /// Display name; written as the actor of every action on the timeline.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Role.
    pub role: StaffRole,
}

impl CurrentStaff {
    /// Whether this staff member is an admin.
    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::Admin
    }

    /// `Forbidden` unless this staff member is an admin.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The name shown on the timeline (the email when no name was given).
    pub fn actor(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.email
        } else {
            &self.name
        }
    }
}

impl From<db::staff::StaffUser> for CurrentStaff {
    fn from(staff: db::staff::StaffUser) -> Self {
        Self {
            staff_user_id: staff.staff_user_id,
            role: StaffRole::parse(&staff.role).unwrap_or(StaffRole::Support),
            name: staff.name,
            email: staff.email,
        }
    }
}

/// The signed-in staff member of the request's session (the session is ended when its
/// absolute lifetime is over or the account is gone), without the two-factor requirement.
pub async fn signed_in(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<db::staff::StaffUser>, AppError> {
    let session = super::session_of(parts, state).await?;
    let Some(data) = session.get::<StaffSession>(SESSION_KEY).await? else {
        return Ok(None);
    };
    let age = OffsetDateTime::now_utc().unix_timestamp() - data.signed_in_at;
    let staff = if (0..ABSOLUTE_LIFETIME_SECS).contains(&age) {
        db::staff::find(&state.db, data.staff_user_id).await?
    } else {
        None
    };
    let Some(staff) = staff else {
        sign_out(&session).await?;
        return Ok(None);
    };
    super::idle::keep_alive(&session).await?;
    Ok(Some(staff))
}

/// Whether `staff` must enrol in two-factor before anything else.
pub fn must_enrol(state: &AppState, staff: &db::staff::StaffUser) -> bool {
    state.config.staff_2fa_required_for_admin
        && StaffRole::parse(&staff.role) == Some(StaffRole::Admin)
        && !staff.two_factor
}

impl FromRequestParts<AppState> for CurrentStaff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(staff) = signed_in(parts, state).await? else {
            return Err(AppError::Unauthenticated {
                login_path: crate::routes::ADMIN_LOGIN,
            });
        };
        if must_enrol(state, &staff) {
            return Err(AppError::Unauthenticated {
                login_path: crate::routes::ADMIN_TWO_FACTOR,
            });
        }
        Ok(staff.into())
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for CurrentStaff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <Self as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(staff) => Ok(Some(staff)),
            Err(AppError::Unauthenticated { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_only_with_the_same_password() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("correct horse battery stapler", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }
}
