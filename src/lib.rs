//! recomply: runs Twilio's Regulatory Compliance update lifecycle for every tenant of an ISV.

pub mod auth;
pub mod brand;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod domain;
pub mod email;
pub mod emulator;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod jobs;
pub mod lifecycle;
pub mod links;
pub mod queue;
pub mod routes;
pub mod secret;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod twilio;
pub mod web;
pub mod wording;
