//! What the engine's operations fail with; `Display` is safe to show to the customer.

use crate::domain::attributes::InvalidField;
use crate::domain::renewal::RenewalState;
use crate::twilio::TwilioError;

/// A failed engine operation.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// No such renewal for this tenant (another tenant's renewal looks the same).
    #[error("This renewal could not be found.")]
    NotFound,
    /// The renewal is not in a state that allows the operation.
    #[error("This renewal cannot be changed right now ({}).", .0.label())]
    NotEditable(RenewalState),
    /// Submit was asked while the latest evaluation is not compliant.
    #[error(
        "Some information is still missing or incorrect; please complete it before submitting."
    )]
    NotCompliant,
    /// A field value cannot be sent to Twilio.
    #[error("{}", .0.message)]
    InvalidField(InvalidField),
    /// Twilio refused or failed.
    #[error("Twilio could not process the request right now. Please try again in a moment.")]
    Twilio(#[from] TwilioError),
    /// The renewal's stored information no longer decodes (logged with the renewal id).
    #[error("This renewal's saved information cannot be read; support has been told.")]
    UnreadableSnapshot(#[from] crate::db::snapshot::UnreadableSnapshot),
    /// Anything else (database, configuration); details are logged, not shown.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for EngineError {
    fn from(error: sqlx::Error) -> Self {
        Self::Other(anyhow::Error::new(error).context("database"))
    }
}

impl From<InvalidField> for EngineError {
    fn from(error: InvalidField) -> Self {
        Self::InvalidField(error)
    }
}

impl From<crate::db::renewals::TransitionError> for EngineError {
    fn from(error: crate::db::renewals::TransitionError) -> Self {
        Self::Other(anyhow::Error::new(error))
    }
}
