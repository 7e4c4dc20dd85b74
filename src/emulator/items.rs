//! Items of a bundle: assigning, listing, and deep-copying them (Copies and Clones).

use serde_json::Value;

use super::error::ApiError;
use super::model::{EndUser, ItemAssignment, SupportingDocument};
use super::sid::new_sid;
use super::store::Store;

impl Store {
    /// The End-Users and Supporting Documents assigned to a bundle.
    pub fn assigned_items(&self, bundle_sid: &str) -> (Vec<&EndUser>, Vec<&SupportingDocument>) {
        let mut end_users = Vec::new();
        let mut documents = Vec::new();
        for assignment in self.assignments_of(bundle_sid) {
            if let Some(end_user) = self.end_users.get(&assignment.object_sid) {
                end_users.push(end_user);
            } else if let Some(document) = self.documents.get(&assignment.object_sid) {
                documents.push(document);
            }
        }
        (end_users, documents)
    }

    /// Assigns `object_sid` to a bundle and returns the new assignment's SID.
    pub fn assign(&mut self, account_sid: &str, bundle_sid: &str, object_sid: &str) -> String {
        let sid = new_sid("BV");
        let assignment = ItemAssignment {
            seq: self.next_seq(),
            sid: sid.clone(),
            bundle_sid: bundle_sid.to_owned(),
            account_sid: account_sid.to_owned(),
            object_sid: object_sid.to_owned(),
            date_created: self.now(),
        };
        self.assignments.insert(sid.clone(), assignment);
        sid
    }

    /// Copies every item of `from_bundle` (new IT/RD SIDs, same content, documents back to
    /// `draft`) into `target_account`, and assigns the copies to `to_bundle`.
    /// 22230 when an item references a deleted Address.
    pub fn deep_copy_items(
        &mut self,
        from_bundle: &str,
        to_bundle: &str,
        target_account: &str,
    ) -> Result<(), ApiError> {
        let (end_users, documents) = self.assigned_items(from_bundle);
        let end_users: Vec<EndUser> = end_users.into_iter().cloned().collect();
        let documents: Vec<SupportingDocument> = documents.into_iter().cloned().collect();
        if let Some(address) = documents
            .iter()
            .flat_map(|d| address_sids(&d.attributes))
            .find(|a| self.deleted_addresses.contains(a))
        {
            return Err(ApiError::bad_request(
                22230,
                format!("Bundle cannot be copied: the linked Address {address} was deleted"),
            ));
        }
        let now = self.now();
        for mut end_user in end_users {
            end_user.seq = self.next_seq();
            end_user.sid = new_sid("IT");
            end_user.account_sid = target_account.to_owned();
            end_user.date_created = now;
            end_user.date_updated = now;
            let sid = end_user.sid.clone();
            self.end_users.insert(sid.clone(), end_user);
            self.assign(target_account, to_bundle, &sid);
        }
        for mut document in documents {
            document.seq = self.next_seq();
            document.sid = new_sid("RD");
            document.account_sid = target_account.to_owned();
            document.status = "draft".into();
            document.failure_reason = None;
            document.errors = None;
            document.date_created = now;
            document.date_updated = now;
            let sid = document.sid.clone();
            self.documents.insert(sid.clone(), document);
            self.assign(target_account, to_bundle, &sid);
        }
        Ok(())
    }

    /// The Address SIDs referenced by a bundle's documents, sorted and de-duplicated.
    pub fn bundle_addresses(&self, bundle_sid: &str) -> Vec<String> {
        let (_, documents) = self.assigned_items(bundle_sid);
        let mut addresses: Vec<String> = documents
            .iter()
            .flat_map(|d| address_sids(&d.attributes))
            .collect();
        addresses.sort();
        addresses.dedup();
        addresses
    }
}

/// The `address_sids` of an attributes object (an array or a single string).
pub fn address_sids(attributes: &Value) -> Vec<String> {
    match attributes.get("address_sids") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}
