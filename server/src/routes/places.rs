use crate::app::{AppState, places};
use crate::places_out::{place_feature, places_geojson};
use crate::routes::ApiError;
use axum::Json;
use axum::extract::{Path, Query, State};
use learnscape_core::{Bbox, Category, PlaceFilter, PlaceId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct PlaceQuery {
    /// Comma-separated categories.
    category: Option<String>,
    /// west,south,east,north
    bbox: Option<String>,
    name: Option<String>,
}

impl PlaceQuery {
    fn to_filter(&self) -> Result<PlaceFilter, ApiError> {
        let categories = match &self.category {
            Some(list) => list
                .split(',')
                .map(|c| c.trim().parse::<Category>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ApiError::BadParameter {
                    name: "category",
                    detail: e.to_string(),
                })?,
            None => Vec::new(),
        };
        let bbox = self
            .bbox
            .as_deref()
            .map(Bbox::parse)
            .transpose()
            .map_err(|detail| ApiError::BadParameter {
                name: "bbox",
                detail,
            })?;
        Ok(PlaceFilter {
            categories,
            bbox,
            name_contains: self.name.clone().filter(|n| !n.is_empty()),
            source: None,
        })
    }
}

/// `GET /api/v1/places?category&bbox&name` → a GeoJSON FeatureCollection.
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<PlaceQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = query.to_filter()?;
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
    Ok(Json(places_geojson(&list.places, &list.attributions)))
}

/// `GET /api/v1/places/{id}` → one GeoJSON Feature.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = PlaceId(id);
    if let Some(place) = state.registry.public_place(&id) {
        return Ok(Json(place_feature(&place)));
    }
    let place = state.store.place(&id).await?;
    Ok(Json(place_feature(&place)))
}
