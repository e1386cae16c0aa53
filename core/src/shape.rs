//! The geometry of a place or population unit: a point or an area.

use crate::LonLat;
use geo::{Area, InteriorPoint};
use geo_types::{MultiPolygon, Point, Polygon};
use serde::{Deserialize, Serialize};

/// An outline whose edges cross (a figure of eight: corners taken out of
/// order) has no agreed inside: what lies in it depends on the tool asked.
/// A corner given twice in a row is a slip, not a crossing.
pub fn crosses_itself(polygon: &Polygon<f64>) -> bool {
    use geo::algorithm::validation::InvalidPolygon;
    use geo::{RemoveRepeatedPoints, Validation};
    polygon
        .remove_repeated_points()
        .validation_errors()
        .iter()
        .any(|e| matches!(e, InvalidPolygon::SelfIntersection(_)))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Shape {
    Point(LonLat),
    /// Outer and inner rings assembled, in WGS84.
    Area(MultiPolygon<f64>),
}

impl Shape {
    /// A point guaranteed to lie on the shape (inside an area, never in a
    /// hole), for labels, lists and snapping an area with no entry vertex.
    pub fn representative_point(&self) -> Option<LonLat> {
        match self {
            Shape::Point(p) => Some(*p),
            Shape::Area(mp) => mp.interior_point().map(LonLat::from),
        }
    }

    pub fn is_area(&self) -> bool {
        matches!(self, Shape::Area(_))
    }

    /// An area with an outline that crosses itself (see [`crosses_itself`]).
    pub fn crosses_itself(&self) -> bool {
        match self {
            Shape::Point(_) => false,
            Shape::Area(mp) => mp.0.iter().any(crosses_itself),
        }
    }

    /// The inverse of [`Shape::to_geometry`], for stores reading a shape
    /// back; any other geometry is handed back as the error.
    pub fn from_geometry(
        geometry: geo_types::Geometry<f64>,
    ) -> Result<Self, geo_types::Geometry<f64>> {
        match geometry {
            geo_types::Geometry::Point(p) => Ok(Shape::Point(LonLat::from(p))),
            geo_types::Geometry::MultiPolygon(mp) => Ok(Shape::Area(mp)),
            other => Err(other),
        }
    }

    pub fn to_geometry(&self) -> geo_types::Geometry<f64> {
        match self {
            Shape::Point(p) => geo_types::Geometry::Point(Point::from(*p)),
            Shape::Area(mp) => geo_types::Geometry::MultiPolygon(mp.clone()),
        }
    }

    pub fn bbox(&self) -> Option<crate::Bbox> {
        match self {
            Shape::Point(p) => Some(crate::Bbox::new(p.lon, p.lat, p.lon, p.lat)),
            Shape::Area(mp) => crate::Bbox::of(mp),
        }
    }

    /// Area in square degrees; only for "is it degenerate" checks.
    pub fn is_degenerate(&self) -> bool {
        match self {
            Shape::Point(p) => !p.is_valid(),
            Shape::Area(mp) => mp.unsigned_area() == 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{Geometry, LineString, Polygon};

    #[test]
    fn a_shape_reads_back_from_its_geometry_and_nothing_else_does() {
        let square = Polygon::new(
            LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]),
            Vec::new(),
        );
        for shape in [
            Shape::Point(LonLat::new(9.52, 47.14)),
            Shape::Area(MultiPolygon::new(vec![square.clone()])),
        ] {
            assert_eq!(Shape::from_geometry(shape.to_geometry()), Ok(shape));
        }
        let polygon = Geometry::Polygon(square);
        assert_eq!(Shape::from_geometry(polygon.clone()), Err(polygon));
    }
}
