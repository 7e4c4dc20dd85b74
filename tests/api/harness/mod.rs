#![allow(dead_code)] // Shared by every test module; not all use every field.
//! How a test starts the app: [`TestApp::builder`] (a fresh database, created with migrations
//! and dropped afterwards, the app on 127.0.0.1:0, a mailbox, and a cookie-keeping client), and
//! what every test shares beside it (captured logs, the test database).

mod app;
mod builder;
mod database;
mod logs;

pub use app::{TestApp, client, follow_link, spawn_app, spawn_app_with};
pub use database::{TestDatabase, maintenance_url, replace_database};
pub use logs::captured_logs;
