//! The global search box on every admin page: a bundle or copy SID (or part of one), an email
//! address, a tenant, or a renewal id, answered with every kind of match on one page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::form::FormErrors;
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::bundles::{self, BundleFilter, BundleRow};
use crate::db::admin_queries::renewals::{self, RenewalRow};
use crate::db::admin_queries::search::{self, TenantHit, TenantSearch, UserHit};
use crate::domain::ids::{RenewalId, TenantId};
use crate::error::Result;
use crate::state::AppState;
use crate::web::list_query::StrictQuery;

/// Rows shown per kind of match.
const LIMIT: i64 = 20;
/// The shortest and longest searches.
const MIN_CHARS: usize = 2;
const MAX_CHARS: usize = 200;

/// What was typed, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerm {
    /// A renewal (or tenant) id.
    Id(Uuid),
    /// Anything else: part of a SID, an address, a name.
    Text(String),
}

impl SearchTerm {
    /// `q` as a search, `Ok(None)` when nothing was typed, or the message to show beside the box.
    pub fn parse(q: &str) -> Result<Option<Self>, String> {
        let q = q.trim();
        let chars = q.chars().count();
        if chars == 0 {
            return Ok(None);
        }
        if chars < MIN_CHARS {
            return Err(format!("Type at least {MIN_CHARS} characters"));
        }
        if chars > MAX_CHARS {
            return Err(format!("Use at most {MAX_CHARS} characters"));
        }
        Ok(Some(match q.parse::<Uuid>() {
            Ok(id) => Self::Id(id),
            Err(_) => Self::Text(q.to_owned()),
        }))
    }
}

/// The results page.
#[derive(Template, WebTemplate)]
#[template(path = "admin/search.html")]
pub struct SearchPage {
    layout: AdminLayout,
    /// What was typed, shown again.
    q: String,
    errors: FormErrors,
    /// Whether a search ran (something valid was typed).
    searched: bool,
    renewals: Vec<RenewalRow>,
    bundles: Vec<BundleRow>,
    tenants: Vec<TenantHit>,
    users: Vec<UserHit>,
}

impl SearchPage {
    /// Whether the search found nothing at all.
    pub fn is_empty(&self) -> bool {
        self.renewals.is_empty()
            && self.bundles.is_empty()
            && self.tenants.is_empty()
            && self.users.is_empty()
    }
}

/// `?q=`
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// GET /admin/search
pub async fn search(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    StrictQuery(query): StrictQuery<SearchQuery>,
) -> Result<Response> {
    let mut page = SearchPage {
        layout: AdminLayout::new(&staff, &csrf, "search"),
        q: query.q.trim().to_owned(),
        errors: FormErrors::new(),
        searched: false,
        renewals: Vec::new(),
        bundles: Vec::new(),
        tenants: Vec::new(),
        users: Vec::new(),
    };
    match SearchTerm::parse(&query.q) {
        Err(message) => {
            page.errors.add("q", message);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Ok(None) => {}
        Ok(Some(SearchTerm::Id(id))) => {
            page.searched = true;
            page.renewals = renewals::find(&state.db, RenewalId::from_uuid(id))
                .await?
                .map(|detail| detail.row)
                .into_iter()
                .collect();
            page.tenants =
                search::tenants(&state.db, TenantSearch::Id(TenantId::from_uuid(id)), LIMIT)
                    .await?;
        }
        Ok(Some(SearchTerm::Text(text))) => {
            page.searched = true;
            page.bundles = matching_bundles(&state, &text).await?;
            page.tenants = search::tenants(&state.db, TenantSearch::Text(&text), LIMIT).await?;
            page.users = search::users(&state.db, &text, LIMIT).await?;
        }
    }
    Ok(page.into_response())
}

/// Bundles whose SID (original or copy) or friendly name contains `text`, SID matches first.
async fn matching_bundles(state: &AppState, text: &str) -> Result<Vec<BundleRow>> {
    let by_sid = BundleFilter {
        sid: Some(text.to_owned()),
        ..Default::default()
    };
    let by_name = BundleFilter {
        name: Some(text.to_owned()),
        ..Default::default()
    };
    let mut found = bundles::list(&state.db, &by_sid, LIMIT, 0).await?.0;
    for row in bundles::list(&state.db, &by_name, LIMIT, 0).await?.0 {
        if !found.iter().any(|b| b.bundle_id == row.bundle_id) {
            found.push(row);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_typed_is_read_as_an_id_or_text_or_refused() {
        assert_eq!(SearchTerm::parse("  "), Ok(None));
        assert!(SearchTerm::parse("a").unwrap_err().contains("at least 2"));
        assert!(SearchTerm::parse(&"x".repeat(201)).is_err());
        let id = Uuid::new_v4();
        assert_eq!(
            SearchTerm::parse(&format!(" {id} ")),
            Ok(Some(SearchTerm::Id(id)))
        );
        assert_eq!(
            SearchTerm::parse("BU12"),
            Ok(Some(SearchTerm::Text("BU12".into())))
        );
    }
}
