//! What a store holds, for `learnscape info` and the health endpoint.

use crate::{Category, DataSource, Neighbourhood, Place, PopulationUnit, WalkNetwork};
use geo::Contains;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighbourhoodSummary {
    pub name: String,
    pub population: Option<f64>,
    /// Places whose representative point lies inside, per category.
    pub places: BTreeMap<Category, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreSummary {
    pub sources: Vec<DataSource>,
    pub places_per_category: BTreeMap<Category, usize>,
    pub neighbourhoods: Vec<NeighbourhoodSummary>,
    pub population_units: usize,
    pub population_total: f64,
    pub walk_nodes: usize,
    pub walk_segments: usize,
    pub walk_length_km: f64,
    /// Every basemap row, the house numbers and postcodes kept for search
    /// included.
    pub basemap_features: usize,
}

impl StoreSummary {
    pub fn new(
        sources: Vec<DataSource>,
        places: &[Place],
        neighbourhoods: &[Neighbourhood],
        population_units: &[PopulationUnit],
        walk: &WalkNetwork,
        basemap_features: usize,
    ) -> Self {
        let mut places_per_category = BTreeMap::new();
        for place in places {
            *places_per_category.entry(place.category).or_insert(0) += 1;
        }
        let neighbourhoods = neighbourhoods
            .iter()
            .map(|n| {
                let mut counts = BTreeMap::new();
                for place in places {
                    let p: geo_types::Point<f64> = place.representative_point.into();
                    if n.area.contains(&p) {
                        *counts.entry(place.category).or_insert(0) += 1;
                    }
                }
                NeighbourhoodSummary {
                    name: n.name.clone(),
                    population: n.population,
                    places: counts,
                }
            })
            .collect();
        StoreSummary {
            sources,
            places_per_category,
            neighbourhoods,
            population_units: population_units.len(),
            // fold from +0.0: an empty f64 sum is -0.0 and would print as "-0".
            population_total: population_units.iter().fold(0.0, |t, u| t + u.population),
            walk_nodes: walk.nodes.len(),
            walk_segments: walk.segments.len(),
            walk_length_km: walk.total_length_m() / 1000.0,
            basemap_features,
        }
    }
}
