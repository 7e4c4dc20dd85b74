//! Talking to Twilio's Regulatory Compliance API.
//!
//! [`TwilioClient`] is built once from [`TwilioConfig`]; [`TwilioClient::for_tenant`] gives a
//! cheap [`TenantTwilio`] handle with one async method per API call (see `calls/`). Every call
//! returns [`TwilioError`], is traced (tenant, method, path, status, latency, attempt; never
//! credentials or attribute values) and counted. Reads, updates and deletes are retried with
//! backoff; creates only when Twilio provably did not process them.

mod calls;
pub mod client;
pub mod credentials;
pub mod error;
pub mod filter;
pub mod form;
pub mod requests;
pub mod resources;
pub mod retry;
pub mod signature;

pub use crate::config::TwilioConfig;
pub use client::{TenantTwilio, TwilioClient};
pub use credentials::{Auth, CredentialsError, TwilioCredentials};
pub use error::TwilioError;
pub use filter::{BundleFilter, BundleSortBy, RegulationFilter, SortDirection};
pub use requests::{
    BundleProperties, DocumentUpload, EndUserUpdate, NewBundle, NewEndUser, NewSupportingDocument,
    RegulationSelector, SupportingDocumentUpdate,
};
pub use resources::{
    Account, AccountStatus, Bundle, BundleCopy, BundleStatus, EndUser, EndUserType, Evaluation,
    EvaluationResult, EvaluationStatus, FieldResult, IncomingPhoneNumber, ItemAssignment, ItemKind,
    Page, Regulation, SupportingDocument,
};
