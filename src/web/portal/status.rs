//! The status page (submitted, in review, rejected, completed, expired, needs attention, …)
//! and submitting for review.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;
use tower_sessions::Session;

use super::Flash;
use super::renewal::{self, RenewalHeader, RenewalPage};
use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::db::portal::RenewalRow;
use crate::db::{evaluations, review_times};
use crate::domain::ids::RenewalId;
use crate::domain::renewal_state::RenewalState;
use crate::domain::review_time::{ReviewSpan, TypicalReview};
use crate::error::{AppError, Result};
use crate::i18n::{Moment, Tr};
use crate::lifecycle::{Actor, EngineError};
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;
use crate::web::evaluation_history::{CustomerEvaluationRow, customer_rows};
use crate::wording::customer::Notice;

/// Twilio's reasons after a rejection.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// The bundle-level reason.
    pub bundle_reason: Option<String>,
    /// Each rejected document's name and reason.
    pub documents: Vec<RejectedDocument>,
}

/// One rejected document.
#[derive(Debug, Clone)]
pub struct RejectedDocument {
    /// Its name, as Twilio has it.
    pub name: Option<String>,
    /// Twilio's reason.
    pub reason: Option<String>,
}

impl Rejection {
    /// From `renewal.rejection` (`{failure_reason, documents: [{friendly_name, failure_reason}]}`),
    /// while the renewal is open for changes after it.
    pub fn from_row(row: &RenewalRow) -> Option<Self> {
        if !matches!(row.state, RenewalState::Rejected | RenewalState::Collecting) {
            return None;
        }
        Self::parse(row.rejection.as_ref()?)
    }

    fn parse(value: &Value) -> Option<Self> {
        let documents = value["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| RejectedDocument {
                name: d["friendly_name"]
                    .as_str()
                    .or(d["type"].as_str())
                    .map(str::to_owned),
                reason: d["failure_reason"].as_str().map(str::to_owned),
            })
            .collect();
        Some(Self {
            bundle_reason: value["failure_reason"].as_str().map(str::to_owned),
            documents,
        })
    }
}

/// Which card the status page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusCard {
    /// Sent to Twilio; the review has not started.
    Submitted,
    /// Twilio is reviewing.
    InReview,
    /// Twilio asked for changes.
    ChangesRequested,
    /// The customer has information to give.
    Waiting,
    /// Approved; recomply is finishing.
    Approved,
    /// Done.
    Completed,
    /// The deadline passed.
    Expired,
    /// Staff cancelled it.
    Cancelled,
    /// Staff must look.
    OnIt,
}

impl StatusCard {
    /// The card for a renewal in `state` (`rejected`: Twilio's reasons are stored).
    pub fn of(state: RenewalState, rejected: bool) -> Self {
        use RenewalState as S;
        match state {
            S::Submitted => Self::Submitted,
            S::InReview => Self::InReview,
            S::Rejected => Self::ChangesRequested,
            S::Collecting if rejected => Self::ChangesRequested,
            S::Collecting | S::Detected | S::CopyCreated => Self::Waiting,
            S::Approved | S::ItemsReplaced | S::CopyDeleted => Self::Approved,
            S::Completed => Self::Completed,
            S::Expired => Self::Expired,
            S::Cancelled => Self::Cancelled,
            S::NeedsAttention => Self::OnIt,
        }
    }
}

/// The status page. Its `live` block is also served alone (`/renewals/{id}/status/live`) so
/// that `static/js/live.js` can follow a renewal that moves on by itself (in review,
/// finishing) without reloading the page.
#[derive(Template, WebTemplate)]
#[template(path = "portal/status.html", blocks = ["live"])]
pub struct StatusPage {
    c: Chrome,
    header: RenewalHeader,
    flash: Option<Flash>,
    /// The stored snapshot does not decode: the page says so above the card.
    unreadable: Option<Notice>,
    card: StatusCard,
    /// The state's database name, for the card's CSS class.
    state: &'static str,
    submitted_at: Option<Moment>,
    /// recomply submitted by itself (nothing was missing).
    submitted_automatically: bool,
    completed_at: Option<Moment>,
    deadline: Option<String>,
    support_email: Option<String>,
    rejection: Option<Rejection>,
    renewal_href: String,
    /// Every check Twilio made, newest first, in the customer's words.
    evaluations: Vec<CustomerEvaluationRow>,
    /// The evidence pack of this renewal.
    evidence_pdf_href: String,
    evidence_json_href: String,
    /// How long Twilio's review usually takes, in the customer's words.
    review_time: String,
    /// The live fragment's address while the renewal moves on by itself (polled), else none.
    live_src: Option<String>,
    /// This page's own address (the "refresh" link without JavaScript).
    status_href: String,
    /// Twilio provisionally approved the copy under review: the numbers keep working while
    /// its final decision is awaited.
    provisional: bool,
}

impl StatusPage {
    /// "You submitted the update on …", or, when recomply submitted by itself, "Nothing was
    /// missing, so it was submitted for you on …".
    fn submitted_on_id(&self) -> &'static str {
        if self.submitted_automatically {
            "status-submitted-auto-on"
        } else {
            "status-submitted-on"
        }
    }
}

/// How long Twilio's review usually takes, from this deployment's recent reviews; Twilio's own
/// figure when there are too few.
pub fn review_time_sentence(tr: &Tr, typical: Option<TypicalReview>) -> String {
    match typical.map(|t| t.span) {
        None => tr.t("status-next-1"),
        Some(ReviewSpan::UnderAnHour) => tr.t("live-review-under-an-hour"),
        Some(ReviewSpan::Hours(hours)) => tr.n("live-review-hours", hours),
        Some(ReviewSpan::Days(days)) => tr.n("live-review-days", days),
    }
}

/// `GET /renewals/{id}/status`
pub async fn show_status(
    State(state): State<AppState>,
    customer: Result<CurrentCustomer, AppError>,
    c: Chrome,
    session: Session,
    Path(id): Path<RenewalId>,
) -> Result<Response> {
    let customer = match renewal::signed_in_or_login(customer, id)? {
        Ok(customer) => customer,
        Err(to_login) => return Ok(to_login.into_response()),
    };
    let flash = Flash::take(&session).await;
    Ok(load(&state, &customer, c, id, flash).await?.into_response())
}

/// `GET /renewals/{id}/status/live`: the page's live block alone (what `live.js` polls).
pub async fn show_status_live(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    c: Chrome,
    Path(id): Path<RenewalId>,
) -> Result<Response> {
    let page = load(&state, &customer, c, id, None).await?;
    let html = page.as_live().render()?;
    Ok(axum::response::Html(html).into_response())
}

/// Everything the status page shows about `id`, as `customer` may see it.
async fn load(
    state: &AppState,
    customer: &CurrentCustomer,
    c: Chrome,
    id: RenewalId,
    flash: Option<Flash>,
) -> Result<StatusPage> {
    let row = renewal::load(state, customer, id).await?;
    let compliant = renewal::snapshot_of(&row)
        .ok()
        .flatten()
        .is_some_and(|s| s.is_compliant());
    let rejection = row.rejection.as_ref().and_then(Rejection::parse);
    let kept = evaluations::list_for_renewal(&state.db, customer.tenant_id, id).await?;
    let card = StatusCard::of(row.state, rejection.is_some());
    let review_time = if matches!(card, StatusCard::Submitted | StatusCard::InReview) {
        review_time_sentence(&c.tr, review_times::typical(&state.db).await?)
    } else {
        String::new()
    };
    let tr = &c.tr;
    Ok(StatusPage {
        header: RenewalHeader::new(&row, compliant, tr).with_submit_by(
            &row,
            state.config.submit_by,
            tr,
        ),
        flash,
        unreadable: renewal::unreadable_notice(&row, tr),
        card,
        state: row.state.as_str(),
        submitted_at: row.submitted_at.map(|d| tr.moment(d)),
        submitted_automatically: row.submitted_automatically,
        provisional: row.state == RenewalState::InReview && row.provisionally_approved_at.is_some(),
        completed_at: row.completed_at.or(row.closed_at).map(|d| tr.moment(d)),
        deadline: row.deadline.or(row.valid_until).map(|d| tr.date(d)),
        support_email: row.support_email.clone(),
        rejection,
        renewal_href: routes::renewal(id),
        evaluations: customer_rows(&kept, &customer.email, tr),
        evidence_pdf_href: routes::renewal_evidence(id, "pdf"),
        evidence_json_href: routes::renewal_evidence(id, "json"),
        review_time,
        live_src: row
            .state
            .moves_on_its_own()
            .then(|| routes::renewal_status_live(id)),
        status_href: routes::renewal_status(id),
        c,
    })
}

/// What the submit form posts.
#[derive(Debug, Deserialize)]
pub struct SubmitForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /renewals/{id}/submit`: submits the copy (only when compliant) and shows the status.
pub async fn submit_renewal(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    csrf: CsrfToken,
    c: Chrome,
    Path(id): Path<RenewalId>,
    Form(form): Form<SubmitForm>,
) -> Result<Response> {
    csrf.verify(&form.csrf_token)?;
    let row = renewal::load(&state, &customer, id).await?;
    let actor = Actor::Customer {
        email: customer.email.clone(),
    };
    match state.engine.submit(customer.tenant_id, id, &actor).await {
        Ok(()) => Ok(Redirect::to(&routes::renewal_status(id)).into_response()),
        Err(error @ (EngineError::NotCompliant | EngineError::Twilio(_))) => {
            // Show the page again with the reason; nothing was submitted.
            let form = match renewal::snapshot_of(&row).ok().flatten() {
                Some(s) => Some(
                    renewal::form_of(
                        &mut *state.db.acquire().await?,
                        customer.tenant_id,
                        &row,
                        s,
                        &c.tr,
                    )
                    .await?,
                ),
                None => None,
            };
            let status = match error {
                EngineError::NotCompliant => axum::http::StatusCode::CONFLICT,
                _ => axum::http::StatusCode::BAD_GATEWAY,
            };
            let message = match error {
                EngineError::NotCompliant => "submit-not-compliant",
                _ => "submit-twilio-failed",
            };
            let flash = Some(Flash {
                kind: "danger".into(),
                message: message.into(),
            });
            let page = RenewalPage::render(
                &state,
                &mut *state.db.acquire().await?,
                customer.tenant_id,
                &row,
                form,
                c,
                flash,
            )
            .await?;
            Ok((status, page).into_response())
        }
        Err(EngineError::NotEditable(_)) => {
            Ok(Redirect::to(&routes::renewal_status(id)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
