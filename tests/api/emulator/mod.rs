//! The Twilio Regulatory Compliance emulator, tested over HTTP.

mod callbacks;
mod conformance;
mod errors;
mod faults;
mod lifecycle;
mod listing;
mod review;
mod snapshot;
mod support;
