//! `GET /Bundles`: the caller's bundles, filtered ([`Filters`]), sorted by `SortBy` and
//! `SortDirection`, a page at a time. The page is read off the account's ordered index and
//! served from each bundle's cached JSON, so it costs what it returns, not what is stored.

use std::borrow::Cow;
use std::ops::Bound;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::bundle_filters::Filters;
use crate::emulator::bundle_index::{SortBy, Walk, sort_key};
use crate::emulator::bundle_table::StoredBundle;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, Origin, Params, QueryParams};
use crate::emulator::paging::PageRequest;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views::RC;

/// `SortBy` (`valid-until`, `date-updated`; default date created) and `SortDirection`
/// (`ASC`/`DESC`, default `DESC`). Bundles without `valid_until` sort after dated ones ascending.
#[derive(Debug, Clone, Copy)]
struct Order {
    by: SortBy,
    descending: bool,
}

impl Order {
    fn parse(query: &Params) -> ApiResult<Self> {
        let descending = match query.get("SortDirection") {
            None => true,
            Some(d) if d.eq_ignore_ascii_case("DESC") => true,
            Some(d) if d.eq_ignore_ascii_case("ASC") => false,
            Some(d) => return Err(ApiError::invalid("SortDirection", d)),
        };
        let by = SortBy::parse(query.get("SortBy"))
            .ok_or_else(|| ApiError::invalid("SortBy", query.get("SortBy").unwrap_or("")))?;
        Ok(Self { by, descending })
    }
}

/// `GET /Bundles`.
pub async fn list_bundles(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Response> {
    let filters = Filters::parse(&query)?;
    let order = Order::parse(&query)?;
    let paging = PageRequest::from_query(&query)?;
    let store = state.read();
    let (page, more) = match &filters.sids {
        Some(sids) => paging.slice(named(&store, &caller, sids, &filters, order)),
        None => paging.take(walked(&store, &caller, &filters, order)),
    };
    let results: Vec<Cow<'_, str>> = page.iter().map(|b| b.wire_json(&origin)).collect();
    let list_url = format!("{origin}{RC}/Bundles");
    let body = paging.envelope_text(&list_url, &query, "results", &results, more);
    drop(results);
    drop(store);
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The accepted bundles in order, off the account's index (of the filtered status, if any;
/// sorting by valid_until, only the range its filters leave).
fn walked<'a>(
    store: &'a Store,
    caller: &'a Caller,
    filters: &'a Filters,
    order: Order,
) -> impl Iterator<Item = &'a StoredBundle> + 'a {
    let range = match order.by {
        SortBy::ValidUntil => filters.valid_until_range(),
        _ => (Bound::Unbounded, Bound::Unbounded),
    };
    let walk = Walk {
        account_sid: &caller.account_sid,
        status: filters.status,
        by: order.by,
        descending: order.descending,
        range,
    };
    store
        .bundles
        .walk(walk)
        .filter(move |b| filters.accepts(store, b.bundle()))
}

/// The accepted bundles among the (at most 20) `BundleSids`, each once, in order.
fn named<'a>(
    store: &'a Store,
    caller: &Caller,
    sids: &[String],
    filters: &Filters,
    order: Order,
) -> Vec<&'a StoredBundle> {
    let mut found: Vec<&StoredBundle> = sids
        .iter()
        .filter_map(|sid| store.bundles.stored(sid))
        .filter(|b| b.bundle().account_sid == caller.account_sid)
        .filter(|b| filters.accepts(store, b.bundle()))
        .collect();
    found.sort_by_key(|b| sort_key(b.bundle(), order.by));
    found.dedup_by_key(|b| b.bundle().seq);
    if order.descending {
        found.reverse();
    }
    found
}
