//! Planning a tenants file: each row checked with the tenant form's own rules, matched to an
//! existing tenant by slug, and compared with it field by field.

use std::collections::HashMap;

use super::csv_file::RawRow;
use super::plan::{Plan, PreviewRow, RowAction, joined};
use super::tenant_rows::{CredentialsCell, TenantRow};
use crate::db::bulk_imports::ImportStep;
use crate::db::tenants::{self, CustomerFacing, NewTenant, Tenant, TenantError};
use crate::db::{parent_account, subaccounts};
use crate::domain::sid::AccountSid;
use crate::error::Result;
use crate::state::AppState;
use crate::twilio::{AccountStatus, TwilioCredentials};
use crate::web::admin::form::FormErrors;

/// The row error of a `parent` credentials cell while no parent account is connected.
pub const NO_PARENT_ACCOUNT: &str = "no parent account is connected";

/// The row error of a `parent` credentials cell whose account SID is not a discovered
/// subaccount of the parent account.
pub const NOT_A_SUBACCOUNT: &str = "not a subaccount of the connected parent account (if it is new, run \u{201c}Discover subaccounts\u{201d} on the parent account page first)";

/// The plan for `rows`.
pub async fn plan(state: &AppState, rows: &[RawRow]) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut slugs: HashMap<String, u64> = HashMap::new();
    let mut accounts: HashMap<String, u64> = HashMap::new();
    for raw in rows {
        let row = TenantRow::parse(raw);
        let (action, step, label) = match plan_row(state, &row).await? {
            Ok(planned) => planned,
            Err((message, label)) => (RowAction::Error(message), None, label),
        };
        let action = match (slugs.get(&row.slug), &step) {
            (Some(first), _) if !row.slug.is_empty() => {
                RowAction::Error(format!("slug: the same slug as the row on line {first}"))
            }
            _ => match account_of(step.as_ref()).and_then(|sid| accounts.get(sid)) {
                Some(first) => RowAction::Error(format!(
                    "account_sid: the same Twilio account as the row on line {first}"
                )),
                None => action,
            },
        };
        slugs.entry(row.slug.clone()).or_insert(row.line);
        if let Some(sid) = account_of(step.as_ref()) {
            accounts.entry(sid.to_owned()).or_insert(row.line);
        }
        let preview = PreviewRow {
            line: row.line,
            key: row.slug.clone(),
            label,
            note: row.credentials.note().to_owned(),
            action,
        };
        plan.push(preview, step);
    }
    Ok(plan)
}

type Planned = (RowAction, Option<ImportStep>, String);

/// One row's action and step, or its error message (with the name to show beside it).
async fn plan_row(
    state: &AppState,
    row: &TenantRow,
) -> Result<std::result::Result<Planned, (String, String)>> {
    let existing = if row.slug.is_empty() {
        None
    } else {
        tenants::find_tenant_by_slug(&state.db, &row.slug).await?
    };
    let form = row.form(existing.as_ref());
    let label = form.name.trim().to_owned();
    if existing.as_ref().is_some_and(|t| t.removed_at.is_some()) {
        return Ok(Err(("slug: this tenant was removed".to_owned(), label)));
    }
    let mut errors = FormErrors::new();
    let details = form.details(&mut errors);
    let facing = form.customer_facing(&mut errors);
    let mut from_parent = None;
    let credentials = match &row.credentials {
        CredentialsCell::FromParent => {
            from_parent = parent_subaccount(state, &form.account_sid, &mut errors).await?;
            None
        }
        CredentialsCell::Keep | CredentialsCell::Token(_) => {
            let stored = match stored_credentials(state, existing.as_ref()).await {
                Ok(stored) => stored,
                Err(message) => return Ok(Err((message, label))),
            };
            form.credentials(stored.as_ref(), &mut errors)
                .filter(|new| Some(new) != stored.as_ref())
        }
    };
    let account = credentials.as_ref().map(|c| c.account_sid.as_str());
    if let Some(account_sid) = account.or(from_parent.as_deref()) {
        account_free(state, existing.as_ref(), account_sid, &mut errors).await?;
    }
    if !errors.is_empty() {
        return Ok(Err((joined(&errors), label)));
    }
    Ok(Ok(match existing {
        None => (
            RowAction::Create,
            Some(ImportStep::CreateTenant {
                details,
                facing,
                credentials,
                from_parent,
            }),
            label,
        ),
        Some(tenant) => {
            let (action, step) = changes(&tenant, details, facing, (credentials, from_parent));
            (action, step, label)
        }
    }))
}

/// The stored credentials of `existing`, or a row message when they do not open.
async fn stored_credentials(
    state: &AppState,
    existing: Option<&Tenant>,
) -> std::result::Result<Option<TwilioCredentials>, String> {
    let Some(tenant) = existing.filter(|t| t.has_credentials) else {
        return Ok(None);
    };
    match tenants::load_credentials(&state.db, &state.config.secret_key, tenant.tenant_id).await {
        Ok(stored) => Ok(stored),
        Err(TenantError::Unseal(_)) => Err(
            "auth_token: the stored credentials cannot be opened; set them on the tenant's page"
                .to_owned(),
        ),
        Err(error) => {
            tracing::warn!(%error, "stored credentials unreadable during an import");
            Err("auth_token: the stored credentials could not be read".to_owned())
        }
    }
}

/// The row's account SID when it names an active subaccount the parent account's discovery
/// listed; otherwise `None` with a message beside the field.
async fn parent_subaccount(
    state: &AppState,
    account_sid: &str,
    errors: &mut FormErrors,
) -> Result<Option<String>> {
    if parent_account::load(&state.db).await?.is_none() {
        errors.add("auth_token", NO_PARENT_ACCOUNT);
        return Ok(None);
    }
    let Ok(sid) = AccountSid::parse(account_sid.trim()) else {
        errors.add(
            "account_sid",
            "enter the subaccount's SID (AC followed by 32 hexadecimal digits) to take its credentials from the parent account",
        );
        return Ok(None);
    };
    match subaccounts::find(&state.db, sid.as_str()).await? {
        None => errors.add("account_sid", NOT_A_SUBACCOUNT),
        Some(found) if found.status != AccountStatus::Active => errors.add(
            "account_sid",
            format!("this subaccount is {} at Twilio", found.status.as_str()),
        ),
        Some(_) => return Ok(Some(sid.into_string())),
    }
    Ok(None)
}

/// A message when another tenant already uses the account.
async fn account_free(
    state: &AppState,
    existing: Option<&Tenant>,
    account_sid: &str,
    errors: &mut FormErrors,
) -> Result<()> {
    let owner = tenants::find_tenant_by_account_sid(&state.db, account_sid).await?;
    if owner.is_some_and(|o| Some(o.tenant_id) != existing.map(|t| t.tenant_id)) {
        errors.add(
            "account_sid",
            "another tenant already uses this Twilio account",
        );
    }
    Ok(())
}

/// What differs between `tenant` and the row (`account`: new credentials, or the subaccount
/// whose credentials are to be fetched from the parent account).
fn changes(
    tenant: &Tenant,
    details: NewTenant,
    facing: CustomerFacing,
    account: (Option<TwilioCredentials>, Option<String>),
) -> (RowAction, Option<ImportStep>) {
    let (credentials, from_parent) = account;
    let mut fields = Vec::new();
    let checks = [
        ("name", details.name != tenant.name),
        (
            "support_email",
            details.support_email != tenant.support_email,
        ),
        ("display_name", facing.display_name != tenant.display_name),
        ("default_locale", facing.locale != tenant.default_locale),
        ("time_zone", facing.zone != tenant.time_zone),
        (
            "credentials",
            credentials.is_some() || from_parent.is_some(),
        ),
    ];
    for (field, differs) in checks {
        if differs {
            fields.push(field);
        }
    }
    if fields.is_empty() {
        return (RowAction::Unchanged, None);
    }
    let details_differ = fields.iter().any(|f| ["name", "support_email"].contains(f));
    let facing_differs = fields
        .iter()
        .any(|f| ["display_name", "default_locale", "time_zone"].contains(f));
    let step = ImportStep::UpdateTenant {
        tenant_id: tenant.tenant_id,
        details: details_differ.then_some(details),
        facing: facing_differs.then_some(facing),
        credentials,
        from_parent,
    };
    (RowAction::Update(fields), Some(step))
}

/// The Twilio account a step stores credentials for (given, or fetched from the parent).
fn account_of(step: Option<&ImportStep>) -> Option<&str> {
    match step? {
        ImportStep::CreateTenant {
            credentials,
            from_parent,
            ..
        }
        | ImportStep::UpdateTenant {
            credentials,
            from_parent,
            ..
        } => credentials
            .as_ref()
            .map(|c| c.account_sid.as_str())
            .or(from_parent.as_deref()),
        _ => None,
    }
}
