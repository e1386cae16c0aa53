//! Where the gap list says a neighbourhood is (`near`), held to the
//! extract's named highways as osmium reads them.

use crate::opl::OplObject;
use crate::osmium;
use geo::Intersects;
use geo_types::{Coord, Line, Rect};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// How near a neighbourhood its street may pass: the server's reach
/// (`NEAR_AREA_M`), from a point inside it.
pub const REACH_M: f64 = 500.0;

/// Every named highway's pieces, by name: its way's, or a multipolygon
/// relation's member ways' (a pedestrian area, "Centro Cívico").
#[derive(Debug)]
pub struct Highways(HashMap<String, Vec<Line<f64>>>);

impl Highways {
    pub fn of(pbf: &Path) -> Self {
        let objects = osmium::tags_filter_with_nodes(pbf, &["wr/highway"]);
        let position = |o: &OplObject| {
            Some(Coord {
                x: o.lon?,
                y: o.lat?,
            })
        };
        let nodes: HashMap<i64, Coord<f64>> = (objects.iter())
            .filter(|o| o.kind == 'n')
            .filter_map(|o| Some((o.id, position(o)?)))
            .collect();
        let ways: HashMap<i64, &OplObject> = (objects.iter())
            .filter(|o| o.kind == 'w')
            .map(|o| (o.id, o))
            .collect();
        let mut named: HashMap<String, Vec<Line<f64>>> = HashMap::new();
        for object in objects.iter().filter(|o| o.tag("highway").is_some()) {
            let Some(name) = object.tag("name") else {
                continue;
            };
            let outline: Vec<&OplObject> = match object.kind {
                'w' => vec![object],
                _ => (object.members.iter())
                    .filter(|(kind, ..)| *kind == 'w')
                    .filter_map(|(_, id, _)| ways.get(id).copied())
                    .collect(),
            };
            let pieces = named.entry(name.to_string()).or_default();
            for way in outline {
                let at: Vec<Coord<f64>> = (way.nodes.iter())
                    .filter_map(|n| nodes.get(n))
                    .copied()
                    .collect();
                pieces.extend(at.windows(2).map(|w| Line::new(w[0], w[1])));
            }
        }
        Self(named)
    }

    /// The named highway nearest `(lon, lat)`, and how far it is in metres
    /// (on a plane tangent there).
    pub fn nearest(&self, lon: f64, lat: f64) -> Option<(&str, f64)> {
        (self.0.iter())
            .map(|(name, pieces)| (name.as_str(), metres_to(pieces, lon, lat)))
            .filter(|(_, d)| d.is_finite())
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// How far the highway called `name` passes from `(lon, lat)`, metres.
    pub fn distance(&self, name: &str, lon: f64, lat: f64) -> Option<f64> {
        let d = metres_to(self.0.get(name)?, lon, lat);
        d.is_finite().then_some(d)
    }

    /// Whether a highway called `name` passes within [`REACH_M`] of the
    /// box `[west, south, east, north]`.
    pub fn passes_near(&self, name: &str, bbox: [f64; 4]) -> bool {
        let [west, south, east, north] = bbox;
        let dy = REACH_M / 111_195.0;
        let dx = dy / ((south + north) / 2.0).to_radians().cos();
        let reach = Rect::new(
            Coord {
                x: west - dx,
                y: south - dy,
            },
            Coord {
                x: east + dx,
                y: north + dy,
            },
        );
        (self.0.get(name)).is_some_and(|pieces| pieces.iter().any(|p| p.intersects(&reach)))
    }
}

/// The distance from `(lon, lat)` to the nearest of `pieces`, metres, on a
/// plane tangent there; infinite for none.
fn metres_to(pieces: &[Line<f64>], lon: f64, lat: f64) -> f64 {
    let (ky, kx) = (111_195.0, 111_195.0 * lat.to_radians().cos());
    let far = |l: &Line<f64>| {
        let (ax, ay) = ((l.start.x - lon) * kx, (l.start.y - lat) * ky);
        let (bx, by) = ((l.end.x - lon) * kx, (l.end.y - lat) * ky);
        let (ux, uy) = (bx - ax, by - ay);
        let len2 = ux * ux + uy * uy;
        let t = if len2 > 0.0 {
            (-(ax * ux + ay * uy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (ax + t * ux).hypot(ay + t * uy)
    };
    pieces.iter().map(far).fold(f64::INFINITY, f64::min)
}

/// Of the gap list's `rows`, the names of those with residents that say
/// nowhere they are; panics at a row whose street is not a highway of the
/// extract passing near it.
pub fn unlocated(rows: &[Value], highways: &Highways) -> Vec<String> {
    let mut unlocated = Vec::new();
    for row in rows {
        let name = row["name"].as_str().expect("name");
        let Some(near) = row["near"].as_str() else {
            if row["population"].as_f64() > Some(0.0) {
                unlocated.push(name.to_string());
            }
            continue;
        };
        let bbox: Vec<f64> = (row["bbox"].as_array().expect("bbox"))
            .iter()
            .map(|v| v.as_f64().expect("degrees"))
            .collect();
        let bbox = [bbox[0], bbox[1], bbox[2], bbox[3]];
        assert!(
            highways.passes_near(near, bbox),
            "{name} is said to be near {near:?}, which passes nowhere within {REACH_M} m of it"
        );
    }
    unlocated
}
