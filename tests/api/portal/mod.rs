//! The customer portal, tested over HTTP as a customer would use it.

mod branding;
mod bundles;
pub mod fixtures;
mod isolation;
mod journey;
mod languages;
mod live_status;
mod login;
mod renewal;
mod renewal_links;
pub mod seed;
mod status;
