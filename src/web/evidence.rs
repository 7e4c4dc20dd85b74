//! Handing out an evidence pack: as a PDF (rendered on a blocking thread, so a large pack
//! never stalls the async runtime) or as JSON, always as an attachment that is not cached.
//! Downloading a pack changes nothing (it is a GET), so it is not itself on the timeline.

use anyhow::Context;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::Result;
use crate::evidence::EvidencePack;
use crate::evidence::pack::PackScope;

/// Which file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackFormat {
    /// For people.
    Pdf,
    /// For machines.
    Json,
}

impl PackFormat {
    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Json => "application/json",
        }
    }
}

/// The file name: `evidence-<bundle SID>-<date>` or `evidence-<tenant slug>-<from>-<to>`.
pub fn file_name(pack: &EvidencePack, format: PackFormat) -> String {
    let stem = match (&pack.scope, pack.renewals.first()) {
        (PackScope::Renewal { .. }, Some(renewal)) => {
            format!(
                "evidence-{}-{}",
                renewal.bundle_sid,
                pack.generated_at.date()
            )
        }
        (PackScope::Renewal { renewal_id }, None) => format!("evidence-{renewal_id}"),
        (PackScope::TenantRange { from, to }, _) => {
            format!("evidence-{}-{from}-{to}", pack.tenant.slug)
        }
    };
    // Slugs and SIDs are already [a-z0-9-]; keep the header safe whatever they become.
    let stem: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{stem}.{}", format.extension())
}

/// The pack as a download (the PDF in the ISV's brand).
pub async fn download(
    pack: EvidencePack,
    format: PackFormat,
    brand: crate::brand::Brand,
) -> Result<Response> {
    let name = file_name(&pack, format);
    let body = match format {
        PackFormat::Json => serde_json::to_vec_pretty(&pack).context("the pack as JSON")?,
        PackFormat::Pdf => {
            tokio::task::spawn_blocking(move || crate::evidence::pdf::render(&pack, &brand))
                .await
                .context("the PDF task")?
                .context("the pack as PDF")?
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
