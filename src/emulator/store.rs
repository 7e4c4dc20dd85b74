//! The emulator's whole state: accounts, resources, clock offset, callbacks, faults and logs.
//! Everything except the catalogue (rebuilt from its seed plus the recorded changes), the faults
//! and the request log is saved in snapshots.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::addresses::Address;
use super::bundle_table::BundleTable;
use super::catalogue::{Catalogue, Regulation, RegulationChange};
use super::clock::{self, Timestamp};
use super::faults::Faults;
use super::model::{
    Account, ApiKey, Bundle, EndUser, Evaluation, ItemAssignment, ReviewPolicy, SupportingDocument,
};
use super::outbox::Outbox;
use super::phone_numbers::IncomingPhoneNumber;
use super::request_log::RequestLog;
use super::sid::new_sid;

/// Credentials of an emulated account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCredentials {
    /// `AC…`.
    pub account_sid: String,
    /// Auth token.
    pub auth_token: String,
    /// `SK…`.
    pub api_key_sid: String,
    /// The API key's secret.
    pub api_key_secret: String,
}

/// A regulation change applied through the control API (replayed on restore).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppliedChange {
    /// `RN…`.
    pub regulation_sid: String,
    /// The change as posted.
    pub change: Value,
}

/// The emulator's state.
#[derive(Debug, Serialize, Deserialize)]
pub struct Store {
    /// Counter for `seq` fields.
    pub next_seq: u64,
    /// Emulator time minus real time, in seconds.
    pub clock_offset: i64,
    /// Accounts by SID.
    pub accounts: BTreeMap<String, Account>,
    /// Bundles by SID, indexed for the list.
    pub bundles: BundleTable,
    /// End-Users by SID.
    pub end_users: BTreeMap<String, EndUser>,
    /// Supporting Documents by SID.
    pub documents: BTreeMap<String, SupportingDocument>,
    /// Item assignments by SID.
    pub assignments: BTreeMap<String, ItemAssignment>,
    /// Evaluations by SID.
    pub evaluations: BTreeMap<String, Evaluation>,
    /// Regulation changes, in order.
    pub regulation_changes: Vec<AppliedChange>,
    /// Addresses (2010-04-01) by SID.
    #[serde(default)]
    pub addresses: BTreeMap<String, Address>,
    /// IncomingPhoneNumbers (2010-04-01) by SID.
    #[serde(default)]
    pub phone_numbers: BTreeMap<String, IncomingPhoneNumber>,
    /// Address SIDs deleted (copying a bundle that references one fails with 22230).
    pub deleted_addresses: BTreeSet<String>,
    /// Status callbacks.
    pub outbox: Outbox,
    /// Regulations and item types.
    #[serde(skip, default = "Catalogue::seeded")]
    pub catalogue: Catalogue,
    /// Active faults.
    #[serde(skip)]
    pub faults: Faults,
    /// Served requests.
    #[serde(skip)]
    pub requests: RequestLog,
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

impl Store {
    /// An empty store on the seeded catalogue.
    pub fn new() -> Self {
        Self {
            next_seq: 0,
            clock_offset: 0,
            accounts: BTreeMap::new(),
            bundles: BundleTable::default(),
            end_users: BTreeMap::new(),
            documents: BTreeMap::new(),
            assignments: BTreeMap::new(),
            evaluations: BTreeMap::new(),
            regulation_changes: Vec::new(),
            addresses: BTreeMap::new(),
            phone_numbers: BTreeMap::new(),
            deleted_addresses: BTreeSet::new(),
            outbox: Outbox::default(),
            catalogue: Catalogue::seeded(),
            faults: Faults::default(),
            requests: RequestLog::default(),
        }
    }

    /// Re-applies the recorded regulation changes to a freshly seeded catalogue (after restore).
    pub fn replay_regulation_changes(&mut self) -> anyhow::Result<()> {
        for applied in &self.regulation_changes {
            let change: RegulationChange = serde_json::from_value(applied.change.clone())?;
            self.catalogue
                .apply_change(&applied.regulation_sid, &change)
                .map_err(anyhow::Error::msg)?;
        }
        Ok(())
    }

    /// Emulator time now.
    pub fn now(&self) -> Timestamp {
        clock::now_with_offset(self.clock_offset)
    }

    /// The next creation-order number.
    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Creates an account with one API key.
    pub fn create_account(
        &mut self,
        friendly_name: &str,
        review_policy: ReviewPolicy,
    ) -> AccountCredentials {
        self.next_seq();
        let credentials = AccountCredentials {
            account_sid: new_sid("AC"),
            auth_token: uuid::Uuid::new_v4().simple().to_string(),
            api_key_sid: new_sid("SK"),
            api_key_secret: uuid::Uuid::new_v4().simple().to_string(),
        };
        self.accounts.insert(
            credentials.account_sid.clone(),
            Account {
                sid: credentials.account_sid.clone(),
                friendly_name: friendly_name.to_owned(),
                auth_token: credentials.auth_token.clone(),
                api_keys: vec![ApiKey {
                    sid: credentials.api_key_sid.clone(),
                    secret: credentials.api_key_secret.clone(),
                }],
                review_policy,
                seq: self.next_seq,
                owner_account_sid: None,
                status: "active".into(),
                date_created: self.now(),
                date_updated: self.now(),
            },
        );
        credentials
    }

    /// Creates a subaccount of `owner` (same review policy) and returns its credentials.
    pub fn create_subaccount(&mut self, owner: &str, friendly_name: &str) -> AccountCredentials {
        let policy = self
            .accounts
            .get(owner)
            .map(|a| a.review_policy)
            .unwrap_or_default();
        let credentials = self.create_account(friendly_name, policy);
        if let Some(account) = self.accounts.get_mut(&credentials.account_sid) {
            account.owner_account_sid = Some(owner.to_owned());
        }
        credentials
    }

    /// Whether `viewer` may see `account`: itself, or a subaccount it owns.
    pub fn can_see_account(&self, viewer: &str, account: &str) -> bool {
        viewer == account
            || self
                .accounts
                .get(account)
                .is_some_and(|a| a.owner_account_sid.as_deref() == Some(viewer))
    }

    /// The account that `user:password` authenticates (`AC…:token` or `SK…:secret`); a closed
    /// account's auth token no longer works.
    pub fn authenticate(&self, user: &str, password: &str) -> Option<&Account> {
        if user.starts_with("SK") {
            self.accounts.values().find(|account| {
                account.status != "closed"
                    && account
                        .api_keys
                        .iter()
                        .any(|key| key.sid == user && key.secret == password)
            })
        } else {
            self.accounts
                .get(user)
                .filter(|account| account.auth_token == password)
                .filter(|account| account.status != "closed")
        }
    }

    /// The account an API key or account SID names, without checking the secret (request log).
    pub fn account_for_username(&self, user: &str) -> Option<String> {
        if user.starts_with("SK") {
            self.accounts
                .values()
                .find(|a| a.api_keys.iter().any(|k| k.sid == user))
                .map(|a| a.sid.clone())
        } else {
            self.accounts.get(user).map(|a| a.sid.clone())
        }
    }

    /// The regulation of a bundle.
    pub fn regulation_of(&self, bundle: &Bundle) -> Option<&Regulation> {
        self.catalogue.regulation(&bundle.regulation_sid)
    }

    /// The assignments of a bundle, in creation order.
    pub fn assignments_of(&self, bundle_sid: &str) -> Vec<&ItemAssignment> {
        let mut list: Vec<&ItemAssignment> = self
            .assignments
            .values()
            .filter(|a| a.bundle_sid == bundle_sid)
            .collect();
        list.sort_by_key(|a| a.seq);
        list
    }

    /// The evaluations of a bundle, in creation order.
    pub fn evaluations_of(&self, bundle_sid: &str) -> Vec<&Evaluation> {
        let mut list: Vec<&Evaluation> = self
            .evaluations
            .values()
            .filter(|e| e.bundle_sid == bundle_sid)
            .collect();
        list.sort_by_key(|e| e.seq);
        list
    }

    /// Whether any bundle has `object_sid` assigned.
    pub fn is_assigned(&self, object_sid: &str) -> bool {
        self.assignments
            .values()
            .any(|a| a.object_sid == object_sid)
    }

    /// Removes a bundle with its assignments and evaluations.
    pub fn remove_bundle(&mut self, sid: &str) {
        self.bundles.remove(sid);
        self.assignments.retain(|_, a| a.bundle_sid != sid);
        self.evaluations.retain(|_, e| e.bundle_sid != sid);
    }
}
