//! The Regulations catalogue, End-User Types and Supporting Document Types.
//!
//! The content is data, not code: one JSON file per regulation under `data/regulations/`
//! (stored as the JSON a client receives with `IncludeConstraints=true`, `url` values on the
//! `{base}` placeholder), plus `data/end_user_types.json` and
//! `data/supporting_document_types.json`. Each file names its snapshot date and source
//! (see docs/emulator-fidelity.md). Unknown SIDs are synthesised deterministically ([`sid::synthesize`]).
//! Triples without a file do not exist (e.g. Germany local individual).

mod change;
pub mod constraint;
mod item_type;
mod regulation;
pub mod requirements;
pub mod sid;

use std::sync::LazyLock;

pub use change::{NewAcceptedDocument, RegulationChange};
pub use item_type::{ItemKind, ItemType, TypeField};
pub use regulation::Regulation;
pub use requirements::{
    AcceptedDocument, DetailedField, DocumentRequirement, EndUserRequirement, Requirements,
};

/// The regulation data files, in catalogue order.
const REGULATION_FILES: &[&str] = &[
    include_str!("data/regulations/fr_mobile_business.json"),
    include_str!("data/regulations/fr_local_business.json"),
    include_str!("data/regulations/de_local_business.json"),
    include_str!("data/regulations/gb_mobile_individual.json"),
    include_str!("data/regulations/gb_mobile_business.json"),
    include_str!("data/regulations/gb_local_individual.json"),
    include_str!("data/regulations/gb_local_business.json"),
    include_str!("data/regulations/gb_national_individual.json"),
    include_str!("data/regulations/gb_national_business.json"),
    include_str!("data/regulations/gb_toll_free_individual.json"),
    include_str!("data/regulations/gb_toll_free_business.json"),
    include_str!("data/regulations/au_local_individual.json"),
    include_str!("data/regulations/au_mobile_business.json"),
    include_str!("data/regulations/es_local_individual.json"),
    include_str!("data/regulations/id_toll_free_business.json"),
    include_str!("data/regulations/ee_mobile_business.json"),
    include_str!("data/regulations/jp_local_business.json"),
];
const END_USER_TYPES: &str = include_str!("data/end_user_types.json");
const SUPPORTING_DOCUMENT_TYPES: &str = include_str!("data/supporting_document_types.json");

/// Every regulation and item type the emulator knows.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    regulations: Vec<Regulation>,
    end_user_types: Vec<ItemType>,
    supporting_document_types: Vec<ItemType>,
}

impl Catalogue {
    /// The seeded catalogue (JSON data files under `data/`, compiled in).
    ///
    /// # Panics
    /// If the compiled-in data is invalid (a unit test loads it, so this cannot ship).
    pub fn seeded() -> Catalogue {
        static SEEDED: LazyLock<Catalogue> =
            LazyLock::new(|| Catalogue::from_data().unwrap_or_else(|e| panic!("{e}")));
        SEEDED.clone()
    }

    /// Loads and cross-checks the data files.
    fn from_data() -> Result<Catalogue, String> {
        let regulations = REGULATION_FILES
            .iter()
            .map(|text| Regulation::from_data(text))
            .collect::<Result<Vec<_>, _>>()?;
        let catalogue = Catalogue {
            regulations,
            end_user_types: ItemType::list_from_data(END_USER_TYPES)?,
            supporting_document_types: ItemType::list_from_data(SUPPORTING_DOCUMENT_TYPES)?,
        };
        catalogue.check()?;
        Ok(catalogue)
    }

    /// Every type and field a regulation names exists in the type lists; triples are unique.
    fn check(&self) -> Result<(), String> {
        for (i, r) in self.regulations.iter().enumerate() {
            let duplicate = self.regulations[..i].iter().any(|o| {
                o.sid == r.sid
                    || (&o.iso_country, &o.number_type, &o.end_user_type)
                        == (&r.iso_country, &r.number_type, &r.end_user_type)
            });
            if duplicate {
                return Err(format!("{}: duplicate SID or triple", r.friendly_name));
            }
            for eu in &r.requirements().end_user {
                let t = self
                    .end_user_type(&eu.end_user_type)
                    .ok_or_else(|| format!("{}: unknown {}", r.friendly_name, eu.end_user_type))?;
                if let Some(f) = eu.fields.iter().find(|f| !t.has_field(f)) {
                    return Err(format!(
                        "{}: {} lacks field {f}",
                        r.friendly_name, t.machine_name
                    ));
                }
            }
            for doc in r.requirements().accepted_documents() {
                let t = self
                    .supporting_document_type(&doc.document_type)
                    .ok_or_else(|| format!("{}: unknown {}", r.friendly_name, doc.document_type))?;
                if let Some(f) = doc.fields.iter().find(|f| !t.has_field(f)) {
                    return Err(format!(
                        "{}: {} lacks field {f}",
                        r.friendly_name, t.machine_name
                    ));
                }
            }
        }
        Ok(())
    }

    /// All regulations, in catalogue order.
    pub fn regulations(&self) -> &[Regulation] {
        &self.regulations
    }

    /// By SID.
    pub fn regulation(&self, sid: &str) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.sid == sid)
    }

    /// Case-insensitive country; number_type as on the wire (local, mobile, national, toll-free).
    pub fn find_regulation(
        &self,
        iso_country: &str,
        number_type: &str,
        end_user_type: &str,
    ) -> Option<&Regulation> {
        self.regulations.iter().find(|r| {
            r.iso_country.eq_ignore_ascii_case(iso_country)
                && r.number_type.eq_ignore_ascii_case(number_type)
                && r.end_user_type.eq_ignore_ascii_case(end_user_type)
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

    /// By OY sid or by machine name.
    pub fn end_user_type(&self, sid_or_machine_name: &str) -> Option<&ItemType> {
        find_item_type(&self.end_user_types, sid_or_machine_name)
    }

    /// By OY sid or by machine name.
    pub fn supporting_document_type(&self, sid_or_machine_name: &str) -> Option<&ItemType> {
        find_item_type(&self.supporting_document_types, sid_or_machine_name)
    }

    /// A regulation change: makes a new version of the regulation (version += 1) and returns
    /// it. Err(text) if the regulation or the change is invalid (nothing is changed then).
    pub fn apply_change(
        &mut self,
        regulation_sid: &str,
        change: &RegulationChange,
    ) -> Result<u32, String> {
        let regulation = self
            .regulations
            .iter_mut()
            .find(|r| r.sid == regulation_sid)
            .ok_or_else(|| format!("unknown regulation {regulation_sid}"))?;
        let types = change::ItemTypesMut {
            end_user_types: &mut self.end_user_types,
            document_types: &mut self.supporting_document_types,
        };
        regulation.requirements = change::apply(&regulation.requirements, types, change)?;
        regulation.version += 1;
        Ok(regulation.version)
    }
}

fn find_item_type<'t>(types: &'t [ItemType], key: &str) -> Option<&'t ItemType> {
    types.iter().find(|t| t.sid == key || t.machine_name == key)
}

#[cfg(test)]
mod tests;
