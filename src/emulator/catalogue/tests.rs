//! Catalogue data and wire-format tests.

use serde_json::Value;

use super::*;

const BASE: &str = "http://127.0.0.1:4010";

fn catalogue() -> Catalogue {
    Catalogue::seeded()
}

#[test]
fn seeded_data_loads_and_cross_checks() {
    let c = Catalogue::from_data().expect("data files are valid");
    assert!(c.regulations().len() >= 8);
    let countries: std::collections::BTreeSet<_> = c
        .regulations()
        .iter()
        .map(|r| r.iso_country.as_str())
        .collect();
    assert!(countries.len() >= 5, "{countries:?}");
    for t in ["individual", "business"] {
        assert!(c.regulations().iter().any(|r| r.end_user_type == t));
    }
    assert!(c.regulations().iter().all(|r| r.version == 1));
}

#[test]
fn every_listed_regulation_is_found_by_its_triple() {
    let c = catalogue();
    for (iso, nt, eu, name) in [
        ("FR", "mobile", "business", "France: Mobile - Business"),
        ("FR", "local", "business", "France: Local - Business"),
        ("DE", "local", "business", "Germany: Local - Business"),
        (
            "GB",
            "mobile",
            "individual",
            "United Kingdom: Mobile - Individual",
        ),
        (
            "GB",
            "mobile",
            "business",
            "United Kingdom: Mobile - Business",
        ),
        (
            "GB",
            "local",
            "individual",
            "United Kingdom: Local - Individual",
        ),
        (
            "GB",
            "local",
            "business",
            "United Kingdom: Local - Business",
        ),
        (
            "GB",
            "toll-free",
            "individual",
            "United Kingdom: Toll-Free - Individual",
        ),
        (
            "GB",
            "toll-free",
            "business",
            "United Kingdom: Toll-Free - Business",
        ),
        ("AU", "local", "individual", "Australia: Local - Individual"),
        ("AU", "mobile", "business", "Australia: Mobile - Business"),
        ("ES", "local", "individual", "Spain: Local - Individual"),
        (
            "ID",
            "toll-free",
            "business",
            "Indonesia: Toll-Free - Business",
        ),
        ("EE", "mobile", "business", "Estonia: Mobile - Business"),
        ("JP", "local", "business", "Japan: Local - Business"),
    ] {
        let r = c
            .find_regulation(iso, nt, eu)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(r.friendly_name, name);
        assert!(r.sid.starts_with("RN") && r.sid.len() == 34, "{}", r.sid);
        assert!(!r.snapshot_date().is_empty() && !r.source().is_empty());
    }
    assert_eq!(
        c.find_regulation("gb", "mobile", "business")
            .map(|r| r.sid.as_str()),
        Some("RNb257214105d3b9526d5f80359b863452")
    );
}

#[test]
fn absent_triples_stay_absent() {
    let c = catalogue();
    assert!(c.find_regulation("DE", "local", "individual").is_none());
    assert!(c.find_regulation("EE", "mobile", "individual").is_none());
    assert!(c.find_regulation("JP", "local", "individual").is_none());
    assert!(c.regulation("RN00000000000000000000000000000000").is_none());
}

#[test]
fn known_sids_are_kept_and_unknown_ones_synthesised_from_the_friendly_name() {
    let c = catalogue();
    let de = c.find_regulation("DE", "local", "business").unwrap();
    assert_eq!(de.sid, "RNfd11dde5d4b7252abf96139766f68034");
    assert_eq!(
        c.regulation(&de.sid).unwrap().friendly_name,
        de.friendly_name
    );
    let fr = c.find_regulation("FR", "mobile", "business").unwrap();
    assert_eq!(fr.sid, sid::synthesize("RN", "France: Mobile - Business"));
}

#[test]
fn regulation_json_with_constraints_has_them_at_the_three_levels() {
    let c = catalogue();
    let de = c.find_regulation("DE", "local", "business").unwrap();
    let json = de.to_json(BASE, true);
    assert_eq!(json["sid"], de.sid.as_str());
    assert_eq!(json["friendly_name"], "Germany: Local - Business");
    assert_eq!(json["iso_country"], "DE");
    assert_eq!(json["number_type"], "local");
    assert_eq!(json["end_user_type"], "business");
    assert_eq!(
        json["url"],
        format!("{BASE}/v2/RegulatoryCompliance/Regulations/{}", de.sid)
    );
    let eu = &json["requirements"]["end_user"][0];
    assert_eq!(eu["constraint"], "business != null");
    assert_eq!(
        eu["url"],
        format!("{BASE}/v2/RegulatoryCompliance/EndUserTypes/business")
    );
    assert_eq!(
        eu["detailed_fields"][1]["constraint"],
        "business['business_registration_number']!=null"
    );
    assert_eq!(
        eu["detailed_fields"][5]["constraint"],
        r"business['email'] =~ '^\S+@\S+\.\S+$'"
    );
    assert_eq!(eu["detailed_fields"][6]["constraint"], "");
    let req = &json["requirements"]["supporting_document"][0][1];
    assert_eq!(req["requirement_name"], "business_name_info");
    assert!(
        req.get("constraint").is_none(),
        "requirements carry no constraint"
    );
    let doc = &req["accepted_documents"][0];
    assert_eq!(
        doc["constraint"],
        "business != null && commercial_registrar_excerpt != null"
    );
    assert_eq!(
        doc["url"],
        format!(
            "{BASE}/v2/RegulatoryCompliance/SupportingDocumentTypes/commercial_registrar_excerpt"
        )
    );
    assert_eq!(
        doc["detailed_fields"][0]["constraint"],
        "commercial_registrar_excerpt['business_name'] != null && commercial_registrar_excerpt['business_name'] == business['business_name']"
    );
}

fn has_key_anywhere(value: &Value, key: &str) -> bool {
    match value {
        Value::Object(map) => {
            map.contains_key(key) || map.values().any(|v| has_key_anywhere(v, key))
        }
        Value::Array(items) => items.iter().any(|v| has_key_anywhere(v, key)),
        _ => false,
    }
}

fn urls(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(u)) = map.get("url") {
                out.push(u.clone());
            }
            map.values().for_each(|v| urls(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| urls(v, out)),
        _ => {}
    }
}

#[test]
fn regulation_json_without_constraints_strips_every_level_and_resolves_every_url() {
    for r in catalogue().regulations() {
        let with = r.to_json(BASE, true);
        let without = r.to_json(&format!("{BASE}/"), false);
        assert!(has_key_anywhere(&with, "constraint"), "{}", r.friendly_name);
        assert!(
            !has_key_anywhere(&without, "constraint"),
            "{}",
            r.friendly_name
        );
        let mut all = Vec::new();
        urls(&without, &mut all);
        assert!(all.len() > 2);
        for u in all {
            assert!(
                u.starts_with(&format!("{BASE}/v2/RegulatoryCompliance/")),
                "{u}"
            );
            assert!(!u.contains("{base}") && !u.contains("//v2"), "{u}");
        }
    }
}

#[test]
fn japan_has_three_alternative_sets_sharing_the_business_requirements() {
    let c = catalogue();
    let jp = c.find_regulation("JP", "local", "business").unwrap();
    let sets = &jp.requirements().supporting_document;
    assert_eq!(sets.len(), 3);
    for set in sets {
        let names: Vec<_> = set
            .iter()
            .take(3)
            .map(|r| r.requirement_name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "business_name_info",
                "business_address_proof_info",
                "business_desc_info"
            ]
        );
    }
    assert_eq!(sets[0].len(), 7);
}

#[test]
fn item_types_cover_both_lists_with_fields_and_address_only_flags() {
    let c = catalogue();
    assert_eq!(c.end_user_types().len(), 2);
    let business = c.end_user_type("business").unwrap();
    assert!(business.has_field("business_purpose") && business.has_field("is_subassigned"));
    assert_eq!(
        c.end_user_type(&business.sid).unwrap().machine_name,
        "business"
    );
    assert_eq!(business.sid, sid::synthesize("OY", "business"));
    for name in ["address", "individual_address", "business_address"] {
        assert!(
            c.supporting_document_type(name).unwrap().address_only,
            "{name}"
        );
    }
    let passport = c.supporting_document_type("passport").unwrap();
    assert!(!passport.address_only);
    assert!(passport.has_field("last_name"));
    assert!(c.supporting_document_types().len() >= 28);
    assert!(
        c.supporting_document_type("national_id_card_of_mars")
            .is_none()
    );
}

#[test]
fn item_type_json_has_the_wire_keys_and_url() {
    let c = catalogue();
    let passport = c.supporting_document_type("passport").unwrap();
    let json = passport.to_json(BASE, ItemKind::SupportingDocumentType);
    assert_eq!(json["sid"], passport.sid.as_str());
    assert_eq!(json["friendly_name"], "Passport");
    assert_eq!(json["machine_name"], "passport");
    assert_eq!(
        json["url"],
        format!(
            "{BASE}/v2/RegulatoryCompliance/SupportingDocumentTypes/{}",
            passport.sid
        )
    );
    let last = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["machine_name"] == "last_name")
        .unwrap();
    assert_eq!(
        last,
        &serde_json::json!({"friendly_name": "Last Name", "machine_name": "last_name", "constraint": "String"})
    );
    let eu = c
        .end_user_type("individual")
        .unwrap()
        .to_json(BASE, ItemKind::EndUserType);
    assert!(
        eu["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{BASE}/v2/RegulatoryCompliance/EndUserTypes/OY"))
    );
    assert!(eu.get("address_only").is_none());
}
