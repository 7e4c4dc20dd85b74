//! The evidence pack: for one renewal, or a tenant over a date range, everything that shows
//! how the renewal went — its chained timeline, every evaluation, the values submitted, the
//! uploaded documents' SHA-256, Twilio's decisions — as JSON for machines ([`pack`], schema
//! in docs/evidence-pack.md) and as a PDF for people ([`pdf`]).

pub mod assemble;
pub mod collect;
pub mod pack;
pub mod pdf;

pub use collect::{renewal_pack, tenant_range_pack};
pub use pack::EvidencePack;
