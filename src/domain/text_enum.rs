//! A helper macro for enums stored as text: their database name, parsing it back, and
//! `Display`.

/// A stored name that none of an enum's variants has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {name:?}")]
pub struct UnknownName {
    /// What was being parsed ("job status", …).
    pub kind: &'static str,
    /// The text that matched no variant.
    pub name: String,
}

/// Implements `as_str`, `ALL`, `FromStr` and `Display` for a fieldless enum from a list of
/// `Variant => "name"` pairs.
macro_rules! text_enum {
    ($type:ident, $kind:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The value stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::domain::text_enum::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($name => Ok($type::$variant),)+
                    _ => Err($crate::domain::text_enum::UnknownName {
                        kind: $kind,
                        name: text.to_owned(),
                    }),
                }
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use text_enum;
