//! The orders of the Bundle list, kept per account so that a list page costs what it returns:
//! for each account, and for each status within it, one ordered map per sort (date created,
//! valid_until, date updated). The bundle table updates them on every insert, change and
//! removal (see [`super::bundle_table`]).

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use super::clock::Timestamp;
use super::model::{Bundle, BundleStatus};

/// What a Bundle list is ordered by (`SortBy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// The default: date created.
    DateCreated,
    /// `valid-until`: bundles without one sort after dated ones (ascending).
    ValidUntil,
    /// `date-updated`.
    DateUpdated,
}

impl SortBy {
    /// Every order, in index position.
    pub const ALL: [SortBy; 3] = [Self::DateCreated, Self::ValidUntil, Self::DateUpdated];

    /// Parses `SortBy` (absent means date created).
    pub fn parse(text: Option<&str>) -> Option<Self> {
        match text {
            None => Some(Self::DateCreated),
            Some("valid-until") => Some(Self::ValidUntil),
            Some("date-updated") => Some(Self::DateUpdated),
            Some(_) => None,
        }
    }

    fn position(self) -> usize {
        self as usize
    }
}

/// A bundle's place in one order, ascending: dated before undated, then the time, then creation
/// order (which makes every key unique and ties stable).
pub type SortKey = (bool, Timestamp, u64);

/// The key of `bundle` in the order `by`.
pub fn sort_key(bundle: &Bundle, by: SortBy) -> SortKey {
    let time = match by {
        SortBy::DateCreated => Some(bundle.date_created),
        SortBy::ValidUntil => bundle.valid_until,
        SortBy::DateUpdated => Some(bundle.date_updated),
    };
    (time.is_none(), time.unwrap_or(0), bundle.seq)
}

/// Everything the indexes file a bundle under; compared before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    account_sid: String,
    status: BundleStatus,
    keys: [SortKey; 3],
}

impl Placement {
    /// Where `bundle` belongs now.
    pub fn of(bundle: &Bundle) -> Self {
        Self {
            account_sid: bundle.account_sid.clone(),
            status: bundle.status,
            keys: SortBy::ALL.map(|by| sort_key(bundle, by)),
        }
    }
}

/// Where the bundle table keeps a bundle (an index into its slots).
pub type Slot = usize;

/// One map per order.
#[derive(Debug, Default)]
struct Orders([BTreeMap<SortKey, Slot>; 3]);

impl Orders {
    fn add(&mut self, slot: Slot, keys: &[SortKey; 3]) {
        for (order, key) in self.0.iter_mut().zip(keys) {
            order.insert(*key, slot);
        }
    }

    fn remove(&mut self, keys: &[SortKey; 3]) {
        for (order, key) in self.0.iter_mut().zip(keys) {
            order.remove(key);
        }
    }

    fn is_empty(&self) -> bool {
        self.0[0].is_empty()
    }
}

/// The orders of one account: all its bundles, and those of each status.
#[derive(Debug, Default)]
struct AccountOrders {
    all: Orders,
    by_status: HashMap<BundleStatus, Orders>,
}

/// The range of keys a list walks, in ascending terms.
pub type KeyRange = (Bound<SortKey>, Bound<SortKey>);

/// Which slice of an account's bundles to walk, and in which order.
#[derive(Debug, Clone, Copy)]
pub struct Walk<'a> {
    /// The account.
    pub account_sid: &'a str,
    /// Only bundles of this status.
    pub status: Option<BundleStatus>,
    /// The order.
    pub by: SortBy,
    /// Newest (or latest) first.
    pub descending: bool,
    /// Only keys in this range of the order.
    pub range: KeyRange,
}

/// The per-account orders of every stored bundle.
#[derive(Debug, Default)]
pub struct BundleIndex {
    accounts: HashMap<String, AccountOrders>,
}

impl BundleIndex {
    /// Files the bundle in `slot` where `placement` says.
    pub fn add(&mut self, slot: Slot, placement: &Placement) {
        let account = self
            .accounts
            .entry(placement.account_sid.clone())
            .or_default();
        account.all.add(slot, &placement.keys);
        account
            .by_status
            .entry(placement.status)
            .or_default()
            .add(slot, &placement.keys);
    }

    /// Unfiles the bundle filed at `placement` (dropping maps left empty).
    pub fn remove(&mut self, placement: &Placement) {
        let Some(account) = self.accounts.get_mut(&placement.account_sid) else {
            return;
        };
        account.all.remove(&placement.keys);
        if let Some(orders) = account.by_status.get_mut(&placement.status) {
            orders.remove(&placement.keys);
            if orders.is_empty() {
                account.by_status.remove(&placement.status);
            }
        }
        if account.all.is_empty() {
            self.accounts.remove(&placement.account_sid);
        }
    }

    /// The slots of the bundles `walk` asks for, in its order.
    pub fn walk(&self, walk: Walk<'_>) -> Box<dyn Iterator<Item = Slot> + '_> {
        let account = self.accounts.get(walk.account_sid);
        let orders = match walk.status {
            None => account.map(|a| &a.all),
            Some(status) => account.and_then(|a| a.by_status.get(&status)),
        };
        let Some(order) = orders.map(|o| &o.0[walk.by.position()]) else {
            return Box::new(std::iter::empty());
        };
        if is_empty(walk.range) {
            return Box::new(std::iter::empty());
        }
        let range = order.range(walk.range).map(|(_, slot)| *slot);
        if walk.descending {
            Box::new(range.rev())
        } else {
            Box::new(range)
        }
    }
}

/// Whether no key can fall in `range` (`BTreeMap::range` panics on such ranges).
fn is_empty(range: KeyRange) -> bool {
    use Bound::{Excluded, Included};
    match range {
        (Included(start), Included(end)) => start > end,
        (Included(start) | Excluded(start), Included(end) | Excluded(end)) => start >= end,
        _ => false,
    }
}
