//! "Fix once": which of a customer's other open renewals need the same End-User field or the
//! same supporting document type as the renewal in front of them, so one value or one upload
//! can be applied to all of them. Only what the latest evaluation still finds missing or
//! failing (or a document Twilio rejected) counts as a need.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::ids::RenewalId;

use super::snapshot::{RenewalSnapshot, SnapshotItem};

/// Something a renewal's copy still needs that another copy may need too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// A field of an End-User assigned to the copy (same machine name on the same type).
    EndUserField {
        /// `individual` or `business`.
        end_user_type: String,
        /// The field's machine name (`vat_number`, …).
        field: String,
    },
    /// A supporting document of this type (machine name, e.g. `utility_bill`).
    Document(String),
}

impl Need {
    /// The form key of the "also use this for" checkbox for this need.
    pub fn checkbox_name(&self) -> String {
        match self {
            Self::EndUserField {
                end_user_type,
                field,
            } => format!("also.eu.{end_user_type}.{field}"),
            Self::Document(document_type) => format!("also.doc.{document_type}"),
        }
    }
}

/// Another open renewal of the same tenant, as the rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// The name of the bundle it renews (what the customer is shown).
    pub bundle_name: &'a str,
    /// Its latest snapshot.
    pub snapshot: &'a RenewalSnapshot,
}

/// A renewal a value or upload may also be applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// Its bundle's name.
    pub bundle_name: String,
}

/// What `snapshot`'s copy still needs: every failing field of an End-User that is assigned
/// (so it can be set), every document type a failing document requirement accepts, and the
/// type of every document Twilio rejected.
pub fn needs(snapshot: &RenewalSnapshot) -> BTreeSet<Need> {
    let requirements = &snapshot.regulation.requirements;
    let mut needs = BTreeSet::new();
    let results = snapshot.evaluation.iter().flat_map(|e| e.results.iter());
    for result in results.filter(|r| !r.passed) {
        let name = result.requirement_name.as_str();
        if let Some(requirement) = requirements.end_user_for(name, &result.object_type) {
            let end_user_type = requirement
                .end_user_type
                .clone()
                .unwrap_or_else(|| result.object_type.clone());
            if !snapshot
                .end_users
                .iter()
                .any(|e| e.item_type == end_user_type)
            {
                continue;
            }
            for field in &result.invalid {
                needs.insert(Need::EndUserField {
                    end_user_type: end_user_type.clone(),
                    field: field.object_field.clone(),
                });
            }
        } else if let Some(requirement) = requirements.document(name) {
            for accepted in &requirement.accepted {
                needs.insert(Need::Document(accepted.document_type.clone()));
            }
        }
    }
    for document in snapshot.documents.iter().filter(|d| d.is_rejected()) {
        needs.insert(Need::Document(document.item_type.clone()));
    }
    needs
}

/// What `snapshot`'s copy still needs ([`needs`]) as the keys a renewal row keeps beside its
/// snapshot ([`Need::checkbox_name`], sorted): other renewals' needs are then compared without
/// decoding their snapshots.
pub fn need_keys(snapshot: &RenewalSnapshot) -> Vec<String> {
    needs(snapshot).iter().map(Need::checkbox_name).collect()
}

/// Another open renewal with what it still needs, as [`need_keys`] gives them.
#[derive(Debug, Clone, Copy)]
pub struct NeedsOf<'a> {
    /// The renewal.
    pub renewal_id: RenewalId,
    /// The name of the bundle it renews.
    pub bundle_name: &'a str,
    /// Its needs' keys.
    pub keys: &'a [String],
}

/// For each need of the current renewal (`current_id`, `current`), the other renewals that
/// need the same (in the order given); needs no other renewal shares are left out.
pub fn offers(
    current_id: RenewalId,
    current: &RenewalSnapshot,
    others: &[Candidate<'_>],
) -> BTreeMap<Need, Vec<Target>> {
    let keys: Vec<Vec<String>> = others.iter().map(|o| need_keys(o.snapshot)).collect();
    let others: Vec<NeedsOf<'_>> = others
        .iter()
        .zip(&keys)
        .map(|(o, keys)| NeedsOf {
            renewal_id: o.renewal_id,
            bundle_name: o.bundle_name,
            keys,
        })
        .collect();
    offers_among(current_id, &needs(current), &others)
}

/// [`offers`] for the needs `wanted` of renewal `current_id`, from others whose needs are
/// already known.
pub fn offers_among(
    current_id: RenewalId,
    wanted: &BTreeSet<Need>,
    others: &[NeedsOf<'_>],
) -> BTreeMap<Need, Vec<Target>> {
    let others: Vec<&NeedsOf<'_>> = others
        .iter()
        .filter(|o| o.renewal_id != current_id)
        .collect();
    wanted
        .iter()
        .filter_map(|need| {
            let key = need.checkbox_name();
            let targets: Vec<Target> = others
                .iter()
                .filter(|o| o.keys.contains(&key))
                .map(|o| Target {
                    renewal_id: o.renewal_id,
                    bundle_name: o.bundle_name.to_owned(),
                })
                .collect();
            (!targets.is_empty()).then(|| (need.clone(), targets))
        })
        .collect()
}

/// The End-User of `end_user_type` assigned to the copy, if any.
pub fn end_user_of_type<'s>(
    snapshot: &'s RenewalSnapshot,
    end_user_type: &str,
) -> Option<&'s SnapshotItem> {
    snapshot
        .end_users
        .iter()
        .find(|e| e.item_type == end_user_type)
}

/// The rejected document of `document_type` on the copy, if any (a new upload replaces it).
pub fn rejected_document_of_type<'s>(
    snapshot: &'s RenewalSnapshot,
    document_type: &str,
) -> Option<&'s SnapshotItem> {
    snapshot
        .documents
        .iter()
        .find(|d| d.item_type == document_type && d.is_rejected())
}

#[cfg(test)]
pub(crate) mod tests;
