//! What Twilio's regulation change asks of one renewal: the requirements of the version the
//! bundle was approved under (or first seen under) against the version its copy was prepared
//! under, in Twilio's own names. When recomply never saw an earlier version it says so rather
//! than guess.

use crate::db::regulation_versions;
use crate::domain::ids::{RenewalId, TenantId};
use crate::domain::requirements::diff::{RequirementChange, changes};
use crate::i18n::Tr;

/// What changed for a renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatChanged {
    /// The copy is not prepared yet: the current version is not known for it.
    NotPrepared,
    /// recomply had seen no earlier version of the regulation for this bundle.
    NoEarlierVersion,
    /// The requirements are the same as when the bundle was approved.
    Unchanged,
    /// What is new, End-User fields first.
    Changes(Vec<RequirementChange>),
}

/// The renewal's change, from the two versions it records (one query).
pub async fn what_changed(
    db: impl sqlx::PgExecutor<'_>,
    tenant_id: TenantId,
    renewal_id: RenewalId,
) -> sqlx::Result<WhatChanged> {
    let Some(found) = regulation_versions::renewal_requirements(db, tenant_id, renewal_id).await?
    else {
        return Ok(WhatChanged::NotPrepared);
    };
    let Some(after) = found.current else {
        return Ok(WhatChanged::NotPrepared);
    };
    let Some(before) = found.baseline else {
        return Ok(WhatChanged::NoEarlierVersion);
    };
    if found.baseline_id == found.current_id {
        return Ok(WhatChanged::Unchanged);
    }
    let listed = changes(&before, &after);
    Ok(if listed.is_empty() {
        WhatChanged::Unchanged
    } else {
        WhatChanged::Changes(listed)
    })
}

/// The change in plain words for a reader of `tr`'s language: a heading and one line per new
/// requirement (Twilio's names kept as they are). `None` while the copy is being prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNote {
    /// "New since your bundle was approved", or "What changed".
    pub heading: String,
    /// What recomply can honestly say when it has no list.
    pub text: Option<String>,
    /// One line per change (empty when there is nothing to list).
    pub lines: Vec<String>,
}

impl WhatChanged {
    /// In `tr`'s words.
    pub fn note(&self, tr: &Tr) -> Option<ChangeNote> {
        let plain = |id: &str| ChangeNote {
            heading: tr.t("whats-changed-title"),
            text: Some(tr.t(id)),
            lines: Vec::new(),
        };
        Some(match self {
            Self::NotPrepared => return None,
            Self::NoEarlierVersion => plain("whats-new-unknown"),
            Self::Unchanged => plain("whats-new-unchanged"),
            Self::Changes(changes) => ChangeNote {
                heading: tr.t("whats-new-title"),
                text: None,
                lines: changes.iter().map(|c| line(tr, c)).collect(),
            },
        })
    }
}

fn line(tr: &Tr, change: &RequirementChange) -> String {
    match change {
        RequirementChange::NewEndUserField { field } => {
            tr.t1("whats-new-end-user-field", "field", field)
        }
        RequirementChange::NewDocumentRequirement {
            requirement,
            accepted,
        } => tr.t2(
            "whats-new-document",
            "requirement",
            requirement,
            "accepted",
            accepted.join(", "),
        ),
        RequirementChange::NewAcceptedDocument {
            requirement,
            document,
        } => tr.t2(
            "whats-new-accepted",
            "requirement",
            requirement,
            "document",
            document,
        ),
        RequirementChange::ChangedDocument {
            document,
            new_fields,
            ..
        } => tr.t2(
            "whats-new-document-fields",
            "document",
            document,
            "fields",
            new_fields.join(", "),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, Zone};

    #[test]
    fn changes_read_as_plain_lines_in_each_language() {
        let changed = WhatChanged::Changes(vec![
            RequirementChange::NewEndUserField {
                field: "Business Website".into(),
            },
            RequirementChange::NewDocumentRequirement {
                requirement: "Power of Attorney".into(),
                accepted: vec!["Power of attorney".into()],
            },
        ]);
        let note = changed.note(&Tr::english()).unwrap();
        assert_eq!(note.heading, "New since your bundle was approved");
        assert_eq!(
            note.lines,
            [
                "A new detail: Business Website",
                "A new document: Power of Attorney (Power of attorney)"
            ]
        );
        let fr = changed.note(&Tr::new(Locale::Fr, Zone::utc())).unwrap();
        assert!(
            fr.lines[0].contains("Business Website"),
            "Twilio's name kept"
        );
        assert_ne!(fr.heading, note.heading);
        assert!(WhatChanged::NotPrepared.note(&Tr::english()).is_none());
        assert!(
            WhatChanged::NoEarlierVersion
                .note(&Tr::english())
                .unwrap()
                .lines
                .is_empty()
        );
    }
}
