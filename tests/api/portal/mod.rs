//! The customer portal, tested over HTTP as a customer would use it.

mod bundles;
mod login;
mod seed;
