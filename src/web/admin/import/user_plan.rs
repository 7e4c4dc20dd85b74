//! Planning a users file: each row's tenant found by slug (an unknown slug is that row's
//! error: a row never reaches another tenant), its user matched by address in that tenant.

use std::collections::HashMap;

use super::csv_file::RawRow;
use super::plan::{Plan, PreviewRow, RowAction, joined};
use super::user_rows::UserRow;
use crate::db::bulk_imports::ImportStep;
use crate::db::{tenants, users};
use crate::domain::ids::TenantId;
use crate::error::Result;
use crate::state::AppState;
use crate::web::admin::form::FormErrors;

/// The plan for `rows`.
pub async fn plan(state: &AppState, rows: &[RawRow]) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut tenant_ids: HashMap<String, Option<TenantId>> = HashMap::new();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    for raw in rows {
        let mut errors = FormErrors::new();
        let row = UserRow::parse(raw, &mut errors);
        let tenant_id = match tenant_ids.get(&row.tenant) {
            Some(id) => *id,
            None => {
                let found = tenants::find_tenant_by_slug(&state.db, &row.tenant).await?;
                let id = found
                    .filter(|t| t.removed_at.is_none())
                    .map(|t| t.tenant_id);
                tenant_ids.insert(row.tenant.clone(), id);
                id
            }
        };
        if tenant_id.is_none() && !row.tenant.is_empty() {
            errors.add("tenant", format!("no tenant has the slug “{}”", row.tenant));
        }
        let key = (row.tenant.clone(), row.email.clone());
        if let Some(first) = seen.get(&key) {
            errors.add("email", format!("the same user as the row on line {first}"));
        }
        seen.entry(key).or_insert(row.line);
        let (action, step) = match tenant_id {
            Some(tenant_id) if errors.is_empty() => plan_user(state, tenant_id, &row).await?,
            _ => (RowAction::Error(joined(&errors)), None),
        };
        let preview = PreviewRow {
            line: row.line,
            key: format!("{} / {}", row.tenant, row.email),
            label: row.name.clone().unwrap_or_default(),
            note: row
                .locale
                .map(|l| l.native_name().to_owned())
                .unwrap_or_default(),
            action,
        };
        plan.push(preview, step);
    }
    Ok(plan)
}

/// A checked row's action in `tenant_id`.
async fn plan_user(
    state: &AppState,
    tenant_id: TenantId,
    row: &UserRow,
) -> Result<(RowAction, Option<ImportStep>)> {
    let Some(user) = users::find_record(&state.db, tenant_id, &row.email).await? else {
        let step = ImportStep::CreateUser {
            tenant_id,
            email: row.email.clone(),
            name: row.name.clone().unwrap_or_default(),
            locale: row.locale,
        };
        return Ok((RowAction::Create, Some(step)));
    };
    let name = row
        .name
        .as_ref()
        .map(|n| n.trim().to_owned())
        .filter(|n| *n != user.name);
    let locale = row.locale.filter(|l| Some(*l) != user.locale);
    let mut fields = Vec::new();
    if name.is_some() {
        fields.push("name");
    }
    if locale.is_some() {
        fields.push("language");
    }
    if fields.is_empty() {
        return Ok((RowAction::Unchanged, None));
    }
    let step = ImportStep::UpdateUser {
        tenant_id,
        app_user_id: user.app_user_id,
        name,
        locale,
    };
    Ok((RowAction::Update(fields), Some(step)))
}
