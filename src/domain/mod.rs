//! Pure domain types: no I/O, unit-tested in-file.

pub mod api_scope;
pub mod attributes;
pub mod cancel_reason;
pub mod colour;
pub mod deadline;
pub mod email_address;
pub mod email_status;
pub mod evaluation_changes;
pub mod job_status;
pub mod link_kind;
pub mod logo;
pub mod regulation_version;
pub mod renewal;
pub mod renewal_state;
pub mod requirements;
pub mod review_time;
pub mod sid;
pub mod sign_in_outcome;
pub mod snapshot;
pub mod staff_alert_kind;
pub mod storable_text;
pub mod text_enum;
pub mod timeline_chain;
pub mod twilio_codes;
pub mod upload;
pub mod uploaded_document;
