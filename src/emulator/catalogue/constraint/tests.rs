//! Compiling and evaluating constraint text.

use serde_json::json;

use super::*;

fn holds(text: &str, bindings: &Bindings<'_>) -> bool {
    compile(text).expect("constraint parses").eval(bindings)
}

#[test]
fn empty_constraint_is_always_satisfied() {
    assert!(matches!(parse("").unwrap(), Expr::Always));
    assert!(matches!(parse("   ").unwrap(), Expr::Always));
    assert!(holds("", &Bindings::new()));
}

#[test]
fn item_presence_depends_on_binding_only() {
    let empty = json!({});
    assert!(!holds("business != null", &Bindings::new()));
    assert!(holds(
        "business != null",
        &Bindings::new().bind("business", &empty)
    ));
    assert!(holds(
        "business == null",
        &Bindings::new().bind("individual", &empty)
    ));
}

#[test]
fn field_presence_follows_the_present_rule() {
    let attrs = json!({"s": "x", "e": "", "a": ["AD1"], "ea": [], "n": 0, "b": false, "z": null});
    let b = Bindings::new().bind("doc", &attrs);
    for (field, present) in [
        ("s", true),
        ("e", false),
        ("a", true),
        ("ea", false),
        ("n", true),
        ("b", true),
        ("z", false),
        ("absent", false),
    ] {
        assert_eq!(
            holds(&format!("doc['{field}'] != null"), &b),
            present,
            "{field}"
        );
        assert_eq!(
            holds(&format!("doc['{field}'] == null"), &b),
            !present,
            "{field}"
        );
    }
}

#[test]
fn not_equal_null_without_spaces_parses() {
    let attrs = json!({"business_registration_number": "HRB 1"});
    let text = "business['business_registration_number']!=null";
    assert!(holds(text, &Bindings::new().bind("business", &attrs)));
    assert!(!holds(text, &Bindings::new().bind("business", &json!({}))));
    assert_eq!(
        parse(text).unwrap().to_string(),
        "business['business_registration_number'] != null"
    );
}

#[test]
fn equality_between_document_and_end_user_fields_is_exact() {
    let text = "commercial_registrar_excerpt['business_name'] != null && \
                commercial_registrar_excerpt['business_name'] == business['business_name']";
    let eu = json!({"business_name": "Acme SAS"});
    let same = json!({"business_name": "Acme SAS"});
    let other = json!({"business_name": "ACME SAS"});
    let b = |doc| {
        Bindings::new()
            .bind("business", &eu)
            .bind("commercial_registrar_excerpt", doc)
    };
    assert!(holds(text, &b(&same)));
    assert!(!holds(text, &b(&other)));
    assert!(!holds(text, &b(&json!({}))));
    assert!(!holds(
        text,
        &Bindings::new().bind("commercial_registrar_excerpt", &same)
    ));
}

#[test]
fn email_regex_from_the_real_payload_matches_emails_only() {
    // The JSON payload carries the pattern escaped: "^\\S+@\\S+\\.\\S+$".
    let from_json: String =
        serde_json::from_str(r#""business['email'] =~ '^\\S+@\\S+\\.\\S+$'""#).unwrap();
    for (email, ok) in [
        ("ada@example.com", true),
        ("ada@example", false),
        ("ada example@x.com", false),
        ("", false),
    ] {
        let attrs = json!({ "email": email });
        assert_eq!(
            holds(&from_json, &Bindings::new().bind("business", &attrs)),
            ok,
            "{email}"
        );
    }
    assert!(!holds(
        &from_json,
        &Bindings::new().bind("business", &json!({}))
    ));
}

#[test]
fn e164_phone_regex_matches_e164_only() {
    let text = r"individual['phone_number'] =~ '^\+[1-9]\d{1,14}$'";
    for (phone, ok) in [
        ("+447700900123", true),
        ("07700900123", false),
        ("+0447700900123", false),
        ("+4477009001234567", false),
    ] {
        let attrs = json!({ "phone_number": phone });
        assert_eq!(
            holds(text, &Bindings::new().bind("individual", &attrs)),
            ok,
            "{phone}"
        );
    }
}

#[test]
fn regex_enumerations_accept_listed_values_only() {
    let text =
        "business['business_registration_identifier'] =~ '^(UK:CRN|US:EIN|CA:CBN|AU:ACN|OTHER)$'";
    for (value, ok) in [
        ("UK:CRN", true),
        ("OTHER", true),
        ("uk:crn", false),
        ("UK:CRNX", false),
    ] {
        let attrs = json!({ "business_registration_identifier": value });
        assert_eq!(
            holds(text, &Bindings::new().bind("business", &attrs)),
            ok,
            "{value}"
        );
    }
    let yes_no = "business['is_subassigned'] =~ '^(YES|NO)$'";
    let attrs = json!({"is_subassigned": "MAYBE"});
    assert!(!holds(yes_no, &Bindings::new().bind("business", &attrs)));
}

#[test]
fn conjunction_of_item_presences() {
    let text = "business != null && commercial_registrar_excerpt != null";
    let a = json!({});
    assert!(holds(
        text,
        &Bindings::new()
            .bind("business", &a)
            .bind("commercial_registrar_excerpt", &a)
    ));
    assert!(!holds(
        text,
        &Bindings::new().bind("commercial_registrar_excerpt", &a)
    ));
}

#[test]
fn or_and_parentheses_and_literals_are_supported() {
    let text = "(doc['kind'] == 'a' || doc['kind'] == 'b') && doc['n'] != null";
    let ok = json!({"kind": "b", "n": 1});
    let wrong_kind = json!({"kind": "c", "n": 1});
    assert!(holds(text, &Bindings::new().bind("doc", &ok)));
    assert!(!holds(text, &Bindings::new().bind("doc", &wrong_kind)));
    assert_eq!(
        parse(text).unwrap().to_string(),
        "(doc['kind'] == 'a' || doc['kind'] == 'b') && doc['n'] != null"
    );
}

#[test]
fn quoted_literal_may_contain_an_escaped_quote() {
    let attrs = json!({"name": "O'Brien"});
    assert!(holds(
        r"x['name'] == 'O\'Brien'",
        &Bindings::new().bind("x", &attrs)
    ));
}

#[test]
fn references_item_finds_fields_and_bare_items() {
    let e = parse("doc['f'] != null && doc['f'] == business['f']").unwrap();
    assert!(e.references_item("business"));
    assert!(e.references_item("doc"));
    assert!(!e.references_item("individual"));
    assert!(!parse("").unwrap().references_item("business"));
}

#[test]
fn malformed_constraints_are_rejected() {
    assert!(matches!(
        parse("business['x'"),
        Err(ConstraintError::UnexpectedEnd)
    ));
    assert!(matches!(
        parse("business['x] != null"),
        Err(ConstraintError::UnterminatedString(_))
    ));
    assert!(matches!(
        parse("business[x] != null"),
        Err(ConstraintError::Unexpected(_))
    ));
    assert!(matches!(
        parse("a =~ '('"),
        Err(ConstraintError::BadRegex(..))
    ));
    assert!(matches!(
        parse("a != null b"),
        Err(ConstraintError::Unexpected(_))
    ));
    assert!(matches!(
        parse("a # b"),
        Err(ConstraintError::UnexpectedChar('#', 2))
    ));
    assert!(matches!(
        parse("a ="),
        Err(ConstraintError::UnexpectedChar('=', 2))
    ));
}

#[test]
fn compile_returns_the_same_shared_expression() {
    let a = compile("x['y'] != null").unwrap();
    let b = compile("x['y'] != null").unwrap();
    assert!(Arc::ptr_eq(&a, &b));
}
