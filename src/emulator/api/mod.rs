//! The Twilio Regulatory Compliance v2 routes (rows 1–33 of docs/emulator-fidelity.md) and the
//! 2010-04-01 Accounts, Addresses and IncomingPhoneNumbers resources.

pub mod account_path;
pub mod accounts;
pub mod addresses;
pub mod attributes;
pub mod bundle_filters;
pub mod bundle_list;
pub mod bundles;
pub mod catalogue_resources;
pub mod clones;
pub mod copies;
pub mod end_users;
pub mod evaluations;
pub mod item_assignments;
pub mod owned;
pub mod phone_numbers;
pub mod replace_items;
pub mod supporting_documents;
pub mod upload;
pub mod vocabulary;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use super::model::{Bundle, EndUser, SupportingDocument};
use super::state::EmulatorState;

/// Every Twilio API route, without middleware.
pub fn router() -> Router<EmulatorState> {
    let bundle = "/v2/RegulatoryCompliance/Bundles/{sid}";
    Router::new()
        .route(
            "/2010-04-01/Accounts.json",
            get(accounts::list_accounts).post(accounts::create_account),
        )
        .route(
            "/2010-04-01/Accounts/{sid}",
            get(accounts::fetch_account).post(accounts::update_account),
        )
        .merge(v2010_subresources())
        .route(
            "/v2/RegulatoryCompliance/Bundles",
            get(bundle_list::list_bundles).post(bundles::create_bundle),
        )
        .route(
            bundle,
            get(owned::fetch::<Bundle>)
                .post(bundles::update_bundle)
                .delete(bundles::delete_bundle),
        )
        .route(&format!("{bundle}/Clones"), post(clones::create_clone))
        .route(
            &format!("{bundle}/Copies"),
            get(copies::list_copies).post(copies::create_copy),
        )
        .route(
            &format!("{bundle}/ReplaceItems"),
            post(replace_items::replace_items),
        )
        .route(
            &format!("{bundle}/Evaluations"),
            get(evaluations::list_evaluations).post(evaluations::create_evaluation),
        )
        .route(
            &format!("{bundle}/Evaluations/{{item}}"),
            get(evaluations::fetch_evaluation),
        )
        .route(
            &format!("{bundle}/ItemAssignments"),
            get(item_assignments::list_assignments).post(item_assignments::create_assignment),
        )
        .route(
            &format!("{bundle}/ItemAssignments/{{item}}"),
            get(item_assignments::fetch_assignment).delete(item_assignments::delete_assignment),
        )
        .merge(item_and_catalogue_routes())
}

/// End-Users, Supporting Documents (uploads included) and the read-only catalogue (End-User
/// types, Regulations, Supporting Document types).
fn item_and_catalogue_routes() -> Router<EmulatorState> {
    use catalogue_resources as catalogue;
    Router::new()
        .route(
            "/v2/RegulatoryCompliance/EndUsers",
            get(owned::list::<EndUser>).post(end_users::create_end_user),
        )
        .route(
            "/v2/RegulatoryCompliance/EndUsers/{sid}",
            get(owned::fetch::<EndUser>)
                .post(owned::update::<EndUser>)
                .delete(end_users::delete_end_user),
        )
        .route(
            "/v2/RegulatoryCompliance/EndUserTypes",
            get(catalogue::list_end_user_types),
        )
        .route(
            "/v2/RegulatoryCompliance/EndUserTypes/{sid}",
            get(catalogue::fetch_end_user_type),
        )
        .route(
            "/v2/RegulatoryCompliance/Regulations",
            get(catalogue::list_regulations),
        )
        .route(
            "/v2/RegulatoryCompliance/Regulations/{sid}",
            get(catalogue::fetch_regulation),
        )
        .route(
            "/v2/RegulatoryCompliance/SupportingDocuments",
            get(owned::list::<SupportingDocument>)
                .post(supporting_documents::create_document)
                .layer(DefaultBodyLimit::max(upload::MAX_BODY_BYTES)),
        )
        .route(
            "/v2/RegulatoryCompliance/SupportingDocuments/{sid}",
            get(owned::fetch::<SupportingDocument>)
                .post(supporting_documents::update_document)
                .delete(supporting_documents::delete_document),
        )
        .route(
            "/v2/RegulatoryCompliance/SupportingDocumentTypes",
            get(catalogue::list_document_types),
        )
        .route(
            "/v2/RegulatoryCompliance/SupportingDocumentTypes/{sid}",
            get(catalogue::fetch_document_type),
        )
}

/// The 2010-04-01 resources that live under one account.
fn v2010_subresources() -> Router<EmulatorState> {
    let account = "/2010-04-01/Accounts/{account}";
    Router::new()
        .route(
            &format!("{account}/Addresses.json"),
            get(addresses::list_addresses).post(addresses::create_address),
        )
        .route(
            &format!("{account}/Addresses/{{sid}}"),
            get(addresses::fetch_address)
                .post(addresses::update_address)
                .delete(addresses::delete_address),
        )
        .route(
            &format!("{account}/IncomingPhoneNumbers.json"),
            get(phone_numbers::list_phone_numbers),
        )
        .route(
            &format!("{account}/IncomingPhoneNumbers/{{sid}}"),
            get(phone_numbers::fetch_phone_number),
        )
}
