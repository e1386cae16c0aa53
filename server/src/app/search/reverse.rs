//! Where a point is, in words: the resident's list says where it is
//! walked from ("From Städtle 35, Vaduz"), so that a printed list, or one
//! read by a screen reader, needs no pin on a map to be understood.

use super::{Gazetteer, Label, plane};
use geo::{Distance, Haversine};
use geo_types::Point;
use learnscape_core::{BasemapFeature, BasemapKind, LonLat};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line};

/// Farther than this from every house, a point is not named by one: a
/// village's houses stand closer together, a field's nearest house may
/// be across a valley.
pub const NEAR_HOUSE_M: f64 = 150.0;

/// Where no house is near (a roads-only extract, a park, a square), a
/// named street this close names the point: "near Avenida Ipiranga".
pub const NEAR_STREET_M: f64 = 100.0;

/// A neighbourhood is said to be near the named street this close to
/// where its residents live (`Roads::named_near` of the access crate),
/// and a point that nothing closer names is this far from one: on the
/// city's scale, a street a few minutes' walk away says where it is;
/// farther, in fields or forest, the nearest name would mislead.
pub const NEAR_AREA_M: f64 = 500.0;

/// Within this of a house, the house names the point even where a street
/// runs closer: a point on the road outside it is by its door. Beyond it,
/// a nearer named street does: a point on Landstrasse is near Landstrasse,
/// not near a house 140 m up the hill.
pub const BY_HOUSE_M: f64 = 50.0;

/// A piece of a named road, in the plane of [`plane`], with its name's
/// index.
pub(super) type RoadPiece = GeomWithData<Line<[f64; 2]>, usize>;

/// The named roads' pieces and their names, to find the street nearest a
/// point.
#[derive(Debug, Default)]
pub struct NamedRoads {
    names: Vec<String>,
    pieces: RTree<RoadPiece>,
}

impl NamedRoads {
    pub fn new(basemap: &[BasemapFeature]) -> Self {
        let mut names = Vec::new();
        let mut pieces = Vec::new();
        for f in basemap.iter().filter(|f| f.kind == BasemapKind::Road) {
            let Some(name) = &f.name else { continue };
            let lines = f.lines();
            if lines.is_empty() {
                continue;
            }
            let index = names.len();
            names.push(name.clone());
            for line in lines {
                for segment in line.lines() {
                    let [a, b] = [segment.start, segment.end].map(|c| plane(LonLat::new(c.x, c.y)));
                    pieces.push(RoadPiece::new(Line::new(a, b), index));
                }
            }
        }
        Self {
            names,
            pieces: RTree::bulk_load(pieces),
        }
    }

    /// The named road nearest `at`, and the point on it nearest `at`.
    fn nearest(&self, at: LonLat) -> Option<(&str, LonLat)> {
        let here = plane(at);
        let piece = self.pieces.nearest_neighbor(&here)?;
        let [x, y] = piece.geom().nearest_point(&here);
        // Back from the plane: its x is longitude shrunk at the latitude.
        let on = LonLat::new(x / y.to_radians().cos(), y);
        Some((&self.names[piece.data], on))
    }
}

/// A point's whereabouts.
#[derive(Debug, Clone, PartialEq)]
pub struct Whereabouts {
    /// `address`, `street`, `neighbourhood` or `locality`.
    pub kind: &'static str,
    pub name: String,
    /// For an address or a street: its neighbourhood, else the nearest
    /// town.
    pub locality: Option<String>,
    pub position: LonLat,
    /// From the point to the house, the street or the label; 0 inside a
    /// neighbourhood.
    pub distance_m: f64,
}

/// Each address's position, to find the one nearest a point.
pub(super) fn address_index(positions: impl Iterator<Item = LonLat>) -> RTree<Label> {
    RTree::bulk_load(
        positions
            .enumerate()
            .map(|(i, at)| Label::new(plane(at), i))
            .collect(),
    )
}

fn metres(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat))
}

impl Gazetteer {
    /// The house nearest `at` within [`NEAR_HOUSE_M`] (unless beyond
    /// [`BY_HOUSE_M`] a named street is nearer), else the named street
    /// within [`NEAR_STREET_M`], else the neighbourhood `at` lies in, else
    /// the nearest place label within reach (`nearest_locality`), else
    /// the named street within [`NEAR_AREA_M`]; `None` where the data has
    /// none of them.
    pub fn whereabouts(&self, at: LonLat) -> Option<Whereabouts> {
        let nearest_street =
            (self.named_roads.nearest(at)).map(|(name, on)| (name, on, metres(at, on)));
        let street = nearest_street.filter(|(_, _, d)| *d <= NEAR_STREET_M);
        let street_m = street.map_or(f64::INFINITY, |(_, _, d)| d);
        let house = (self.address_index.nearest_neighbor(&plane(at)))
            .map(|l| &self.addresses[l.data])
            .map(|a| (a, metres(at, a.position)))
            .filter(|(_, d)| *d <= NEAR_HOUSE_M)
            .filter(|(_, d)| *d <= BY_HOUSE_M || *d <= street_m);
        if let Some((a, distance_m)) = house {
            return Some(Whereabouts {
                kind: "address",
                name: a.label(),
                locality: a.locality.clone(),
                position: a.position,
                distance_m,
            });
        }
        if let Some((name, on, distance_m)) = street {
            return Some(Whereabouts {
                kind: "street",
                name: name.to_string(),
                locality: self.locality_of(at),
                position: on,
                distance_m,
            });
        }
        if let Some(i) = self.area_at(at) {
            return Some(Whereabouts {
                kind: "neighbourhood",
                name: self.areas[i].name.clone(),
                locality: None,
                position: at,
                distance_m: 0.0,
            });
        }
        if let Some(i) = self.nearest_locality(at) {
            let label = &self.localities[i];
            return Some(Whereabouts {
                kind: "locality",
                name: label.name.clone(),
                locality: None,
                position: label.position,
                distance_m: metres(at, label.position),
            });
        }
        // Nothing else names it (a roads-only extract, its neighbourhoods
        // grid cells named by code): a street a few hundred metres off
        // does, with how far ("400 m from Rua X").
        let (name, on, distance_m) = nearest_street.filter(|(_, _, d)| *d <= NEAR_AREA_M)?;
        Some(Whereabouts {
            kind: "street",
            name: name.to_string(),
            locality: None,
            position: on,
            distance_m,
        })
    }
}
