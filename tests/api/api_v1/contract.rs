//! The served OpenAPI document as a test oracle: for each response, the schema declared for
//! its operation (path template, method, status and media type) is compiled with `$ref`s
//! resolving into the document's components, and the body must validate against it. A status
//! or media type the document does not declare fails the test too.

use std::cell::Cell;

use serde_json::Value;

use crate::harness::TestApp;

/// The document, and how many responses were checked against it.
pub struct Contract {
    document: Value,
    checked: Cell<usize>,
}

impl Contract {
    /// Fetches `/api/v1/openapi.json` from the app.
    pub async fn fetch(app: &TestApp) -> Self {
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.status(), 200);
        let document: Value = response.json().await.unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        Self {
            document,
            checked: Cell::new(0),
        }
    }

    /// The document.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// Responses checked so far.
    pub fn checked(&self) -> usize {
        self.checked.get()
    }

    /// Panics unless `body` is what the document declares for this response.
    pub fn check(&self, method: &str, path: &str, status: u16, content_type: &str, body: &Value) {
        let path_only = path.split('?').next().unwrap();
        let template = template_for(&self.document, path_only)
            .unwrap_or_else(|| panic!("{path_only} matches no path of the document"));
        let operation = &self.document["paths"][&template][method.to_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {template} is not in the document"
        );
        let declared = &operation["responses"][status.to_string()];
        assert!(
            declared.is_object(),
            "{method} {template} answered {status}, which the document does not declare"
        );
        let media = content_type.split(';').next().unwrap().trim();
        let schema = &declared["content"][media]["schema"];
        assert!(
            schema.is_object(),
            "{method} {template} {status}: the document declares no {media:?} body"
        );
        let mut root = schema.clone();
        root.as_object_mut()
            .unwrap()
            .insert("components".into(), self.document["components"].clone());
        let validator = jsonschema::draft202012::new(&root).unwrap_or_else(|e| {
            panic!("{method} {template} {status}: schema does not compile: {e}")
        });
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status} does not match its schema: {errors:#?}\nbody: {body:#}"
        );
        self.checked.set(self.checked.get() + 1);
    }
}

/// The document's path template (`/api/v1/tenants/{tenant_id}`) that `path` matches.
pub fn template_for(document: &Value, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"].as_object()?.keys().find_map(|template| {
        let parts: Vec<&str> = template.split('/').collect();
        let matches = parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| (p.starts_with('{') && p.ends_with('}')) || p == s);
        matches.then(|| template.clone())
    })
}
