//! Staff management (admins only): the list, and creating an account with a one-time password.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::form::{self, FormErrors};
use super::{AdminLayout, fmt};
use crate::auth::csrf::CsrfToken;
use crate::auth::staff::{self, CurrentStaff, StaffRole};
use crate::db;
use crate::db::staff::{CreateStaffError, StaffUser};
use crate::error::Result;
use crate::state::AppState;

/// The staff page: everyone, plus the "add a staff member" form.
#[derive(Template, WebTemplate)]
#[template(path = "admin/staff/list.html")]
pub struct StaffListPage {
    layout: AdminLayout,
    staff: Vec<StaffUser>,
    form: NewStaffForm,
    errors: FormErrors,
    /// Just created: the email and the password, shown this once.
    created: Option<(String, String)>,
}

/// The "add a staff member" form.
#[derive(Debug, Default, Deserialize)]
pub struct NewStaffForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    csrf_token: String,
}

/// GET /admin/staff
pub async fn list_staff(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
) -> Result<StaffListPage> {
    staff.require_admin()?;
    Ok(StaffListPage {
        layout: AdminLayout::new(&staff, &csrf, "staff"),
        staff: db::staff::list(&state.db).await?,
        form: NewStaffForm {
            role: "support".into(),
            ..Default::default()
        },
        errors: FormErrors::new(),
        created: None,
    })
}

/// POST /admin/staff — creates an account and shows its generated password once.
#[tracing::instrument(skip_all)]
pub async fn create_staff(
    State(state): State<AppState>,
    staff: CurrentStaff,
    csrf: CsrfToken,
    Form(input): Form<NewStaffForm>,
) -> Result<Response> {
    staff.require_admin()?;
    csrf.verify(&input.csrf_token)?;
    let mut errors = FormErrors::new();
    let email = form::email(&mut errors, "email", &input.email);
    let name = form::required(&mut errors, "name", "a name", &input.name, 200);
    let role = StaffRole::parse(&input.role);
    if role.is_none() {
        errors.add("role", "Choose a role");
    }
    let mut created = None;
    if let (true, Some(role)) = (errors.is_empty(), role) {
        let password = staff::generate_password();
        let hash = staff::hash_password(&password)?;
        match db::staff::create(&state.db, &email, &name, role.as_str(), &hash).await {
            Ok(user) => {
                tracing::info!(staff_user_id = %user.staff_user_id, by = %staff.staff_user_id, "staff member created");
                created = Some((user.email, password));
            }
            Err(CreateStaffError::EmailTaken) => errors.add(
                "email",
                "A staff member with this email address already exists",
            ),
            Err(CreateStaffError::Database(e)) => return Err(e.into()),
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let form = if created.is_some() {
        NewStaffForm {
            role: "support".into(),
            ..Default::default()
        }
    } else {
        input
    };
    let page = StaffListPage {
        layout: AdminLayout::new(&staff, &csrf, "staff"),
        staff: db::staff::list(&state.db).await?,
        form,
        errors,
        created,
    };
    Ok((status, page).into_response())
}
