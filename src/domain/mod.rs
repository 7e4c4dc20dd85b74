//! Pure domain types: no I/O, unit-tested in-file.

pub mod renewal_state;
