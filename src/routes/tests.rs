#[test]
fn sign_in_tokens_never_reach_a_logged_path() {
    assert_eq!(super::loggable_path("/login/abc123"), "/login/[redacted]");
    assert_eq!(super::loggable_path("/login/abc/x"), "/login/[redacted]");
    assert_eq!(
        super::loggable_path("/login/abc/fresh"),
        "/login/[redacted]"
    );
    assert_eq!(
        super::loggable_path("/login/check-email"),
        "/login/check-email"
    );
    assert_eq!(super::loggable_path("/login"), "/login");
    assert_eq!(super::loggable_path("/renewals/42"), "/renewals/42");
}

use super::*;

#[test]
fn every_machine_path_sits_under_its_prefix() {
    assert!(BUNDLE_STATUS_WEBHOOK.starts_with(&format!("{WEBHOOKS_PREFIX}/")));
    let api = [
        API_V1_ANY,
        API_OPENAPI,
        API_TENANTS,
        API_TENANT,
        API_TENANT_BUNDLES,
        API_TENANT_BUNDLE,
        API_TENANT_RENEWALS,
        API_TENANT_RENEWAL,
        API_TENANT_RENEWAL_LINKS,
        API_TENANT_SYNCS,
        API_TENANT_USERS,
        API_TENANT_USER,
    ];
    assert!(API_V1.starts_with(API_PREFIX));
    for path in api {
        assert!(path.starts_with(&format!("{API_V1}/")), "{path}");
    }
}

/// Replaces each `{param}` of a route pattern with `value`.
fn fill(pattern: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("closed placeholder") + start;
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = &rest[end + 1..];
    }
    out + rest
}

/// Replaces the `{param}`s of a route pattern with `values`, in order.
fn fill_each(pattern: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    let mut values = values.iter();
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("closed placeholder") + start;
        out.push_str(&rest[..start]);
        out.push_str(values.next().expect("a value per placeholder"));
        rest = &rest[end + 1..];
    }
    assert!(values.next().is_none(), "more values than placeholders");
    out + rest
}

#[test]
fn renewal_link_builders_produce_the_paths_their_routes_match() {
    let renewal = RenewalId::random();
    let r = renewal.to_string();
    let cases = [
        (
            admin_renewal_timeline_csv(&renewal),
            ADMIN_RENEWAL_TIMELINE_CSV,
        ),
        (
            admin_renewal_resend_link(&renewal),
            ADMIN_RENEWAL_RESEND_LINK,
        ),
        (
            admin_renewal_revoke_links(&renewal),
            ADMIN_RENEWAL_REVOKE_LINKS,
        ),
        (
            admin_renewal_sign_in_link(&renewal),
            ADMIN_RENEWAL_SIGN_IN_LINK,
        ),
        (admin_renewal_retry(&renewal), ADMIN_RENEWAL_RETRY),
        (admin_renewal_reevaluate(&renewal), ADMIN_RENEWAL_REEVALUATE),
        (admin_renewal_cancel(&renewal), ADMIN_RENEWAL_CANCEL),
        (admin_renewal_reopen(&renewal), ADMIN_RENEWAL_REOPEN),
        (admin_renewal_form(renewal), ADMIN_RENEWAL_FORM),
        (
            admin_renewal_form_submit(renewal),
            ADMIN_RENEWAL_FORM_SUBMIT,
        ),
    ];
    for (built, pattern) in cases {
        assert_eq!(built, fill_each(pattern, &[&r]), "{pattern}");
    }
}

#[test]
fn tenant_link_builders_produce_the_paths_their_routes_match() {
    let tenant = TenantId::random();
    let t = tenant.to_string();
    let cases = [
        (admin_tenant_test(&tenant), ADMIN_TENANT_TEST),
        (admin_tenant_sync(&tenant), ADMIN_TENANT_SYNC),
        (admin_tenant_auto_submit(&tenant), ADMIN_TENANT_AUTO_SUBMIT),
        (admin_tenant_callbacks(&tenant), ADMIN_TENANT_CALLBACKS),
        (admin_tenant_remove(&tenant), ADMIN_TENANT_REMOVE),
        (
            admin_tenant_sweep_status(&tenant),
            ADMIN_TENANT_SWEEP_STATUS,
        ),
        (admin_tenant_users(&tenant), ADMIN_TENANT_USERS),
    ];
    for (built, pattern) in cases {
        assert_eq!(built, fill_each(pattern, &[&t]), "{pattern}");
    }

    let user = UserId::random();
    let u = user.to_string();
    let remove = admin_tenant_user_remove(&tenant, &user);
    assert_eq!(remove, fill_each(ADMIN_TENANT_USER_REMOVE, &[&t, &u]));
    let link = admin_tenant_user_link(&tenant, &user);
    assert_eq!(link, fill_each(ADMIN_TENANT_USER_LINK, &[&t, &u]));
}

#[test]
fn other_link_builders_produce_the_paths_their_routes_match() {
    assert_eq!(
        admin_job_retry(&JobId::from_i64(42)),
        fill_each(ADMIN_JOB_RETRY, &["42"])
    );
    let email = EmailId::random();
    let e = email.to_string();
    assert_eq!(
        admin_outbox_email(&email),
        fill_each(ADMIN_OUTBOX_EMAIL, &[&e])
    );

    let endpoint = EventEndpointId::random();
    let ep = endpoint.to_string();
    let cases = [
        (event_endpoint(endpoint), ADMIN_EVENT_ENDPOINT),
        (
            event_endpoint_secret(&endpoint),
            ADMIN_EVENT_ENDPOINT_SECRET,
        ),
        (
            event_endpoint_enabled(&endpoint),
            ADMIN_EVENT_ENDPOINT_ENABLED,
        ),
        (
            event_endpoint_delete(&endpoint),
            ADMIN_EVENT_ENDPOINT_DELETE,
        ),
    ];
    for (built, pattern) in cases {
        assert_eq!(built, fill_each(pattern, &[&ep]), "{pattern}");
    }
    let delivery = EventDeliveryId::random();
    let d = delivery.to_string();
    assert_eq!(
        event_delivery_resend(&endpoint, &delivery),
        fill_each(ADMIN_EVENT_DELIVERY_RESEND, &[&ep, &d])
    );

    let key = ApiKeyId::random();
    let k = key.to_string();
    assert_eq!(
        admin_api_key_revoke(&key),
        fill_each(ADMIN_API_KEY_REVOKE, &[&k])
    );

    assert_eq!(static_file("css/app.css"), "/static/css/app.css");
    assert!(static_file("js/live.js").starts_with(STATIC));
    assert_eq!(admin_regulation("RN1"), fill(ADMIN_REGULATION, "RN1"));
}

/// Every template under `templates/`, as (path, contents).
fn templates() -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("templates directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("template text");
                found.push((path, text));
            }
        }
    }
    found
}

/// The places in `text` that begin with a literal app path: `href`, `action`, `src` and
/// `formaction` values (and any attribute ending in those names, such as `data-live-src`)
/// starting with one `/`, and a block or branch whose text starts with one
/// (`{% block home_href %}/admin{% endblock %}`).
fn literal_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("%}/") {
        let value = &text[at + 2..];
        if !value.starts_with("//") {
            let end = value.find(['{', '"', '<']).unwrap_or(value.len());
            found.push(format!("%}}{}", &value[..end]));
        }
    }
    for attribute in ["href=", "action=", "src="] {
        for quote in ['"', '\''] {
            let needle = format!("{attribute}{quote}/");
            for (at, _) in text.match_indices(&needle) {
                let value = &text[at + needle.len() - 1..];
                if value.starts_with("//") {
                    continue; // protocol-relative: another origin
                }
                let end = value.find(quote).unwrap_or(value.len());
                found.push(format!("{attribute}{quote}{}", &value[..end]));
            }
        }
    }
    found
}

#[test]
fn the_guard_spots_a_literal_path() {
    assert_eq!(
        literal_paths(r#"<a href="/admin/jobs">"#),
        [r#"href="/admin/jobs"#]
    );
    assert_eq!(literal_paths("<form action='/login'>"), ["action='/login"]);
    assert_eq!(
        literal_paths(r#"<button formaction="/x">"#),
        [r#"action="/x"#]
    );
    assert_eq!(literal_paths(r#"<div data-live-src="/x">"#).len(), 1);
    assert_eq!(
        literal_paths("{% block home_href %}/admin{% endblock %}"),
        ["%}/admin"]
    );
    assert_eq!(
        literal_paths(r#"href="{% if a %}/bundles{% else %}/{% endif %}""#),
        ["%}/bundles", "%}/"]
    );
    for fine in [
        r#"<a href="{{ crate::routes::ADMIN_JOBS }}?page=2">"#,
        r#"<a href="https://example.com/x">"#,
        r##"<a href="#main">"##,
        r#"<img src="//cdn.example.com/x.png">"#,
        r#"<a href="mailto:a@example.com">"#,
    ] {
        assert!(literal_paths(fine).is_empty(), "{fine}");
    }
}

/// Templates link through this module: a literal path in a template could drift from
/// the route it means.
#[test]
fn no_template_holds_a_literal_app_path() {
    let templates = templates();
    assert!(templates.len() > 20, "found the templates");
    let offenders: Vec<String> = templates
        .iter()
        .flat_map(|(path, text)| {
            literal_paths(text)
                .into_iter()
                .map(move |hit| format!("{}: {hit}", path.display()))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "link through crate::routes instead:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn link_builders_produce_the_paths_their_routes_match() {
    assert_eq!(login_token("x1"), fill(LOGIN_TOKEN, "x1"));
    assert_eq!(login_token_fresh("x1"), fill(LOGIN_TOKEN_FRESH, "x1"));
    assert_eq!(bundle_history("x1"), fill(BUNDLE_HISTORY, "x1"));
    assert_eq!(renewal("x1"), fill(RENEWAL, "x1"));
    assert_eq!(renewal_submit("x1"), fill(RENEWAL_SUBMIT, "x1"));
    assert_eq!(renewal_review("x1"), fill(RENEWAL_REVIEW, "x1"));
    assert_eq!(renewal_status("x1"), fill(RENEWAL_STATUS, "x1"));
    assert_eq!(renewal_status_live("x1"), fill(RENEWAL_STATUS_LIVE, "x1"));
    assert_eq!(admin_renewal_live("x1"), fill(ADMIN_RENEWAL_LIVE, "x1"));
    assert_eq!(admin_renewal("x1"), fill(ADMIN_RENEWAL, "x1"));
    assert_eq!(admin_tenant("x1"), fill(ADMIN_TENANT, "x1"));
    assert_eq!(
        admin_tenant_bundle_rule("x1"),
        fill(ADMIN_TENANT_BUNDLE_RULE, "x1")
    );
    assert_eq!(admin_import("x1"), fill(ADMIN_IMPORT_SHOW, "x1"));
    assert_eq!(admin_import_confirm("x1"), fill(ADMIN_IMPORT_CONFIRM, "x1"));
    assert_eq!(
        renewal_evidence("x1", "pdf"),
        fill(RENEWAL_EVIDENCE_PDF, "x1")
    );
    assert_eq!(
        renewal_evidence("x1", "json"),
        fill(RENEWAL_EVIDENCE_JSON, "x1")
    );
    let staff = admin_renewal_evidence("x1", "pdf");
    assert_eq!(staff, fill(ADMIN_RENEWAL_EVIDENCE_PDF, "x1"));
    let staff = admin_renewal_evidence("x1", "json");
    assert_eq!(staff, fill(ADMIN_RENEWAL_EVIDENCE_JSON, "x1"));
    let range = admin_tenant_evidence("x1", "pdf");
    assert_eq!(range, fill(ADMIN_TENANT_EVIDENCE_PDF, "x1"));
    let range = admin_tenant_evidence("x1", "json");
    assert_eq!(range, fill(ADMIN_TENANT_EVIDENCE_JSON, "x1"));
}
