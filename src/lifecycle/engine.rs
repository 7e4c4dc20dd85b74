//! The [`Engine`]: everything the lifecycle needs (database, Twilio, mailer, settings), shared
//! by the web layer (operations) and the job runner (background steps).

use std::sync::Arc;

use sqlx::PgPool;

use super::error::EngineError;
use super::settings::LifecycleSettings;
use crate::config::Config;
use crate::domain::ids::TenantId;
use crate::email::Mailer;
use crate::twilio::{TenantTwilio, TwilioClient, TwilioCredentials, TwilioError};

/// Runs the renewal lifecycle. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    /// The application database.
    pub db: PgPool,
    /// The process configuration (public URL, secret key).
    pub config: Arc<Config>,
    /// The shared Twilio client.
    pub twilio: TwilioClient,
    /// Outgoing email.
    pub mailer: Mailer,
    /// Poll and sweep intervals.
    pub settings: LifecycleSettings,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine over these parts.
    pub fn new(
        db: PgPool,
        config: Arc<Config>,
        twilio: TwilioClient,
        mailer: Mailer,
        settings: LifecycleSettings,
    ) -> Self {
        Self {
            db,
            config,
            twilio,
            mailer,
            settings,
        }
    }

    /// A Twilio handle acting as `tenant_id`'s account (its credentials decrypted for the call).
    pub async fn twilio_for(&self, tenant_id: TenantId) -> Result<TenantTwilio, EngineError> {
        let credentials = super::tenants::credentials(self, tenant_id).await?;
        Ok(self.twilio.for_tenant(tenant_id, &credentials))
    }

    /// Asks Twilio whether `credentials` (not necessarily the stored ones) are accepted.
    pub async fn verify_credentials(
        &self,
        tenant_id: TenantId,
        credentials: &TwilioCredentials,
    ) -> Result<(), TwilioError> {
        self.twilio
            .for_tenant(tenant_id, credentials)
            .verify_credentials()
            .await
    }

    /// The status callback URL every affected bundle and copy must carry.
    pub fn status_callback_url(&self) -> String {
        self.config.url_for(crate::routes::BUNDLE_STATUS_WEBHOOK)
    }
}
