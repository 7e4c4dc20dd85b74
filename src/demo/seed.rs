//! Demo data: three tenants with users, about thirty bundles in the emulator over several
//! regulations and states, a staff admin, and a regulation change that stamps `valid_until`.
//!
//! The Twilio side is seeded through the emulator's control API over HTTP (as an operator
//! would); recomply's side through its own `db` functions. Used by `recomply demo` and by the
//! browser test, so both show the same world.

use anyhow::Context;
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::secret::SecretString;
use crate::twilio::TwilioCredentials;

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
    pub tenant_id: Uuid,
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

struct TenantPlan {
    name: &'static str,
    slug: &'static str,
    short: &'static str,
    users: &'static [(&'static str, &'static str)],
}

const TENANTS: [TenantPlan; 3] = [
    TenantPlan {
        name: "Acme Telecom",
        slug: "acme",
        short: "Acme",
        users: &[
            ("ada@acme.example", "Ada Lovelace"),
            ("ops@acme.example", "Acme Ops"),
        ],
    },
    TenantPlan {
        name: "Globex Logistics",
        slug: "globex",
        short: "Globex",
        users: &[("hank@globex.example", "Hank Scorpio")],
    },
    TenantPlan {
        name: "Initech Support",
        slug: "initech",
        short: "Initech",
        users: &[("peter@initech.example", "Peter Gibbons")],
    },
];

/// What a bundle's items look like.
#[derive(Clone, Copy)]
enum Items {
    /// France mobile business: everything but the power of attorney.
    FranceWithoutPowerOfAttorney,
    /// The same, with the K-bis excerpt naming no address yet (the page offers the
    /// account's addresses by street).
    FranceWithoutAddress,
    /// United Kingdom mobile/toll-free business, complete.
    UkBusiness,
    /// United Kingdom mobile individual, complete.
    UkIndividual,
    /// Germany local business, complete.
    GermanyBusiness,
    /// Australia local individual, complete.
    AustraliaIndividual,
    /// Estonia mobile business: the End-User only (the registry excerpt is missing).
    EstoniaEndUserOnly,
    /// No items.
    Empty,
}

struct BundlePlan {
    label: &'static str,
    country: &'static str,
    number_type: &'static str,
    end_user_type: &'static str,
    status: &'static str,
    /// Seconds from now; `None`: no deadline (the regulation change may stamp one).
    valid_in: Option<i64>,
    items: Items,
    failure_reason: Option<&'static str>,
    /// Phone numbers registered under it.
    numbers: usize,
}

const DAY: i64 = 86_400;

/// When the "Old Nice line" bundle reaches its deadline: late enough that a first tour of the
/// demo sees it as an urgent renewal, early enough to watch it expire in one sitting.
pub const EXPIRES_DURING_DEMO_SECS: i64 = 30 * 60;

/// When a planned bundle's deadline falls.
#[derive(Clone, Copy)]
enum Due {
    /// No deadline (the regulation change may stamp one).
    Never,
    /// `days` from now, plus `per_tenant` days for each tenant before this one.
    InDays { days: i64, per_tenant: i64 },
}

/// One planned bundle: label, country, number type, End-User type, status, deadline, items and
/// how many phone numbers are registered under it.
type PlannedBundle = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Due,
    Items,
    usize,
);

/// The ten bundles every tenant gets.
#[rustfmt::skip]
const EVERY_TENANT: [PlannedBundle; 10] = {
    use Items::*;
    [
        ("Paris sales line", "FR", "mobile", "business", "twilio-approved", Due::Never, FranceWithoutPowerOfAttorney, 12),
        ("Lyon support line", "FR", "mobile", "business", "twilio-approved", Due::Never, FranceWithoutAddress, 3),
        ("London office", "GB", "mobile", "business", "twilio-approved", Due::InDays { days: 5, per_tenant: 1 }, UkBusiness, 8),
        ("Tallinn hotline", "EE", "mobile", "business", "twilio-approved", Due::InDays { days: 45, per_tenant: -9 }, EstoniaEndUserOnly, 2),
        ("Berlin office", "DE", "local", "business", "twilio-approved", Due::Never, GermanyBusiness, 5),
        ("Sydney desk", "AU", "local", "individual", "twilio-approved", Due::Never, AustraliaIndividual, 1),
        ("Manchester mobile", "GB", "mobile", "individual", "twilio-approved", Due::Never, UkIndividual, 1),
        ("UK freephone", "GB", "toll-free", "business", "twilio-approved", Due::Never, UkBusiness, 2),
        ("Madrid line", "ES", "local", "individual", "in-review", Due::Never, Empty, 0),
        ("Jakarta toll-free", "ID", "toll-free", "business", "twilio-rejected", Due::Never, Empty, 0),
    ]
};

/// Why the seeded rejected bundle was rejected.
const JAKARTA_REJECTION: &str = "The business registration document is illegible.";

/// Ten bundles per tenant; the first tenant also gets one that expires during the demo.
fn bundle_plans(tenant_index: usize) -> Vec<BundlePlan> {
    let mut plans: Vec<BundlePlan> = EVERY_TENANT
        .iter()
        .map(
            |&(label, country, number_type, end_user_type, status, due, items, numbers)| {
                BundlePlan {
                    label,
                    country,
                    number_type,
                    end_user_type,
                    status,
                    valid_in: match due {
                        Due::Never => None,
                        Due::InDays { days, per_tenant } => {
                            Some((days + per_tenant * tenant_index as i64) * DAY)
                        }
                    },
                    items,
                    failure_reason: (status == "twilio-rejected").then_some(JAKARTA_REJECTION),
                    numbers,
                }
            },
        )
        .collect();
    if tenant_index == 0 {
        plans.push(BundlePlan {
            label: "Old Nice line",
            country: "GB",
            number_type: "toll-free",
            end_user_type: "business",
            status: "twilio-approved",
            valid_in: Some(EXPIRES_DURING_DEMO_SECS),
            items: Items::UkBusiness,
            failure_reason: None,
            numbers: 2,
        });
    }
    plans
}

/// A document's JSON for the emulator's seed.
fn pdf(document_type: &str, name: &str, attributes: Value) -> Value {
    json!({"type": document_type, "friendly_name": name, "attributes": attributes})
}

fn end_user_and_documents(items: Items, business: &str) -> (Value, Value) {
    let address = json!(["AD0123456789abcdef0123456789abcdef"]);
    match items {
        Items::FranceWithoutPowerOfAttorney => france_without_power_of_attorney(business, address),
        Items::FranceWithoutAddress => france_without_power_of_attorney(business, json!([])),
        Items::UkBusiness => (
            json!({"type": "business", "friendly_name": business, "attributes": {
                "business_name": business, "business_registration_identifier": "UK:CRN",
                "business_registration_number": "01234567", "business_website": "https://example.com",
                "first_name": "Ada", "last_name": "Lovelace", "phone_number": "+447700900123",
                "email": "ada@example.com", "business_identity": "DIRECT_CUSTOMER", "is_subassigned": "NO"}}),
            json!([pdf(
                "business_address",
                "Head office",
                json!({"address_sids": address})
            )]),
        ),
        Items::UkIndividual => (
            json!({"type": "individual", "friendly_name": "Ada Lovelace", "attributes": {
                "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                "phone_number": "+447700900123"}}),
            json!([
                pdf(
                    "passport",
                    "Passport",
                    json!({"first_name": "Ada", "last_name": "Lovelace"})
                ),
                pdf(
                    "individual_address",
                    "Home",
                    json!({"address_sids": address})
                ),
            ]),
        ),
        Items::GermanyBusiness => (
            json!({"type": "business", "friendly_name": business, "attributes": {
                "business_name": business, "business_registration_number": "HRB 123456",
                "business_website": "https://example.de", "first_name": "Max", "last_name": "Muster",
                "email": "max@example.de"}}),
            json!([pdf(
                "commercial_registrar_excerpt",
                "Handelsregisterauszug",
                json!({
                    "business_name": business, "business_registration_number": "HRB 123456",
                    "address_sids": address})
            ),]),
        ),
        Items::AustraliaIndividual => (
            json!({"type": "individual", "friendly_name": "Bruce Wayne", "attributes": {
                "first_name": "Bruce", "last_name": "Wayne"}}),
            json!([pdf("address", "Address", json!({"address_sids": address}))]),
        ),
        Items::EstoniaEndUserOnly => (
            json!({"type": "business", "friendly_name": business, "attributes": {
                "business_name": business}}),
            json!([]),
        ),
        Items::Empty => (Value::Null, json!([])),
    }
}

/// A French mobile business bundle's items, all but the power of attorney; the K-bis excerpt
/// names `address`.
fn france_without_power_of_attorney(business: &str, address: Value) -> (Value, Value) {
    (
        json!({"type": "business", "friendly_name": business, "attributes": {
        "business_name": business, "business_registration_number": "RCS 552 100 554",
        "first_name": "Claire", "last_name": "Martin"}}),
        json!([
            pdf(
                "commercial_registrar_excerpt",
                "K-bis (name)",
                json!({"business_name": business})
            ),
            pdf(
                "commercial_registrar_excerpt",
                "K-bis (address)",
                json!({"address_sids": address})
            ),
            pdf(
                "commercial_registrar_excerpt",
                "K-bis (number)",
                json!({"document_number": "552100554"})
            ),
            pdf(
                "government_issued_document",
                "ID of Claire Martin",
                json!({"first_name": "Claire", "last_name": "Martin"})
            ),
            pdf(
                "government_issued_document",
                "ID of the attorney",
                json!({"first_name": "Claire", "last_name": "Martin"})
            ),
        ]),
    )
}

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
pub async fn sweep_all(db: &PgPool, tenants: &[Uuid]) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for tenant_id in tenants {
        crate::lifecycle::enqueue_sweep(&mut tx, *tenant_id).await?;
    }
    tx.commit().await?;
    Ok(())
}
