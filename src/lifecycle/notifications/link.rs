//! Links that emails carry.
//!
//! The customer's link should sign them in and land on the renewal. The portal's magic links
//! (`crate::auth::magic_link::issue`) are not on main yet, so for now the link is the renewal
//! page itself (`{public_url}/renewals/{renewal_id}`), which asks for sign-in first; switching
//! to `issue(db, key, public_url, app_user_id, Some(renewal_id))` is a one-line change here.

use uuid::Uuid;

use crate::lifecycle::Engine;

/// The link a customer follows from an email into the renewal page.
pub async fn renewal_link(
    engine: &Engine,
    app_user_id: Uuid,
    renewal_id: Uuid,
) -> anyhow::Result<String> {
    let _ = app_user_id;
    Ok(engine.config.url_for(&format!("/renewals/{renewal_id}")))
}

/// The staff view of a renewal.
pub fn staff_renewal_link(engine: &Engine, renewal_id: Uuid) -> String {
    engine
        .config
        .url_for(&format!("/admin/renewals/{renewal_id}"))
}
