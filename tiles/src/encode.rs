//! MVT 2.1 encoding with per-zoom generalisation: geometry is projected
//! into tile units, simplified to about one unit, clipped to the tile plus
//! a buffer, quantised, cleaned of degenerate pieces, and polygon rings
//! are wound as the spec demands (exterior positive area in tile
//! coordinates, holes negative). The `mvt` crate writes the protobuf.

use crate::EXTENT;
use crate::clip::{self, HI, LO};
use crate::coord::{TileCoord, TileError};
use geo_types::{Coord, Geometry, LineString, Polygon};
use learnscape_core::LonLat;
use mvt::{GeomData, GeomEncoder, GeomType, Tile};

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Double(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TileFeature {
    pub id: Option<u64>,
    /// WGS84 longitude/latitude.
    pub geometry: Geometry<f64>,
    pub properties: Vec<(String, Value)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TileLayer {
    pub name: String,
    pub features: Vec<TileFeature>,
    /// The coordinates the features' geometry is in.
    pub space: Space,
}

/// Longitude/latitude, or Web Mercator world units (0..1 from the
/// top-left): a layer projected once at load skips a `tan`, a `cos` and a
/// `ln` per vertex on every tile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Space {
    #[default]
    LonLat,
    World,
}

/// `g` (in degrees) in Web Mercator world units, for [`Space::World`].
pub fn to_world(g: &Geometry<f64>) -> Geometry<f64> {
    use geo::MapCoords;
    g.map_coords(|c| {
        let (x, y) = crate::coord::world_xy(LonLat::new(c.x, c.y));
        Coord { x, y }
    })
}

type Ring = Vec<(i32, i32)>;

fn err(e: mvt::Error) -> TileError {
    TileError::Encode(e.to_string())
}

/// The line in tile units, simplified to one unit: a radial pass first
/// drops vertices within half a unit of the last one kept (in one linear
/// pass, so Ramer–Douglas–Peucker then runs on few points where a long
/// river or coastline is seen from afar).
fn project(coord: &TileCoord, space: Space, line: &LineString<f64>) -> LineString<f64> {
    let n = line.0.len();
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(n.min(4096));
    let (s, ox, oy, extent) = (
        coord.scale(),
        f64::from(coord.x),
        f64::from(coord.y),
        f64::from(EXTENT),
    );
    for (i, c) in line.coords().enumerate() {
        let (x, y) = match space {
            Space::LonLat => coord.to_tile(LonLat::new(c.x, c.y), extent),
            Space::World => ((c.x * s - ox) * extent, (c.y * s - oy) * extent),
        };
        let keep = match out.last() {
            None => true,
            // Always keep the last vertex: rings must close.
            Some(_) if i + 1 == n => true,
            Some(p) => (x - p.x) * (x - p.x) + (y - p.y) * (y - p.y) >= 0.25,
        };
        if keep {
            out.push(Coord { x, y });
        }
    }
    LineString(rdp(&out, 1.0))
}

/// Squared distance from `p` to the segment a–b.
fn segment_distance2(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (ex, ey) = (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
    ex * ex + ey * ey
}

/// Ramer–Douglas–Peucker keeping the points farther than `eps` from the
/// simplified line — as `geo`'s `simplify`, but on squared distances and
/// with one allocation: it runs for every line and ring of every tile.
fn rdp(points: &[Coord<f64>], eps: f64) -> Vec<Coord<f64>> {
    let n = points.len();
    if n < 3 {
        return points.to_vec();
    }
    let eps2 = eps * eps;
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0usize, n - 1)];
    while let Some((start, end)) = stack.pop() {
        let (mut worst, mut at) = (0.0, 0);
        for (i, p) in points.iter().enumerate().take(end).skip(start + 1) {
            let d = segment_distance2(*p, points[start], points[end]);
            if d > worst {
                worst = d;
                at = i;
            }
        }
        if worst > eps2 {
            keep[at] = true;
            stack.push((start, at));
            stack.push((at, end));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Rounds to integers and drops repeated points.
fn quantise(points: impl Iterator<Item = (f64, f64)>) -> Ring {
    let mut out: Ring = Vec::new();
    for (x, y) in points {
        let p = (x.round() as i32, y.round() as i32);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// A line (in tile units) cut to the buffered tile, in pieces.
fn clip_line(line: &LineString<f64>) -> Vec<Ring> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for seg in line.lines() {
        match clip::segment((seg.start.x, seg.start.y), (seg.end.x, seg.end.y)) {
            Some((p, q)) => {
                if current.last() != Some(&p) {
                    if !current.is_empty() {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.push(p);
                }
                current.push(q);
            }
            None => {
                if !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
        .into_iter()
        .map(|p| quantise(p.into_iter()))
        .filter(|p| p.len() >= 2)
        .collect()
}

/// Removes points on a straight line between their neighbours (cyclically)
/// and spikes that double back, so no ring degenerates when the encoder
/// prunes collinear points.
fn drop_collinear(r: &mut Ring) {
    let mut changed = true;
    while changed && r.len() >= 3 {
        changed = false;
        let mut i = 0;
        while i < r.len() && r.len() >= 3 {
            let n = r.len();
            let (a, b, c) = (r[(i + n - 1) % n], r[i], r[(i + 1) % n]);
            let cross = i64::from(b.0 - a.0) * i64::from(c.1 - b.1)
                - i64::from(b.1 - a.1) * i64::from(c.0 - b.0);
            if cross == 0 || a == c {
                r.remove(i);
                changed = true;
            } else {
                i += 1;
            }
        }
    }
}

/// Twice the signed area (surveyor's formula) in tile coordinates.
fn area2(ring: &Ring) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1)
        })
        .sum()
}

/// A ring cut to the buffered tile, quantised, without its closing point;
/// `None` when nothing of it is inside or it is too small to matter.
fn polygon_ring(ring: &LineString<f64>, exterior: bool) -> Option<Ring> {
    let mut points: Vec<(f64, f64)> = ring.coords().map(|c| (c.x, c.y)).collect();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let mut r = quantise(clip::ring(points).into_iter());
    if r.len() > 1 && r.first() == r.last() {
        r.pop();
    }
    drop_collinear(&mut r);
    let a = area2(&r);
    // Under one square unit: invisible at this zoom.
    if r.len() < 3 || a.abs() < 2 {
        return None;
    }
    // Exterior rings positive, holes negative (MVT 2.1 §4.3.4.4).
    if (a > 0) != exterior {
        r.reverse();
    }
    Some(r)
}

fn polygon_rings(coord: &TileCoord, space: Space, polygon: &Polygon<f64>, out: &mut Vec<Ring>) {
    let simplify = |l: &LineString<f64>| project(coord, space, l);
    let Some(exterior) = polygon_ring(&simplify(polygon.exterior()), true) else {
        return;
    };
    out.push(exterior);
    for hole in polygon.interiors() {
        if let Some(h) = polygon_ring(&simplify(hole), false) {
            out.push(h);
        }
    }
}

/// Points: one MoveTo with a parameter pair per point.
fn encode_points(points: &[(i32, i32)]) -> Result<GeomData, TileError> {
    let mut encoder = GeomEncoder::new(GeomType::Point);
    for &(x, y) in points {
        encoder.add_point(f64::from(x), f64::from(y)).map_err(err)?;
    }
    encoder.encode().map_err(err)
}

fn encode_parts(parts: &[Ring], tp: GeomType) -> Result<GeomData, TileError> {
    let mut encoder = GeomEncoder::new(tp);
    let mut last: Option<(i32, i32)> = None;
    for part in parts {
        // mvt 0.15 skips the MoveTo of a part that starts where the last
        // one ended (it takes the point for a duplicate), which leaves a
        // ring without its MoveTo. Start such a ring at another vertex.
        let mut part = part.clone();
        if tp == GeomType::Polygon
            && last == part.first().copied()
            && let Some(k) = part.iter().position(|p| Some(*p) != last)
        {
            part.rotate_left(k);
        }
        last = part.last().copied();
        for &(x, y) in &part {
            encoder.add_point(f64::from(x), f64::from(y)).map_err(err)?;
        }
        encoder.complete_geom().map_err(err)?;
    }
    encoder.encode().map_err(err)
}

/// The feature's geometry in tile units, or `None` if nothing of it shows.
fn geometry(
    coord: &TileCoord,
    space: Space,
    g: &Geometry<f64>,
) -> Result<Option<GeomData>, TileError> {
    let extent = f64::from(EXTENT);
    let inside = |x: f64, y: f64| (LO..=HI).contains(&x) && (LO..=HI).contains(&y);
    let points = |ps: &mut dyn Iterator<Item = LonLat>| -> Vec<(i32, i32)> {
        let mut out: Vec<(i32, i32)> = ps
            .map(|p| match space {
                Space::LonLat => coord.to_tile(p, extent),
                Space::World => (
                    (p.lon * coord.scale() - f64::from(coord.x)) * extent,
                    (p.lat * coord.scale() - f64::from(coord.y)) * extent,
                ),
            })
            .filter(|(x, y)| inside(*x, *y))
            .map(|(x, y)| (x.round() as i32, y.round() as i32))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    match g {
        Geometry::Point(p) => {
            let ps = points(&mut std::iter::once(LonLat::new(p.x(), p.y())));
            if ps.is_empty() {
                return Ok(None);
            }
            encode_points(&ps).map(Some)
        }
        Geometry::MultiPoint(mp) => {
            let ps = points(&mut mp.iter().map(|p| LonLat::new(p.x(), p.y())));
            if ps.is_empty() {
                return Ok(None);
            }
            encode_points(&ps).map(Some)
        }
        Geometry::LineString(l) => {
            let parts = clip_line(&project(coord, space, l));
            if parts.is_empty() {
                return Ok(None);
            }
            encode_parts(&parts, GeomType::Linestring).map(Some)
        }
        Geometry::MultiLineString(ml) => {
            let parts: Vec<Ring> = ml
                .iter()
                .flat_map(|l| clip_line(&project(coord, space, l)))
                .collect();
            if parts.is_empty() {
                return Ok(None);
            }
            encode_parts(&parts, GeomType::Linestring).map(Some)
        }
        Geometry::Polygon(p) => {
            let mut rings = Vec::new();
            polygon_rings(coord, space, p, &mut rings);
            if rings.is_empty() {
                return Ok(None);
            }
            encode_parts(&rings, GeomType::Polygon).map(Some)
        }
        Geometry::MultiPolygon(mp) => {
            let mut rings = Vec::new();
            for p in mp {
                polygon_rings(coord, space, p, &mut rings);
            }
            if rings.is_empty() {
                return Ok(None);
            }
            encode_parts(&rings, GeomType::Polygon).map(Some)
        }
        _ => Ok(None),
    }
}

/// Encodes `layers` for `coord`; layers left with no feature are omitted.
pub fn encode_tile(coord: TileCoord, layers: &[TileLayer]) -> Result<Vec<u8>, TileError> {
    let mut tile = Tile::new(EXTENT);
    for layer in layers {
        let mut out = tile.create_layer(&layer.name);
        let mut any = false;
        for feature in &layer.features {
            let Some(data) = geometry(&coord, layer.space, &feature.geometry)? else {
                continue;
            };
            let mut f = out.into_feature(data);
            if let Some(id) = feature.id {
                f.set_id(id);
            }
            for (key, value) in &feature.properties {
                match value {
                    Value::Str(s) => f.add_tag_string(key, s),
                    Value::Int(i) => f.add_tag_sint(key, *i),
                    Value::Double(d) => f.add_tag_double(key, *d),
                    Value::Bool(b) => f.add_tag_bool(key, *b),
                }
            }
            out = f.into_layer();
            any = true;
        }
        if any {
            tile.add_layer(out).map_err(err)?;
        }
    }
    tile.to_bytes().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Simplify;

    #[test]
    fn our_rdp_keeps_what_geo_keeps() {
        // A deterministic wiggly line, and the same closed into a ring.
        let line: Vec<Coord<f64>> = (0..500)
            .map(|i| {
                let x = f64::from(i) * 0.37;
                Coord {
                    x,
                    y: (x * 0.9).sin() * 3.0 + (x * 7.1).cos() * 0.8,
                }
            })
            .collect();
        let mut ring = line.clone();
        ring.push(line[0]);
        for pts in [line, ring] {
            for eps in [0.5, 1.0, 2.0] {
                let ours = rdp(&pts, eps);
                let theirs = LineString(pts.clone()).simplify(eps).0;
                assert_eq!(ours, theirs, "eps {eps}");
            }
        }
    }

    /// A polygon in world units, given in tile units of `coord`.
    fn polygon_in_tile_units(coord: &TileCoord, ring: &[(f64, f64)]) -> TileLayer {
        let e = f64::from(EXTENT);
        let world = |(x, y): (f64, f64)| {
            (
                (f64::from(coord.x) + x / e) / coord.scale(),
                (f64::from(coord.y) + y / e) / coord.scale(),
            )
        };
        let exterior: LineString<f64> = ring.iter().copied().map(world).collect::<Vec<_>>().into();
        TileLayer {
            name: "basemap".into(),
            space: Space::World,
            features: vec![TileFeature {
                id: None,
                geometry: Geometry::Polygon(Polygon::new(exterior, Vec::new())),
                properties: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_polygon_beyond_a_corner_draws_nothing_and_one_across_it_is_cut() {
        let coord = TileCoord::new(14, 8620, 5750).expect("tile");
        // Outside the buffer beyond the top-left corner, though its
        // bounding box covers it; clamped, it filled the corner.
        let beyond = [
            (-1000.0, 500.0),
            (-1000.0, -1000.0),
            (500.0, -1000.0),
            (-1000.0, 500.0),
        ];
        let tile = encode_tile(coord, &[polygon_in_tile_units(&coord, &beyond)]).expect("encodes");
        assert!(tile.is_empty(), "{} bytes", tile.len());
        // Across the corner: one ring, the part in the buffered tile.
        let across = [
            (-300.0, -300.0),
            (300.0, -300.0),
            (300.0, 300.0),
            (-300.0, 300.0),
            (-300.0, -300.0),
        ];
        let Geometry::Polygon(p) = &polygon_in_tile_units(&coord, &across).features[0].geometry
        else {
            unreachable!()
        };
        let mut rings = Vec::new();
        polygon_rings(&coord, Space::World, p, &mut rings);
        assert_eq!(rings.len(), 1);
        assert_eq!(area2(&rings[0]), 2 * 364 * 364, "{:?}", rings[0]);
        assert!(
            rings[0].iter().all(|&(x, y)| x >= -64 && y >= -64),
            "{:?}",
            rings[0]
        );
    }

    #[test]
    fn a_layer_projected_at_load_encodes_to_the_same_bytes() {
        let ring: LineString<f64> = vec![
            (9.5200, 47.1400),
            (9.5231, 47.1402),
            (9.5229, 47.1431),
            (9.5203, 47.1427),
            (9.5200, 47.1400),
        ]
        .into();
        let road: LineString<f64> = vec![(9.51, 47.13), (9.5215, 47.1412), (9.53, 47.15)].into();
        let shapes = vec![
            Geometry::Polygon(Polygon::new(ring, Vec::new())),
            Geometry::LineString(road),
            Geometry::Point(geo_types::Point::new(9.5215, 47.141)),
        ];
        let coord = TileCoord::new(15, 17250, 11506).expect("tile");
        let layer = |space: Space, features: Vec<Geometry<f64>>| TileLayer {
            name: "basemap".into(),
            space,
            features: features
                .into_iter()
                .map(|geometry| TileFeature {
                    id: None,
                    geometry,
                    properties: Vec::new(),
                })
                .collect(),
        };
        let lonlat = encode_tile(coord, &[layer(Space::LonLat, shapes.clone())]).expect("encodes");
        let world = encode_tile(
            coord,
            &[layer(Space::World, shapes.iter().map(to_world).collect())],
        )
        .expect("encodes");
        assert!(lonlat.len() > 20);
        assert_eq!(lonlat, world);
    }
}
