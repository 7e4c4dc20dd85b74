//! Support staff accounts.

use sqlx::PgPool;
use time::OffsetDateTime;

use crate::domain::ids::StaffUserId;

/// A row of `staff_user` (without the password hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffUser {
    /// Primary key.
    pub staff_user_id: StaffUserId,
    /// Lower-case email address, unique.
    pub email: String,
    /// Display name (what the timeline shows as the actor).
    pub name: String,
    /// `admin` or `support`.
    pub role: String,
    /// Last successful sign-in.
    pub last_login_at: Option<OffsetDateTime>,
    /// When the account was created.
    pub created_at: OffsetDateTime,
    /// Whether two-factor sign-in is on (enrolment confirmed).
    pub two_factor: bool,
}

/// A staff member with the stored argon2 hash, for checking a password.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffCredentials {
    /// Primary key.
    pub staff_user_id: StaffUserId,
    /// PHC string (`$argon2id$…`).
    pub password_hash: String,
}

/// Why a staff member could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    /// The email address is already used by another staff member.
    #[error("a staff member with this email already exists")]
    EmailTaken,
    /// Any other database failure.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

// The `two_factor` column of [`StaffUser`] for `staff_user s`.
// (Written out in each statement that uses it: the query macros read whole SQL.)

/// Inserts a staff member. `email` must already be lower-case and `role` `admin`/`support`.
#[tracing::instrument(skip_all)]
pub async fn create(
    db: &PgPool,
    email: &str,
    name: &str,
    role: &str,
    password_hash: &str,
) -> Result<StaffUser, CreateStaffError> {
    sqlx::query_as!(
        StaffUser,
        r#"insert into staff_user (email, name, password_hash, role) values ($1, $2, $3, $4)
         returning staff_user_id as "staff_user_id: StaffUserId", email, name, role,
             last_login_at, created_at,
                   false as "two_factor!""#,
        email,
        name,
        password_hash,
        role,
    )
    .fetch_one(db)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db_err) if db_err.constraint() == Some("staff_user_email_key") => {
            CreateStaffError::EmailTaken
        }
        _ => CreateStaffError::Database(e),
    })
}

/// The staff member with this id.
pub async fn find(db: &PgPool, staff_user_id: StaffUserId) -> sqlx::Result<Option<StaffUser>> {
    sqlx::query_as!(
        StaffUser,
        r#"select staff_user_id as "staff_user_id: StaffUserId", email, name, role, last_login_at,
            created_at, exists(select 1 from staff_totp t where t.staff_user_id = s.staff_user_id
                                  and t.confirmed_at is not null) as "two_factor!"
         from staff_user s where staff_user_id = $1"#,
        staff_user_id as _,
    )
    .fetch_optional(db)
    .await
}

/// The id and password hash of the staff member with this (lower-case) email.
pub async fn credentials_by_email(
    db: &PgPool,
    email: &str,
) -> sqlx::Result<Option<StaffCredentials>> {
    sqlx::query_as!(
        StaffCredentials,
        r#"select staff_user_id as "staff_user_id: StaffUserId",
            password_hash from staff_user where email = $1"#,
        email,
    )
    .fetch_optional(db)
    .await
}

/// Every staff member, admins first, then by name.
pub async fn list(db: &PgPool) -> sqlx::Result<Vec<StaffUser>> {
    sqlx::query_as!(
        StaffUser,
        r#"select staff_user_id as "staff_user_id: StaffUserId", email, name, role, last_login_at,
            created_at, exists(select 1 from staff_totp t where t.staff_user_id = s.staff_user_id
                                  and t.confirmed_at is not null) as "two_factor!"
         from staff_user s order by role = 'admin' desc, lower(name), email"#,
    )
    .fetch_all(db)
    .await
}

/// Stamps a successful sign-in.
pub async fn touch_last_login(db: &PgPool, staff_user_id: StaffUserId) -> sqlx::Result<()> {
    sqlx::query!(
        "update staff_user set last_login_at = now() where staff_user_id = $1",
        staff_user_id as _,
    )
    .execute(db)
    .await?;
    Ok(())
}
