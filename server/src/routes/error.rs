//! One error type for every handler, rendered as `application/problem+json`
//! (RFC 9457) with the status decided in one place.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use learnscape_core::StoreError;
use learnscape_core::commons::FieldError;
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    /// A request parameter is missing or malformed; names the parameter.
    BadParameter {
        name: &'static str,
        detail: String,
    },
    NotFound(String),
    /// No usable credential: missing, malformed, unknown, expired, revoked.
    Unauthorized(String),
    Forbidden(String),
    /// The body is not JSON of the expected shape.
    BadBody(String),
    /// The body is over the size limit.
    TooLarge(String),
    /// Fields that fail validation, each named.
    Invalid(Vec<FieldError>),
    /// An edit based on an older revision than the newest.
    Stale {
        based_on: u32,
        current: u32,
    },
    Conflict(String),
    TooManyRequests {
        retry_after: u64,
    },
    /// Heavy work is queued to its limit: the server, not the asker, is
    /// over its capacity.
    Busy {
        detail: String,
        retry_after: u64,
    },
    Store(StoreError),
    /// A bug or a failed task: logged, reported without detail.
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Store(e)
    }
}

impl From<crate::app::commons::Failure> for ApiError {
    fn from(f: crate::app::commons::Failure) -> Self {
        use crate::app::commons::Failure as F;
        match f {
            F::Unauthenticated(m) => ApiError::Unauthorized(m),
            F::Forbidden(m) => ApiError::Forbidden(m),
            F::Invalid(e) => ApiError::Invalid(e),
            F::Stale { based_on, current } => ApiError::Stale { based_on, current },
            F::Conflict(m) => ApiError::Conflict(m),
            F::NotFound(m) => ApiError::NotFound(m),
            F::TooMany(s) => ApiError::TooManyRequests { retry_after: s },
            F::Store(e) => ApiError::Store(e),
        }
    }
}

impl ApiError {
    /// Answers with a member beyond RFC 9457's own.
    fn extra(&self) -> Option<(&'static str, serde_json::Value)> {
        match self {
            ApiError::Invalid(errors) => Some(("errors", json!(errors))),
            ApiError::Stale { current, .. } => Some(("current_revision", json!(current))),
            _ => None,
        }
    }
}

/// What a 503 for an unreachable store suggests in `Retry-After`.
const STORE_RETRY_SECONDS: u64 = 5;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let extra = self.extra();
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after } | ApiError::Busy { retry_after, .. } => {
                Some(*retry_after)
            }
            // The pool reconnects on the next request: worth a retry soon.
            ApiError::Store(StoreError::Unavailable(_)) => Some(STORE_RETRY_SECONDS),
            _ => None,
        };
        let unauthorized = matches!(self, ApiError::Unauthorized(_));
        let (status, title, detail, parameter) = match self {
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, "Unauthorized", m, None),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, "Forbidden", m, None),
            ApiError::BadBody(m) => (StatusCode::BAD_REQUEST, "Bad request body", m, None),
            ApiError::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, "Body too large", m, None),
            ApiError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid fields",
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                None,
            ),
            ApiError::Stale { based_on, current } => (
                StatusCode::CONFLICT,
                "Edit conflict",
                format!(
                    "your edit is based on revision {based_on}, but the newest is {current}: reload, reapply your change and send it again"
                ),
                None,
            ),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, "Conflict", m, None),
            ApiError::TooManyRequests { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
                format!("slow down: try again in {retry_after} s"),
                None,
            ),
            ApiError::Busy {
                detail,
                retry_after,
            } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Busy",
                format!("{detail}: try again in {retry_after} s"),
                None,
            ),
            ApiError::BadParameter { name, detail } => (
                StatusCode::BAD_REQUEST,
                "Bad parameter",
                format!("{name}: {detail}"),
                Some(name),
            ),
            ApiError::NotFound(what) | ApiError::Store(StoreError::NotFound { what }) => {
                (StatusCode::NOT_FOUND, "Not found", what, None)
            }
            ApiError::Store(StoreError::Conflict(d)) => (StatusCode::CONFLICT, "Conflict", d, None),
            ApiError::Store(e @ StoreError::Unavailable(_)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Store unavailable",
                e.to_string(),
                None,
            ),
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error",
                    "something failed inside the server; see its log".to_string(),
                    None,
                )
            }
            ApiError::Store(e) => {
                tracing::error!(error = %e, "store failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error",
                    "the store failed; see the server log".to_string(),
                    None,
                )
            }
        };
        let mut body = json!({
            "type": "about:blank",
            "title": title,
            "status": status.as_u16(),
            "detail": detail,
        });
        if let Some(name) = parameter {
            body["parameter"] = json!(name);
        }
        if let Some((k, v)) = extra {
            body[k] = v;
        }
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response();
        if let Some(s) = retry_after
            && let Ok(v) = axum::http::HeaderValue::from_str(&s.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"learnscape\""),
            );
        }
        response
    }
}

pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no such resource: {}", uri.path()))
}
