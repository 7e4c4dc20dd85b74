//! One integration-test binary: every test gets its own database and server.

mod email;
mod embedded_db;
mod helpers;
mod portal;
mod tenants;
mod twilio_client;
mod web_shell;
mod lifecycle;
mod lifecycle_support;
mod lifecycle_outcomes;
