//! Talking to Twilio's Regulatory Compliance API.

pub mod signature;
