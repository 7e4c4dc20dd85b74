//! Links that emails carry.
//!
//! The customer's link is a single-use magic link that signs them in and lands on the renewal.

use uuid::Uuid;

use crate::lifecycle::Engine;

/// The link a customer follows from an email into the renewal page.
pub async fn renewal_link(
    engine: &Engine,
    app_user_id: Uuid,
    renewal_id: Uuid,
) -> anyhow::Result<String> {
    let link = crate::auth::magic_link::issue(
        &engine.db,
        &engine.config.secret_key,
        &engine.config.public_url,
        app_user_id,
        Some(renewal_id),
    )
    .await?;
    Ok(link)
}

/// The staff view of a renewal.
pub fn staff_renewal_link(engine: &Engine, renewal_id: Uuid) -> String {
    engine
        .config
        .url_for(&crate::routes::admin_renewal(renewal_id))
}
