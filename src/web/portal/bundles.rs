//! "My bundles": the signed-in user's tenant's bundles, those waiting for the customer first,
//! then the closest deadline; searchable by name, SID or regulation, and paged.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use time::OffsetDateTime;
use tower_sessions::Session;

use super::{Flash, words};
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::db::portal::{BundleRow, BundleSearch};
use crate::domain::deadline::days_until;
use crate::domain::renewal_state::RenewalState;
use crate::domain::submit_by::SubmitByRule;
use crate::error::Result;
use crate::i18n::Tr;
use crate::routes;
use crate::state::AppState;
use crate::twilio::BundleStatus;
use crate::web::chrome::Chrome;
use crate::web::pagination::{self, Pagination};
use crate::wording::customer::submit_by_note;

/// Bundles per page.
const PAGE_SIZE: i64 = 50;

/// From how many bundles the list offers a search box.
const SEARCH_FROM: i64 = 10;

/// `?q=&page=` as typed (the search box shows `q` again).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BundleListQuery {
    /// Part of a bundle's name, SID or regulation.
    #[serde(default)]
    pub q: String,
    /// 1-based page number.
    #[serde(default)]
    pub page: String,
}

/// The bundle list.
#[derive(Template, WebTemplate)]
#[template(path = "portal/bundles.html")]
pub struct BundleListPage {
    c: Chrome,
    flash: Option<Flash>,
    bundles: Vec<BundleItem>,
    open_count: i64,
    /// The search as typed.
    q: String,
    /// Whether to offer the search box (a long list, or a search already made).
    show_search: bool,
    pagination: Pagination,
    /// Where the tenant's customers get human help.
    support_email: Option<String>,
}

/// One row of the list.
pub struct BundleItem {
    name: String,
    regulation: String,
    status: String,
    status_badge: &'static str,
    valid_until: Option<String>,
    countdown: Option<String>,
    urgent: bool,
    renewal_href: Option<String>,
    history_href: String,
    state_label: Option<String>,
    state_badge: &'static str,
    action: Option<String>,
    /// Twilio rejected the bundle and no renewal can fix it: the card says what that means.
    rejected_for_good: bool,
    /// "12 phone numbers use this bundle", when any do.
    numbers: Option<String>,
    /// "Submit by 12 December — …", while the customer has yet to submit.
    submit_by: Option<String>,
    /// Twilio's reason for rejecting the bundle, when it is rejected for good.
    rejection_reason: Option<String>,
    /// A Twilio test bundle (`IsTest`): never renewed, and the card says why.
    test_bundle: bool,
}

/// `GET /bundles`
pub async fn list_bundles(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    c: Chrome,
    session: Session,
    Query(query): Query<BundleListQuery>,
) -> Result<BundleListPage> {
    let page = pagination::requested_page(&query.page);
    let text = query.q.trim();
    let search = BundleSearch {
        text: (!text.is_empty()).then(|| text.to_owned()),
        offset: pagination::offset(page, PAGE_SIZE),
        limit: PAGE_SIZE,
    };
    let found = db::portal::list_bundles(&state.db, customer.tenant_id, &search).await?;
    let now = OffsetDateTime::now_utc();
    let filters = if text.is_empty() {
        String::new()
    } else {
        serde_urlencoded::to_string([("q", text)]).unwrap_or_default()
    };
    Ok(BundleListPage {
        flash: Flash::take(&session).await,
        open_count: found.needing_action,
        show_search: !text.is_empty() || found.matching >= SEARCH_FROM,
        pagination: Pagination::new(routes::BUNDLES, &filters, page, PAGE_SIZE, found.matching),
        bundles: found
            .rows
            .into_iter()
            .map(|row| item(&c.tr, row, now, state.config.submit_by))
            .collect(),
        q: query.q,
        support_email: found.support_email,
        c,
    })
}

fn item(tr: &Tr, row: BundleRow, now: OffsetDateTime, rule: SubmitByRule) -> BundleItem {
    let renewal_state = row.renewal_state;
    let submit_by = row
        .renewal_submit_by
        .filter(|_| renewal_state.is_some_and(RenewalState::customer_must_act))
        .map(|at| submit_by_note(tr, at, rule));
    let open = renewal_state.is_some_and(RenewalState::is_open);
    let deadline = row.valid_until.or(row.renewal_deadline.filter(|_| open));
    let days = deadline.map(|d| days_until(d, now));
    let task = CustomerTask::of(&row);
    let rejected_for_good =
        row.status == BundleStatus::TwilioRejected && deadline.is_none() && !open;
    BundleItem {
        submit_by,
        rejection_reason: row.rejection_reason.clone().filter(|_| rejected_for_good),
        test_bundle: row.test_bundle_reason.is_some(),
        regulation: words::regulation_in_words(
            tr,
            row.iso_country.as_deref(),
            row.number_type.as_deref(),
            row.end_user_type.as_deref(),
        ),
        rejected_for_good: rejected_for_good && row.test_bundle_reason.is_none(),
        name: if row.friendly_name.is_empty() {
            tr.t("bundles-unnamed")
        } else {
            row.friendly_name
        },
        status: words::bundle_status(tr, row.status),
        status_badge: words::bundle_status_badge(row.status),
        valid_until: deadline.map(|d| tr.date(d)),
        countdown: days.map(|d| tr.countdown(d)),
        urgent: days.is_some_and(|d| d <= 7),
        renewal_href: row.renewal_id.map(routes::renewal),
        history_href: routes::bundle_history(row.bundle_id),
        state_label: match task {
            Some(CustomerTask::Submit) => Some(tr.t("bundles-ready-to-submit")),
            _ => renewal_state.map(|s| tr.t(s.label_id())),
        },
        state_badge: match task {
            Some(CustomerTask::Submit) => "badge-info",
            _ => renewal_state.map(RenewalState::badge).unwrap_or(""),
        },
        action: task.map(|t| tr.t(t.button_id())),
        numbers: (row.number_count > 0).then(|| tr.n("bundles-numbers", row.number_count)),
    }
}

/// What a bundle's renewal asks of the customer now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CustomerTask {
    /// Fill in or fix what Twilio asks for ([`super::customer_action`]'s words).
    Act(&'static str),
    /// Nothing left but Submit.
    Submit,
}

impl CustomerTask {
    /// The task of `row`'s renewal: none unless [`RenewalState::customer_must_act`], and none
    /// before Twilio has evaluated the copy (there is nothing to do yet) — the same rule as
    /// the list's "need your attention" count.
    fn of(row: &BundleRow) -> Option<Self> {
        let state = row.renewal_state.filter(|_| row.evaluated)?;
        let action = super::customer_action(state)?;
        Some(
            if row.ready_to_submit && state == RenewalState::Collecting {
                Self::Submit
            } else {
                Self::Act(action)
            },
        )
    }

    /// The message id of the button's words.
    fn button_id(self) -> &'static str {
        match self {
            Self::Act(id) => id,
            Self::Submit => "bundles-review-and-submit",
        }
    }
}
