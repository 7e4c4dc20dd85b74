//! The evidence pack as a PDF for people: a title block (product, tenant, bundle, renewal,
//! generation time), a summary with the chain head, then per renewal its timeline,
//! evaluations, values, documents and Twilio's decisions, with page numbers. Text is real
//! text in embedded DejaVu fonts (krilla subsets them), so it can be searched and copied.

mod fonts;
mod layout;
mod paint;
mod sections;
mod wrap;

pub use paint::PdfError;

use super::pack::{EvidencePack, PackScope};

/// The PDF of `pack`.
pub fn render(pack: &EvidencePack, brand: &crate::brand::Brand) -> Result<Vec<u8>, PdfError> {
    let mut layout = layout::Layout::new();
    sections::title(&mut layout, pack, &brand.product_name);
    sections::summary(&mut layout, pack);
    for (index, renewal) in pack.renewals.iter().enumerate() {
        if index > 0 || matches!(pack.scope, PackScope::TenantRange { .. }) {
            layout.page_break();
        }
        sections::renewal(&mut layout, renewal, pack.renewals.len() > 1);
    }
    let footer = format!(
        "{} evidence pack · {} · {}",
        brand.product_name,
        pack.tenant.name,
        scope_text(pack)
    );
    paint::paint(&layout.into_pages(), &title_text(pack), &footer)
}

/// The pack's title, e.g. `Evidence pack: Acme UK mobile`.
pub fn title_text(pack: &EvidencePack) -> String {
    match (&pack.scope, pack.renewals.first()) {
        (PackScope::Renewal { .. }, Some(renewal)) => {
            format!("Evidence pack: {}", renewal.bundle_name)
        }
        _ => format!("Evidence pack: {}", pack.tenant.name),
    }
}

fn scope_text(pack: &EvidencePack) -> String {
    match &pack.scope {
        PackScope::Renewal { renewal_id } => format!("renewal {renewal_id}"),
        PackScope::TenantRange { from, to } => format!("{from} to {to}"),
    }
}
