//! The signed-in end customer: what the session holds, and the extractor that every portal
//! page uses. A customer session lasts at most twelve hours from sign-in (on top of the
//! cookie's idle expiry), and ends as soon as the user is removed.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::db;
use crate::domain::ids::{TenantId, UserId};
use crate::error::AppError;
use crate::i18n::{Locale, Zone};
use crate::state::AppState;

/// Absolute lifetime of a customer session.
pub const ABSOLUTE_LIFETIME: time::Duration = time::Duration::hours(12);
const SESSION_KEY: &str = "customer";

/// What the session remembers about a signed-in customer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerSession {
    /// The user.
    pub app_user_id: UserId,
    /// The user's tenant: every query of the portal is scoped by it.
    pub tenant_id: TenantId,
    /// When the user signed in (unix seconds).
    pub signed_in_at: i64,
}

/// The signed-in customer of this request (or a redirect to `/login`).
#[derive(Debug, Clone)]
pub struct CurrentCustomer {
    /// The user.
    pub app_user_id: UserId,
    /// The user's tenant.
    pub tenant_id: TenantId,
    /// The user's address.
    pub email: String,
    /// The tenant's name.
    pub tenant_name: String,
    /// The language the user chose, if they did.
    pub locale: Option<Locale>,
    /// The tenant's default language.
    pub tenant_locale: Locale,
    /// The tenant's time zone (dates on the portal's pages).
    pub time_zone: Zone,
}

/// Signs `session` in as this user: clears whatever it held (including the CSRF token), gives
/// it a new id (no session fixation) and records who and when.
pub async fn sign_in(
    session: &Session,
    app_user_id: UserId,
    tenant_id: TenantId,
) -> Result<(), AppError> {
    session.clear().await;
    session.cycle_id().await?;
    let record = CustomerSession {
        app_user_id,
        tenant_id,
        signed_in_at: OffsetDateTime::now_utc().unix_timestamp(),
    };
    session.insert(SESSION_KEY, record).await?;
    super::csrf::CsrfToken::rotate(session).await?;
    super::idle::keep_alive(session).await
}

/// Ends the session (deletes it from the store and expires the cookie).
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::from)
}

impl FromRequestParts<AppState> for CurrentCustomer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let unauthenticated = AppError::Unauthenticated {
            login_path: crate::routes::LOGIN,
        };
        let session = super::session_of(parts, state).await?;
        let Some(record) = session.get::<CustomerSession>(SESSION_KEY).await? else {
            return Err(unauthenticated);
        };
        let age = OffsetDateTime::now_utc().unix_timestamp() - record.signed_in_at;
        if age < 0 || age > ABSOLUTE_LIFETIME.whole_seconds() {
            sign_out(&session).await?;
            return Err(unauthenticated);
        }
        let user =
            db::users::find_user_with_tenant(&state.db, record.tenant_id, record.app_user_id)
                .await?;
        let Some(user) = user else {
            sign_out(&session).await?;
            return Err(unauthenticated);
        };
        super::idle::keep_alive(&session).await?;
        let customer = Self {
            app_user_id: record.app_user_id,
            tenant_id: record.tenant_id,
            email: user.email,
            tenant_name: user.tenant_name,
            locale: user.locale,
            tenant_locale: user.tenant_locale,
            time_zone: user.time_zone,
        };
        // The page's chrome (language, header) reads it from here instead of loading it again.
        parts.extensions.insert(customer.clone());
        Ok(customer)
    }
}
