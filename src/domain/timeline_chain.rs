//! The timeline's hash chain: each `renewal_event` row carries the SHA-256 of the previous row's
//! hash and a canonical encoding of its own fields, chained per tenant by `chain_seq`. The
//! database computes the hash on insert (see the timeline migration); this module recomputes it
//! independently so `recomply audit verify` and a third party holding an evidence pack can
//! check the chain. The encoding is described in docs/audit-trail.md.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::domain::ids::{RenewalEventId, RenewalId, TenantId};

/// The previous hash of a tenant's first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One chained row, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChainRow {
    /// The row's id.
    pub renewal_event_id: RenewalEventId,
    /// The tenant whose chain it belongs to.
    pub tenant_id: TenantId,
    /// Position in the tenant's chain, from 1.
    pub chain_seq: i64,
    /// The renewal.
    pub renewal_id: RenewalId,
    /// State before, as stored. The chain hashes the stored text, so a verifier keeps it as
    /// text: a row whose state was altered to a name no [`RenewalState`] has must still be
    /// reported as a broken chain, not fail to decode.
    ///
    /// [`RenewalState`]: crate::domain::renewal::RenewalState
    pub from_state: Option<String>,
    /// State after, as stored (text, like [`ChainRow::from_state`]).
    pub to_state: String,
    /// customer | staff | webhook | sweep | job.
    pub cause: String,
    /// Who.
    pub actor: Option<String>,
    /// The details exactly as Postgres prints the jsonb (its canonical text form).
    pub details_text: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The stored hash of the previous row.
    pub prev_hash: String,
    /// The stored hash of this row.
    pub row_hash: String,
}

fn field(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("-;"),
        Some(text) => {
            out.push_str(&text.len().to_string());
            out.push(':');
            out.push_str(text);
            out.push(';');
        }
    }
}

/// `created_at` in UTC with microseconds, e.g. `2026-12-02T04:05:06.000123Z`.
pub fn canonical_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.microsecond()
    )
}

impl ChainRow {
    /// The canonical encoding hashed for this row, given the previous row's hash.
    pub fn canonical(&self, prev_hash: &str) -> String {
        let mut out = String::from("recomply-timeline-v1;");
        field(&mut out, Some(prev_hash));
        field(&mut out, Some(&self.tenant_id.to_string()));
        field(&mut out, Some(&self.chain_seq.to_string()));
        field(&mut out, Some(&self.renewal_id.to_string()));
        field(&mut out, self.from_state.as_deref());
        field(&mut out, Some(&self.to_state));
        field(&mut out, Some(&self.cause));
        field(&mut out, self.actor.as_deref());
        field(&mut out, Some(&self.details_text));
        field(&mut out, Some(&canonical_time(self.created_at)));
        out
    }

    /// The hash this row must carry when it follows `prev_hash`.
    pub fn expected_hash(&self, prev_hash: &str) -> String {
        let digest = Sha256::digest(self.canonical(prev_hash).as_bytes());
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

/// Why a chain does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainFault {
    /// The row's fields no longer produce its stored hash (the row was edited).
    #[error("its contents do not match its hash (the row was changed after it was written)")]
    ContentChanged,
    /// The row does not point at the previous row's hash (a row was removed or replaced).
    #[error("it does not follow the previous row's hash (a row before it was removed or replaced)")]
    LinkBroken,
    /// A position is missing (a row was removed).
    #[error("position {expected} of the chain is missing (a row was removed)")]
    Gap {
        /// The position expected here.
        expected: i64,
    },
}

/// The first row of a chain that does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The offending row.
    pub renewal_event_id: RenewalEventId,
    /// Its position.
    pub chain_seq: i64,
    /// What is wrong.
    pub fault: ChainFault,
}

/// The outcome of checking one tenant's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// How many rows were checked.
    pub rows: usize,
    /// The last row's hash (the genesis hash for an empty chain).
    pub head_hash: String,
    /// The first row that does not verify, if any.
    pub first_break: Option<ChainBreak>,
}

/// Checks one tenant's rows, ordered by `chain_seq`.
pub fn verify(rows: &[ChainRow]) -> ChainCheck {
    let mut prev = GENESIS_HASH.to_owned();
    for (index, row) in rows.iter().enumerate() {
        let expected_seq = i64::try_from(index).unwrap_or(i64::MAX) + 1;
        let fault = if row.chain_seq != expected_seq {
            Some(ChainFault::Gap {
                expected: expected_seq,
            })
        } else if row.prev_hash != prev {
            Some(ChainFault::LinkBroken)
        } else if row.expected_hash(&prev) != row.row_hash {
            Some(ChainFault::ContentChanged)
        } else {
            None
        };
        if let Some(fault) = fault {
            return ChainCheck {
                rows: rows.len(),
                head_hash: rows.last().map(|r| r.row_hash.clone()).unwrap_or(prev),
                first_break: Some(ChainBreak {
                    renewal_event_id: row.renewal_event_id,
                    chain_seq: row.chain_seq,
                    fault,
                }),
            };
        }
        prev.clone_from(&row.row_hash);
    }
    ChainCheck {
        rows: rows.len(),
        head_hash: prev,
        first_break: None,
    }
}

/// Checks rows taken out of a tenant's chain (an evidence pack's: one renewal's rows, or a
/// stretch of days), ordered by `chain_seq`: every row must produce its stored hash from its
/// stored `prev_hash`, and where two rows are neighbours in the chain the later must point at
/// the earlier. Rows of other renewals in between are not needed; the last row's hash can be
/// compared with the head `recomply audit verify` prints when nothing was written after it.
pub fn verify_excerpt(rows: &[ChainRow]) -> Option<ChainBreak> {
    let mut before: Option<&ChainRow> = None;
    for row in rows {
        let fault = if before
            .is_some_and(|b| b.chain_seq + 1 == row.chain_seq && row.prev_hash != b.row_hash)
            || (row.chain_seq == 1 && row.prev_hash != GENESIS_HASH)
        {
            Some(ChainFault::LinkBroken)
        } else if row.expected_hash(&row.prev_hash) != row.row_hash {
            Some(ChainFault::ContentChanged)
        } else {
            None
        };
        if let Some(fault) = fault {
            return Some(ChainBreak {
                renewal_event_id: row.renewal_event_id,
                chain_seq: row.chain_seq,
                fault,
            });
        }
        before = Some(row);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<ChainRow> {
        let tenant_id = TenantId::random();
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut row = ChainRow {
                    renewal_event_id: RenewalEventId::from_i64(seq * 10),
                    tenant_id,
                    chain_seq: seq,
                    renewal_id: RenewalId::random(),
                    from_state: (seq > 1).then(|| "collecting".to_owned()),
                    to_state: "collecting".to_owned(),
                    cause: "customer".to_owned(),
                    actor: Some("ana@example.com".to_owned()),
                    details_text: format!(r#"{{"event": "saved", "n": {seq}}}"#),
                    created_at: OffsetDateTime::UNIX_EPOCH,
                    prev_hash: prev.clone(),
                    row_hash: String::new(),
                };
                row.row_hash = row.expected_hash(&prev);
                prev.clone_from(&row.row_hash);
                row
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies_and_reports_its_head() {
        let rows = chain(3);
        let check = verify(&rows);
        assert_eq!(check.first_break, None);
        assert_eq!(check.head_hash, rows[2].row_hash);
    }

    #[test]
    fn an_edited_row_a_removed_row_and_a_replaced_row_are_named() {
        let mut edited = chain(3);
        edited[1].details_text = r#"{"event": "saved", "n": 99}"#.to_owned();
        let found = verify(&edited).first_break.unwrap();
        assert_eq!(
            (found.renewal_event_id, found.fault),
            (RenewalEventId::from_i64(20), ChainFault::ContentChanged)
        );

        let mut removed = chain(3);
        removed.remove(1);
        let found = verify(&removed).first_break.unwrap();
        assert_eq!(found.fault, ChainFault::Gap { expected: 2 });

        let mut relinked = chain(3);
        relinked[2].prev_hash = GENESIS_HASH.to_owned();
        assert_eq!(
            verify(&relinked).first_break.unwrap().fault,
            ChainFault::LinkBroken
        );
    }

    #[test]
    fn an_excerpt_checks_each_row_and_the_links_between_neighbours() {
        let rows = chain(5);
        let excerpt = vec![rows[1].clone(), rows[3].clone(), rows[4].clone()];
        assert_eq!(verify_excerpt(&excerpt), None);

        let mut edited = excerpt.clone();
        edited[0].actor = Some("someone@else.example".to_owned());
        assert_eq!(
            verify_excerpt(&edited).unwrap().fault,
            ChainFault::ContentChanged
        );

        let mut relinked = excerpt;
        relinked[2].prev_hash = rows[2].row_hash.clone();
        relinked[2].row_hash = relinked[2].expected_hash(&rows[2].row_hash);
        let found = verify_excerpt(&relinked).unwrap();
        assert_eq!((found.chain_seq, found.fault), (5, ChainFault::LinkBroken));
    }

    #[test]
    fn times_are_encoded_in_utc_with_microseconds() {
        let at = time::macros::datetime!(2026-12-02 05:04:03.000120 +01:00);
        assert_eq!(canonical_time(at), "2026-12-02T04:04:03.000120Z");
    }
}
