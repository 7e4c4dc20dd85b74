//! Reading a multipart upload of a Supporting Document with its file (Twilio's numbers-upload
//! host): parts `FriendlyName`, `Type`, `Attributes`, `File`. The file must be a PDF, JPEG or PNG
//! by its magic bytes and at most 10 MB (12301 otherwise). Validating and storing the document is
//! the Supporting Documents handler's job.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

use crate::emulator::error::{ApiError, ApiResult};

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

/// The parts of a document upload, as sent (unknown parts are ignored).
#[derive(Debug, Default)]
pub struct UploadedDocument {
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `Type`.
    pub document_type: Option<String>,
    /// `Attributes`, as JSON text.
    pub attributes: Option<String>,
    /// The `File` part, checked.
    pub file: Option<UploadedFile>,
}

/// An accepted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedFile {
    /// MIME type by the file's magic bytes.
    pub mime_type: &'static str,
    /// Size in bytes.
    pub size: u64,
}

/// Whether a request carries a multipart body.
pub fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Reads the parts of a multipart upload and checks the file's type and size.
pub async fn read(request: Request) -> ApiResult<UploadedDocument> {
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(unreadable)?;
    let mut upload = UploadedDocument::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "FriendlyName" => upload.friendly_name = Some(field.text().await.map_err(unreadable)?),
            "Type" => upload.document_type = Some(field.text().await.map_err(unreadable)?),
            "Attributes" => upload.attributes = Some(field.text().await.map_err(unreadable)?),
            "File" => upload.file = Some(check_file(&field.bytes().await.map_err(unreadable)?)?),
            _ => {}
        }
    }
    Ok(upload)
}

fn check_file(bytes: &[u8]) -> ApiResult<UploadedFile> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mime_type = sniff_mime_type(bytes).ok_or_else(|| {
        ApiError::bad_request(
            12301,
            "Invalid Upload Content-Type: only PDF, JPEG and PNG files are accepted",
        )
    })?;
    Ok(UploadedFile {
        mime_type,
        size: bytes.len() as u64,
    })
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
