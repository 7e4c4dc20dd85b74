//! The control API under `/__emulator/` (JSON, no Twilio auth): accounts, seeding, review
//! decisions, phone numbers, regulation changes, the clock, faults, and the request and callback logs.

pub mod accounts;
pub mod clock;
pub mod error;
pub mod faults;
pub mod inspect;
pub mod logs;
pub mod phone_numbers;
pub mod regulations;
pub mod review;
pub mod seed_addresses;
pub mod seed_bundle;

use axum::Router;
use axum::routing::{delete, get, post, put};

use super::state::EmulatorState;

/// Every control route (relative to `/__emulator`).
pub fn router() -> Router<EmulatorState> {
    Router::new()
        .route("/reset", post(logs::reset))
        .route("/accounts", post(accounts::create_account))
        .route(
            "/accounts/{sid}/review-policy",
            put(accounts::set_review_policy),
        )
        .route("/bundles", post(seed_bundle::seed_bundle))
        .route("/phone-numbers", post(phone_numbers::create_phone_number))
        .route("/bundles/{sid}", get(inspect::show_bundle))
        .route("/bundles/{sid}/review", post(review::review_bundle))
        .route(
            "/regulations/{sid}/changes",
            post(regulations::change_regulation),
        )
        .route("/clock", get(clock::show_clock))
        .route("/clock/advance", post(clock::advance_clock))
        .route(
            "/faults",
            post(faults::add_fault).delete(faults::clear_faults),
        )
        .route(
            "/callback-faults",
            post(faults::add_callback_fault).delete(faults::clear_callback_faults),
        )
        .route(
            "/requests",
            get(logs::list_requests).delete(logs::clear_requests),
        )
        .route("/callbacks", get(logs::list_callbacks))
        .route("/addresses/{sid}", delete(logs::delete_address))
}
