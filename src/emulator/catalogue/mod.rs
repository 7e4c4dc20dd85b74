//! The Regulations catalogue (data in `data/`), End-User Types and Supporting Document Types.
//! SCAFFOLD: signatures agreed in EMULATOR_CONTRACT.txt; the bodies are being written.

use serde::Deserialize;
use serde_json::Value;

/// Every regulation and item type the emulator knows.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    regulations: Vec<Regulation>,
    end_user_types: Vec<ItemType>,
    supporting_document_types: Vec<ItemType>,
}

/// One regulation (country, number type, end-user type).
#[derive(Debug, Clone)]
pub struct Regulation {
    /// `RN…`.
    pub sid: String,
    /// e.g. `France: Mobile - Business`.
    pub friendly_name: String,
    /// Upper-case ISO country.
    pub iso_country: String,
    /// `local`, `mobile`, `national`, `toll-free`.
    pub number_type: String,
    /// `individual` or `business`.
    pub end_user_type: String,
    /// 1, bumped by every regulation change.
    pub version: u32,
    requirements: Value,
}

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
#[derive(Debug, Clone)]
pub struct TypeField {
    /// Human name.
    pub friendly_name: String,
    /// Machine name.
    pub machine_name: String,
    /// Constraint text (`String`).
    pub constraint: String,
}

/// A change to a regulation requested through the control API.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegulationChange {
    /// A new required End-User field.
    AddEndUserField {
        /// Machine name.
        machine_name: String,
        /// Human name.
        friendly_name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Constraint text; default `<type>['<field>'] != null`.
        #[serde(default)]
        constraint: Option<String>,
    },
    /// A new field on an existing document requirement's accepted documents.
    AddDocumentField {
        /// Which requirement.
        requirement_name: String,
        /// Machine name.
        machine_name: String,
        /// Human name.
        friendly_name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Whether it must equal the End-User's field of the same name.
        #[serde(default)]
        must_match_end_user: bool,
    },
    /// A whole new document requirement.
    AddDocumentRequirement {
        /// Requirement machine name.
        requirement_name: String,
        /// Requirement friendly name.
        name: String,
        /// Description.
        #[serde(default)]
        description: String,
        /// Accepted documents.
        accepted_documents: Vec<NewAcceptedDocument>,
    },
}

/// An accepted document of a new requirement.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAcceptedDocument {
    /// Regulation-specific wording.
    pub name: String,
    /// Supporting Document Type machine name.
    pub r#type: String,
    /// Field machine names.
    #[serde(default)]
    pub fields: Vec<String>,
}

impl Catalogue {
    /// The seeded catalogue.
    pub fn seeded() -> Catalogue {
        Catalogue::default()
    }
    /// All regulations.
    pub fn regulations(&self) -> &[Regulation] {
        &self.regulations
    }
    /// By SID.
    pub fn regulation(&self, sid: &str) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.sid == sid)
    }
    /// By triple.
    pub fn find_regulation(
        &self,
        iso_country: &str,
        number_type: &str,
        end_user_type: &str,
    ) -> Option<&Regulation> {
        self.regulations.iter().find(|r| {
            r.iso_country.eq_ignore_ascii_case(iso_country)
                && r.number_type == number_type
                && r.end_user_type == end_user_type
        })
    }
    /// End-User Types.
    pub fn end_user_types(&self) -> &[ItemType] {
        &self.end_user_types
    }
    /// Supporting Document Types.
    pub fn supporting_document_types(&self) -> &[ItemType] {
        &self.supporting_document_types
    }
    /// By SID or machine name.
    pub fn end_user_type(&self, key: &str) -> Option<&ItemType> {
        self.end_user_types
            .iter()
            .find(|t| t.sid == key || t.machine_name == key)
    }
    /// By SID or machine name.
    pub fn supporting_document_type(&self, key: &str) -> Option<&ItemType> {
        self.supporting_document_types
            .iter()
            .find(|t| t.sid == key || t.machine_name == key)
    }
    /// Applies a regulation change; returns the new version.
    pub fn apply_change(
        &mut self,
        regulation_sid: &str,
        _change: &RegulationChange,
    ) -> Result<u32, String> {
        Err(format!("unknown regulation {regulation_sid}"))
    }
}

impl Regulation {
    /// Wire JSON.
    pub fn to_json(&self, _base_url: &str, _include_constraints: bool) -> Value {
        self.requirements.clone()
    }
}

impl ItemType {
    /// Wire JSON.
    pub fn to_json(&self, _base_url: &str, _kind: ItemKind) -> Value {
        Value::Null
    }
}
