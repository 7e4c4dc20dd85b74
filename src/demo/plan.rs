//! What the demo world contains: its three tenants and their users, the ten bundles each
//! tenant gets (countries, number types, statuses, deadlines, items, phone numbers) and the
//! End-Users and documents those items are made of. `demo::seed` puts it in place.

use crate::twilio::BundleStatus;
use serde_json::{Value, json};

pub(super) struct TenantPlan {
    pub(super) name: &'static str,
    pub(super) slug: &'static str,
    pub(super) short: &'static str,
    pub(super) users: &'static [(&'static str, &'static str)],
}

pub(super) const TENANTS: [TenantPlan; 3] = [
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
pub(super) enum Items {
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

pub(super) struct BundlePlan {
    pub(super) label: &'static str,
    pub(super) country: &'static str,
    pub(super) number_type: &'static str,
    pub(super) end_user_type: &'static str,
    pub(super) status: BundleStatus,
    /// Seconds from now; `None`: no deadline (the regulation change may stamp one).
    pub(super) valid_in: Option<i64>,
    pub(super) items: Items,
    pub(super) failure_reason: Option<&'static str>,
    /// Phone numbers registered under it.
    pub(super) numbers: usize,
}

const DAY: i64 = 86_400;

/// When the "Old Nice line" bundle reaches its deadline: late enough that a first tour of the
/// demo sees it as an urgent renewal, early enough to watch it expire in one sitting.
pub const EXPIRES_DURING_DEMO_SECS: i64 = 30 * 60;

/// When a planned bundle's deadline falls.
#[derive(Clone, Copy)]
pub(super) enum Due {
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
    BundleStatus,
    Due,
    Items,
    usize,
);

/// The ten bundles every tenant gets.
#[rustfmt::skip]
const EVERY_TENANT: [PlannedBundle; 10] = {
    use Items::*;
    use crate::twilio::BundleStatus::{InReview, TwilioApproved, TwilioRejected};
    [
        ("Paris sales line", "FR", "mobile", "business", TwilioApproved, Due::Never, FranceWithoutPowerOfAttorney, 12),
        ("Lyon support line", "FR", "mobile", "business", TwilioApproved, Due::Never, FranceWithoutAddress, 3),
        ("London office", "GB", "mobile", "business", TwilioApproved, Due::InDays { days: 5, per_tenant: 1 }, UkBusiness, 8),
        ("Tallinn hotline", "EE", "mobile", "business", TwilioApproved, Due::InDays { days: 45, per_tenant: -9 }, EstoniaEndUserOnly, 2),
        ("Berlin office", "DE", "local", "business", TwilioApproved, Due::Never, GermanyBusiness, 5),
        ("Sydney desk", "AU", "local", "individual", TwilioApproved, Due::Never, AustraliaIndividual, 1),
        ("Manchester mobile", "GB", "mobile", "individual", TwilioApproved, Due::Never, UkIndividual, 1),
        ("UK freephone", "GB", "toll-free", "business", TwilioApproved, Due::Never, UkBusiness, 2),
        ("Madrid line", "ES", "local", "individual", InReview, Due::Never, Empty, 0),
        ("Jakarta toll-free", "ID", "toll-free", "business", TwilioRejected, Due::Never, Empty, 0),
    ]
};

/// Why the seeded rejected bundle was rejected.
const JAKARTA_REJECTION: &str = "The business registration document is illegible.";

/// Ten bundles per tenant; the first tenant also gets one that expires during the demo.
pub(super) fn bundle_plans(tenant_index: usize) -> Vec<BundlePlan> {
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
                    failure_reason: (status == BundleStatus::TwilioRejected)
                        .then_some(JAKARTA_REJECTION),
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
            status: BundleStatus::TwilioApproved,
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

pub(super) fn end_user_and_documents(items: Items, business: &str) -> (Value, Value) {
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
