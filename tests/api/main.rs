//! One integration-test binary: every test gets its own database and server.

mod admin;
mod audit_trail;
mod browser;
mod connection_limits;
mod database_creation;
mod deploy_files;
mod email;
mod embedded_db;
mod emulator;
mod helpers;
mod jobs;
mod lifecycle;
mod lifecycle_outcomes;
mod lifecycle_recovery;
mod lifecycle_support;
mod metrics;
mod notifications;
mod portal;
mod response_policy;
mod session_writes;
mod smaller_hardening;
mod tenants;
mod twilio_client;
mod web_shell;
mod webhooks;
