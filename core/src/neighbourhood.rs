//! Neighbourhoods: the areas planners compare.

use crate::SourceId;
use geo_types::MultiPolygon;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbourhood {
    /// `"{source}:{reference}"`, stable across re-imports.
    pub id: String,
    pub source: SourceId,
    pub name: String,
    pub area: MultiPolygon<f64>,
    /// Residents, when the boundary file carries a figure.
    pub population: Option<f64>,
}
