//! The customer portal, tested over HTTP as a customer would use it.

mod addresses;
mod branding;
mod bundle_listing;
mod bundle_tasks;
mod bundles;
pub mod fixtures;
mod in_browser;
mod isolation;
mod journey;
mod languages;
mod live_status;
mod login;
mod removed_tenant;
mod renewal;
mod renewal_links;
mod renewal_path;
mod review;
pub mod session;
mod status;
