//! The numbers at risk: which of the account's phone numbers are registered under each
//! mirrored bundle, read by every sweep (one call per 1000 numbers) so that pages show them
//! from Postgres.

use time::OffsetDateTime;

use super::engine::Engine;
use crate::db::phone_numbers::{self, ListedNumber, Refreshed};
use crate::twilio::{TenantTwilio, TwilioError};

/// Reads the account's numbers and stores those registered under the tenant's bundles (call
/// after the bundles are mirrored). A Twilio error is returned as is: the sweep decides
/// whether it is worth a retry.
pub async fn refresh(engine: &Engine, twilio: &TenantTwilio) -> Result<Refreshed, RefreshError> {
    let listed = twilio.list_all_phone_numbers().await?;
    let numbers: Vec<ListedNumber<'_>> = listed
        .iter()
        .filter_map(|number| {
            Some(ListedNumber {
                sid: &number.sid,
                phone_number: &number.phone_number,
                friendly_name: &number.friendly_name,
                bundle_sid: number.bundle_sid.as_deref()?,
                address_sid: number.address_sid.as_deref(),
            })
        })
        .collect();
    let refreshed = phone_numbers::refresh(
        &engine.db,
        twilio.tenant_id(),
        &numbers,
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(refreshed)
}

/// Why the numbers could not be refreshed.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// Twilio refused or failed the list.
    #[error("listing the account's phone numbers: {0}")]
    Twilio(#[from] TwilioError),
    /// The database failed.
    #[error("storing the phone numbers: {0}")]
    Database(#[from] sqlx::Error),
}
