//! How geometries are laid out in SQLite: OGC WKB.

use geo_types::Geometry;
use geozero::wkb::Wkb;
use geozero::{CoordDimensions, ToGeo, ToWkb};
use learnscape_core::{Shape, StoreError};

pub fn to_wkb(geometry: &Geometry<f64>) -> Result<Vec<u8>, StoreError> {
    geometry
        .to_wkb(CoordDimensions::xy())
        .map_err(|e| StoreError::Backend(format!("cannot encode geometry as WKB: {e}")))
}

pub fn from_wkb(bytes: &[u8]) -> Result<Geometry<f64>, StoreError> {
    Wkb(bytes)
        .to_geo()
        .map_err(|e| StoreError::Corrupt(format!("unreadable WKB geometry: {e}")))
}

pub fn shape_from_wkb(bytes: &[u8]) -> Result<Shape, StoreError> {
    Shape::from_geometry(from_wkb(bytes)?).map_err(|other| {
        StoreError::Corrupt(format!("expected a Point or MultiPolygon, found {other:?}"))
    })
}
