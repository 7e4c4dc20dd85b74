//! The stored bundles: by SID, with the per-account list orders ([`BundleIndex`]) and each
//! bundle's wire JSON cached until it changes. Every change goes through [`BundleMut`], which
//! refiles the bundle and drops its cached JSON when it goes out of scope, so the orders and
//! the cache can never go stale.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::bundle_index::{BundleIndex, Placement, Slot, Walk};
use super::model::Bundle;
use super::views;

/// A bundle and its wire JSON as last served.
#[derive(Debug)]
pub struct StoredBundle {
    bundle: Bundle,
    view: OnceLock<CachedView>,
}

/// A bundle's serialized wire JSON for one origin.
#[derive(Debug)]
struct CachedView {
    origin: String,
    json: Box<str>,
}

impl StoredBundle {
    fn new(bundle: Bundle) -> Self {
        Self {
            bundle,
            view: OnceLock::new(),
        }
    }

    /// The bundle.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The bundle's wire JSON (as [`views::bundle`]) with URLs on `origin`: serialized once per
    /// change of the bundle, then served from the cache (another origin is serialized afresh).
    pub fn wire_json(&self, origin: &str) -> Cow<'_, str> {
        if let Some(cached) = self.view.get() {
            if cached.origin == origin {
                return Cow::Borrowed(&cached.json);
            }
            return Cow::Owned(serialize(origin, &self.bundle));
        }
        let cached = self.view.get_or_init(|| CachedView {
            origin: origin.to_owned(),
            json: serialize(origin, &self.bundle).into_boxed_str(),
        });
        if cached.origin == origin {
            Cow::Borrowed(&cached.json)
        } else {
            Cow::Owned(serialize(origin, &self.bundle))
        }
    }
}

fn serialize(origin: &str, bundle: &Bundle) -> String {
    views::bundle(origin, bundle).to_string()
}

/// Bundles by SID, indexed for the list. Bundles sit in slots so that the orders point at them
/// directly (a page reads its bundles without a lookup by SID).
#[derive(Debug, Default)]
pub struct BundleTable {
    slots: Vec<Option<StoredBundle>>,
    free: Vec<Slot>,
    by_sid: HashMap<String, Slot>,
    index: BundleIndex,
}

impl BundleTable {
    /// The bundle `sid`.
    pub fn get(&self, sid: &str) -> Option<&Bundle> {
        self.stored(sid).map(StoredBundle::bundle)
    }

    /// Whether `sid` is stored.
    pub fn contains_key(&self, sid: &str) -> bool {
        self.by_sid.contains_key(sid)
    }

    /// The bundle `sid`, to change; refiled when the guard is dropped.
    pub fn get_mut(&mut self, sid: &str) -> Option<BundleMut<'_>> {
        let slot = *self.by_sid.get(sid)?;
        let entry = self.slots[slot].as_mut()?;
        let before = Placement::of(&entry.bundle);
        Some(BundleMut {
            entry,
            slot,
            index: &mut self.index,
            before,
        })
    }

    /// Stores `bundle` under its SID (replacing one stored there).
    pub fn insert(&mut self, bundle: Bundle) {
        self.remove(&bundle.sid);
        let placement = Placement::of(&bundle);
        let sid = bundle.sid.clone();
        let entry = Some(StoredBundle::new(bundle));
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = entry;
                slot
            }
            None => {
                self.slots.push(entry);
                self.slots.len() - 1
            }
        };
        self.index.add(slot, &placement);
        self.by_sid.insert(sid, slot);
    }

    /// Removes the bundle `sid`.
    pub fn remove(&mut self, sid: &str) -> Option<Bundle> {
        let slot = self.by_sid.remove(sid)?;
        let entry = self.slots[slot].take()?;
        self.free.push(slot);
        self.index.remove(&Placement::of(&entry.bundle));
        Some(entry.bundle)
    }

    /// Every bundle, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &Bundle> {
        self.slots.iter().flatten().map(StoredBundle::bundle)
    }

    /// How many bundles are stored.
    pub fn len(&self) -> usize {
        self.by_sid.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_sid.is_empty()
    }

    /// The bundles `walk` asks for, in its order.
    pub fn walk<'a>(&'a self, walk: Walk<'_>) -> impl Iterator<Item = &'a StoredBundle> + 'a {
        self.index
            .walk(walk)
            .filter_map(|slot| self.slots[slot].as_ref())
    }

    /// The stored bundle `sid` (with its cached JSON).
    pub fn stored(&self, sid: &str) -> Option<&StoredBundle> {
        self.slots[*self.by_sid.get(sid)?].as_ref()
    }
}

impl<Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for BundleTable {
    type Output = Bundle;

    fn index(&self, sid: &Q) -> &Bundle {
        self.get(sid.as_ref()).expect("no bundle with this SID")
    }
}

/// A bundle being changed. On drop its cached JSON is dropped and, if its account, status or a
/// sort time changed, it is refiled in the orders. Its SID must not change.
pub struct BundleMut<'a> {
    entry: &'a mut StoredBundle,
    slot: Slot,
    index: &'a mut BundleIndex,
    before: Placement,
}

impl Deref for BundleMut<'_> {
    type Target = Bundle;

    fn deref(&self) -> &Bundle {
        &self.entry.bundle
    }
}

impl DerefMut for BundleMut<'_> {
    fn deref_mut(&mut self) -> &mut Bundle {
        &mut self.entry.bundle
    }
}

impl Drop for BundleMut<'_> {
    fn drop(&mut self) {
        self.entry.view = OnceLock::new();
        let after = Placement::of(&self.entry.bundle);
        if after != self.before {
            self.index.remove(&self.before);
            self.index.add(self.slot, &after);
        }
    }
}

impl Serialize for BundleTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let by_sid: BTreeMap<&str, &Bundle> = self.values().map(|b| (b.sid.as_str(), b)).collect();
        serializer.collect_map(by_sid)
    }
}

impl<'de> Deserialize<'de> for BundleTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bundles = BTreeMap::<String, Bundle>::deserialize(deserializer)?;
        let mut table = Self::default();
        for bundle in bundles.into_values() {
            table.insert(bundle);
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Bound;

    use super::*;
    use crate::emulator::bundle_index::SortBy;
    use crate::emulator::model::BundleStatus;

    fn bundle(seq: u64, account: &str) -> Bundle {
        Bundle {
            seq,
            sid: format!("BU{seq:032}"),
            account_sid: account.to_owned(),
            regulation_sid: "RN1".into(),
            friendly_name: format!("Bundle {seq}"),
            status: BundleStatus::Draft,
            valid_until: None,
            email: "ops@example.com".into(),
            status_callback: None,
            date_created: 1_000,
            date_updated: 1_000,
            is_test: false,
            has_active_numbers: false,
            copied_from: None,
            failure_reason: None,
            in_review_at: None,
            review_due_at: None,
        }
    }

    fn seqs(table: &BundleTable, status: Option<BundleStatus>, by: SortBy) -> Vec<u64> {
        let walk = Walk {
            account_sid: "AC1",
            status,
            by,
            descending: false,
            range: (Bound::Unbounded, Bound::Unbounded),
        };
        table.walk(walk).map(|b| b.bundle().seq).collect()
    }

    fn table() -> BundleTable {
        let mut table = BundleTable::default();
        for seq in 1..=3 {
            table.insert(bundle(seq, "AC1"));
        }
        table.insert(bundle(4, "AC2"));
        table
    }

    #[test]
    fn a_change_through_the_guard_refiles_the_bundle_and_drops_its_cached_json() {
        let mut table = table();
        let sid = format!("BU{:032}", 1);
        assert!(
            table
                .stored(&sid)
                .unwrap()
                .wire_json("http://h")
                .contains("Bundle 1")
        );

        let mut changed = table.get_mut(&sid).unwrap();
        changed.status = BundleStatus::TwilioApproved;
        changed.valid_until = Some(5_000);
        changed.friendly_name = "Renamed".into();
        drop(changed);

        let approved = Some(BundleStatus::TwilioApproved);
        assert_eq!(seqs(&table, approved, SortBy::DateCreated), [1]);
        let draft = Some(BundleStatus::Draft);
        assert_eq!(seqs(&table, draft, SortBy::DateCreated), [2, 3]);
        assert_eq!(seqs(&table, None, SortBy::ValidUntil), [1, 2, 3]);
        assert!(
            table
                .stored(&sid)
                .unwrap()
                .wire_json("http://h")
                .contains("Renamed")
        );
    }

    #[test]
    fn removing_unfiles_and_other_accounts_stay_apart() {
        let mut table = table();
        table.remove(&format!("BU{:032}", 2));
        assert_eq!(seqs(&table, None, SortBy::DateUpdated), [1, 3]);
        assert_eq!(table.len(), 3);
        table.remove(&format!("BU{:032}", 1));
        table.remove(&format!("BU{:032}", 3));
        assert!(seqs(&table, None, SortBy::DateCreated).is_empty());
        assert_eq!(table.values().map(|b| b.seq).collect::<Vec<_>>(), [4]);
        table.insert(bundle(5, "AC1"));
        assert_eq!(seqs(&table, None, SortBy::DateCreated), [5]);
        assert_eq!(table.get(&format!("BU{:032}", 5)).unwrap().seq, 5);
    }

    #[test]
    fn a_restored_table_has_the_same_orders() {
        let mut table = table();
        table.get_mut(&format!("BU{:032}", 3)).unwrap().valid_until = Some(10);
        let text = serde_json::to_string(&table).unwrap();
        let restored: BundleTable = serde_json::from_str(&text).unwrap();
        for by in SortBy::ALL {
            assert_eq!(seqs(&restored, None, by), seqs(&table, None, by));
        }
        assert_eq!(seqs(&restored, None, SortBy::ValidUntil), [3, 1, 2]);
    }
}
