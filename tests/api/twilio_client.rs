//! The Twilio client: wire format, retries and paging against a scripted server, and every call
//! against the built-in emulator.

pub mod accounts;
mod emulator;
mod scripted;
mod wire;
