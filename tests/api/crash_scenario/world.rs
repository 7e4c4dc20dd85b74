//! The world the scenario renews: tenants tied to emulator accounts (automatic review), each
//! with one customer and approved UK bundles, then one regulation change stamping `valid_until`
//! on all of them.

use recomply::crypto::SecretKey;
use recomply::db::tenants::{self, NewTenant};
use recomply::domain::ids::TenantId;
use recomply::secret::SecretString;
use recomply::twilio::TwilioCredentials;
use serde_json::json;
use sqlx::PgPool;

use super::emulator::Emulator;
use super::settings::Settings;
use crate::lifecycle_support::{approved_uk_bundle, vat_number_change};

/// Emulator seconds from submission to Twilio's (automatic) approval.
pub const REVIEW_SECONDS: i64 = 4;

/// A seeded tenant.
#[derive(Debug, Clone)]
pub struct SeededTenant {
    /// recomply's id.
    pub tenant_id: TenantId,
    /// Its emulator account.
    pub account_sid: String,
    /// The account's auth token.
    pub auth_token: String,
    /// Its one customer.
    pub email: String,
    /// The SIDs of its approved bundles (the originals).
    pub originals: Vec<String>,
}

/// Seeds `settings.tenants` tenants with `settings.bundles` bundles each and changes their
/// regulation. Credentials are sealed with `key`, the key the processes run with.
pub async fn seed(
    db: &PgPool,
    key: &SecretKey,
    emulator: &Emulator,
    settings: &Settings,
) -> Vec<SeededTenant> {
    let mut seeded = Vec::new();
    let mut regulation = None;
    for n in 0..settings.tenants {
        let slug = format!("tenant-{n}");
        let account = emulator
            .control(
                "POST",
                "/accounts",
                json!({"friendly_name": slug,
                       "review_policy": {"mode": "auto", "delay_seconds": REVIEW_SECONDS}}),
            )
            .await;
        let account_sid = account["account_sid"].as_str().unwrap().to_owned();
        let auth_token = account["auth_token"].as_str().unwrap().to_owned();
        let tenant_id = tenant(db, key, &slug, &account_sid, &auth_token).await;
        let email = format!("owner@{slug}.example");
        recomply::db::users::add_user(db, tenant_id, &email, "Owner")
            .await
            .expect("add the customer");
        let mut originals = Vec::new();
        for b in 0..settings.bundles {
            let name = format!("{slug} mobiles {b}");
            let body = approved_uk_bundle(&account_sid, &name, None, "Head office");
            let view = emulator.control("POST", "/bundles", body).await;
            originals.push(view["sid"].as_str().unwrap().to_owned());
            regulation = view["regulation_sid"].as_str().map(str::to_owned);
        }
        seeded.push(SeededTenant {
            tenant_id,
            account_sid,
            auth_token,
            email,
            originals,
        });
    }
    let regulation = regulation.expect("at least one bundle");
    let changed = emulator
        .control(
            "POST",
            &format!("/regulations/{regulation}/changes"),
            vat_number_change(),
        )
        .await;
    let stamped = changed["bundle_sids"].as_array().map_or(0, Vec::len);
    assert_eq!(stamped, settings.renewals(), "every bundle got a deadline");
    seeded
}

async fn tenant(
    db: &PgPool,
    key: &SecretKey,
    slug: &str,
    account_sid: &str,
    auth_token: &str,
) -> TenantId {
    let tenant = tenants::create_tenant(
        db,
        &NewTenant {
            name: format!("Tenant {slug}"),
            slug: slug.to_owned(),
            support_email: None,
        },
    )
    .await
    .expect("create a tenant");
    let credentials =
        TwilioCredentials::with_auth_token(account_sid, SecretString::from(auth_token.to_owned()));
    tenants::set_credentials(db, key, tenant.tenant_id, &credentials)
        .await
        .expect("store the tenant's credentials");
    tenant.tenant_id
}
