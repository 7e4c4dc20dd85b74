//! Multipart upload of a Supporting Document with its file (Twilio's numbers-upload host):
//! parts `FriendlyName`, `Type`, `Attributes`, `File`. The file must be a PDF, JPEG or PNG by its
//! magic bytes and at most 10 MB (12301 otherwise).

use axum::Json;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use serde_json::Value;

use super::supporting_documents::{NewDocument, insert, validate};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::Caller;
use crate::emulator::state::EmulatorState;

/// Largest accepted file.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Largest accepted request body (the file plus the other parts).
pub const MAX_BODY_BYTES: usize = MAX_FILE_BYTES + 1024 * 1024;

/// The MIME type of `content` by its magic bytes, if accepted.
pub fn sniff_mime_type(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        12301,
        "Invalid Upload: the file is larger than 10 MB",
    )
}

fn unreadable(error: impl std::fmt::Display) -> ApiError {
    let text = error.to_string();
    if text.contains("length limit") || text.contains("too large") {
        too_large()
    } else {
        ApiError::bad_request(12301, format!("Invalid Upload Content-Type: {text}"))
    }
}

/// Reads the parts, validates them and stores the document.
pub async fn create_from_upload(
    state: EmulatorState,
    caller: Caller,
    origin: String,
    request: Request,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut multipart = Multipart::from_request(request, &state)
        .await
        .map_err(unreadable)?;
    let (mut friendly_name, mut document_type, mut attributes) = (None, None, None);
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "FriendlyName" => friendly_name = Some(field.text().await.map_err(unreadable)?),
            "Type" => document_type = Some(field.text().await.map_err(unreadable)?),
            "Attributes" => attributes = Some(field.text().await.map_err(unreadable)?),
            "File" => file = Some(field.bytes().await.map_err(unreadable)?),
            _ => {}
        }
    }
    let file = match file {
        Some(bytes) if bytes.len() > MAX_FILE_BYTES => return Err(too_large()),
        Some(bytes) => {
            let mime = sniff_mime_type(&bytes).ok_or_else(|| {
                ApiError::bad_request(
                    12301,
                    "Invalid Upload Content-Type: only PDF, JPEG and PNG files are accepted",
                )
            })?;
            Some((mime.to_owned(), bytes.len() as u64))
        }
        None => None,
    };
    let mut store = state.lock();
    let (friendly_name, document_type, attributes) = validate(
        &store,
        friendly_name.as_deref(),
        document_type.as_deref(),
        attributes.as_deref(),
    )?;
    let new = NewDocument {
        friendly_name,
        document_type,
        attributes,
        file,
    };
    let body = insert(&mut store, &caller.account_sid, &origin, new);
    Ok((StatusCode::CREATED, Json(body)))
}

#[cfg(test)]
mod tests {
    use super::sniff_mime_type;

    #[test]
    fn recognises_pdf_jpeg_and_png_and_nothing_else() {
        assert_eq!(sniff_mime_type(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(
            sniff_mime_type(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff_mime_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_mime_type(b"GIF89a"), None);
        assert_eq!(sniff_mime_type(b""), None);
    }
}
