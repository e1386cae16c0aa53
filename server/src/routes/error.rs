//! One error type for every handler, rendered as `application/problem+json`
//! (RFC 9457) with the status decided in one place.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use learnscape_core::StoreError;
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    /// A request parameter is missing or malformed; names the parameter.
    BadParameter {
        name: &'static str,
        detail: String,
    },
    NotFound(String),
    Store(StoreError),
    /// A bug or a failed task: logged, reported without detail.
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Store(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, title, detail, parameter) = match self {
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
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response()
    }
}

pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no such resource: {}", uri.path()))
}
