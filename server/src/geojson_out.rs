//! geo-types → GeoJSON geometry objects (RFC 7946), coordinates rounded to
//! 7 decimals (about 1 cm), which is finer than any source we read.

use geo_types::{Coord, Geometry, LineString, Polygon};
use serde_json::{Value, json};

pub fn round(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn position(c: Coord<f64>) -> Value {
    json!([round(c.x), round(c.y)])
}

fn line(l: &LineString<f64>) -> Value {
    Value::Array(l.coords().copied().map(position).collect())
}

fn polygon(p: &Polygon<f64>) -> Value {
    let mut rings = vec![line(p.exterior())];
    rings.extend(p.interiors().iter().map(line));
    Value::Array(rings)
}

/// A position as GeoJSON writes it, `[lon, lat]` to 1e-7°.
pub fn lonlat_json(p: learnscape_core::LonLat) -> Value {
    position(Coord { x: p.lon, y: p.lat })
}

pub fn geometry(g: &Geometry<f64>) -> Value {
    match g {
        Geometry::Point(p) => json!({"type": "Point", "coordinates": position(p.0)}),
        Geometry::MultiPoint(mp) => json!({
            "type": "MultiPoint",
            "coordinates": mp.iter().map(|p| position(p.0)).collect::<Vec<_>>()
        }),
        Geometry::Line(l) => json!({
            "type": "LineString",
            "coordinates": [position(l.start), position(l.end)]
        }),
        Geometry::LineString(l) => json!({"type": "LineString", "coordinates": line(l)}),
        Geometry::MultiLineString(ml) => json!({
            "type": "MultiLineString",
            "coordinates": ml.iter().map(line).collect::<Vec<_>>()
        }),
        Geometry::Polygon(p) => json!({"type": "Polygon", "coordinates": polygon(p)}),
        Geometry::MultiPolygon(mp) => json!({
            "type": "MultiPolygon",
            "coordinates": mp.iter().map(polygon).collect::<Vec<_>>()
        }),
        Geometry::Rect(r) => geometry(&Geometry::Polygon(r.to_polygon())),
        Geometry::Triangle(t) => geometry(&Geometry::Polygon(t.to_polygon())),
        Geometry::GeometryCollection(gc) => json!({
            "type": "GeometryCollection",
            "geometries": gc.iter().map(geometry).collect::<Vec<_>>()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{point, polygon};

    #[test]
    fn points_and_polygons_follow_rfc_7946() {
        let p = geometry(&Geometry::Point(point!(x: 9.521_234_567_89, y: 47.1)));
        assert_eq!(
            p,
            json!({"type": "Point", "coordinates": [9.5212346, 47.1]})
        );
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)];
        let g = geometry(&Geometry::Polygon(square));
        assert_eq!(g["type"], "Polygon");
        let ring = g["coordinates"][0].as_array().expect("ring");
        assert_eq!(ring.first(), ring.last(), "rings are closed");
    }
}

/// A GeoJSON answer with its registered media type (RFC 7946 §12).
#[derive(Debug)]
pub struct GeoJson(pub serde_json::Value);

impl axum::response::IntoResponse for GeoJson {
    fn into_response(self) -> axum::response::Response {
        (
            [(axum::http::header::CONTENT_TYPE, "application/geo+json")],
            self.0.to_string(),
        )
            .into_response()
    }
}
