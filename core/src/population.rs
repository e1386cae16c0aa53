//! Population units: census or postal areas, grid or H3 cells with a head
//! count (walk-model.md §4).

use crate::{Shape, SourceId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationUnit {
    /// `"{source}:{reference}"`.
    pub id: String,
    pub source: SourceId,
    pub shape: Shape,
    pub population: f64,
}
