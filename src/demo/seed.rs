//! Demo data: three tenants with users, about thirty bundles in the emulator over several
//! regulations and states, a staff admin, and a regulation change that stamps `valid_until`.
//!
//! The Twilio side is seeded through the emulator's control API over HTTP (as an operator
//! would); recomply's side through its own `db` functions. Used by `recomply demo` and by the
//! browser test, so both show the same world.

use anyhow::Context;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::crypto::SecretKey;
use crate::domain::ids::TenantId;
use crate::secret::SecretString;
use crate::twilio::TwilioCredentials;

use super::plan::{BundlePlan, TENANTS, TenantPlan, bundle_plans, end_user_and_documents};

/// Where to seed.
pub struct SeedTarget<'a> {
    /// recomply's database.
    pub db: &'a PgPool,
    /// The key that seals credentials.
    pub key: &'a SecretKey,
    /// The emulator's base URL.
    pub emulator_url: &'a str,
    /// recomply's status-callback URL (`{public}/webhooks/twilio/bundle-status`).
    pub webhook_url: &'a str,
    /// Seconds of emulator time an automatic review takes.
    pub review_delay_seconds: i64,
}

/// What was seeded.
#[derive(Debug, Clone)]
pub struct SeedReport {
    /// (tenant id, tenant name, Twilio account SID, auth token).
    pub tenants: Vec<SeededTenant>,
    /// The staff admin's email.
    pub staff_email: String,
    /// The staff admin's password (generated).
    pub staff_password: String,
    /// Bundles created in the emulator.
    pub bundle_count: usize,
}

/// One demo tenant.
#[derive(Debug, Clone)]
pub struct SeededTenant {
    /// recomply's id.
    pub tenant_id: TenantId,
    /// Its name.
    pub name: String,
    /// Its Twilio (emulator) account.
    pub account_sid: String,
    /// The account's auth token.
    pub auth_token: String,
    /// Its customer users' emails.
    pub users: Vec<String>,
}

/// The staff admin the demo creates.
pub const STAFF_EMAIL: &str = "admin@recomply.localhost";

/// Seeds everything; fails if the database already holds tenants with these slugs.
pub async fn seed(target: &SeedTarget<'_>) -> anyhow::Result<SeedReport> {
    let seeder = Seeder {
        target,
        http: reqwest::Client::new(),
        now: time::OffsetDateTime::now_utc(),
    };
    let mut tenants = Vec::new();
    let mut bundle_count = 0;
    for (index, plan) in TENANTS.iter().enumerate() {
        let (tenant, bundles) = seeder.tenant(index, plan).await?;
        tenants.push(tenant);
        bundle_count += bundles;
    }
    let staff_password = crate::auth::staff::generate_password();
    let hash = crate::auth::staff::hash_password(&staff_password)?;
    crate::db::staff::create(target.db, STAFF_EMAIL, "Demo Admin", "admin", &hash)
        .await
        .map_err(|e| anyhow::anyhow!("creating the demo admin: {e:?}"))?;
    Ok(SeedReport {
        tenants,
        staff_email: STAFF_EMAIL.into(),
        staff_password,
        bundle_count,
    })
}

/// Seeds one tenant at a time: its emulator account, its row and users, then its bundles.
struct Seeder<'t> {
    target: &'t SeedTarget<'t>,
    http: reqwest::Client,
    now: time::OffsetDateTime,
}

impl Seeder<'_> {
    fn control(&self, path: &str) -> String {
        format!("{}/__emulator/{path}", self.target.emulator_url)
    }

    /// The tenant `plan` (the `index`th) and its bundles; returns it with its bundle count.
    async fn tenant(
        &self,
        index: usize,
        plan: &TenantPlan,
    ) -> anyhow::Result<(SeededTenant, usize)> {
        let target = self.target;
        let account: Value = self
            .http
            .post(self.control("accounts"))
            .json(&json!({"friendly_name": plan.name, "review_policy": {
                "mode": "auto", "delay_seconds": target.review_delay_seconds}}))
            .send()
            .await?
            .error_for_status()
            .context("creating an emulator account")?
            .json()
            .await?;
        let text = |key: &str| account[key].as_str().unwrap_or_default().to_owned();
        let (account_sid, auth_token) = (text("account_sid"), text("auth_token"));
        let tenant = crate::db::tenants::create_tenant(
            target.db,
            &crate::db::tenants::NewTenant {
                name: plan.name.into(),
                slug: plan.slug.into(),
                support_email: Some(format!("support@{}.example", plan.slug)),
            },
        )
        .await?;
        crate::db::demo::mark_demo_tenant(target.db, tenant.tenant_id).await?;
        let credentials = TwilioCredentials::with_auth_token(
            account_sid.clone(),
            SecretString::from(auth_token.clone()),
        );
        crate::db::tenants::set_credentials(target.db, target.key, tenant.tenant_id, &credentials)
            .await?;
        for (email, name) in plan.users {
            crate::db::users::add_user(target.db, tenant.tenant_id, email, name).await?;
        }
        let plans = bundle_plans(index);
        let mut next_number = 0;
        for bundle in &plans {
            let bundle_sid = self.bundle(plan, &account_sid, bundle).await?;
            for _ in 0..bundle.numbers {
                self.phone_number(&account_sid, &bundle_sid, bundle, index, next_number)
                    .await?;
                next_number += 1;
            }
        }
        let seeded = SeededTenant {
            tenant_id: tenant.tenant_id,
            name: plan.name.into(),
            account_sid,
            auth_token,
            users: plan.users.iter().map(|(e, _)| (*e).to_owned()).collect(),
        };
        Ok((seeded, plans.len()))
    }

    /// A phone number of the account registered under `bundle_sid`: the `n`th of the
    /// `tenant_index`th tenant, in a range kept for fiction where the country has one.
    async fn phone_number(
        &self,
        account_sid: &str,
        bundle_sid: &str,
        bundle: &BundlePlan,
        tenant_index: usize,
        n: usize,
    ) -> anyhow::Result<()> {
        let prefix = match bundle.country {
            "GB" => "+447700900",
            "FR" => "+3363998",
            "AU" => "+61491570",
            "DE" => "+4915550",
            "EE" => "+37255500",
            _ => "+1555010",
        };
        let number = format!("{prefix}{tenant_index}{n:02}");
        self.http
            .post(self.control("phone-numbers"))
            .json(&json!({"account_sid": account_sid, "phone_number": number,
                          "friendly_name": format!("{} {}", bundle.label, n + 1),
                          "bundle_sid": bundle_sid}))
            .send()
            .await?
            .error_for_status()
            .with_context(|| format!("seeding a number of {}", bundle.label))?;
        Ok(())
    }

    /// One bundle of `tenant` at the emulator, with its items; returns its SID.
    async fn bundle(
        &self,
        tenant: &TenantPlan,
        account_sid: &str,
        bundle: &BundlePlan,
    ) -> anyhow::Result<String> {
        let business = format!("{} SAS", tenant.short);
        let (end_user, documents) = end_user_and_documents(bundle.items, &business);
        let valid_until = bundle.valid_in.map(|secs| {
            (self.now + time::Duration::seconds(secs))
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default()
        });
        let created: Value = self
            .http
            .post(self.control("bundles"))
            .json(&json!({
                "account_sid": account_sid,
                "friendly_name": format!("{} — {}", tenant.short, bundle.label),
                "email": format!("compliance@{}.example", tenant.slug),
                "iso_country": bundle.country,
                "number_type": bundle.number_type,
                "end_user_type": bundle.end_user_type,
                "status": bundle.status,
                "valid_until": valid_until,
                "status_callback": self.target.webhook_url,
                "has_active_numbers": true,
                "failure_reason": bundle.failure_reason,
                "end_user": end_user,
                "documents": documents,
            }))
            .send()
            .await?
            .error_for_status()
            .with_context(|| format!("seeding the bundle {}", bundle.label))?
            .json()
            .await?;
        created["sid"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("the seeded bundle {} has no SID", bundle.label))
    }
}

/// Enacts a regulation change in the emulator: "France: Mobile - Business" now also needs the
/// business website, and every approved bundle of it gets `valid_until = now + days`.
pub async fn enact_france_change(
    emulator_url: &str,
    account_sid: &str,
    auth_token: &str,
    days: i64,
) -> anyhow::Result<String> {
    let http = reqwest::Client::new();
    let regulations: Value = http
        .get(format!(
            "{emulator_url}/v2/RegulatoryCompliance/Regulations?IsoCountry=FR&NumberType=mobile&EndUserType=business"
        ))
        .basic_auth(account_sid, Some(auth_token))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let sid = regulations["results"][0]["sid"]
        .as_str()
        .context("the emulator has no France: Mobile - Business regulation")?
        .to_owned();
    http.post(format!(
        "{emulator_url}/__emulator/regulations/{sid}/changes"
    ))
    .json(&json!({
        "change": {"kind": "add_end_user_field", "machine_name": "business_website",
                   "friendly_name": "Business Website",
                   "description": "The website or social media page of the business, if available."},
        "valid_until_days": days,
    }))
    .send()
    .await?
    .error_for_status()
    .context("enacting the regulation change")?;
    Ok(sid)
}

/// Enqueues a discovery sweep for every tenant.
pub async fn sweep_all(db: &PgPool, tenants: &[TenantId]) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for tenant_id in tenants {
        crate::lifecycle::enqueue_sweep(&mut tx, *tenant_id).await?;
    }
    tx.commit().await?;
    Ok(())
}
