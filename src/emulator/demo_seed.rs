//! `--seed demo`: two accounts (automatic and manual review) with a few bundles in different
//! states, each account with its head-office Address and mobile numbers registered under its
//! UK bundles. Applied only to an empty state so that a restored snapshot is not seeded twice.

use serde_json::json;

use super::addresses::PostalAddress;
use super::clock;
use super::control::phone_numbers::{SeedPhoneNumber, insert_phone_number};
use super::control::seed_bundle::{SeedBundle, insert_seed};
use super::model::{ReviewMode, ReviewPolicy};
use super::state::EmulatorState;
use super::store::{AccountCredentials, Store};

/// An account created by a seed.
#[derive(Debug, Clone)]
pub struct SeededAccount {
    /// Its friendly name.
    pub friendly_name: String,
    /// Its credentials.
    pub credentials: AccountCredentials,
}

/// Applies a named seed (`demo`); returns the accounts it created.
pub fn apply(state: &EmulatorState, name: &str) -> anyhow::Result<Vec<SeededAccount>> {
    anyhow::ensure!(name == "demo", "unknown seed {name} (known: demo)");
    let mut store = state.lock();
    if !store.accounts.is_empty() {
        return Ok(Vec::new());
    }
    let acme_name = "Acme Telecom (demo, automatic review)";
    let acme = store.create_account(acme_name, ReviewPolicy::default());
    let globex_name = "Globex (demo, manual review)";
    let globex = store.create_account(
        globex_name,
        ReviewPolicy {
            mode: ReviewMode::Manual,
            delay_seconds: 60,
        },
    );
    let due = clock::format(store.now() + 20 * 86_400);
    let acme_office = head_office(&mut store, &acme.account_sid, "Acme Ltd");
    let globex_office = head_office(&mut store, &globex.account_sid, "Globex Ltd");
    let (acme_sid, globex_sid) = (acme.account_sid.as_str(), globex.account_sid.as_str());
    let approved = "twilio-approved";
    let bundles = [
        (
            uk_business(acme_sid, "Acme UK mobile", approved, None, &acme_office),
            2,
        ),
        (
            uk_business(
                acme_sid,
                "Acme UK mobile (update due)",
                approved,
                Some(due),
                &acme_office,
            ),
            3,
        ),
        (french_draft(acme_sid), 0),
        (
            uk_business(
                globex_sid,
                "Globex UK mobile",
                "pending-review",
                None,
                &globex_office,
            ),
            1,
        ),
    ];
    insert_bundles(&mut store, &bundles)?;
    Ok(vec![
        SeededAccount {
            friendly_name: acme_name.into(),
            credentials: acme,
        },
        SeededAccount {
            friendly_name: globex_name.into(),
            credentials: globex,
        },
    ])
}

/// Inserts each seed with its count of numbers (+44 7700 900100 onwards, the range Ofcom keeps
/// for fiction), registered under the bundle and its first Address.
fn insert_bundles(store: &mut Store, bundles: &[(SeedBundle, usize)]) -> anyhow::Result<()> {
    let failed = |e| anyhow::anyhow!("demo seed failed: {e:?}");
    let mut next_number = 100;
    for (seed, numbers) in bundles {
        let bundle_sid = insert_seed(store, seed).map_err(failed)?;
        for _ in 0..*numbers {
            let number = SeedPhoneNumber {
                account_sid: seed.account_sid.clone(),
                phone_number: format!("+447700900{next_number}"),
                friendly_name: None,
                bundle_sid: Some(bundle_sid.clone()),
                address_sid: seed_address(seed),
            };
            insert_phone_number(store, &number).map_err(failed)?;
            next_number += 1;
        }
    }
    Ok(())
}

/// A customer's head-office Address.
struct Office {
    sid: String,
    customer: &'static str,
}

/// Files the London head office of `customer` in `account`.
fn head_office(store: &mut Store, account: &str, customer: &'static str) -> Office {
    let postal = PostalAddress {
        customer_name: customer.into(),
        street: "1 Poultry".into(),
        street_secondary: Some("Floor 3".into()),
        city: "London".into(),
        region: "Greater London".into(),
        postal_code: "EC2R 8EJ".into(),
        iso_country: "GB".into(),
    };
    let sid = store.create_address(account, None, Some("Head office"), postal, false);
    Office { sid, customer }
}

/// The first Address a seed's documents name.
fn seed_address(seed: &SeedBundle) -> Option<String> {
    seed.documents
        .iter()
        .filter_map(|d| d.attributes.as_ref())
        .flat_map(super::items::address_sids)
        .next()
}

fn uk_business(
    account: &str,
    name: &str,
    status: &str,
    valid_until: Option<String>,
    office: &Office,
) -> SeedBundle {
    let business = office.customer;
    serde_json::from_value(json!({
        "account_sid": account,
        "friendly_name": name,
        "email": "compliance@acme.example",
        "iso_country": "GB", "number_type": "mobile", "end_user_type": "business",
        "status": status,
        "valid_until": valid_until,
        "has_active_numbers": true,
        "end_user": {"type": "business", "friendly_name": business, "attributes": {
            "business_name": business, "business_registration_identifier": "UK:CRN",
            "business_registration_number": "01234567", "business_website": "https://acme.example",
            "first_name": "Ada", "last_name": "Lovelace", "phone_number": "+447700900123",
            "email": "ada@acme.example", "business_identity": "DIRECT_CUSTOMER",
            "is_subassigned": "NO"}},
        "documents": [{"type": "business_address", "friendly_name": "Head office",
                       "attributes": {"address_sids": [office.sid]}}]
    }))
    .expect("valid seed")
}

fn french_draft(account: &str) -> SeedBundle {
    serde_json::from_value(json!({
        "account_sid": account,
        "friendly_name": "Acme France mobile (draft)",
        "email": "compliance@acme.example",
        "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
        "status": "draft"
    }))
    .expect("valid seed")
}
