//! The walk model of `../shared/docs/walk-model.md`: a compact street graph,
//! snapping, where facilities are entered, shortest walks to the nearest
//! facility of each category, isochrones, and (later) the population model
//! and provision measures. Pure and synchronous: speeds and thresholds are
//! parameters, never constants.

pub mod analysis;
pub mod dijkstra;
pub mod directions;
pub mod engine;
pub mod entries;
pub mod frame;
pub mod graph;
pub mod isochrone;
pub mod measures;
pub mod population;
pub mod route;
pub mod snap;

pub use engine::{AccessEngine, AccessError, Closing, FacilityInput, FieldMark, NearestFacility};
pub use graph::{Footing, WalkGraph};
pub use route::Route;
pub use snap::{Snap, SnapIndex};

/// Walk-model.md §2: a point farther than this from every walkable segment
/// is unreachable.
pub const MAX_SNAP_M: f64 = 250.0;

/// Walk-model.md §3: an area is entered at vertices inside it or within this
/// distance of its boundary.
pub const AREA_ENTRY_MARGIN_M: f64 = 20.0;
