//! What the Bundle, End-User and Supporting Document handlers share: finding a resource of the
//! calling account (20404 for an unknown SID and for another account's alike), fetching it,
//! listing the account's resources a page at a time, and the `FriendlyName`/`Attributes` edits.

use std::collections::BTreeMap;
use std::ops::DerefMut;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;

use super::attributes;
use crate::emulator::bundle_table::{BundleMut, BundleTable};
use crate::emulator::clock::Timestamp;
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::{Caller, FormParams, Origin, Params, QueryParams};
use crate::emulator::model::{Bundle, EndUser, SupportingDocument};
use crate::emulator::paging::PageRequest;
use crate::emulator::state::EmulatorState;
use crate::emulator::store::Store;
use crate::emulator::views::{self, RC};

/// A top-level Regulatory Compliance resource that belongs to one account.
pub trait Owned: Sized + Send + Sync + 'static {
    /// The path segment of the resource's list (`Bundles`, `EndUsers`, …).
    const COLLECTION: &'static str;

    /// Whether the resource carries an `attributes` object.
    const HAS_ATTRIBUTES: bool;

    /// Where resources of this kind are stored.
    type Table: Table<Self>;

    /// Every stored resource of this kind, by SID.
    fn all(store: &Store) -> &Self::Table;

    /// The same, to change.
    fn all_mut(store: &mut Store) -> &mut Self::Table;

    /// The resource's SID.
    fn sid(&self) -> &str;

    /// The owning account's SID.
    fn account_sid(&self) -> &str;

    /// Creation order.
    fn seq(&self) -> u64;

    /// The wire JSON, with URLs on `origin`.
    fn view(&self, origin: &str) -> Value;

    /// The editable name, attributes (if the resource has any) and update time.
    fn editable(&mut self) -> Editable<'_>;
}

/// The store of one kind of resource, by SID.
pub trait Table<R: 'static> {
    /// A resource being changed (for bundles, a guard that refiles it when dropped).
    type Mut<'a>: DerefMut<Target = R>
    where
        Self: 'a;

    /// The resource `sid`.
    fn find(&self, sid: &str) -> Option<&R>;

    /// The same, to change.
    fn find_mut(&mut self, sid: &str) -> Option<Self::Mut<'_>>;

    /// Stores a new resource.
    fn put(&mut self, sid: String, resource: R);

    /// Every resource, by SID.
    fn every(&self) -> impl Iterator<Item = &R>;
}

impl<R: 'static> Table<R> for BTreeMap<String, R> {
    type Mut<'a>
        = &'a mut R
    where
        R: 'a;

    fn find(&self, sid: &str) -> Option<&R> {
        self.get(sid)
    }

    fn find_mut(&mut self, sid: &str) -> Option<&mut R> {
        self.get_mut(sid)
    }

    fn put(&mut self, sid: String, resource: R) {
        self.insert(sid, resource);
    }

    fn every(&self) -> impl Iterator<Item = &R> {
        self.values()
    }
}

impl Table<Bundle> for BundleTable {
    type Mut<'a> = BundleMut<'a>;

    fn find(&self, sid: &str) -> Option<&Bundle> {
        self.get(sid)
    }

    fn find_mut(&mut self, sid: &str) -> Option<BundleMut<'_>> {
        self.get_mut(sid)
    }

    fn put(&mut self, _sid: String, resource: Bundle) {
        self.insert(resource);
    }

    fn every(&self) -> impl Iterator<Item = &Bundle> {
        self.values()
    }
}

/// A resource of kind `R` being changed.
pub type MutOf<'a, R> = <<R as Owned>::Table as Table<R>>::Mut<'a>;

/// The parts of a resource that the shared edits change.
pub struct Editable<'a> {
    /// `friendly_name`.
    pub friendly_name: &'a mut String,
    /// `attributes`, for resources that carry them.
    pub attributes: Option<&'a mut Value>,
    /// `date_updated`.
    pub date_updated: &'a mut Timestamp,
}

/// The 20404 of `{COLLECTION}/{sid}`.
pub fn not_found<R: Owned>(sid: &str) -> ApiError {
    ApiError::not_found(&format!("{RC}/{}/{sid}", R::COLLECTION))
}

/// The resource `sid` of the caller's account, or 20404.
pub fn owned<'a, R: Owned>(store: &'a Store, caller: &Caller, sid: &str) -> ApiResult<&'a R> {
    R::all(store)
        .find(sid)
        .filter(|r| r.account_sid() == caller.account_sid)
        .ok_or_else(|| not_found::<R>(sid))
}

/// The same, to change.
pub fn owned_mut<'a, R: Owned>(
    store: &'a mut Store,
    caller: &Caller,
    sid: &str,
) -> ApiResult<MutOf<'a, R>> {
    R::all_mut(store)
        .find_mut(sid)
        .filter(|r| r.account_sid() == caller.account_sid)
        .ok_or_else(|| not_found::<R>(sid))
}

/// Stores a new resource and answers 201 with its wire JSON.
pub fn created<R: Owned>(
    store: &mut Store,
    resource: R,
    origin: &str,
) -> (StatusCode, Json<Value>) {
    let body = resource.view(origin);
    R::all_mut(store).put(resource.sid().to_owned(), resource);
    (StatusCode::CREATED, Json(body))
}

/// `GET /{COLLECTION}/{Sid}`: the caller's resource.
pub async fn fetch<R: Owned>(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = state.read();
    Ok(Json(owned::<R>(&store, &caller, &sid)?.view(&origin)))
}

/// `GET /{COLLECTION}`: the caller's resources, newest first.
pub async fn list<R: Owned>(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    QueryParams(query): QueryParams,
) -> ApiResult<Json<Value>> {
    let store = state.read();
    let list = newest_first::<R>(&store, &caller, |_| true);
    Ok(Json(page(list, &origin, &query)?))
}

/// `POST /{COLLECTION}/{Sid}` for resources whose only editable fields are `FriendlyName` and
/// `Attributes`.
pub async fn update<R: Owned>(
    State(state): State<EmulatorState>,
    caller: Caller,
    Origin(origin): Origin,
    Path(sid): Path<String>,
    FormParams(form): FormParams,
) -> ApiResult<Json<Value>> {
    let mut store = state.lock();
    Ok(Json(
        edit::<R>(&mut store, &caller, &sid, &form)?.view(&origin),
    ))
}

/// The caller's resources accepted by `keep`, newest first.
pub fn newest_first<'a, R: Owned>(
    store: &'a Store,
    caller: &Caller,
    keep: impl Fn(&R) -> bool,
) -> Vec<&'a R> {
    let mut list: Vec<&R> = R::all(store)
        .every()
        .filter(|r| r.account_sid() == caller.account_sid && keep(r))
        .collect();
    list.sort_by_key(|r| std::cmp::Reverse(r.seq()));
    list
}

/// One page of `list` (already filtered and sorted) in the v2 list envelope.
pub fn page<R: Owned>(list: Vec<&R>, origin: &str, query: &Params) -> ApiResult<Value> {
    let paging = PageRequest::from_query(query)?;
    let (items, more) = paging.slice(list);
    let results = items.iter().map(|r| r.view(origin)).collect();
    Ok(paging.envelope(
        &format!("{origin}{RC}/{}", R::COLLECTION),
        query,
        "results",
        results,
        more,
    ))
}

/// Applies an update's `FriendlyName` and `Attributes` to the caller's resource `sid` (20404 and
/// 22207 before anything changes) and returns it for further changes.
pub fn edit<'a, R: Owned>(
    store: &'a mut Store,
    caller: &Caller,
    sid: &str,
    form: &Params,
) -> ApiResult<MutOf<'a, R>> {
    owned::<R>(store, caller, sid)?;
    let edits = Edits::read::<R>(form)?;
    let now = store.now();
    let mut resource = owned_mut::<R>(store, caller, sid)?;
    edits.apply(resource.editable(), now);
    Ok(resource)
}

/// The `FriendlyName` and `Attributes` of an update, read before anything changes so that a bad
/// `Attributes` (22207) leaves the resource as it was.
#[derive(Debug, Default)]
struct Edits {
    friendly_name: Option<String>,
    attributes: Option<Value>,
}

impl Edits {
    /// Reads the parameters that apply to `R` (`Attributes` only where it has them); absent
    /// ones leave their field alone.
    fn read<R: Owned>(form: &Params) -> ApiResult<Self> {
        Ok(Self {
            friendly_name: form.get("FriendlyName").map(str::to_owned),
            attributes: form
                .get("Attributes")
                .filter(|_| R::HAS_ATTRIBUTES)
                .map(|text| attributes::parse(Some(text)))
                .transpose()?,
        })
    }

    /// Applies the edits (attributes are replaced, not merged, as Twilio does) and stamps
    /// `date_updated`.
    fn apply(self, editable: Editable<'_>, now: Timestamp) {
        if let Some(name) = self.friendly_name {
            *editable.friendly_name = name;
        }
        if let (Some(new), Some(attributes)) = (self.attributes, editable.attributes) {
            *attributes = new;
        }
        *editable.date_updated = now;
    }
}

/// Implements [`Owned`] for a model type: its collection path, its map in the store, its view,
/// and whether it carries `attributes`.
macro_rules! owned_resource {
    ($type:ty, $collection:literal, $field:ident: $table:ty, $view:path, $($attributes:ident)?) => {
        impl Owned for $type {
            const COLLECTION: &'static str = $collection;
            const HAS_ATTRIBUTES: bool = owned_resource!(@has $($attributes)?);
            type Table = $table;

            fn all(store: &Store) -> &$table {
                &store.$field
            }

            fn all_mut(store: &mut Store) -> &mut $table {
                &mut store.$field
            }

            fn sid(&self) -> &str {
                &self.sid
            }

            fn account_sid(&self) -> &str {
                &self.account_sid
            }

            fn seq(&self) -> u64 {
                self.seq
            }

            fn view(&self, origin: &str) -> Value {
                $view(origin, self)
            }

            fn editable(&mut self) -> Editable<'_> {
                Editable {
                    friendly_name: &mut self.friendly_name,
                    attributes: owned_resource!(@attributes self $($attributes)?),
                    date_updated: &mut self.date_updated,
                }
            }
        }
    };
    (@attributes $self:ident attributes) => { Some(&mut $self.attributes) };
    (@attributes $self:ident) => { None };
    (@has attributes) => { true };
    (@has) => { false };
}

owned_resource!(Bundle, "Bundles", bundles: BundleTable, views::bundle,);
owned_resource!(
    EndUser,
    "EndUsers",
    end_users: BTreeMap<String, EndUser>,
    views::end_user,
    attributes
);
owned_resource!(
    SupportingDocument,
    "SupportingDocuments",
    documents: BTreeMap<String, SupportingDocument>,
    views::document,
    attributes
);
