//! Geometries cross the wire as WKB: EWKB (with SRID 4326) in hex for COPY,
//! plain WKB from `ST_AsBinary` on the way back.

use geo_types::Geometry;
use geozero::wkb::Wkb;
use geozero::{CoordDimensions, ToGeo, ToWkb};
use learnscape_core::{LonLat, Shape, StoreError};
use learnscape_tiles::coord::world_xy;

pub const SRID: i32 = 4326;

/// Hex EWKB, which PostGIS reads as text input for a geometry column.
pub fn to_hex_ewkb(geometry: &Geometry<f64>) -> Result<String, StoreError> {
    geometry
        .to_ewkb(CoordDimensions::xy(), Some(SRID))
        .map(hex::encode)
        .map_err(|e| StoreError::Backend(format!("cannot encode geometry as WKB: {e}")))
}

/// Hex EWKB of `geometry` projected to Web Mercator (EPSG:3857, metres).
pub fn to_hex_ewkb_3857(geometry: &Geometry<f64>) -> Result<String, StoreError> {
    use geo::MapCoords;
    const HALF: f64 = 20_037_508.342_789_244;
    let projected = geometry.map_coords(|c| {
        let (x, y) = world_xy(LonLat::new(c.x, c.y));
        geo_types::Coord {
            x: (2.0 * x - 1.0) * HALF,
            y: (1.0 - 2.0 * y) * HALF,
        }
    });
    projected
        .to_ewkb(CoordDimensions::xy(), Some(3857))
        .map(hex::encode)
        .map_err(|e| StoreError::Backend(format!("cannot encode geometry as WKB: {e}")))
}

pub fn from_wkb(bytes: &[u8]) -> Result<Geometry<f64>, StoreError> {
    Wkb(bytes)
        .to_geo()
        .map_err(|e| StoreError::Corrupt(format!("unreadable WKB geometry: {e}")))
}

pub fn shape_from_wkb(bytes: &[u8]) -> Result<Shape, StoreError> {
    match from_wkb(bytes)? {
        Geometry::Point(p) => Ok(Shape::Point(LonLat::from(p))),
        Geometry::MultiPolygon(mp) => Ok(Shape::Area(mp)),
        other => Err(StoreError::Corrupt(format!(
            "expected a Point or MultiPolygon, found {other:?}"
        ))),
    }
}
