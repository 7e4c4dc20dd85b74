//! What a customer may upload as a supporting document: a PDF, JPEG or PNG of at most
//! [`MAX_FILE_BYTES`], recognised by its first bytes (the file name and the browser's claimed
//! type are not trusted).

use std::fmt;

/// Largest accepted upload.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Why an upload is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProblem {
    /// No bytes at all.
    Empty,
    /// More than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not a PDF, JPEG or PNG.
    UnknownType,
}

impl fmt::Display for UploadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("The file is empty. Choose the file again"),
            Self::TooLarge => write!(
                f,
                "The file is larger than {} MB. Choose a smaller file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Self::UnknownType => f.write_str("The file must be a PDF, JPEG or PNG"),
        }
    }
}

/// The MIME type of an acceptable upload, or why it is refused.
pub fn check(bytes: &[u8]) -> Result<&'static str, UploadProblem> {
    if bytes.is_empty() {
        return Err(UploadProblem::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(UploadProblem::TooLarge);
    }
    sniff(bytes).ok_or(UploadProblem::UnknownType)
}

/// PDF, JPEG or PNG from the magic bytes; none for anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_recognised_by_their_first_bytes_only() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"PDF-1.7"), None);
    }

    #[test]
    fn empty_oversized_and_unknown_files_are_refused() {
        assert_eq!(check(b""), Err(UploadProblem::Empty));
        assert_eq!(check(b"MZ\x90"), Err(UploadProblem::UnknownType));
        let mut large = b"%PDF-1.4".to_vec();
        large.resize(MAX_FILE_BYTES + 1, b' ');
        assert_eq!(check(&large), Err(UploadProblem::TooLarge));
        large.truncate(MAX_FILE_BYTES);
        assert_eq!(check(&large), Ok("application/pdf"));
        assert_eq!(
            UploadProblem::TooLarge.to_string(),
            "The file is larger than 10 MB. Choose a smaller file"
        );
    }
}
