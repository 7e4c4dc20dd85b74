//! Drawing laid-out pages with krilla: text in the embedded fonts, shaded rectangles, and a
//! footer on every page with the pack's name and "Page i of N".

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::fonts::Face;
use super::layout::{MARGIN, Op, PAGE_HEIGHT, PAGE_WIDTH};

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A bundled font did not load.
    #[error("a bundled font could not be loaded")]
    Font,
    /// krilla refused the document.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

struct Fonts {
    regular: Font,
    bold: Font,
    mono: Font,
}

impl Fonts {
    fn load() -> Result<Self, PdfError> {
        let load = |face: Face| face.krilla_font().ok_or(PdfError::Font);
        Ok(Self {
            regular: load(Face::Regular)?,
            bold: load(Face::Bold)?,
            mono: load(Face::Mono)?,
        })
    }

    fn get(&self, face: Face) -> Font {
        match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
            Face::Mono => self.mono.clone(),
        }
    }
}

/// The PDF of `pages`, titled `title`, with `footer` on every page.
pub fn paint(pages: &[Vec<Op>], title: &str, footer: &str) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .creator(format!("recomply {}", env!("CARGO_PKG_VERSION"))),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PdfError::Font)?;
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, &fonts, op);
        }
        let number = format!("Page {} of {total}", index + 1);
        let footer_y = PAGE_HEIGHT - 30.0;
        let right = PAGE_WIDTH - MARGIN - Face::Regular.width(7.5, &number);
        for op in [
            text_op(MARGIN, footer_y, footer),
            text_op(right, footer_y, &number),
        ] {
            draw(&mut surface, &fonts, &op);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|error| PdfError::Write(format!("{error:?}")))
}

fn text_op(x: f32, y: f32, text: &str) -> Op {
    Op::Text {
        x,
        y,
        face: Face::Regular,
        size: 7.5,
        grey: 110,
        text: text.to_owned(),
    }
}

fn fill(grey: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            face,
            size,
            grey,
            text,
        } => {
            if text.is_empty() {
                return;
            }
            surface.set_fill(Some(fill(*grey)));
            surface.draw_text(
                Point::from_xy(*x, *y),
                fonts.get(*face),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, grey } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(*grey)));
                surface.draw_path(&path);
            }
        }
    }
}
