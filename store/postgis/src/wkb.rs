//! Geometries cross the wire as WKB: EWKB (with its SRID) written here,
//! straight into COPY's binary rows, and plain WKB from `ST_AsBinary` on
//! the way back.

use geo_types::{Coord, Geometry, LineString, Polygon};
use geozero::ToGeo;
use geozero::wkb::Wkb;
use learnscape_core::{LonLat, Shape, StoreError};
use learnscape_tiles::coord::world_xy;

pub const SRID: i32 = 4326;
pub const WEB_MERCATOR: i32 = 3857;

/// WKB type codes (OGC), and the EWKB flag saying an SRID follows.
const POINT: u32 = 1;
const LINESTRING: u32 = 2;
const POLYGON: u32 = 3;
const MULTIPOINT: u32 = 4;
const MULTILINESTRING: u32 = 5;
const MULTIPOLYGON: u32 = 6;
const COLLECTION: u32 = 7;
const HAS_SRID: u32 = 0x2000_0000;

/// Appends `geometry` as little-endian EWKB with `srid`, each coordinate
/// passed through `project` on the way (no copy of the geometry is made).
pub fn write_ewkb(
    out: &mut Vec<u8>,
    geometry: &Geometry<f64>,
    srid: i32,
    project: &impl Fn(Coord<f64>) -> Coord<f64>,
) {
    write_geometry(out, geometry, Some(srid), project);
}

fn header(out: &mut Vec<u8>, kind: u32, srid: Option<i32>) {
    out.push(1); // little-endian
    match srid {
        Some(srid) => {
            out.extend_from_slice(&(kind | HAS_SRID).to_le_bytes());
            out.extend_from_slice(&srid.to_le_bytes());
        }
        None => out.extend_from_slice(&kind.to_le_bytes()),
    }
}

fn count(out: &mut Vec<u8>, n: usize) {
    // WKB counts are 32-bit; no geometry we import comes near that.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn coord(out: &mut Vec<u8>, c: Coord<f64>, project: &impl Fn(Coord<f64>) -> Coord<f64>) {
    let c = project(c);
    out.extend_from_slice(&c.x.to_le_bytes());
    out.extend_from_slice(&c.y.to_le_bytes());
}

fn points(out: &mut Vec<u8>, line: &LineString<f64>, project: &impl Fn(Coord<f64>) -> Coord<f64>) {
    count(out, line.0.len());
    out.reserve(line.0.len() * 16);
    for c in &line.0 {
        coord(out, *c, project);
    }
}

fn rings(out: &mut Vec<u8>, polygon: &Polygon<f64>, project: &impl Fn(Coord<f64>) -> Coord<f64>) {
    // An empty polygon has no rings at all, not one empty ring.
    if polygon.exterior().0.is_empty() {
        count(out, 0);
        return;
    }
    count(out, 1 + polygon.interiors().len());
    points(out, polygon.exterior(), project);
    for ring in polygon.interiors() {
        points(out, ring, project);
    }
}

fn write_geometry(
    out: &mut Vec<u8>,
    geometry: &Geometry<f64>,
    srid: Option<i32>,
    project: &impl Fn(Coord<f64>) -> Coord<f64>,
) {
    match geometry {
        Geometry::Point(p) => {
            header(out, POINT, srid);
            coord(out, p.0, project);
        }
        Geometry::Line(l) => {
            header(out, LINESTRING, srid);
            points(out, &LineString::new(vec![l.start, l.end]), project);
        }
        Geometry::LineString(l) => {
            header(out, LINESTRING, srid);
            points(out, l, project);
        }
        Geometry::Polygon(p) => {
            header(out, POLYGON, srid);
            rings(out, p, project);
        }
        Geometry::Rect(r) => write_geometry(out, &Geometry::Polygon(r.to_polygon()), srid, project),
        Geometry::Triangle(t) => {
            write_geometry(out, &Geometry::Polygon(t.to_polygon()), srid, project)
        }
        Geometry::MultiPoint(m) => {
            header(out, MULTIPOINT, srid);
            count(out, m.0.len());
            for p in &m.0 {
                header(out, POINT, None);
                coord(out, p.0, project);
            }
        }
        Geometry::MultiLineString(m) => {
            header(out, MULTILINESTRING, srid);
            count(out, m.0.len());
            for l in &m.0 {
                header(out, LINESTRING, None);
                points(out, l, project);
            }
        }
        Geometry::MultiPolygon(m) => {
            header(out, MULTIPOLYGON, srid);
            count(out, m.0.len());
            for p in &m.0 {
                header(out, POLYGON, None);
                rings(out, p, project);
            }
        }
        Geometry::GeometryCollection(c) => {
            header(out, COLLECTION, srid);
            count(out, c.0.len());
            for g in &c.0 {
                write_geometry(out, g, None, project);
            }
        }
    }
}

/// Coordinates as they are (WGS84).
pub fn lon_lat(c: Coord<f64>) -> Coord<f64> {
    c
}

/// WGS84 to Web Mercator (EPSG:3857, metres), by the tiles' own formula so
/// the database cuts tiles from the positions the embedded encoder uses.
pub fn web_mercator(c: Coord<f64>) -> Coord<f64> {
    const HALF: f64 = 20_037_508.342_789_244;
    let (x, y) = world_xy(LonLat::new(c.x, c.y));
    Coord {
        x: (2.0 * x - 1.0) * HALF,
        y: (1.0 - 2.0 * y) * HALF,
    }
}

/// Hex EWKB (SRID 4326), which PostGIS reads as a geometry parameter.
pub fn to_hex_ewkb(geometry: &Geometry<f64>) -> String {
    let mut out = Vec::new();
    write_ewkb(&mut out, geometry, SRID, &lon_lat);
    hex::encode(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{MultiLineString, MultiPoint, MultiPolygon, Point, line_string, polygon};
    use geozero::wkb::Ewkb;
    use geozero::{CoordDimensions, ToWkb};

    fn read_ewkb(bytes: &[u8]) -> Geometry<f64> {
        Ewkb(bytes).to_geo().expect("readable EWKB")
    }

    #[test]
    fn ewkb_is_byte_for_byte_what_geozero_writes() {
        let ring =
            polygon![(x: 9.5, y: 47.1), (x: 9.6, y: 47.1), (x: 9.6, y: 47.2), (x: 9.5, y: 47.1)];
        let holed = Polygon::new(
            ring.exterior().clone(),
            vec![
                line_string![(x: 9.52, y: 47.12), (x: 9.53, y: 47.12), (x: 9.53, y: 47.13), (x: 9.52, y: 47.12)],
            ],
        );
        let line = line_string![(x: 9.5, y: 47.1), (x: 9.55, y: 47.15)];
        let cases = [
            Geometry::Point(Point::new(9.52, 47.14)),
            Geometry::LineString(line.clone()),
            Geometry::Polygon(holed.clone()),
            Geometry::MultiPoint(MultiPoint::from(vec![(9.5, 47.1), (9.6, 47.2)])),
            Geometry::MultiLineString(MultiLineString::new(vec![line.clone(), line])),
            Geometry::MultiPolygon(MultiPolygon::new(vec![ring, holed])),
        ];
        for g in cases {
            let mut ours = Vec::new();
            write_ewkb(&mut ours, &g, SRID, &lon_lat);
            let theirs = g
                .to_ewkb(CoordDimensions::xy(), Some(SRID))
                .expect("encodes");
            assert_eq!(ours, theirs, "{g:?}");
            assert_eq!(read_ewkb(&ours), g);
        }
    }

    #[test]
    fn the_mercator_copy_is_projected_on_the_way() {
        let mut out = Vec::new();
        let g = Geometry::Point(Point::new(0.0, 0.0));
        write_ewkb(&mut out, &g, WEB_MERCATOR, &web_mercator);
        assert_eq!(&out[5..9], &WEB_MERCATOR.to_le_bytes());
        let Geometry::Point(p) = read_ewkb(&out) else {
            panic!("a point")
        };
        assert!(p.x().abs() < 1e-6 && p.y().abs() < 1e-6, "{p:?}");
        let mut east = Vec::new();
        write_ewkb(
            &mut east,
            &Geometry::Point(Point::new(180.0, 0.0)),
            WEB_MERCATOR,
            &web_mercator,
        );
        let Geometry::Point(e) = read_ewkb(&east) else {
            panic!("a point")
        };
        assert!((e.x() - 20_037_508.342_789_244).abs() < 1e-6, "{e:?}");
    }
}
