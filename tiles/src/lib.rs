//! Tiles: XYZ tile maths in Web Mercator, per-zoom generalisation and
//! Mapbox Vector Tile 2.1 encoding. No I/O: features go in, bytes come out.

mod clip;
pub mod coord;
pub mod encode;
pub mod generalise;
pub mod minzoom;
pub mod tilejson;

pub use coord::{TileCoord, TileError};
pub use encode::{Space, TileFeature, TileLayer, Value, encode_tile, to_world};
pub use minzoom::basemap_minzoom;

/// Tile extent in MVT units.
pub const EXTENT: u32 = 4096;
/// Geometry is kept up to this far outside the tile, so lines and polygon
/// edges join seamlessly across tiles.
pub const BUFFER: u32 = 64;
/// From this zoom a place that is an area is drawn as its outline, with
/// its representative point beside it marked `label_point`: one point per
/// area, so its name is placed once however many tiles the outline spans.
pub const PLACE_AREAS_FROM_ZOOM: u8 = 14;
