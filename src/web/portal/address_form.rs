//! "Add a new address" and "Correct this address", from an address choice of the renewal page:
//! a form with the fields Twilio requires for the country (the rule is
//! [`postal_address::required_fields`]), checked here first (a message beside each bad field,
//! everything typed kept), then created or corrected at Twilio through the engine. A new address
//! is then chosen: set as the document's `address_sids` (and the copy re-evaluated) when the
//! input edits a document, otherwise chosen on the page for the customer to save.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::Flash;
use super::renewal::load;
use super::words;
use crate::auth::csrf::CsrfToken;
use crate::auth::customer::CurrentCustomer;
use crate::db;
use crate::domain::ids::RenewalId;
use crate::domain::postal_address::{
    self, AddressField, AddressProblem, PostalAddress, required_fields,
};
use crate::domain::sid::AddressSid;
use crate::error::{AppError, Result};
use crate::i18n::Tr;
use crate::lifecycle::{Actor, Change, EngineError};
use crate::routes;
use crate::state::AppState;
use crate::twilio::TwilioError;
use crate::web::chrome::Chrome;

/// One input of the address form.
#[derive(Debug, Clone)]
pub struct AddressInput {
    /// The form key (`street`, …).
    pub name: &'static str,
    /// Its label.
    pub label: String,
    /// A hint, if any.
    pub hint: Option<String>,
    /// What it shows.
    pub value: String,
    /// Why it was refused.
    pub error: Option<String>,
    /// Whether it must be filled in.
    pub required: bool,
    /// Longest value accepted.
    pub max_len: usize,
    /// Shown but not editable (the country of an address being corrected).
    pub read_only: bool,
    /// The `autocomplete` token.
    pub autocomplete: &'static str,
}

/// The address form page.
#[derive(Template, WebTemplate)]
#[template(path = "portal/address_form.html")]
pub struct AddressFormPage {
    c: Chrome,
    csrf_token: String,
    title: String,
    action: String,
    back_href: String,
    field: String,
    inputs: Vec<AddressInput>,
    form_error: Option<String>,
    correcting: bool,
}

/// `?field=` of the address links: the renewal form input the address is for.
#[derive(Debug, Deserialize)]
pub struct FieldQuery {
    #[serde(default)]
    field: String,
}

/// `GET /renewals/{id}/addresses/new`
pub async fn new_address(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    c: Chrome,
    Path(id): Path<RenewalId>,
    Query(query): Query<FieldQuery>,
) -> Result<Response> {
    let row = load(&state, &customer, id).await?;
    if !row.state.customer_may_edit() {
        return Ok(Redirect::to(&routes::renewal_status(id)).into_response());
    }
    let postal = PostalAddress {
        iso_country: row.iso_country.clone().unwrap_or_default(),
        ..PostalAddress::default()
    };
    Ok(page(c, id, None, &query.field, &postal, &BTreeMap::new()).into_response())
}

/// `GET /renewals/{id}/addresses/{sid}`: another tenant's address is 404.
pub async fn edit_address(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    c: Chrome,
    Path((id, sid)): Path<(RenewalId, String)>,
    Query(query): Query<FieldQuery>,
) -> Result<Response> {
    let row = load(&state, &customer, id).await?;
    if !row.state.customer_may_edit() {
        return Ok(Redirect::to(&routes::renewal_status(id)).into_response());
    }
    let address = db::addresses::find(&state.db, customer.tenant_id, &sid)
        .await?
        .ok_or(AppError::NotFound)?;
    let postal = address.postal();
    Ok(page(c, id, Some(&sid), &query.field, &postal, &BTreeMap::new()).into_response())
}

/// `POST /renewals/{id}/addresses/new`
pub async fn create_address(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    csrf: CsrfToken,
    c: Chrome,
    session: Session,
    Path(id): Path<RenewalId>,
    Form(posted): Form<HashMap<String, String>>,
) -> Result<Response> {
    csrf.verify(
        posted
            .get(crate::auth::csrf::FIELD)
            .map_or("", String::as_str),
    )?;
    let field = posted.get("field").cloned().unwrap_or_default();
    let typed = typed_address(&posted, None);
    let postal = match typed.checked() {
        Ok(postal) => postal,
        Err(problems) => return Ok(refused(c, id, None, &field, &typed, &problems)),
    };
    let actor = actor(&customer);
    let engine = &state.engine;
    let created = engine
        .add_address(customer.tenant_id, id, &postal, &actor)
        .await;
    let address = match created {
        Ok(address) => address,
        Err(error) => return twilio_refused(c, id, None, &field, &typed, error),
    };
    choose(&state, &customer, &session, id, &field, &address.sid).await
}

/// `POST /renewals/{id}/addresses/{sid}`: the country stays as it is.
pub async fn update_address(
    State(state): State<AppState>,
    customer: CurrentCustomer,
    csrf: CsrfToken,
    c: Chrome,
    session: Session,
    Path((id, sid)): Path<(RenewalId, String)>,
    Form(posted): Form<HashMap<String, String>>,
) -> Result<Response> {
    csrf.verify(
        posted
            .get(crate::auth::csrf::FIELD)
            .map_or("", String::as_str),
    )?;
    let stored = db::addresses::find(&state.db, customer.tenant_id, &sid)
        .await?
        .ok_or(AppError::NotFound)?;
    let field = posted.get("field").cloned().unwrap_or_default();
    let typed = typed_address(&posted, Some(&stored.iso_country));
    let postal = match typed.checked() {
        Ok(postal) => postal,
        Err(problems) => return Ok(refused(c, id, Some(&sid), &field, &typed, &problems)),
    };
    let address_sid = AddressSid::from_trusted(stored.sid.clone());
    let corrected = state
        .engine
        .correct_address(
            customer.tenant_id,
            id,
            &address_sid,
            &postal,
            &actor(&customer),
        )
        .await;
    if let Err(error) = corrected {
        return twilio_refused(c, id, Some(&sid), &field, &typed, error);
    }
    Flash::ok("address-saved-edit").set(&session).await;
    Ok(Redirect::to(&back_to(id, &field)).into_response())
}

fn actor(customer: &CurrentCustomer) -> Actor {
    Actor::Customer {
        email: customer.email.clone(),
    }
}

/// The address as typed; `country` replaces the posted one (a correction keeps its country).
fn typed_address(posted: &HashMap<String, String>, country: Option<&str>) -> PostalAddress {
    let mut postal = PostalAddress::default();
    for field in AddressField::ALL {
        postal.set(field, posted.get(field.key()).cloned().unwrap_or_default());
    }
    if let Some(country) = country {
        postal.iso_country = country.to_owned();
    }
    postal
}

/// After a new address is on file: sets it as the document's `address_sids` when `field`
/// edits a document of the copy (re-evaluated, on the timeline), else chooses it on the page.
async fn choose(
    state: &AppState,
    customer: &CurrentCustomer,
    session: &Session,
    id: RenewalId,
    field: &str,
    sid: &str,
) -> Result<Response> {
    let document_sid = field
        .strip_prefix("doc.")
        .and_then(|rest| rest.strip_suffix(".address_sids"));
    let Some(document_sid) = document_sid else {
        Flash::ok("address-saved-new-choose").set(session).await;
        let to = format!("{}?{}", routes::renewal(id), chosen_query(field, sid));
        return Ok(Redirect::to(&to).into_response());
    };
    let change = Change::SetDocumentFields {
        document_sid: document_sid.to_owned(),
        fields: BTreeMap::from([("address_sids".to_owned(), sid.to_owned())]),
    };
    let applied = state
        .engine
        .apply_changes(customer.tenant_id, id, vec![change], &actor(customer))
        .await;
    match applied {
        Ok(_) => Flash::ok("address-saved-new").set(session).await,
        Err(error) => {
            // The address is on file: the customer can still choose it on the page.
            tracing::warn!(error.message = %error, "choosing a new address failed");
            Flash::ok("address-saved-new-choose").set(session).await;
        }
    }
    Ok(Redirect::to(&back_to(id, field)).into_response())
}

fn chosen_query(field: &str, sid: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("field", field)
        .append_pair("address", sid)
        .finish()
}

/// The renewal page, at the address choice.
fn back_to(id: RenewalId, field: &str) -> String {
    let plain = field
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-' | ':'));
    if field.is_empty() || !plain {
        return routes::renewal(id);
    }
    format!(
        "{}#f-{}",
        routes::renewal(id),
        field.replace(['.', ':'], "-")
    )
}

/// The form again with a message beside each refused field (422).
fn refused(
    c: Chrome,
    id: RenewalId,
    sid: Option<&str>,
    field: &str,
    typed: &PostalAddress,
    problems: &BTreeMap<AddressField, AddressProblem>,
) -> Response {
    let messages = problems
        .iter()
        .map(|(f, problem)| (*f, explain(&c.tr, *f, *problem, &typed.iso_country)))
        .collect();
    let page = page(c, id, sid, field, typed, &messages);
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// The form again with Twilio's refusal in plain words; a missing renewal stays a 404.
fn twilio_refused(
    c: Chrome,
    id: RenewalId,
    sid: Option<&str>,
    field: &str,
    typed: &PostalAddress,
    error: EngineError,
) -> Result<Response> {
    let (status, message) = match &error {
        EngineError::NotFound if sid.is_none() => return Err(AppError::NotFound),
        EngineError::NotEditable(_) => {
            return Ok(Redirect::to(&routes::renewal_status(id)).into_response());
        }
        EngineError::NotFound => (StatusCode::NOT_FOUND, "address-twilio-not-found"),
        EngineError::Twilio(twilio) => (StatusCode::BAD_GATEWAY, twilio_message(twilio)),
        _ => (StatusCode::BAD_GATEWAY, "address-twilio-failed"),
    };
    tracing::warn!(error.message = %error, "an address change failed");
    let mut page = page(c, id, sid, field, typed, &BTreeMap::new());
    page.form_error = Some(page.c.t(message));
    Ok((status, page).into_response())
}

/// The message id that explains Twilio's refusal of an address, with what to do.
pub fn twilio_message(error: &TwilioError) -> &'static str {
    words::address_refusal(error.code())
}

/// A field problem in the customer's words.
fn explain(tr: &Tr, field: AddressField, problem: AddressProblem, country: &str) -> String {
    let label = tr.t(&format!("address-field-{}", field.key().replace('_', "-")));
    match problem {
        AddressProblem::Required => tr.t1("address-error-required", "label", label),
        AddressProblem::TooLong(max) => tr.t2("address-error-too-long", "label", label, "max", max),
        AddressProblem::ControlCharacter => tr.t("field-error-control-character"),
        AddressProblem::Country => tr.t("address-error-country"),
        AddressProblem::PostalCode(example) => tr.t2(
            "address-error-postal-code",
            "country",
            country,
            "example",
            example,
        ),
    }
}

fn page(
    c: Chrome,
    id: RenewalId,
    sid: Option<&str>,
    field: &str,
    postal: &PostalAddress,
    errors: &BTreeMap<AddressField, String>,
) -> AddressFormPage {
    let required = required_fields(&postal.iso_country);
    let inputs = AddressField::ALL
        .into_iter()
        .map(|f| AddressInput {
            name: f.key(),
            label: c.t(&format!("address-field-{}", f.key().replace('_', "-"))),
            hint: match f {
                AddressField::IsoCountry if sid.is_some() => Some(c.t("address-country-fixed")),
                AddressField::IsoCountry => Some(c.t("address-field-iso-country-hint")),
                AddressField::PostalCode => postal_address::postal_code_format(&postal.iso_country)
                    .map(|format| c.t1("address-postal-code-hint", "example", format.example)),
                _ => None,
            },
            value: postal.get(f).to_owned(),
            error: errors.get(&f).cloned(),
            required: required.contains(&f),
            max_len: f.max_len(),
            read_only: f == AddressField::IsoCountry && sid.is_some(),
            autocomplete: autocomplete(f),
        })
        .collect();
    let (title, action) = match sid {
        Some(sid) => (
            c.t("address-form-title-edit"),
            routes::renewal_address(id, sid, field),
        ),
        None => (
            c.t("address-form-title-new"),
            routes::renewal_address_new(id, field),
        ),
    };
    AddressFormPage {
        csrf_token: c
            .nav
            .as_ref()
            .map(|nav| nav.csrf_token.clone())
            .unwrap_or_default(),
        title,
        action,
        back_href: back_to(id, field),
        field: field.to_owned(),
        inputs,
        form_error: None,
        correcting: sid.is_some(),
        c,
    }
}

fn autocomplete(field: AddressField) -> &'static str {
    match field {
        AddressField::CustomerName => "organization",
        AddressField::Street => "address-line1",
        AddressField::StreetSecondary => "address-line2",
        AddressField::City => "address-level2",
        AddressField::Region => "address-level1",
        AddressField::PostalCode => "postal-code",
        AddressField::IsoCountry => "country",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::twilio_codes;

    #[test]
    fn twilios_address_codes_get_their_own_explanation() {
        let api = |code| TwilioError::Api {
            status: 400,
            code: Some(code),
            message: String::new(),
            more_info: None,
        };
        assert_eq!(
            twilio_message(&api(twilio_codes::ADDRESS_INVALID)),
            "address-twilio-invalid"
        );
        assert_eq!(
            twilio_message(&api(twilio_codes::ADDRESS_NOT_LOCAL)),
            "address-twilio-not-local"
        );
        assert_eq!(
            twilio_message(&api(twilio_codes::ADDRESS_MISMATCH)),
            "address-twilio-mismatch"
        );
        assert_eq!(
            twilio_message(&TwilioError::Timeout),
            "address-twilio-failed"
        );
    }
}
