//! The account's postal addresses: mirrored by every sweep (one call per 1000 addresses) so
//! that the renewal page offers them by street from Postgres, and added or corrected from an
//! open renewal (at Twilio first, then in the mirror, then on the renewal's timeline).

use serde_json::json;
use time::OffsetDateTime;

use super::actor::Actor;
use super::engine::Engine;
use super::error::EngineError;
use super::operations::editable;
use crate::db::addresses::{self, StoredAddress};
use crate::db::renewals;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::postal_address::PostalAddress;
use crate::domain::sid::AddressSid;
use crate::twilio::resources::Address;
use crate::twilio::{TenantTwilio, TwilioError};

/// Reads the account's addresses and replaces the tenant's mirror with them. A Twilio error
/// is returned as is: the sweep decides whether it is worth a retry.
pub async fn refresh(engine: &Engine, twilio: &TenantTwilio) -> Result<u64, RefreshError> {
    let listed: Vec<Address> = twilio
        .list_all_addresses()
        .await?
        .into_iter()
        .filter(|a| AddressSid::is_canonical(&a.sid))
        .collect();
    let stored = addresses::refresh(
        &engine.db,
        twilio.tenant_id(),
        &listed,
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(stored)
}

/// Why the addresses could not be refreshed.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// Twilio refused or failed the list.
    #[error("listing the account's addresses: {0}")]
    Twilio(#[from] TwilioError),
    /// The database failed.
    #[error("storing the addresses: {0}")]
    Database(#[from] sqlx::Error),
}

/// What an address change does.
enum AddressWrite<'a> {
    /// Create a new address.
    Add,
    /// Correct the tenant's address with this SID.
    Correct(&'a AddressSid),
}

impl Engine {
    /// Creates `postal` as a new address of the tenant's account while `renewal_id` is open
    /// for changes; stores it in the mirror and records it on the renewal's timeline.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id))]
    pub async fn add_address(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        postal: &PostalAddress,
        actor: &Actor,
    ) -> Result<StoredAddress, EngineError> {
        self.write_address(tenant_id, renewal_id, AddressWrite::Add, postal, actor)
            .await
    }

    /// Corrects the tenant's address `sid` (every postal field but the country) while
    /// `renewal_id` is open for changes. An address the tenant's mirror does not hold is
    /// [`EngineError::NotFound`], whoever's it is.
    #[tracing::instrument(skip_all, fields(%tenant_id, %renewal_id, address_sid = %sid))]
    pub async fn correct_address(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        sid: &AddressSid,
        postal: &PostalAddress,
        actor: &Actor,
    ) -> Result<StoredAddress, EngineError> {
        let write = AddressWrite::Correct(sid);
        self.write_address(tenant_id, renewal_id, write, postal, actor)
            .await
    }

    async fn write_address(
        &self,
        tenant_id: TenantId,
        renewal_id: RenewalId,
        write: AddressWrite<'_>,
        postal: &PostalAddress,
        actor: &Actor,
    ) -> Result<StoredAddress, EngineError> {
        let mut tx = self.db.begin().await?;
        let (renewal, _) = editable(&mut tx, tenant_id, renewal_id).await?;
        let twilio = self.twilio_for(tenant_id).await?;
        let (address, event) = match write {
            AddressWrite::Add => (twilio.create_address(postal).await?, "address_added"),
            AddressWrite::Correct(sid) => {
                if addresses::find(&self.db, tenant_id, sid.as_str())
                    .await?
                    .is_none()
                {
                    return Err(EngineError::NotFound);
                }
                let updated = twilio.update_address(sid, postal).await?;
                (updated, "address_corrected")
            }
        };
        addresses::store(&self.db, tenant_id, &address).await?;
        let details = json!({"address_sid": address.sid, "iso_country": address.iso_country});
        renewals::record_action(
            &mut tx,
            &renewal,
            event,
            actor.cause(),
            actor.name(),
            details,
        )
        .await?;
        tx.commit().await?;
        addresses::find(&self.db, tenant_id, &address.sid)
            .await?
            .ok_or(EngineError::NotFound)
    }
}
