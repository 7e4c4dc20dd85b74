//! One renewal: what it is about, its timeline, latest Evaluation, items, emails and actions.

use crate::domain::ids::RenewalId;
use crate::lifecycle::what_changed::{WhatChanged, what_changed};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;

use super::snapshot::{self, EvaluationView, ItemView};
use super::{csv, fmt, rfc3339};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::CurrentStaff;
use crate::db::admin_queries::ops::{self, WebhookView};
use crate::db::admin_queries::outbox::{self, EmailFilter, EmailRow};
use crate::db::admin_queries::renewals::{self, RenewalDetail, TimelineEvent};
use crate::db::phone_numbers::{self, BundleNumber};
use crate::db::users::{self, AppUser};
use crate::db::{self, evaluations, review_times};
use crate::domain::renewal::RenewalState;
use crate::domain::review_time::TypicalReview;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::routes;
use crate::state::AppState;
use crate::web::admin::AdminLayout;
use crate::web::admin::flash::StaffFlash;
use crate::web::admin::notice::{NoticeQuery, QueryNotice};
use crate::web::evaluation_history::{EvaluationHistoryRow, history_rows};
use crate::web::list_query::StrictQuery;

/// The renewal page. Its `live` block (state, and Twilio's review while it runs) is also served
/// alone at `/admin/renewals/{id}/live`, which `static/js/live.js` polls while the renewal moves
/// on by itself; the rest of the page (forms included) is left alone.
#[derive(Template, WebTemplate)]
#[template(path = "admin/renewals/show.html", blocks = ["live"])]
pub struct RenewalShowPage {
    layout: AdminLayout,
    renewal: RenewalDetail,
    timeline: Vec<TimelineEvent>,
    /// Every evaluation of the renewal's copies, newest first.
    evaluations: Vec<EvaluationHistoryRow>,
    evaluation: Option<EvaluationView>,
    items: Vec<ItemView>,
    /// The stored snapshot does not decode (logged); the page says so.
    snapshot_unreadable: bool,
    emails: Vec<EmailRow>,
    webhooks: Vec<WebhookView>,
    /// The tenant's users (for "create a sign-in link").
    users: Vec<AppUser>,
    /// The outcome of an action: `(succeeded, text)`.
    notice: Option<(bool, String)>,
    /// A sign-in link just created, shown this once.
    sign_in_link: Option<String>,
    /// What the regulation's change asks of this bundle.
    change: WhatChanged,
    /// The change's lines, in English.
    change_lines: Vec<String>,
    /// Where recomply's emails about this renewal go (every user of the tenant), and in
    /// which language.
    recipients: Vec<(String, Locale)>,
    /// How long Twilio's review usually takes here (none with too little history).
    review: Option<TypicalReview>,
    /// The live block's address while the renewal moves on by itself.
    live_src: Option<String>,
    /// The phone numbers registered under the bundle.
    numbers: Vec<BundleNumber>,
    /// How the submit-by date is set: "deadline less 6 business days: …".
    submit_by_rule: String,
}

impl RenewalShowPage {
    /// Whether a step failed, so "Retry" has something to re-run.
    pub fn can_retry(&self) -> bool {
        self.renewal.row.state == RenewalState::NeedsAttention
    }

    /// Whether the renewal is still open (actions other than viewing make sense).
    pub fn is_open(&self) -> bool {
        self.renewal.row.state.is_open()
    }
}

/// Loads everything the renewal page shows.
pub async fn load_page(
    state: &AppState,
    staff: &CurrentStaff,
    csrf: &CsrfToken,
    renewal_id: RenewalId,
    notice: Option<(bool, String)>,
) -> Result<RenewalShowPage> {
    let renewal = renewals::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let snapshot = renewal.snapshot.read(renewal_id);
    let readable = snapshot.ok().flatten();
    let sids: Vec<String> = std::iter::once(renewal.row.bundle_sid.clone())
        .chain(renewal.row.copy_sid.clone())
        .collect();
    let emails_filter = EmailFilter {
        renewal_id: Some(renewal_id),
        ..Default::default()
    };
    let change = what_changed(&state.db, renewal.row.tenant_id, renewal_id).await?;
    let change_lines = change
        .note(&crate::i18n::Tr::english())
        .map(|note| note.lines)
        .unwrap_or_default();
    let recipients = crate::lifecycle::tenants::recipients(&state.db, renewal.row.tenant_id)
        .await?
        .into_iter()
        .map(|customer| (customer.email, customer.locale))
        .collect();
    let moving = renewal.row.state.moves_on_its_own();
    let mut items = readable.map(snapshot::items).unwrap_or_default();
    let addresses = db::addresses::for_tenant(&state.db, renewal.row.tenant_id).await?;
    snapshot::name_addresses(&mut items, &addresses);
    Ok(RenewalShowPage {
        submit_by_rule: crate::wording::staff::submit_by_rule(state.config.submit_by),
        recipients,
        review: review_times::typical(&state.db).await?,
        live_src: moving.then(|| routes::admin_renewal_live(renewal_id)),
        change,
        change_lines,
        layout: AdminLayout::new(staff, csrf, "renewals"),
        timeline: renewals::timeline(&state.db, renewal_id).await?,
        evaluations: history_rows(
            &evaluations::list_for_renewal(&state.db, renewal.row.tenant_id, renewal_id).await?,
            &crate::i18n::Tr::english(),
        ),
        evaluation: readable.and_then(snapshot::evaluation),
        items,
        snapshot_unreadable: snapshot.is_err(),
        emails: outbox::list(&state.db, &emails_filter, 100, 0).await?.0,
        webhooks: ops::webhooks(&state.db, Some(&sids), 100).await?,
        users: users::list_users(&state.db, renewal.row.tenant_id).await?,
        numbers: phone_numbers::for_bundle(
            &state.db,
            renewal.row.tenant_id,
            &renewal.row.bundle_sid,
        )
        .await?,
        renewal,
        notice,
        sign_in_link: None,
    })
}

/// GET /admin/renewals/{renewal_id}
pub async fn show_renewal(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<RenewalId>,
    session: Session,
    StrictQuery(query): StrictQuery<NoticeQuery>,
) -> Result<RenewalShowPage> {
    let flash = StaffFlash::take(&session).await;
    let notice = match &flash {
        Some(flash) => Some((flash.ok, flash.message.clone())),
        None => query
            .notice::<RenewalNotice>()
            .map(|notice| (true, notice.text().to_owned())),
    };
    let mut page = load_page(&state, &staff, &csrf, renewal_id, notice).await?;
    page.sign_in_link = flash.and_then(|flash| flash.sign_in_link);
    Ok(page)
}

/// GET /admin/renewals/{renewal_id}/live — the page's live block alone.
pub async fn show_renewal_live(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Path(renewal_id): Path<RenewalId>,
) -> Result<Response> {
    let page = load_page(&state, &staff, &csrf, renewal_id, None).await?;
    let html = page.as_live().render()?;
    Ok(Html(html).into_response())
}

/// What a renewal action did, shown on the renewal page (`?notice=`); the other actions'
/// outcomes cross the redirect in the staff session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalNotice {
    /// The renewal was cancelled (`cancelled`).
    Cancelled,
}

impl QueryNotice for RenewalNotice {
    const ALL: &'static [Self] = &[Self::Cancelled];

    fn query_value(self) -> &'static str {
        match self {
            Self::Cancelled => "cancelled",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::Cancelled => "Renewal cancelled; its bundle copy was deleted at Twilio.",
        }
    }
}

/// GET /admin/renewals/{renewal_id}/timeline.csv
pub async fn export_timeline(
    State(state): State<AppState>,
    _staff: CurrentStaff,
    Path(renewal_id): Path<RenewalId>,
) -> Result<Response> {
    let renewal = renewals::find(&state.db, renewal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = renewals::timeline(&state.db, renewal_id).await?;
    let mut out = csv::CsvWriter::with_header(&[
        "time",
        "from_state",
        "to_state",
        "cause",
        "actor",
        "details",
    ]);
    for event in &events {
        out.row([
            rfc3339(event.created_at).as_str(),
            event.from_state.map_or("", |s| s.as_str()),
            event.to_state.as_str(),
            &event.cause,
            event.actor.as_deref().unwrap_or(""),
            &event.details.to_string(),
        ]);
    }
    let filename = format!("renewal-{}-timeline.csv", renewal.row.bundle_sid);
    Ok(csv::download(&filename, out.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_notices_keep_their_query_values() {
        crate::web::admin::notice::tests::round_trips::<RenewalNotice>();
        assert_eq!(RenewalNotice::Cancelled.query_value(), "cancelled");
    }
}
