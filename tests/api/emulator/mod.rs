//! The Twilio Regulatory Compliance emulator, tested over HTTP.

mod accounts;
mod addresses;
mod callbacks;
mod conformance;
mod errors;
mod faults;
mod list_indexes;
mod listing;
mod phone_numbers;
mod review;
mod state_file;
mod support;
mod update_flow;
