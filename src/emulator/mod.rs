//! An emulator of Twilio's Regulatory Compliance v2 API: stateful, wire-compatible, with a
//! reviewer, regulation changes, a clock, signed status callbacks and fault injection.

pub mod catalogue;
pub mod evaluation;
