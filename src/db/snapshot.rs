//! The `renewal.snapshot` column, decoded once into the typed [`RenewalSnapshot`]. A value
//! that no longer decodes (written by an older release, or edited by hand) is kept as
//! [`StoredSnapshot::Unreadable`]: reading it logs the problem with the renewal id, and pages
//! say the evaluation could not be read instead of failing.

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::types::Json;
use sqlx::{Decode, Postgres, Type, ValueRef};

use crate::domain::ids::RenewalId;
use crate::domain::snapshot::RenewalSnapshot;

/// The snapshot column of a renewal row.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum StoredSnapshot {
    /// Nothing read from Twilio yet (the renewal is being prepared).
    #[default]
    Missing,
    /// The snapshot.
    Readable(Box<RenewalSnapshot>),
    /// The stored JSON does not decode; the decoder's message says why.
    Unreadable(String),
}

/// The stored snapshot of a renewal could not be decoded (already logged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the renewal's stored evaluation could not be read")]
pub struct UnreadableSnapshot;

impl StoredSnapshot {
    /// The snapshot of renewal `renewal_id`: `Ok(None)` before preparation, `Err` (logged
    /// with the renewal id) when the stored value does not decode.
    pub fn read(
        &self,
        renewal_id: RenewalId,
    ) -> Result<Option<&RenewalSnapshot>, UnreadableSnapshot> {
        match self {
            Self::Missing => Ok(None),
            Self::Readable(snapshot) => Ok(Some(snapshot)),
            Self::Unreadable(error) => {
                tracing::error!(%renewal_id, %error, "stored renewal snapshot cannot be read");
                Err(UnreadableSnapshot)
            }
        }
    }
}

impl Type<Postgres> for StoredSnapshot {
    fn type_info() -> PgTypeInfo {
        <Json<serde_json::Value> as Type<Postgres>>::type_info()
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        <Json<serde_json::Value> as Type<Postgres>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Postgres> for StoredSnapshot {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(Self::Missing);
        }
        // Straight from the stored bytes into the typed snapshot (no JSON tree in between: this
        // runs on every renewal page).
        Ok(
            match <Json<RenewalSnapshot> as Decode<Postgres>>::decode(value) {
                Ok(Json(snapshot)) => Self::Readable(Box::new(snapshot)),
                Err(error) => Self::Unreadable(error.to_string()),
            },
        )
    }
}
