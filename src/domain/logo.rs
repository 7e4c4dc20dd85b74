//! What an admin may upload as the brand's logo: a PNG, JPEG or WebP image of at most
//! [`MAX_LOGO_BYTES`], recognised by its first bytes (the file name and the browser's claimed
//! type are not trusted). SVG is refused: it can carry script.

use std::fmt;

/// Largest accepted logo (512 KiB).
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// Why a logo is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    /// No file chosen, or an empty one.
    Empty,
    /// More than [`MAX_LOGO_BYTES`].
    TooLarge,
    /// Not a PNG, JPEG or WebP image.
    UnknownType,
}

impl fmt::Display for LogoProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Choose an image file for the logo"),
            Self::TooLarge => write!(
                f,
                "The logo is larger than {} KB. Choose a smaller image",
                MAX_LOGO_BYTES / 1024
            ),
            Self::UnknownType => f.write_str("The logo must be a PNG, JPEG or WebP image"),
        }
    }
}

/// The MIME type of an acceptable logo, or why it is refused.
pub fn check(bytes: &[u8]) -> Result<&'static str, LogoProblem> {
    if bytes.is_empty() {
        return Err(LogoProblem::Empty);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    sniff(bytes).ok_or(LogoProblem::UnknownType)
}

/// PNG, JPEG or WebP from the magic bytes; none for anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match super::upload::sniff(bytes) {
        Some(image @ ("image/png" | "image/jpeg")) => Some(image),
        Some(_) => None,
        None if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" => {
            Some("image/webp")
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_recognised_by_their_first_bytes_only() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b"%PDF-1.7"), None, "a PDF is not a logo");
        assert_eq!(sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(sniff(b"just text, named logo.png"), None);
    }

    #[test]
    fn empty_oversized_and_unknown_logos_are_refused() {
        assert_eq!(check(b""), Err(LogoProblem::Empty));
        assert_eq!(check(b"GIF89a"), Err(LogoProblem::UnknownType));
        let mut large = b"\x89PNG\r\n\x1a\n".to_vec();
        large.resize(MAX_LOGO_BYTES + 1, 0);
        assert_eq!(check(&large), Err(LogoProblem::TooLarge));
        large.truncate(MAX_LOGO_BYTES);
        assert_eq!(check(&large), Ok("image/png"));
    }
}
