//! End-User Types and Supporting Document Types, stored in
//! `data/end_user_types.json` and `data/supporting_document_types.json`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::sid;

/// Which list an [`ItemType`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `/EndUserTypes`.
    EndUserType,
    /// `/SupportingDocumentTypes`.
    SupportingDocumentType,
}

/// An End-User Type or a Supporting Document Type.
#[derive(Debug, Clone)]
pub struct ItemType {
    /// `OY…`.
    pub sid: String,
    /// Human name.
    pub friendly_name: String,
    /// Machine name.
    pub machine_name: String,
    /// Its fields.
    pub fields: Vec<TypeField>,
    /// Address-only pseudo document (no file expected).
    pub address_only: bool,
}

/// A field of an item type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeField {
    /// Human name.
    pub friendly_name: String,
    /// Machine name.
    pub machine_name: String,
    /// Constraint text (`String`).
    pub constraint: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemTypeData {
    #[serde(default)]
    sid: Option<String>,
    friendly_name: String,
    machine_name: String,
    fields: Vec<TypeField>,
    #[serde(default)]
    address_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemTypesFile {
    /// When the list was taken (documentation of the data file; not used).
    #[serde(rename = "snapshot_date")]
    _snapshot_date: String,
    /// Where the list comes from (documentation of the data file; not used).
    #[serde(rename = "source")]
    _source: String,
    #[serde(alias = "end_user_types", alias = "supporting_document_types")]
    types: Vec<ItemTypeData>,
}

impl ItemType {
    /// Parses a types data file (`end_user_types` or `supporting_document_types` list); SIDs
    /// not given are synthesised from the machine name.
    pub(super) fn list_from_data(text: &str) -> Result<Vec<ItemType>, String> {
        let file: ItemTypesFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(file
            .types
            .into_iter()
            .map(|t| ItemType {
                sid: t
                    .sid
                    .unwrap_or_else(|| sid::synthesize("OY", &t.machine_name)),
                friendly_name: t.friendly_name,
                machine_name: t.machine_name,
                fields: t.fields,
                address_only: t.address_only,
            })
            .collect())
    }

    /// Whether the type has a field of that machine name.
    pub fn has_field(&self, machine_name: &str) -> bool {
        self.fields.iter().any(|f| f.machine_name == machine_name)
    }

    /// Adds a field (`constraint: "String"`) unless it is already listed.
    pub fn ensure_field(&mut self, machine_name: &str, friendly_name: &str) {
        if !self.has_field(machine_name) {
            self.fields.push(TypeField {
                friendly_name: friendly_name.to_owned(),
                machine_name: machine_name.to_owned(),
                constraint: "String".to_owned(),
            });
        }
    }

    /// Wire JSON; `url` is `{base}/v2/RegulatoryCompliance/EndUserTypes/{sid}` or
    /// `…/SupportingDocumentTypes/{sid}`.
    pub fn to_json(&self, base_url: &str, kind: ItemKind) -> Value {
        let collection = match kind {
            ItemKind::EndUserType => "EndUserTypes",
            ItemKind::SupportingDocumentType => "SupportingDocumentTypes",
        };
        json!({
            "sid": self.sid,
            "friendly_name": self.friendly_name,
            "machine_name": self.machine_name,
            "fields": self.fields,
            "url": format!(
                "{}/v2/RegulatoryCompliance/{collection}/{}",
                base_url.trim_end_matches('/'),
                self.sid
            ),
        })
    }
}
