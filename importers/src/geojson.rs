//! GeoJSON (RFC 7946) reading with validation that names the feature and
//! the problem. Coordinates must be WGS84 longitude/latitude; a `crs`
//! member naming EPSG:4326 or CRS84 is accepted (older files carry one),
//! any other CRS is refused rather than misread.

use crate::ImportError;
use crate::records::{Record, RecordFile};
use geo_types::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};
use serde_json::{Map, Value};
use std::path::Path;

const GEOMETRY_TYPES: &[&str] = &[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

pub fn read_geojson(path: &Path) -> Result<RecordFile, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io {
        file: file.clone(),
        detail: e.to_string(),
    })?;
    parse_geojson(&file, &bytes)
}

pub fn parse_geojson(file: &str, bytes: &[u8]) -> Result<RecordFile, ImportError> {
    let fail = |location: Option<String>, detail: String| ImportError::Malformed {
        file: file.to_string(),
        location,
        detail,
    };
    let root: Value = serde_json::from_slice(bytes).map_err(|e| {
        fail(
            Some(format!("line {}, column {}", e.line(), e.column())),
            format!("not valid JSON: {e}"),
        )
    })?;
    let Value::Object(root) = root else {
        return Err(fail(
            None,
            "a GeoJSON document must be a JSON object".into(),
        ));
    };
    check_crs(&root).map_err(|d| fail(None, d))?;
    let kind = type_of(&root).map_err(|d| fail(None, d))?;
    let records = match kind {
        "FeatureCollection" => {
            check_bbox(&root).map_err(|d| fail(None, d))?;
            let features = match root.get("features") {
                Some(Value::Array(f)) => f,
                Some(_) => return Err(fail(None, "\"features\" must be an array".into())),
                None => {
                    return Err(fail(
                        None,
                        "a FeatureCollection needs a \"features\" array".into(),
                    ));
                }
            };
            features
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let location = format!("feature {i}");
                    feature(f, &location).map_err(|d| fail(Some(location.clone()), d))
                })
                .collect::<Result<Vec<_>, _>>()?
        }
        "Feature" => vec![
            feature(&Value::Object(root.clone()), "feature 0")
                .map_err(|d| fail(Some("feature 0".into()), d))?,
        ],
        other if GEOMETRY_TYPES.contains(&other) => {
            let location = "geometry".to_string();
            let geometry = geometry(&root).map_err(|d| fail(Some(location.clone()), d))?;
            vec![Record {
                location,
                id: None,
                properties: Map::new(),
                geometry: Some(geometry),
            }]
        }
        other => return Err(fail(None, format!("unknown GeoJSON type {other:?}"))),
    };
    Ok(RecordFile {
        file: file.to_string(),
        records,
    })
}

fn type_of(object: &Map<String, Value>) -> Result<&str, String> {
    match object.get("type") {
        Some(Value::String(t)) => Ok(t),
        Some(other) => Err(format!("\"type\" must be a string, not {other}")),
        None => Err("no \"type\" member".into()),
    }
}

fn check_crs(root: &Map<String, Value>) -> Result<(), String> {
    let Some(crs) = root.get("crs") else {
        return Ok(());
    };
    let name = crs
        .get("properties")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let wgs84 = ["EPSG::4326", "EPSG:4326", "CRS84", "CRS:84"];
    if crs.is_null() || wgs84.iter().any(|w| name.ends_with(w)) {
        Ok(())
    } else {
        Err(format!(
            "the file declares the coordinate system {name:?}; learnscape reads WGS84 longitude/latitude only (RFC 7946). Reproject it first, e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`"
        ))
    }
}

fn check_bbox(object: &Map<String, Value>) -> Result<(), String> {
    match object.get("bbox") {
        None => Ok(()),
        Some(Value::Array(values))
            if values.len() >= 4
                && values.len() % 2 == 0
                && values.iter().all(Value::is_number) =>
        {
            Ok(())
        }
        Some(other) => Err(format!(
            "\"bbox\" must be an array of 2×n numbers (n ≥ 2), not {other}"
        )),
    }
}

fn feature(value: &Value, location: &str) -> Result<Record, String> {
    let Value::Object(object) = value else {
        return Err("a feature must be a JSON object".into());
    };
    match type_of(object)? {
        "Feature" => {}
        other => {
            return Err(format!(
                "\"type\" is {other:?} where a \"Feature\" is required"
            ));
        }
    }
    check_bbox(object)?;
    let id = match object.get("id") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    let properties = match object.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        Some(Value::Null) => Map::new(),
        Some(other) => {
            return Err(format!(
                "\"properties\" must be an object or null, not {other}"
            ));
        }
        None => return Err("a feature needs a \"properties\" member (an object or null)".into()),
    };
    let geometry = match object.get("geometry") {
        Some(Value::Null) => None,
        Some(Value::Object(g)) => Some(geometry(g)?),
        Some(other) => {
            return Err(format!(
                "\"geometry\" must be an object or null, not {other}"
            ));
        }
        None => return Err("a feature needs a \"geometry\" member (an object or null)".into()),
    };
    Ok(Record {
        location: location.to_string(),
        id,
        properties,
        geometry,
    })
}

fn geometry(object: &Map<String, Value>) -> Result<Geometry<f64>, String> {
    let kind = type_of(object)?;
    if !GEOMETRY_TYPES.contains(&kind) {
        return Err(format!("unknown geometry type {kind:?}"));
    }
    check_bbox(object)?;
    if kind == "GeometryCollection" {
        let Some(Value::Array(members)) = object.get("geometries") else {
            return Err("a GeometryCollection needs a \"geometries\" array".into());
        };
        let geometries = members
            .iter()
            .enumerate()
            .map(|(i, g)| match g {
                Value::Object(g) => {
                    geometry(g).map_err(|e| format!("geometry {i} of the collection: {e}"))
                }
                _ => Err(format!("geometry {i} of the collection is not an object")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Geometry::GeometryCollection(GeometryCollection(geometries)));
    }
    let coordinates = object
        .get("coordinates")
        .ok_or_else(|| format!("a {kind} needs a \"coordinates\" member"))?;
    Ok(match kind {
        "Point" => Geometry::Point(Point(position(coordinates)?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(
            array(coordinates)?
                .iter()
                .map(|p| position(p).map(Point))
                .collect::<Result<_, _>>()?,
        )),
        "LineString" => Geometry::LineString(line(coordinates)?),
        "MultiLineString" => Geometry::MultiLineString(MultiLineString(
            array(coordinates)?
                .iter()
                .map(line)
                .collect::<Result<_, _>>()?,
        )),
        "Polygon" => Geometry::Polygon(polygon(coordinates)?),
        _ => Geometry::MultiPolygon(MultiPolygon(
            array(coordinates)?
                .iter()
                .map(polygon)
                .collect::<Result<_, _>>()?,
        )),
    })
}

fn array(value: &Value) -> Result<&Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("expected an array of coordinates, found {value}"))
}

fn position(value: &Value) -> Result<Coord<f64>, String> {
    let numbers = array(value)?;
    if numbers.len() < 2 {
        return Err(format!(
            "a position needs at least longitude and latitude, found {value}"
        ));
    }
    let n: Vec<f64> = numbers
        .iter()
        .map(|v| {
            v.as_f64()
                .ok_or_else(|| format!("position {value} holds {v}, not a number"))
        })
        .collect::<Result<_, _>>()?;
    let (x, y) = (n[0], n[1]);
    if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
        return Err(format!(
            "position [{x}, {y}] is outside longitude ±180 / latitude ±90: the coordinates are not WGS84 (projected data must be reprojected first)"
        ));
    }
    Ok(Coord { x, y })
}

fn line(value: &Value) -> Result<LineString<f64>, String> {
    let positions = array(value)?;
    if positions.len() < 2 {
        return Err(format!(
            "a LineString needs at least two positions, found {}",
            positions.len()
        ));
    }
    Ok(LineString(
        positions.iter().map(position).collect::<Result<_, _>>()?,
    ))
}

fn polygon(value: &Value) -> Result<Polygon<f64>, String> {
    let rings = array(value)?
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let ring = LineString(
                array(r)?
                    .iter()
                    .map(position)
                    .collect::<Result<Vec<_>, _>>()?,
            );
            if ring.0.len() < 4 {
                return Err(format!(
                    "ring {i} has {} positions; a linear ring needs at least 4",
                    ring.0.len()
                ));
            }
            if ring.0.first() != ring.0.last() {
                return Err(format!(
                    "ring {i} is not closed: its first and last positions differ"
                ));
            }
            Ok(ring)
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut rings = rings.into_iter();
    Ok(match rings.next() {
        Some(exterior) => Polygon::new(exterior, rings.collect()),
        None => Polygon::new(LineString(vec![]), vec![]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RecordFile, ImportError> {
        parse_geojson("t.geojson", text.as_bytes())
    }

    #[test]
    fn a_bad_feature_is_named_by_its_index() {
        let err = parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[9.5,47.1]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[9.5]}}]}"#,
        )
        .expect_err("1-d position");
        let text = err.to_string();
        assert!(text.starts_with("t.geojson, feature 1: "), "{text}");
        assert!(text.contains("longitude and latitude"), "{text}");
    }

    #[test]
    fn projected_coordinates_and_foreign_crs_are_refused() {
        let err =
            parse(r#"{"type":"Point","coordinates":[385000.0,6672000.0]}"#).expect_err("projected");
        assert!(err.to_string().contains("not WGS84"), "{err}");
        let err = parse(r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3067"}},"features":[]}"#)
            .expect_err("3067");
        assert!(err.to_string().contains("EPSG::3067"), "{err}");
        parse(r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}},"features":[]}"#)
            .expect("4326 urn is lon/lat");
    }

    #[test]
    fn an_unclosed_ring_is_refused() {
        let err = parse(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#)
            .expect_err("open");
        assert!(err.to_string().contains("not closed"), "{err}");
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let err = parse("{\"type\":\n\"Feature\",,}").expect_err("json");
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
