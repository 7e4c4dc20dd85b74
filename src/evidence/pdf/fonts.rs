//! The fonts the PDF embeds (DejaVu, bundled under assets/fonts/ with its licence) and the
//! widths of text set in them, so lines can be wrapped before they are drawn.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
static MONO: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf");

/// One of the three faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings and table heads.
    Bold,
    /// Hashes and SIDs.
    Mono,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => REGULAR,
            Self::Bold => BOLD,
            Self::Mono => MONO,
        }
    }

    /// The width of `text` set at `size` points.
    pub fn width(self, size: f32, text: &str) -> f32 {
        let Ok(font) = FontRef::new(self.bytes()) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
                metrics.advance_width(glyph).unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// The face as a font krilla can embed (subset to the glyphs used).
    pub fn krilla_font(self) -> Option<krilla::text::Font> {
        krilla::text::Font::new(krilla::Data::from(self.bytes()), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_mono_is_fixed_width() {
        let narrow = Face::Regular.width(10.0, "iiii");
        let wide = Face::Regular.width(10.0, "WWWW");
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} {wide}");
        assert_eq!(
            Face::Mono.width(10.0, "iiii"),
            Face::Mono.width(10.0, "WWWW")
        );
        assert!(Face::Bold.width(10.0, "Acme") > Face::Regular.width(10.0, "Acme"));
    }

    #[test]
    fn every_face_loads_for_embedding() {
        for face in [Face::Regular, Face::Bold, Face::Mono] {
            assert!(face.krilla_font().is_some(), "{face:?}");
        }
    }
}
