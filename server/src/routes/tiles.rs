//! `GET /tiles/{layer}/{z}/{x}/{y}.mvt` and `GET /tiles/{layer}.json`.

use crate::app::AppState;
use crate::app::table_tiles::{self, TileFailure};
use crate::app::tiles::LayerName;
use crate::routes::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use learnscape_tiles::TileCoord;

const CACHE_CONTROL: &str = "public, max-age=300";

fn layer(name: &str) -> Result<LayerName, ApiError> {
    LayerName::parse(name).ok_or_else(|| {
        ApiError::NotFound(format!(
            "no tile layer {name:?}; the layers are {}",
            LayerName::names()
        ))
    })
}

fn number(name: &'static str, text: &str) -> Result<u32, ApiError> {
    text.parse().map_err(|_| ApiError::BadParameter {
        name,
        detail: format!("{text:?} is not a tile number"),
    })
}

/// `GET /tiles/{layer}.json`: TileJSON 3.0.0.
pub async fn tilejson(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let name = file
        .strip_suffix(".json")
        .ok_or_else(|| ApiError::NotFound(format!("no such resource: /tiles/{file}")))?;
    let layer = layer(name)?;
    let text = |name: &str| headers.get(name).and_then(|h| h.to_str().ok());
    let host = text(header::HOST.as_str()).unwrap_or("localhost");
    // Behind a TLS-terminating proxy the client's scheme is not ours.
    let scheme = text("x-forwarded-proto").unwrap_or("http");
    Ok(Json(
        state.tiles.tilejson(layer, &format!("{scheme}://{host}")),
    ))
}

/// `GET /tiles/{layer}/{z}/{x}/{y}.mvt`
pub async fn tile(
    State(state): State<AppState>,
    Path((name, z, x, y)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let layer = layer(&name)?;
    let y = y.strip_suffix(".mvt").unwrap_or(&y);
    let coord =
        TileCoord::new(number("z", &z)?, number("x", &x)?, number("y", y)?).map_err(|e| {
            ApiError::BadParameter {
                name: "z/x/y",
                detail: e.to_string(),
            }
        })?;
    let tile = table_tiles::tile(&state, layer, coord)
        .await
        .map_err(|e| match e {
            TileFailure::Store(e) => ApiError::Store(e),
            TileFailure::Encode(e) => ApiError::Internal(e),
        })?;
    let etag = HeaderValue::from_str(&tile.etag).map_err(|e| ApiError::Internal(e.to_string()))?;
    let cache = HeaderValue::from_static(CACHE_CONTROL);
    if headers.get(header::IF_NONE_MATCH) == Some(&etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    if tile.raw.is_empty() {
        return Ok((
            StatusCode::NO_CONTENT,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    let content_type = HeaderValue::from_static("application/vnd.mapbox-vector-tile");
    let vary = HeaderValue::from_static("accept-encoding");
    if gzip {
        Ok((
            [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
                (header::ETAG, etag),
                (header::CACHE_CONTROL, cache),
                (header::VARY, vary),
            ],
            tile.gzip.clone(),
        )
            .into_response())
    } else {
        Ok((
            [
                (header::CONTENT_TYPE, content_type),
                (header::ETAG, etag),
                (header::CACHE_CONTROL, cache),
                (header::VARY, vary),
            ],
            tile.raw.clone(),
        )
            .into_response())
    }
}
