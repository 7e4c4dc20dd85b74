//! "Fix once" on the renewal page: beside each input whose value (or upload) another open
//! renewal of the customer needs too, a checkbox "Also use this for: Bundle A, Bundle B"
//! (unticked by default); on save the ticked ones are written to those renewals too, and the
//! page says which were updated and which not. Server-rendered, no script needed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::renewal_form::{RenewalForm, SectionKind, Submission};
use crate::domain::fix_once::{Need, Target};
use crate::domain::ids::RenewalId;
use crate::domain::snapshot::RenewalSnapshot;
use crate::i18n::Tr;
use crate::lifecycle::fix_once::{FixOnce, FixOnceOutcome, Ticked};
use crate::state::AppState;

const SESSION_KEY: &str = "portal_fix_once";

/// One "also use this for" checkbox.
#[derive(Debug, Clone)]
pub struct Offer {
    /// The form key (one per need, see [`Need::checkbox_name`]).
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// The renewal ids it applies to, comma-separated (re-checked on save).
    pub value: String,
    /// The bundles it names, joined.
    pub bundles: String,
    /// Whether it is ticked (only when the customer ticked it and the page is shown again).
    pub checked: bool,
}

/// The checkboxes of a renewal page, by the input they stand beside.
#[derive(Debug, Clone, Default)]
pub struct FixOnceOffers {
    by_input: BTreeMap<String, Vec<Offer>>,
}

impl FixOnceOffers {
    /// The checkboxes for the form's inputs, from `offers` (who needs what, tenant-scoped).
    pub fn for_form(
        form: &RenewalForm,
        snapshot: &RenewalSnapshot,
        offers: &BTreeMap<Need, Vec<Target>>,
    ) -> Self {
        let mut by_input: BTreeMap<String, Vec<Offer>> = BTreeMap::new();
        let mut add = |input: &str, need: Need| {
            if let Some(targets) = offers.get(&need) {
                by_input
                    .entry(input.to_owned())
                    .or_default()
                    .push(offer(input, &need, targets));
            }
        };
        for section in &form.sections {
            match &section.kind {
                SectionKind::EditEndUser(sid) => {
                    let Some(end_user) = snapshot.item(sid) else {
                        continue;
                    };
                    for field in &section.fields {
                        add(
                            &field.name,
                            Need::EndUserField {
                                end_user_type: end_user.item_type.clone(),
                                field: field.machine_name().to_owned(),
                            },
                        );
                    }
                }
                SectionKind::EditDocument(_) => {
                    if let (Some(file), Some(document_type)) =
                        (&section.file, section.document_type())
                    {
                        add(&file.name, Need::Document(document_type.to_owned()));
                    }
                }
                SectionKind::AddDocument => {
                    if let Some(file) = &section.file {
                        for option in &section.options {
                            add(&file.name, Need::Document(option.value.clone()));
                        }
                    }
                }
                SectionKind::AddEndUser(_) | SectionKind::Explain => {}
            }
        }
        Self { by_input }
    }

    /// The checkboxes beside the input named `input`.
    pub fn for_input(&self, input: &str) -> &[Offer] {
        self.by_input
            .get(input)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Ticks again what the customer ticked (a re-render keeps everything they chose).
    pub fn keep_ticked(&mut self, submission: &Submission) {
        for offer in self.by_input.values_mut().flatten() {
            offer.checked = submission.values.contains_key(&offer.name);
        }
    }
}

fn offer(input: &str, need: &Need, targets: &[Target]) -> Offer {
    let name = need.checkbox_name();
    Offer {
        id: format!("f-{}-{}", input.replace('.', "-"), name.replace('.', "-")),
        value: targets
            .iter()
            .map(|t| t.renewal_id.to_string())
            .collect::<Vec<_>>()
            .join(","),
        bundles: targets
            .iter()
            .map(|t| t.bundle_name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        checked: false,
        name,
    }
}

/// What the customer ticked: per need they were offered, the renewal ids posted with it
/// (unparseable ids are dropped; the engine checks the rest against what it offers now).
pub fn ticked(submission: &Submission, needs: impl IntoIterator<Item = Need>) -> Ticked {
    needs
        .into_iter()
        .filter_map(|need| {
            let posted = submission.values.get(&need.checkbox_name())?;
            let ids: BTreeSet<RenewalId> = posted
                .split(',')
                .filter_map(|id| id.trim().parse::<RenewalId>().ok())
                .collect();
            (!ids.is_empty()).then_some((need, ids))
        })
        .collect()
}

/// What the page says after a fix-once: which bundles were updated and which not.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FixOnceReport {
    /// "Also saved to: …", in the customer's language.
    pub updated: Option<String>,
    /// "Could not be saved to: …".
    pub not_updated: Option<String>,
}

impl FixOnceReport {
    /// The report of `outcome` in the customer's words.
    pub fn of(outcome: &FixOnceOutcome, tr: &Tr) -> Self {
        let line = |id: &str, names: &[String]| {
            (!names.is_empty()).then(|| tr.t1(id, "bundles", names.join(", ")))
        };
        Self {
            updated: line("fix-once-updated", &outcome.updated),
            not_updated: line("fix-once-not-updated", &outcome.not_updated),
        }
    }

    /// Keeps the report for the next page (best effort).
    pub async fn set(self, session: &Session) {
        crate::web::flash::put(session, SESSION_KEY, self).await;
    }

    /// Takes the pending report, if any.
    pub async fn take(session: &Session) -> Option<Self> {
        crate::web::flash::take(session, SESSION_KEY).await
    }
}

/// After the current renewal was saved: writes what the customer ticked to the other
/// renewals and keeps the report for the next page. A failure is logged, never shown as an
/// error: the customer's own renewal is saved.
pub async fn apply(state: &AppState, request: &FixOnce<'_>, tr: &Tr, session: &Session) {
    if request.ticked.is_empty() {
        return;
    }
    match state.engine.fix_once(request).await {
        Ok(outcome) if !outcome.is_empty() => FixOnceReport::of(&outcome, tr).set(session).await,
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(error.message = %error, error.cause_chain = ?error, "fix-once failed");
        }
    }
}
