use crate::app::AppState;
use crate::routes::ApiError;
use axum::Json;
use axum::extract::State;
use learnscape_core::PlaceFilter;
use serde_json::{Value, json};

/// Liveness plus what is loaded, so an operator sees at a glance that the
/// import took.
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let sources = state.store.sources().await?;
    let places = state.store.places(&PlaceFilter::default()).await?.len();
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "sources": sources.iter().map(|s| &s.id.0).collect::<Vec<_>>(),
        "places": places,
    })))
}
