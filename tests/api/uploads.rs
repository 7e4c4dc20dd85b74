//! What a browser posts with a file: a multipart body from a form's values, and a small PDF.

/// A multipart body from `values` (overriding by name with `changes`) and `files`.
pub fn multipart(
    values: &[(String, String)],
    changes: &[(&str, &str)],
    files: Vec<(&str, &str, Vec<u8>)>,
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in values {
        let value = changes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_else(|| value.clone());
        form = form.text(name.clone(), value);
    }
    for (name, value) in changes {
        if !values.iter().any(|(n, _)| n == name) {
            form = form.text((*name).to_owned(), (*value).to_owned());
        }
    }
    for (name, filename, bytes) in files {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str("application/octet-stream")
            .unwrap();
        form = form.part(name.to_owned(), part);
    }
    form
}

/// A small but valid-looking PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}
