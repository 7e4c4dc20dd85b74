//! One integration-test binary: every test gets its own database and server.

mod embedded_db;
mod emulator;
mod helpers;
mod web_shell;
