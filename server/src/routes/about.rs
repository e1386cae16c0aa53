//! `GET /api/v1/about`: what every figure rests on, for whoever has to
//! trust or cite them: each imported file, how current its data is and
//! when it was read, and the walk model's numbers.

use crate::app::AppState;
use axum::Json;
use axum::extract::State;
use learnscape_access::{AREA_ENTRY_MARGIN_M, MAX_SNAP_M};
use serde_json::{Value, json};

pub async fn about(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "sources": state.access.provenance().sources_json(),
        "population_from": state.access.provenance().population_from(),
        "walk": {
            "speed_kmh": state.access.speed().kmh(),
            "max_access_m": MAX_SNAP_M,
            "area_entry_m": AREA_ENTRY_MARGIN_M,
        },
    }))
}
