//! Middleware of the Twilio API: records every request in the request log and applies the
//! injected faults (errors, 429 with `Retry-After`, latency, dropped connections).
//!
//! As at Twilio, a request that arrived is carried out even when its client hangs up before
//! the answer (a client timeout, say): the work runs in its own task, which a dropped
//! connection does not cancel.

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::extract::basic_credentials;
use super::faults::RequestFault;
use super::request_log::LoggedRequest;
use super::state::EmulatorState;

/// Logs the request and applies the first fault rule that fires for it, in a task of its own
/// so that a client that disconnects does not cancel it half-way.
pub async fn observe(State(state): State<EmulatorState>, request: Request, next: Next) -> Response {
    match tokio::spawn(observe_to_the_end(state, request, next)).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, "emulator request handler failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn observe_to_the_end(state: EmulatorState, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let (parts, body) = request.into_parts();
    let claimed = basic_credentials(&parts).map(|(user, _)| user);
    let request = Request::from_parts(parts, body);
    let (fault, account_sid) = {
        let store = state.read();
        let account = claimed.and_then(|user| store.account_for_username(&user));
        let any_rule = !store.faults.request_rules().is_empty();
        drop(store);
        let fault = any_rule
            .then(|| state.lock().faults.for_request(&method, &path))
            .flatten();
        (fault, account)
    };
    let fault_name = fault.as_ref().map(fault_name);
    let response = match fault {
        Some(RequestFault::Status { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let code = if status == StatusCode::SERVICE_UNAVAILABLE {
                20503
            } else {
                20500
            };
            ApiError::new(status, code, "Injected fault").into_response()
        }
        Some(RequestFault::RateLimit { retry_after }) => {
            let mut response = ApiError::too_many_requests().into_response();
            if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Some(RequestFault::Latency { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        Some(RequestFault::Drop) => dropped_connection(),
        None => next.run(request).await,
    };
    let status = if fault_name == Some("drop") {
        0
    } else {
        response.status().as_u16()
    };
    state.lock().requests.push(LoggedRequest {
        method,
        path,
        query,
        account_sid,
        status,
        latency_ms: started.elapsed().as_millis() as u64,
        fault: fault_name.map(str::to_owned),
    });
    response
}

fn fault_name(fault: &RequestFault) -> &'static str {
    match fault {
        RequestFault::Status { .. } => "status",
        RequestFault::RateLimit { .. } => "rate_limit",
        RequestFault::Latency { .. } => "latency",
        RequestFault::Drop => "drop",
    }
}

/// A response whose body fails immediately: hyper aborts the connection mid-response, which the
/// client sees as a dropped connection.
fn dropped_connection() -> Response {
    let stream = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected dropped connection",
        ))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from_static("64"));
    response
}
