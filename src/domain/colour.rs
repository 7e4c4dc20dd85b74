//! A colour as the brand settings store it (`#rrggbb`), and the two shades the stylesheet
//! derives from it: a darker one for hover states and a pale one for soft backgrounds.

use std::fmt;

/// An sRGB colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexColour {
    /// Red, green, blue.
    rgb: [u8; 3],
}

/// Why a colour is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a colour is written #rrggbb, like #1f5fbf")]
pub struct ColourError;

impl HexColour {
    /// Parses `#rrggbb` (either case, surrounding spaces ignored); nothing else.
    pub fn parse(text: &str) -> Result<Self, ColourError> {
        let digits = text.trim().strip_prefix('#').ok_or(ColourError)?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ColourError);
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| ColourError);
        Ok(Self {
            rgb: [channel(0)?, channel(2)?, channel(4)?],
        })
    }

    /// The colour mixed with black: `percent` 0 keeps it, 100 (or more) is black.
    pub fn darken(self, percent: u8) -> Self {
        self.mix([0, 0, 0], percent)
    }

    /// The colour mixed with white: `percent` 0 keeps it, 100 (or more) is white.
    pub fn lighten(self, percent: u8) -> Self {
        self.mix([255, 255, 255], percent)
    }

    /// The hover shade (`--primary-dark`): a quarter of the way to black.
    pub fn dark(self) -> Self {
        self.darken(25)
    }

    /// The soft background shade (`--primary-soft`): nine tenths of the way to white.
    pub fn soft(self) -> Self {
        self.lighten(90)
    }

    /// Integer arithmetic, rounded half up, so every shade is exact and reproducible.
    fn mix(self, other: [u8; 3], percent: u8) -> Self {
        let p = u32::from(percent.min(100));
        let blend = |a: u8, b: u8| {
            let value = (u32::from(a) * (100 - p) + u32::from(b) * p + 50) / 100;
            u8::try_from(value).unwrap_or(u8::MAX)
        };
        Self {
            rgb: [
                blend(self.rgb[0], other[0]),
                blend(self.rgb[1], other[1]),
                blend(self.rgb[2], other[2]),
            ],
        }
    }
}

impl fmt::Display for HexColour {
    /// Lower-case `#rrggbb`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.rgb;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_six_hex_digits_after_a_hash_are_a_colour() {
        assert_eq!(HexColour::parse("#1F5fBF").unwrap().to_string(), "#1f5fbf");
        assert_eq!(
            HexColour::parse(" #000000 ").unwrap().to_string(),
            "#000000"
        );
        for bad in [
            "",
            "#",
            "1f5fbf",
            "#1f5fb",
            "#1f5fbf0",
            "#fff",
            "#gg0000",
            "red",
            "#1f 5fb",
            "#１２３４５６",
        ] {
            assert_eq!(HexColour::parse(bad), Err(ColourError), "{bad:?}");
        }
    }

    #[test]
    fn the_dark_and_soft_shades_lean_towards_black_and_white() {
        let colour = HexColour::parse("#1f5fbf").unwrap();
        assert_eq!(colour.dark().to_string(), "#17478f");
        assert_eq!(colour.soft().to_string(), "#e9eff9");
        let white = HexColour::parse("#ffffff").unwrap();
        assert_eq!(white.soft(), white);
        assert_eq!(white.dark().to_string(), "#bfbfbf");
        let black = HexColour::parse("#000000").unwrap();
        assert_eq!(black.dark(), black);
        assert_eq!(black.darken(250), black, "amounts are clamped");
        assert_eq!(black.lighten(100), white);
    }
}
