//! The review page: every value and document that will go to Twilio, grouped by requirement
//! as the renewal form groups them, each group with an Edit link back to the renewal page,
//! and Submit once Twilio's check finds nothing missing (else what is still missing).
//! Renders from Postgres only: the stored snapshot and the recorded uploads.

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::renewal::{self, RenewalHeader, signed_in_or_login};
use super::renewal_form::{RenewalForm, SubmitOffer, correction_anchor, item_specs};
use super::status::Rejection;
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::db::documents::StoredDocument;
use crate::domain::ids::RenewalId;
use crate::domain::renewal_state::RenewalState;
use crate::domain::requirements::{FieldKind, Requirements};
use crate::domain::snapshot::{EvaluationResult, RenewalSnapshot, SnapshotItem};
use crate::error::{AppError, Result};
use crate::i18n::Tr;
use crate::routes;
use crate::state::AppState;
use crate::web::chrome::Chrome;
use crate::wording::customer::Notice;

/// The review page.
#[derive(Template, WebTemplate)]
#[template(path = "portal/review.html")]
pub struct ReviewPage {
    c: Chrome,
    header: RenewalHeader,
    csrf_token: String,
    /// None while the copy is being prepared, or when its snapshot cannot be read.
    review: Option<Review>,
    /// The stored snapshot does not decode: the page says so instead of "preparing".
    unreadable: Option<Notice>,
    submit_action: String,
    renewal_href: String,
}

/// What the copy holds, and whether it may be submitted.
pub struct Review {
    /// One group per requirement (and one for anything no requirement names).
    groups: Vec<ReviewGroup>,
    /// What Twilio's check still finds missing (empty when compliant).
    missing: Vec<Missing>,
    /// What Submit offers; None while something is missing.
    offer: Option<SubmitOffer>,
    /// Whether Twilio has checked the copy at all.
    evaluated: bool,
}

/// One requirement and what meets it.
pub struct ReviewGroup {
    title: String,
    /// The renewal page's section for it.
    edit_href: String,
    /// Whether Twilio's check passes it.
    passed: bool,
    items: Vec<ReviewItem>,
    /// Items shown in an earlier group that also meet this requirement.
    shown_above: Vec<String>,
}

/// An End-User or a supporting document, as it will go to Twilio.
pub struct ReviewItem {
    /// "Details" or the document type's name.
    kind: String,
    /// Its display name.
    name: String,
    values: Vec<ReviewValue>,
    /// Uploaded file names (documents).
    files: Vec<String>,
    /// For a document whose file was not uploaded here: "a PDF file is with Twilio".
    file_note: Option<String>,
    /// Twilio's review did not accept it.
    rejected: bool,
}

/// One value.
pub struct ReviewValue {
    label: String,
    /// Empty when not given.
    value: String,
}

/// A requirement still missing.
pub struct Missing {
    title: String,
    summary: String,
    href: String,
}

impl Review {
    /// The review of `snapshot`, with the recorded `uploads`; `after_rejection`: Twilio's
    /// review asked for changes; links point into the renewal page at `renewal_href`.
    fn of(
        snapshot: &RenewalSnapshot,
        uploads: &[StoredDocument],
        after_rejection: bool,
        renewal_href: &str,
        tr: &Tr,
    ) -> Self {
        let form = RenewalForm::build(snapshot, tr);
        let files = file_names(uploads);
        let requirements = &snapshot.regulation.requirements;
        let item = |i: &SnapshotItem| review_item(requirements, snapshot, i, &files, tr);
        let mut shown = HashSet::new();
        let mut groups = Vec::new();
        for result in form_results(snapshot) {
            let (items, above): (Vec<&SnapshotItem>, Vec<&SnapshotItem>) = all_items(snapshot)
                .filter(|i| belongs(requirements, result, i))
                .partition(|i| shown.insert(i.sid.clone()));
            let linked = if items.is_empty() { &above } else { &items };
            groups.push(ReviewGroup {
                title: result.requirement_friendly_name.clone(),
                edit_href: edit_href(&form, renewal_href, &result.requirement_name, linked),
                passed: result.passed,
                shown_above: above.iter().map(|i| i.friendly_name.clone()).collect(),
                items: items.into_iter().map(item).collect(),
            });
        }
        let rest: Vec<&SnapshotItem> = all_items(snapshot)
            .filter(|i| !shown.contains(&i.sid))
            .collect();
        if !rest.is_empty() {
            groups.push(ReviewGroup {
                title: tr.t("review-other-group"),
                edit_href: edit_href(&form, renewal_href, "", &rest),
                passed: true,
                shown_above: Vec::new(),
                items: rest.into_iter().map(item).collect(),
            });
        }
        let missing = if form.compliant {
            Vec::new()
        } else {
            form.sections
                .iter()
                .map(|s| Missing {
                    title: s.title.clone(),
                    summary: s.summary.clone(),
                    href: format!("{renewal_href}#req-{}", s.key),
                })
                .collect()
        };
        Self {
            groups,
            missing,
            offer: form.submit_offer(after_rejection),
            evaluated: form.evaluated,
        }
    }
}

/// The evaluation's results, in its order.
fn form_results(snapshot: &RenewalSnapshot) -> &[EvaluationResult] {
    snapshot
        .evaluation
        .as_ref()
        .map(|e| e.results.as_slice())
        .unwrap_or_default()
}

/// The copy's End-Users, then its documents.
fn all_items(snapshot: &RenewalSnapshot) -> impl Iterator<Item = &SnapshotItem> {
    snapshot.end_users.iter().chain(snapshot.documents.iter())
}

/// Whether `item` is what meets (or should meet) the requirement of `result`.
fn belongs(requirements: &Requirements, result: &EvaluationResult, item: &SnapshotItem) -> bool {
    let name = result.requirement_name.as_str();
    item.item_type == result.object_type
        || requirements
            .document(name)
            .is_some_and(|r| r.accepts(&item.item_type))
        || requirements
            .end_user_for(name, &result.object_type)
            .and_then(|r| r.end_user_type.as_deref())
            == Some(item.item_type.as_str())
}

/// Where "Edit" leads: the requirement's section on the renewal page when it has one, else
/// the correction of its first item.
fn edit_href(
    form: &RenewalForm,
    renewal_href: &str,
    requirement: &str,
    items: &[&SnapshotItem],
) -> String {
    if form.sections.iter().any(|s| s.key == requirement) {
        return format!("{renewal_href}#req-{requirement}");
    }
    let anchor = items
        .iter()
        .map(|i| correction_anchor(&i.sid))
        .find(|a| form.corrections.iter().any(|s| s.key == *a));
    match anchor {
        Some(anchor) => format!("{renewal_href}#{anchor}"),
        None => renewal_href.to_owned(),
    }
}

/// The uploaded file names by Supporting Document SID.
fn file_names(uploads: &[StoredDocument]) -> HashMap<&str, Vec<String>> {
    let mut names: HashMap<&str, Vec<String>> = HashMap::new();
    for upload in uploads {
        names
            .entry(upload.document_sid.as_str())
            .or_default()
            .push(upload.file_name.clone());
    }
    names
}

/// One item with its values in the regulation's words.
fn review_item(
    requirements: &Requirements,
    snapshot: &RenewalSnapshot,
    item: &SnapshotItem,
    files: &HashMap<&str, Vec<String>>,
    tr: &Tr,
) -> ReviewItem {
    let document = snapshot.documents.iter().any(|d| d.sid == item.sid);
    let values = item_specs(requirements, item, document)
        .iter()
        .map(|spec| ReviewValue {
            label: if spec.kind() == FieldKind::AddressSids {
                tr.t("field-address-sids-label")
            } else {
                spec.friendly_name.clone()
            },
            value: item.field_text(&spec.machine_name),
        })
        .collect();
    let kind = if document {
        requirements
            .accepted_anywhere(&item.item_type)
            .and_then(|a| a.name.clone())
            .unwrap_or_else(|| crate::domain::requirements::title_case(&item.item_type))
    } else {
        tr.t("review-end-user")
    };
    let files = files.get(item.sid.as_str()).cloned().unwrap_or_default();
    let file_note = item
        .mime_type
        .as_deref()
        .filter(|_| document && files.is_empty())
        .map(|mime| tr.t1("review-file-at-twilio", "type", file_kind(mime)));
    ReviewItem {
        kind,
        name: item.friendly_name.clone(),
        values,
        files,
        file_note,
        rejected: document && item.is_rejected(),
    }
}

/// "PDF", "JPEG", "PNG" for the MIME types Twilio accepts; others as they are.
fn file_kind(mime: &str) -> String {
    match mime {
        "application/pdf" => "PDF".into(),
        "image/jpeg" => "JPEG".into(),
        "image/png" => "PNG".into(),
        other => other.to_owned(),
    }
}

/// `GET /renewals/{id}/review`
pub async fn show_review(
    State(state): State<AppState>,
    customer: Result<CurrentCustomer, AppError>,
    c: Chrome,
    Path(id): Path<RenewalId>,
) -> Result<Response> {
    let customer = match signed_in_or_login(customer, id)? {
        Ok(customer) => customer,
        Err(to_login) => return Ok(to_login.into_response()),
    };
    let row = renewal::load(&state, &customer, id).await?;
    if !row.state.shows_renewal_page() {
        return Ok(Redirect::to(&routes::renewal_status(id)).into_response());
    }
    let snapshot = match row.state {
        RenewalState::Detected | RenewalState::CopyCreated => None,
        _ => renewal::snapshot_of(&row).ok().flatten(),
    };
    let uploads = match snapshot {
        Some(_) => db::documents::list_for_renewal(&state.db, customer.tenant_id, id).await?,
        None => Vec::new(),
    };
    let renewal_href = routes::renewal(id);
    let after_rejection = Rejection::from_row(&row).is_some();
    let review = snapshot.map(|s| Review::of(s, &uploads, after_rejection, &renewal_href, &c.tr));
    let ready = review
        .as_ref()
        .and_then(|r| r.offer)
        .is_some_and(|o| o != SubmitOffer::AfterFixes);
    let header =
        RenewalHeader::new(&row, ready, &c.tr).with_submit_by(&row, state.config.submit_by, &c.tr);
    let page = ReviewPage {
        header,
        csrf_token: c
            .nav
            .as_ref()
            .map(|nav| nav.csrf_token.clone())
            .unwrap_or_default(),
        review,
        unreadable: renewal::unreadable_notice(&row, &c.tr),
        submit_action: routes::renewal_submit(id),
        renewal_href,
        c,
    };
    Ok(page.into_response())
}
