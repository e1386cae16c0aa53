//! `GET /api/v1/about`: what every figure rests on, for whoever has to
//! trust or cite them: each imported file, how current its data is and
//! when it was read, and the walk model's numbers.

use crate::app::AppState;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, SecondsFormat, Utc};
use learnscape_access::{AREA_ENTRY_MARGIN_M, MAX_SNAP_M};
use serde_json::{Value, json};

fn stamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub async fn about(State(state): State<AppState>) -> Json<Value> {
    let sources: Vec<Value> = state
        .sources
        .iter()
        .map(|s| {
            json!({
                "id": s.id.0,
                "kind": s.kind.as_str(),
                "file": s.file_name(),
                "sha256": s.sha256,
                "data_as_of": s.data_as_of.as_ref().map(stamp),
                "imported_at": stamp(&s.imported_at),
                "attribution": s.attribution,
            })
        })
        .collect();
    Json(json!({
        "sources": sources,
        "walk": {
            "speed_kmh": state.access.speed().kmh(),
            "max_access_m": MAX_SNAP_M,
            "area_entry_m": AREA_ENTRY_MARGIN_M,
        },
    }))
}
