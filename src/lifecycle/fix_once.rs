//! "Fix once": the changes a customer saved on one renewal, written to the other open renewals
//! of the same tenant that need the same End-User field or document type (the ones they
//! ticked). Each copy is written and re-evaluated on its own and its timeline says where the
//! value came from; one renewal failing does not stop the others.
//!
//! The rule for who needs what is [`crate::domain::fix_once`].

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, json};

use super::actor::Actor;
use super::change::Change;
use super::engine::Engine;
use super::error::EngineError;
use crate::db::{fix_once_candidates, renewals};
use crate::domain::evaluation_reason::EvaluationReason;
use crate::domain::fix_once::{
    Need, NeedsOf, Target, end_user_of_type, need_keys, needs, offers_among,
    rejected_document_of_type,
};
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::snapshot::RenewalSnapshot;

/// What a fix-once did: the bundles whose copies were updated and those that were not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixOnceOutcome {
    /// Bundle names of the renewals written and re-evaluated.
    pub updated: Vec<String>,
    /// Bundle names of the renewals that could not be written (Twilio error, no longer open).
    pub not_updated: Vec<String>,
}

impl FixOnceOutcome {
    /// Whether nothing was attempted.
    pub fn is_empty(&self) -> bool {
        self.updated.is_empty() && self.not_updated.is_empty()
    }
}

/// The changes saved on the current copy (`current`) as they apply to `target`'s copy, for
/// the `ticked` needs only: an End-User field goes to the target's End-User of the same type,
/// a document goes as a new document of the same type (replacing the target's rejected one of
/// that type). Only what the target still needs is carried; the rest is left alone.
pub fn carry(
    changes: &[Change],
    current: &RenewalSnapshot,
    target: &RenewalSnapshot,
    ticked: &BTreeSet<Need>,
) -> Vec<Change> {
    let wanted: BTreeSet<Need> = needs(target).intersection(ticked).cloned().collect();
    let mut fields_by_end_user: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut carried = Vec::new();
    for change in changes {
        match change {
            Change::SetEndUserFields {
                end_user_sid,
                fields,
            } => {
                let Some(end_user_type) = current.item(end_user_sid).map(|i| &i.item_type) else {
                    continue;
                };
                let Some(theirs) = end_user_of_type(target, end_user_type) else {
                    continue;
                };
                for (field, value) in fields {
                    let need = Need::EndUserField {
                        end_user_type: end_user_type.clone(),
                        field: field.clone(),
                    };
                    if wanted.contains(&need) {
                        fields_by_end_user
                            .entry(theirs.sid.clone())
                            .or_default()
                            .insert(field.clone(), value.clone());
                    }
                }
            }
            Change::AddDocument {
                document_type,
                friendly_name,
                fields,
                file,
                ..
            } if wanted.contains(&Need::Document(document_type.clone())) => {
                carried.push(Change::AddDocument {
                    document_type: document_type.clone(),
                    friendly_name: friendly_name.clone(),
                    fields: fields.clone(),
                    file: file.clone(),
                    replaces: rejected_document_of_type(target, document_type)
                        .map(|d| d.sid.clone()),
                });
            }
            _ => {}
        }
    }
    let edits = fields_by_end_user
        .into_iter()
        .map(|(end_user_sid, fields)| Change::SetEndUserFields {
            end_user_sid,
            fields,
        });
    edits.chain(carried).collect()
}

/// How many of the tenant's other renewals waiting for the customer an offer is chosen from
/// (the oldest of those that need something the current one needs): enough for any page a
/// person can read, and a fixed cost per page view however many renewals a large tenant has
/// open. What is saved for them leaves the others for the next page view.
pub const FIX_ONCE_CANDIDATES: i64 = 50;

/// What the customer asked for: per need, the renewal ids posted with its checkbox.
pub type Ticked = BTreeMap<Need, BTreeSet<RenewalId>>;

impl Engine {
    /// The other open renewals of `tenant_id` that need what renewal `current_id` (with the
    /// snapshot `current`) needs, per need. Database only.
    pub async fn fix_once_offers(
        &self,
        tenant_id: TenantId,
        current_id: RenewalId,
        current: &RenewalSnapshot,
    ) -> Result<BTreeMap<Need, Vec<Target>>, EngineError> {
        let wanted = needs(current);
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        let keys: Vec<String> = wanted.iter().map(Need::checkbox_name).collect();
        let open = fix_once_candidates::sharing_needs(
            &self.db,
            tenant_id,
            current_id,
            &keys,
            FIX_ONCE_CANDIDATES,
        )
        .await?;
        // Rows whose needs were not kept with their snapshot: read from the snapshot.
        let read: Vec<Option<Vec<String>>> = open
            .iter()
            .map(|c| match (&c.needs, c.snapshot.read(c.renewal_id)) {
                (Some(_), _) => None,
                (None, Ok(Some(snapshot))) => Some(need_keys(snapshot)),
                (None, _) => Some(Vec::new()),
            })
            .collect();
        let candidates: Vec<NeedsOf<'_>> = open
            .iter()
            .zip(&read)
            .map(|(c, read)| NeedsOf {
                renewal_id: c.renewal_id,
                bundle_name: &c.bundle_name,
                keys: read.as_deref().or(c.needs.as_deref()).unwrap_or_default(),
            })
            .collect();
        Ok(offers_among(current_id, &wanted, &candidates))
    }

    /// Writes the request's changes to every other renewal of the tenant the customer ticked
    /// that still needs them. Only renewals offered now are written: an id posted for another
    /// tenant's renewal, or for one that no longer needs it, is ignored.
    #[tracing::instrument(skip_all, fields(tenant_id = %request.tenant_id, current_id = %request.current_id))]
    pub async fn fix_once(&self, request: &FixOnce<'_>) -> Result<FixOnceOutcome, EngineError> {
        let offered = self
            .fix_once_offers(request.tenant_id, request.current_id, request.current)
            .await?;
        // Per renewal (in the order offered, oldest first): its name and the ticked needs.
        let mut chosen: Vec<(RenewalId, String, BTreeSet<Need>)> = Vec::new();
        for (need, targets) in &offered {
            let posted = request.ticked.get(need);
            for target in targets
                .iter()
                .filter(|t| posted.is_some_and(|ids| ids.contains(&t.renewal_id)))
            {
                let at = chosen.iter().position(|c| c.0 == target.renewal_id);
                let at = at.unwrap_or_else(|| {
                    chosen.push((
                        target.renewal_id,
                        target.bundle_name.clone(),
                        BTreeSet::new(),
                    ));
                    chosen.len() - 1
                });
                chosen[at].2.insert(need.clone());
            }
        }
        let mut outcome = FixOnceOutcome::default();
        for (renewal_id, bundle_name, needs) in chosen {
            match self.fix_one(request, renewal_id, &needs).await {
                Ok(true) => outcome.updated.push(bundle_name),
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(%renewal_id, error.message = %error, "fix-once: a renewal was not updated");
                    outcome.not_updated.push(bundle_name);
                }
            }
        }
        Ok(outcome)
    }

    /// Writes what applies of the request to renewal `renewal_id`; `false` when nothing does.
    async fn fix_one(
        &self,
        request: &FixOnce<'_>,
        renewal_id: RenewalId,
        ticked: &BTreeSet<Need>,
    ) -> Result<bool, EngineError> {
        let renewal = renewals::find(&self.db, request.tenant_id, renewal_id)
            .await?
            .ok_or(EngineError::NotFound)?;
        let target = renewal
            .snapshot()?
            .ok_or(EngineError::NotEditable(renewal.state))?;
        let changes = carry(request.changes, request.current, &target, ticked);
        if changes.is_empty() {
            return Ok(false);
        }
        let mut note = Map::new();
        note.insert("fix_once_from".into(), json!(request.current_id));
        note.insert(
            "summary".into(),
            json!(format!(
                "Saved from the fix-once of renewal {} ({})",
                request.current_id, request.current_bundle
            )),
        );
        self.write_and_evaluate(
            request.tenant_id,
            renewal_id,
            changes,
            request.actor,
            EvaluationReason::ChangesSaved,
            Some(note),
        )
        .await?;
        Ok(true)
    }
}

/// One fix-once: what was saved on which renewal, and which other renewals were ticked.
#[derive(Debug)]
pub struct FixOnce<'a> {
    /// The signed-in customer's tenant (the only one written).
    pub tenant_id: TenantId,
    /// The renewal the customer saved.
    pub current_id: RenewalId,
    /// Its bundle's name (for the other timelines).
    pub current_bundle: &'a str,
    /// Its snapshot before the save (what it needed).
    pub current: &'a RenewalSnapshot,
    /// The changes saved on it.
    pub changes: &'a [Change],
    /// The ticked offers.
    pub ticked: &'a Ticked,
    /// Who saved.
    pub actor: &'a Actor,
}

#[cfg(test)]
mod tests;
