//! The HTTP API. Handlers extract and validate, call one application
//! service and render; the domain work lives below.

mod access;
mod error;
mod health;
mod params;
mod places;

pub use error::ApiError;

use crate::app::AppState;
use axum::Router;
use axum::routing::get;

/// The whole router, built from state so tests can drive it in-process or
/// over a real socket.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/api/v1/places", get(places::list))
        .route("/api/v1/places/{id}", get(places::one))
        .route("/api/v1/access/nearest", get(access::nearest))
        .route("/api/v1/access/isochrone", get(access::isochrone))
        .route("/api/v1/neighbourhoods", get(access::neighbourhoods))
        .route("/api/v1/gaps", get(access::gaps))
        .fallback(error::not_found)
        .with_state(state)
}
