use crate::app::{AppState, places};
use crate::geojson_out::GeoJson;
use crate::places_out::{open_json, place_feature, places_geojson};
use crate::routes::ApiError;
use crate::routes::params::{self, Params};
use axum::extract::{Path, Query, State};
use learnscape_core::{Bbox, Category, PlaceFilter, PlaceId};

/// The places filter from `?category&bbox&name`; an empty value is no filter.
fn filter(q: &Params) -> Result<PlaceFilter, ApiError> {
    let value = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let categories = match value("category") {
        Some(list) => list
            .split(',')
            .filter(|c| !c.trim().is_empty())
            .map(|c| c.trim().parse::<Category>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ApiError::BadParameter {
                name: "category",
                detail: e.to_string(),
            })?,
        None => Vec::new(),
    };
    let bbox = value("bbox")
        .map(Bbox::parse)
        .transpose()
        .map_err(|detail| ApiError::BadParameter {
            name: "bbox",
            detail,
        })?;
    Ok(PlaceFilter {
        categories,
        bbox,
        name_contains: value("name").map(str::to_string),
        source: None,
    })
}

/// `GET /api/v1/places?category&bbox&name` → a GeoJSON FeatureCollection.
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<Params>,
) -> Result<GeoJson, ApiError> {
    let filter = filter(&query)?;
    let mut list = places::list(state.store.as_ref(), &filter).await?;
    // Approved commons resources are places too.
    let commons = state.registry.public_places(&filter);
    if !commons.is_empty() {
        list.attributions.add(
            learnscape_core::SourceId(learnscape_core::commons::ResourceId::SOURCE.into()),
            crate::app::commons::view::ATTRIBUTION,
        );
        list.places.extend(commons);
        list.places.sort_by(|a, b| a.id.cmp(&b.id));
    }
    Ok(GeoJson(places_geojson(&list.places, &list.attributions)))
}

/// `GET /api/v1/places/{id}[?at]` → one GeoJSON Feature; with `at` (`now`
/// or a local time there), whether it is open then.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<GeoJson, ApiError> {
    let at = params::when(&q)?;
    let id = PlaceId(id);
    let place = match state.registry.public_place(&id) {
        Some(place) => place,
        None => state.store.place(&id).await?,
    };
    let mut feature = place_feature(&place);
    if let Some(at) = at {
        feature["properties"]["open"] = open_json(place.hours().as_ref(), at);
    }
    Ok(GeoJson(feature))
}

/// The longest search text answered.
const MAX_SEARCH_CHARS: usize = 200;

/// `GET /api/v1/search?q&limit&lon&lat`: localities, streets, addresses
/// and learning spaces by name (or kind), those near `lon`, `lat` first
/// among equals.
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let text = q.get("q").map(|s| s.trim()).unwrap_or_default();
    if text.chars().count() < 2 {
        return Err(ApiError::BadParameter {
            name: "q",
            detail: "needs at least two characters".into(),
        });
    }
    // No name or address is longer; a longer text only costs time.
    if text.chars().count() > MAX_SEARCH_CHARS {
        return Err(ApiError::BadParameter {
            name: "q",
            detail: format!("is longer than {MAX_SEARCH_CHARS} characters"),
        });
    }
    let limit =
        crate::routes::params::optional_number(&q, "limit", 1.0, 50.0)?.map_or(10, |l| l as usize);
    let near = crate::routes::params::optional_lonlat(&q)?;
    let found = crate::app::search::search(&state, text, limit, near).await?;
    let results: Vec<serde_json::Value> = (found.hits.iter())
        .map(|h| {
            let mut hit = serde_json::json!({
                "kind": h.kind,
                "name": h.name,
                "class": h.class,
                "category": h.category.map(|c| c.as_str()),
                "id": h.id,
                "position": [crate::geojson_out::round(h.position.lon), crate::geojson_out::round(h.position.lat)],
            });
            if let Some(street) = &h.near_street {
                hit["near_street"] = serde_json::json!(street);
            }
            if let Some(locality) = &h.locality {
                hit["locality"] = serde_json::json!(locality);
            }
            if let Some(on_map) = &h.name_on_map {
                hit["name_on_map"] = serde_json::json!(on_map);
            }
            hit
        })
        .collect();
    let mut answer = serde_json::json!({ "results": results });
    if let Some(corrected) = found.corrected {
        answer["corrected"] = serde_json::json!(corrected);
    }
    Ok(axum::Json(answer))
}

/// `GET /api/v1/search/reverse?lon&lat`: where the point is, in words
/// (see [`crate::app::search::Whereabouts`]).
pub async fn reverse(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let at = params::lonlat(&q)?;
    let round = crate::geojson_out::round;
    let result = state.gazetteer.whereabouts(at).map(|w| {
        let mut found = serde_json::json!({
            "kind": w.kind,
            "name": w.name,
            "position": [round(w.position.lon), round(w.position.lat)],
            "distance_m": w.distance_m.round(),
        });
        if let Some(locality) = w.locality {
            found["locality"] = serde_json::json!(locality);
        }
        found
    });
    Ok(axum::Json(serde_json::json!({ "result": result })))
}
