//! Read-only catalogue resources: Regulations, End-User Types, Supporting Document Types.

use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;

use super::vocabulary;
use crate::emulator::catalogue::{ItemKind, ItemType, Regulation};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, Origin, QueryParams};
use crate::emulator::paging::PageRequest;
use crate::emulator::state::EmulatorState;
use crate::emulator::views::RC;

/// `GET /Regulations` with `EndUserType` (22212), `IsoCountry`, `NumberType` (22213),
/// `IncludeConstraints`.
pub async fn list_regulations(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let paging = PageRequest::from_query(&query)?;
    let end_user_type = query
        .get("EndUserType")
        .map(|t| {
            vocabulary::end_user_type(t)
                .ok_or_else(|| ApiError::bad_request(22212, format!("Invalid EndUserType {t}")))
        })
        .transpose()?;
    let number_type = query
        .get("NumberType")
        .map(|t| {
            vocabulary::number_type(t)
                .ok_or_else(|| ApiError::bad_request(22213, format!("Invalid NumberType {t}")))
        })
        .transpose()?;
    let iso_country = query.get("IsoCountry");
    let include = query.bool("IncludeConstraints")?.unwrap_or(false);
    let store = state.lock();
    let list: Vec<&Regulation> = store
        .catalogue
        .regulations()
        .iter()
        .filter(|r| {
            end_user_type.is_none_or(|t| r.end_user_type == t)
                && number_type.is_none_or(|t| r.number_type == t)
                && iso_country.is_none_or(|c| r.iso_country.eq_ignore_ascii_case(c))
        })
        .collect();
    let (page, more) = paging.slice(list);
    let results = page.iter().map(|r| r.to_json(&origin, include)).collect();
    Ok(Json(paging.envelope(
        &format!("{origin}{RC}/Regulations"),
        &query,
        "results",
        results,
        more,
    )))
}

/// `GET /Regulations/{Sid}` with `IncludeConstraints`.
pub async fn fetch_regulation(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let include = query.bool("IncludeConstraints")?.unwrap_or(false);
    let store = state.lock();
    let regulation = store
        .catalogue
        .regulation(&sid)
        .ok_or_else(|| ApiError::not_found(&format!("{RC}/Regulations/{sid}")))?;
    Ok(Json(regulation.to_json(&origin, include)))
}

fn list_types(
    types: &[ItemType],
    kind: ItemKind,
    origin: &str,
    query: &crate::emulator::extract::Params,
) -> ApiResult<Value> {
    let paging = PageRequest::from_query(query)?;
    let (path, key) = match kind {
        ItemKind::EndUserType => ("EndUserTypes", "end_user_types"),
        ItemKind::SupportingDocumentType => {
            ("SupportingDocumentTypes", "supporting_document_types")
        }
    };
    let (page, more) = paging.slice(types.iter().collect());
    let results = page.iter().map(|t| t.to_json(origin, kind)).collect();
    Ok(paging.envelope(&format!("{origin}{RC}/{path}"), query, key, results, more))
}

/// `GET /EndUserTypes` (key `end_user_types`).
pub async fn list_end_user_types(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let types = store.catalogue.end_user_types();
    Ok(Json(list_types(
        types,
        ItemKind::EndUserType,
        &origin,
        &query,
    )?))
}

/// `GET /EndUserTypes/{Sid}` (an OY SID or a machine name).
pub async fn fetch_end_user_type(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let item = store
        .catalogue
        .end_user_type(&sid)
        .ok_or_else(|| ApiError::not_found(&format!("{RC}/EndUserTypes/{sid}")))?;
    Ok(Json(item.to_json(&origin, ItemKind::EndUserType)))
}

/// `GET /SupportingDocumentTypes` (key `supporting_document_types`).
pub async fn list_document_types(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let types = store.catalogue.supporting_document_types();
    Ok(Json(list_types(
        types,
        ItemKind::SupportingDocumentType,
        &origin,
        &query,
    )?))
}

/// `GET /SupportingDocumentTypes/{Sid}` (an OY SID or a machine name).
pub async fn fetch_document_type(
    State(state): State<EmulatorState>,
    _caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.lock();
    let item = store
        .catalogue
        .supporting_document_type(&sid)
        .ok_or_else(|| ApiError::not_found(&format!("{RC}/SupportingDocumentTypes/{sid}")))?;
    Ok(Json(
        item.to_json(&origin, ItemKind::SupportingDocumentType),
    ))
}
