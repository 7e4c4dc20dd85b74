//! Request body limits per route, applied before any extractor reads or parses a byte: a few
//! KB for the webhook and the sign-in forms, a small limit for every other form, room for one
//! image on the brand logo upload, and the upload limit only on the renewal save route (which
//! sets it itself and answers an oversize upload with its "files too large" page).
//!
//! A declared `Content-Length` over the limit is refused at once; a body without one is cut
//! off at the limit while it is read (extractors then answer 413).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::Limited;

use crate::error::ErrorPage;
use crate::routes::{
    ADMIN_BRAND_LOGO, ADMIN_IMPORT_TENANTS, ADMIN_IMPORT_USERS, ADMIN_LOGIN, API_PREFIX,
    BUNDLE_STATUS_WEBHOOK as BUNDLE_STATUS_PATH, LOGIN, RENEWALS,
};
use crate::web::request_id;

/// Twilio's status callbacks are a handful of short form fields.
pub const WEBHOOK_LIMIT: usize = 8 * 1024;
/// An email address, a password and a CSRF token.
pub const SIGN_IN_LIMIT: usize = 8 * 1024;
/// Any other form (admin forms, renewal submit, sign-out).
pub const FORM_LIMIT: usize = 64 * 1024;

/// The brand logo upload: a logo of at most 512 KiB, with room to spare so that a somewhat
/// larger file reaches the form and is refused beside its field.
pub const LOGO_UPLOAD_LIMIT: usize = 1024 * 1024;

/// A bulk import upload: a CSV file of at most 2 MiB, with the same room to spare.
pub const IMPORT_UPLOAD_LIMIT: usize = 4 * 1024 * 1024;

/// What bounds the body of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyLimit {
    /// At most this many bytes.
    Bytes(usize),
    /// The route sets its own (larger) limit and renders its own page when it is exceeded.
    Route,
}

/// The limit for a request to `path` with `method`.
pub fn limit_for(method: &Method, path: &str) -> BodyLimit {
    if path == BUNDLE_STATUS_PATH {
        return BodyLimit::Bytes(WEBHOOK_LIMIT);
    }
    if path == LOGIN || path == ADMIN_LOGIN {
        return BodyLimit::Bytes(SIGN_IN_LIMIT);
    }
    if method == Method::POST && path == ADMIN_BRAND_LOGO {
        return BodyLimit::Bytes(LOGO_UPLOAD_LIMIT);
    }
    if method == Method::POST && (path == ADMIN_IMPORT_TENANTS || path == ADMIN_IMPORT_USERS) {
        return BodyLimit::Bytes(IMPORT_UPLOAD_LIMIT);
    }
    if method == Method::POST && is_renewal_save(path) {
        return BodyLimit::Route;
    }
    BodyLimit::Bytes(FORM_LIMIT)
}

/// `/renewals/{id}` exactly: the multipart form with the documents.
fn is_renewal_save(path: &str) -> bool {
    path.strip_prefix(RENEWALS)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// Middleware enforcing [`limit_for`].
pub async fn enforce(request: Request, next: Next) -> Response {
    let BodyLimit::Bytes(limit) = limit_for(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        if request.uri().path().starts_with(API_PREFIX) {
            return crate::web::api::problem::too_large(limit);
        }
        return too_large(limit);
    }
    let request = request.map(|body| Body::new(Limited::new(body, limit)));
    next.run(request).await
}

fn too_large(limit: usize) -> Response {
    let mut response = ErrorPage {
        status: StatusCode::PAYLOAD_TOO_LARGE.as_u16(),
        title: "The request is too large".to_owned(),
        message: format!(
            "This form accepts at most {} KB. Go back, shorten what you entered and try again.",
            limit / 1024
        ),
        request_id: request_id::current(),
    }
    .into_response_with(StatusCode::PAYLOAD_TOO_LARGE);
    // The body was not read: the connection cannot carry another request.
    response.headers_mut().insert(
        header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_uploads_take_a_csv_file_and_nothing_else_does() {
        for path in [ADMIN_IMPORT_TENANTS, ADMIN_IMPORT_USERS] {
            assert_eq!(
                limit_for(&Method::POST, path),
                BodyLimit::Bytes(IMPORT_UPLOAD_LIMIT)
            );
        }
        assert_eq!(
            limit_for(&Method::POST, "/admin/import/abc/confirm"),
            BodyLimit::Bytes(FORM_LIMIT)
        );
    }

    #[test]
    fn only_the_renewal_save_route_takes_uploads() {
        assert_eq!(limit_for(&Method::POST, "/renewals/abc"), BodyLimit::Route);
        assert_eq!(
            limit_for(&Method::POST, "/renewals/abc/submit"),
            BodyLimit::Bytes(FORM_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/renewals/"),
            BodyLimit::Bytes(FORM_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/admin/tenants"),
            BodyLimit::Bytes(FORM_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/admin/brand/logo"),
            BodyLimit::Bytes(LOGO_UPLOAD_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/admin/brand"),
            BodyLimit::Bytes(FORM_LIMIT)
        );
    }

    #[test]
    fn the_webhook_and_sign_in_forms_get_a_few_kilobytes() {
        assert_eq!(
            limit_for(&Method::POST, BUNDLE_STATUS_PATH),
            BodyLimit::Bytes(WEBHOOK_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/login"),
            BodyLimit::Bytes(SIGN_IN_LIMIT)
        );
        assert_eq!(
            limit_for(&Method::POST, "/admin/login"),
            BodyLimit::Bytes(SIGN_IN_LIMIT)
        );
    }
}
