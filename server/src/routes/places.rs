use crate::app::{AppState, places};
use crate::geojson_out::GeoJson;
use crate::places_out::{place_feature, places_geojson};
use crate::routes::ApiError;
use crate::routes::params::Params;
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

/// `GET /api/v1/places/{id}` → one GeoJSON Feature.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<GeoJson, ApiError> {
    let id = PlaceId(id);
    if let Some(place) = state.registry.public_place(&id) {
        return Ok(GeoJson(place_feature(&place)));
    }
    let place = state.store.place(&id).await?;
    Ok(GeoJson(place_feature(&place)))
}
