//! The HTTP API. Handlers extract and validate, call one application
//! service and render; the domain work lives below.

mod access;
mod client;
mod error;
mod health;
mod params;
mod places;
mod tiles;

pub use error::ApiError;

use crate::app::AppState;
use axum::Router;
use axum::routing::get;

/// The OpenAPI document describing every route below.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Every route, for the check that the OpenAPI document lists them all.
pub const ROUTES: &[&str] = &[
    "/health",
    "/api/openapi.json",
    "/api/v1/places",
    "/api/v1/places/{id}",
    "/api/v1/access/nearest",
    "/api/v1/access/isochrone",
    "/api/v1/neighbourhoods",
    "/api/v1/gaps",
    "/tiles/{file}",
    "/tiles/{layer}/{z}/{x}/{y}",
];

async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
}

/// The whole router, built from state so tests can drive it in-process or
/// over a real socket.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/places", get(places::list))
        .route("/api/v1/places/{id}", get(places::one))
        .route("/api/v1/access/nearest", get(access::nearest))
        .route("/api/v1/access/isochrone", get(access::isochrone))
        .route("/api/v1/neighbourhoods", get(access::neighbourhoods))
        .route("/api/v1/gaps", get(access::gaps))
        .route("/tiles/{file}", get(tiles::tilejson))
        .route("/tiles/{layer}/{z}/{x}/{y}", get(tiles::tile))
        .route("/", get(client::index))
        .fallback(client::fallback)
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_lists_every_route_and_nothing_else() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().expect("paths");
        let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
        let mut routed = ROUTES.to_vec();
        documented.sort_unstable();
        routed.sort_unstable();
        assert_eq!(documented, routed);
        let categories = doc["components"]["schemas"]["Category"]["enum"]
            .as_array()
            .expect("categories");
        let names: Vec<&str> = learnscape_core::Category::ALL
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(categories.len(), names.len());
        assert!(
            categories
                .iter()
                .all(|c| names.contains(&c.as_str().unwrap_or("")))
        );
    }
}
