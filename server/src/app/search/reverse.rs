//! Where a point is, in words: the resident's list says where it is
//! walked from ("From Städtle 35, Vaduz"), so that a printed list, or one
//! read by a screen reader, needs no pin on a map to be understood.

use super::{Gazetteer, Label, plane};
use geo::{Distance, Haversine};
use geo_types::Point;
use learnscape_core::LonLat;
use rstar::RTree;

/// Farther than this from every house, a point is not named by one: a
/// village's houses stand closer together, a field's nearest house may
/// be across a valley.
pub const NEAR_HOUSE_M: f64 = 150.0;

/// A point's whereabouts.
#[derive(Debug, Clone, PartialEq)]
pub struct Whereabouts {
    /// `address`, `neighbourhood` or `locality`.
    pub kind: &'static str,
    pub name: String,
    /// For an address: its neighbourhood, else the nearest town.
    pub locality: Option<String>,
    pub position: LonLat,
    /// From the point to the house or label; 0 inside a neighbourhood.
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
    /// The house nearest `at` within [`NEAR_HOUSE_M`], else the
    /// neighbourhood `at` lies in, else the nearest place label; `None`
    /// where the data has none of them.
    pub fn whereabouts(&self, at: LonLat) -> Option<Whereabouts> {
        let house = (self.address_index.nearest_neighbor(&plane(at)))
            .map(|l| &self.addresses[l.data])
            .filter(|a| metres(at, a.position) <= NEAR_HOUSE_M);
        if let Some(a) = house {
            return Some(Whereabouts {
                kind: "address",
                name: format!("{} {}", a.street, a.number),
                locality: a.locality.clone(),
                position: a.position,
                distance_m: metres(at, a.position),
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
        let label = (self.address_labels.nearest_neighbor(&plane(at)))
            .or_else(|| self.all_labels.nearest_neighbor(&plane(at)))
            .map(|l| &self.localities[l.data])?;
        Some(Whereabouts {
            kind: "locality",
            name: label.name.clone(),
            locality: None,
            position: label.position,
            distance_m: metres(at, label.position),
        })
    }
}
