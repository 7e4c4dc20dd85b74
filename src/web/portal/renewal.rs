//! The renewal page: what Twilio still needs, as forms; what is done; submit when compliant.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::fix_once::{FixOnceOffers, FixOnceReport};
use super::numbers_at_risk::NumbersAtRisk;
use super::renewal_form::{RenewalForm, SectionKind, SubmitOffer, SummaryError};
use super::{Flash, words};
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::db::portal::RenewalRow;
use crate::db::snapshot::{StoredSnapshot, UnreadableSnapshot};
use crate::domain::deadline::days_until;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::renewal_state::RenewalState;
use crate::domain::snapshot::RenewalSnapshot;
use crate::domain::submit_by::SubmitByRule;
use crate::error::{AppError, Result};
use crate::i18n::Tr;
use crate::lifecycle::what_changed::{ChangeNote, WhatChanged, what_changed};
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;
use crate::wording::customer::{Notice, submit_by_note};

/// The header every renewal page shares: bundle, regulation, deadline, progress.
#[derive(Debug, Clone)]
pub struct RenewalHeader {
    /// The bundle's name.
    pub bundle_name: String,
    /// The regulation in words.
    pub regulation: String,
    /// The regulation's own name.
    pub regulation_name: String,
    /// "14 March 2027".
    pub deadline: Option<String>,
    /// "12 days left".
    pub countdown: Option<String>,
    /// A week or less left.
    pub urgent: bool,
    /// The renewal state's label.
    pub state_label: String,
    /// The progress stepper.
    pub steps: Vec<Step>,
    /// The bundle's history page.
    pub history_href: String,
    /// The phone numbers that stop working unless the renewal completes.
    pub numbers: Option<NumbersAtRisk>,
    /// "Submit by 12 December — Twilio needs about 2 business days to review", while the
    /// customer has yet to submit.
    pub submit_by: Option<String>,
}

/// One step of the progress stepper.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its name.
    pub label: String,
    /// `done`, `current` or empty.
    pub class: &'static str,
}

impl RenewalHeader {
    /// The header for `row`, with the stepper for its state (`ready`: only Submit is left).
    pub fn new(row: &RenewalRow, ready: bool, tr: &Tr) -> Self {
        let state = row.state;
        let deadline = row.valid_until.or(row.deadline);
        let now = OffsetDateTime::now_utc();
        let days = deadline.map(|d| days_until(d, now));
        let current = match state {
            RenewalState::Detected | RenewalState::CopyCreated => 0,
            RenewalState::Collecting | RenewalState::Rejected if ready => 2,
            RenewalState::Collecting | RenewalState::Rejected => 1,
            RenewalState::Submitted | RenewalState::InReview => 3,
            RenewalState::Approved | RenewalState::ItemsReplaced | RenewalState::CopyDeleted => 4,
            RenewalState::Completed => 5,
            RenewalState::Expired | RenewalState::Cancelled | RenewalState::NeedsAttention => 9,
        };
        let steps = [
            "step-review",
            "step-update",
            "step-submit",
            "step-twilio-review",
            "step-done",
        ]
        .into_iter()
        .enumerate()
        .map(|(i, label)| Step {
            label: tr.t(label),
            class: if current == 9 {
                ""
            } else if i < current {
                "done"
            } else if i == current {
                "current"
            } else {
                ""
            },
        })
        .collect();
        let closed = !state.is_open();
        Self {
            bundle_name: row.bundle_name.clone(),
            regulation: words::regulation_in_words(
                tr,
                row.iso_country.as_deref(),
                row.number_type.as_deref(),
                row.end_user_type.as_deref(),
            ),
            regulation_name: row.regulation_name.clone().unwrap_or_default(),
            deadline: deadline.filter(|_| !closed).map(|d| tr.date(d)),
            countdown: days.filter(|_| !closed).map(|d| tr.countdown(d)),
            urgent: days.is_some_and(|d| d <= 7),
            state_label: tr.t(state.label_id()),
            steps,
            history_href: routes::bundle_history(row.bundle_id),
            numbers: NumbersAtRisk::of(row, deadline, tr),
            submit_by: None,
        }
    }

    /// With the submit-by note of `row` under `rule`, while nothing is submitted.
    pub fn with_submit_by(mut self, row: &RenewalRow, rule: SubmitByRule, tr: &Tr) -> Self {
        self.submit_by = row
            .submit_by
            .filter(|_| row.state.waits_for_submission())
            .map(|at| submit_by_note(tr, at, rule));
        self
    }
}

/// The renewal page.
#[derive(Template, WebTemplate)]
#[template(path = "portal/renewal.html")]
pub struct RenewalPage {
    pub(super) c: Chrome,
    pub(super) header: RenewalHeader,
    pub(super) flash: Option<Flash>,
    pub(super) csrf_token: String,
    /// None while the renewal is being prepared (or when its evaluation cannot be read).
    pub(super) form: Option<RenewalForm>,
    /// The stored snapshot does not decode: the page says so instead of "preparing".
    pub(super) unreadable: Option<Notice>,
    pub(super) errors: Vec<SummaryError>,
    pub(super) rejection: Option<super::status::Rejection>,
    pub(super) action: String,
    /// The review page, where the copy is submitted.
    pub(super) review_href: String,
    /// What Twilio's change asks of this bundle, in the customer's words.
    pub(super) change_note: Option<ChangeNote>,
    /// The submit card at the end of the page, after the fixes.
    pub(super) submit_offer: Option<SubmitOffer>,
    /// Whether the form below has something to fix (else the rejection says whom to ask).
    pub(super) fix_below: bool,
    /// Where customers get human help.
    pub(super) support_email: Option<String>,
    /// "Also use this for …" checkboxes beside the inputs other renewals need too.
    pub(super) fix_once: FixOnceOffers,
    /// Which other renewals a fix-once just updated, and which not.
    pub(super) fix_once_report: Option<FixOnceReport>,
}

/// A renewal of the signed-in customer's tenant, or 404.
pub async fn load(
    state: &AppState,
    customer: &CurrentCustomer,
    id: RenewalId,
) -> Result<RenewalRow> {
    load_on(&state.db, customer, id).await
}

/// [`load`] on `db` (the connection a page reads everything on).
pub async fn load_on(
    db: impl sqlx::PgExecutor<'_>,
    customer: &CurrentCustomer,
    id: RenewalId,
) -> Result<RenewalRow> {
    db::portal::find_renewal(db, customer.tenant_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The stored snapshot of a renewal row (None while it is being prepared; an error, already
/// logged, when it cannot be read).
pub fn snapshot_of(row: &RenewalRow) -> Result<Option<&RenewalSnapshot>, UnreadableSnapshot> {
    row.snapshot.read(row.renewal_id)
}

/// What the customer's pages say when `row`'s stored snapshot cannot be read (it is logged
/// with the renewal's id when read); `None` when it can, or is not there yet.
pub fn unreadable_notice(row: &RenewalRow, tr: &Tr) -> Option<Notice> {
    matches!(row.snapshot, StoredSnapshot::Unreadable(_)).then(|| words::unreadable_snapshot(tr))
}

/// The renewal form for `snapshot`, its address inputs offering the tenant's addresses (read
/// from Postgres, on `db`).
pub async fn form_of(
    db: &mut sqlx::PgConnection,
    tenant_id: TenantId,
    row: &RenewalRow,
    snapshot: &RenewalSnapshot,
    tr: &Tr,
) -> Result<RenewalForm> {
    let mut form = RenewalForm::build(snapshot, tr);
    let addresses = db::addresses::for_renewal(db, tenant_id, row.renewal_id).await?;
    form.offer_addresses(&addresses, row.renewal_id);
    Ok(form)
}

/// `?field=…&address=…`: the address just added, to choose on the page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ChosenAddress {
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    address: Option<String>,
}

impl RenewalPage {
    /// The page for `row`, with `form` (built from the snapshot, or re-filled from a post) and
    /// what Twilio's change asks of the bundle (read here, on `db`: one query).
    pub async fn render(
        state: &AppState,
        db: &mut sqlx::PgConnection,
        tenant_id: TenantId,
        row: &RenewalRow,
        form: Option<RenewalForm>,
        c: Chrome,
        flash: Option<Flash>,
    ) -> Result<Self> {
        let change = what_changed(db, tenant_id, row.renewal_id).await?;
        let fix_once = fix_once_offers(state, tenant_id, row, form.as_ref()).await?;
        let mut page = Self::new(row, form, c, flash, &change);
        page.fix_once = fix_once;
        page.header = page
            .header
            .with_submit_by(row, state.config.submit_by, &page.c.tr);
        Ok(page)
    }

    fn new(
        row: &RenewalRow,
        form: Option<RenewalForm>,
        c: Chrome,
        flash: Option<Flash>,
        change: &WhatChanged,
    ) -> Self {
        let rejection = super::status::Rejection::from_row(row);
        let submit_offer = form
            .as_ref()
            .and_then(|f| f.submit_offer(rejection.is_some()));
        let ready = submit_offer.is_some_and(|o| o != SubmitOffer::AfterFixes);
        let errors = form.as_ref().map(RenewalForm::summary).unwrap_or_default();
        Self {
            header: RenewalHeader::new(row, ready, &c.tr),
            submit_offer,
            fix_below: form.as_ref().is_some_and(RenewalForm::has_fixes),
            support_email: row.support_email.clone(),
            change_note: change.note(&c.tr),
            unreadable: unreadable_notice(row, &c.tr),
            csrf_token: c
                .nav
                .as_ref()
                .map(|nav| nav.csrf_token.clone())
                .unwrap_or_default(),
            c,
            flash,
            form,
            errors,
            rejection,
            action: routes::renewal(row.renewal_id),
            review_href: routes::renewal_review(row.renewal_id),
            fix_once: FixOnceOffers::default(),
            fix_once_report: None,
        }
    }
}

/// The signed-in customer, or (for a visitor who followed a link to a renewal) the sign-in
/// page that will lead back to it.
pub fn signed_in_or_login(
    customer: Result<CurrentCustomer, AppError>,
    renewal_id: RenewalId,
) -> Result<std::result::Result<CurrentCustomer, Redirect>> {
    match customer {
        Ok(customer) => Ok(Ok(customer)),
        Err(AppError::Unauthenticated { login_path }) => Ok(Err(Redirect::to(&format!(
            "{login_path}?renewal={renewal_id}"
        )))),
        Err(error) => Err(error),
    }
}

/// `GET /renewals/{id}`
pub async fn show_renewal(
    State(state): State<AppState>,
    customer: Result<CurrentCustomer, AppError>,
    c: Chrome,
    session: Session,
    Path(id): Path<RenewalId>,
    Query(chosen): Query<ChosenAddress>,
) -> Result<Response> {
    let customer = match signed_in_or_login(customer, id)? {
        Ok(customer) => customer,
        Err(to_login) => return Ok(to_login.into_response()),
    };
    // The page's own reads share one connection: each pool checkout costs a round trip of
    // its own when the connection goes back.
    let mut db = state.db.acquire().await?;
    let row = load_on(&mut *db, &customer, id).await?;
    if !row.state.shows_renewal_page() {
        return Ok(Redirect::to(&routes::renewal_status(id)).into_response());
    }
    let snapshot = match row.state {
        RenewalState::Detected | RenewalState::CopyCreated => None,
        _ => snapshot_of(&row).ok().flatten(),
    };
    let form = match snapshot {
        Some(snapshot) => {
            let mut form = form_of(&mut db, customer.tenant_id, &row, snapshot, &c.tr).await?;
            if let (Some(field), Some(sid)) = (&chosen.field, &chosen.address) {
                form.preselect(field, sid);
            }
            Some(form)
        }
        None => None,
    };
    let flash = Flash::take(&session).await;
    let mut page =
        RenewalPage::render(&state, &mut db, customer.tenant_id, &row, form, c, flash).await?;
    page.fix_once_report = FixOnceReport::take(&session).await;
    Ok(page.into_response())
}

/// The fix-once checkboxes of an editable renewal's form (none without one).
async fn fix_once_offers(
    state: &AppState,
    tenant_id: TenantId,
    row: &RenewalRow,
    form: Option<&RenewalForm>,
) -> Result<FixOnceOffers> {
    let snapshot = snapshot_of(row).ok().flatten();
    let (Some(form), Some(snapshot)) = (form, snapshot) else {
        return Ok(FixOnceOffers::default());
    };
    if !row.state.customer_may_edit() {
        return Ok(FixOnceOffers::default());
    }
    let offers = state
        .engine
        .fix_once_offers(tenant_id, row.renewal_id, snapshot)
        .await?;
    Ok(FixOnceOffers::for_form(form, snapshot, &offers))
}
