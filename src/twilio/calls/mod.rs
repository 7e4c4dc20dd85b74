//! One async method on [`TenantTwilio`](super::TenantTwilio) per API call the lifecycle needs,
//! grouped by resource. Creates are marked [`Idempotency::Create`](super::retry::Idempotency)
//! and never retried once they may have reached Twilio: callers guard them (list, then adopt).

mod accounts;
mod addresses;
mod assignments;
mod bundles;
pub mod classic_paging;
mod copies;
mod documents;
mod end_users;
mod evaluations;
mod paging;
mod phone_numbers;
mod regulations;
