//! `--seed demo`: two accounts (automatic and manual review) with a few bundles in different
//! states, applied only to an empty state so that a restored snapshot is not seeded twice.

use serde_json::json;

use super::clock;
use super::control::seed_bundle::{SeedBundle, insert_seed};
use super::model::{ReviewMode, ReviewPolicy};
use super::state::EmulatorState;
use super::store::AccountCredentials;

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
    let in_twenty_days = clock::format(store.now() + 20 * 86_400);
    let seeds = [
        uk_business(&acme.account_sid, "Acme UK mobile", "twilio-approved", None),
        uk_business(
            &acme.account_sid,
            "Acme UK mobile (update due)",
            "twilio-approved",
            Some(in_twenty_days),
        ),
        french_draft(&acme.account_sid),
        uk_business(
            &globex.account_sid,
            "Globex UK mobile",
            "pending-review",
            None,
        ),
    ];
    for seed in &seeds {
        insert_seed(&mut store, seed).map_err(|e| anyhow::anyhow!("demo seed failed: {e:?}"))?;
    }
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

fn uk_business(account: &str, name: &str, status: &str, valid_until: Option<String>) -> SeedBundle {
    serde_json::from_value(json!({
        "account_sid": account,
        "friendly_name": name,
        "email": "compliance@acme.example",
        "iso_country": "GB", "number_type": "mobile", "end_user_type": "business",
        "status": status,
        "valid_until": valid_until,
        "has_active_numbers": true,
        "end_user": {"type": "business", "friendly_name": "Acme Ltd", "attributes": {
            "business_name": "Acme Ltd", "business_registration_identifier": "UK:CRN",
            "business_registration_number": "01234567", "business_website": "https://acme.example",
            "first_name": "Ada", "last_name": "Lovelace", "phone_number": "+447700900123",
            "email": "ada@acme.example", "business_identity": "DIRECT_CUSTOMER",
            "is_subassigned": "NO"}},
        "documents": [{"type": "business_address", "friendly_name": "Head office",
                       "attributes": {"address_sids": ["AD0123456789abcdef0123456789abcdef"]}}]
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
