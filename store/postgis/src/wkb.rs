//! Geometries cross the wire as WKB: EWKB (with SRID 4326) in hex for COPY,
//! plain WKB from `ST_AsBinary` on the way back.

use geo_types::Geometry;
use geozero::wkb::Wkb;
use geozero::{CoordDimensions, ToGeo, ToWkb};
use learnscape_core::{LonLat, Shape, StoreError};

pub const SRID: i32 = 4326;

/// Hex EWKB, which PostGIS reads as text input for a geometry column.
pub fn to_hex_ewkb(geometry: &Geometry<f64>) -> Result<String, StoreError> {
    geometry
        .to_ewkb(CoordDimensions::xy(), Some(SRID))
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
