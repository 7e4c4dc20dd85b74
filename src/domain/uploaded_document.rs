//! What is recorded of an uploaded supporting document: the SHA-256 of exactly the bytes
//! received, their size, the file's name and type, and the Supporting Document Twilio made.

use sha2::{Digest, Sha256};

/// An upload, as recorded for the evidence pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedDocument {
    /// Twilio's Supporting Document (`RD…`).
    pub document_sid: String,
    /// Supporting Document Type machine name.
    pub document_type: String,
    /// Display name.
    pub friendly_name: String,
    /// The name the file had.
    pub file_name: String,
    /// Its MIME type (recognised from its bytes).
    pub mime_type: String,
    /// Its size in bytes.
    pub size_bytes: usize,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_lower_case_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
