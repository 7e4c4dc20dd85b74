//! The customer portal, tested over HTTP as a customer would use it.

mod bundles;
mod fixtures;
mod isolation;
mod journey;
mod login;
mod renewal;
pub(crate) mod seed;
mod status;
