//! What an API key may do, as stored in `api_key.scope`.

use super::text_enum::text_enum;

/// The scope of an API key: read everything it can see, or also act (mint links, start syncs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiScope {
    /// GET requests only.
    Read,
    /// GET and POST requests.
    ReadWrite,
}

text_enum!(ApiScope, "API key scope", {
    Read => "read",
    ReadWrite => "read_write",
});

impl ApiScope {
    /// Whether a key with this scope may make requests that change something (POSTs).
    pub fn may_write(self) -> bool {
        self == Self::ReadWrite
    }

    /// Words for the admin page.
    pub fn label(self) -> &'static str {
        match self {
            Self::Read => "Read",
            Self::ReadWrite => "Read and write",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_write_keys_may_write_and_names_round_trip() {
        assert!(ApiScope::ReadWrite.may_write());
        assert!(!ApiScope::Read.may_write());
        for scope in ApiScope::ALL {
            assert_eq!(scope.as_str().parse::<ApiScope>().unwrap(), *scope);
        }
        assert!("admin".parse::<ApiScope>().is_err());
    }
}
