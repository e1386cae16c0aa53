//! House numbers from the same extract, so a resident can search for their
//! address: one point per node, building or area tagged with
//! `addr:housenumber` and the street it belongs to (`addr:street`, or
//! `addr:place` where a hamlet's houses are numbered by its name); then
//! the postcodes they carry ([`super::postcodes`]).

use super::assemble::{closed_way_area, is_closed, multipolygon_area, ring_coords};
use super::places::describe;
use super::postcodes::{Postal, gather};
use super::read::{Extract, NodePositions, RawRelation, RawWay};
use super::tags::Tags;
use crate::report::ImportReport;
use geo::InteriorPoint;
use geo_types::{Geometry, Point};
use learnscape_core::{BasemapFeature, BasemapKind};
use rayon::prelude::*;
use std::collections::HashMap;

/// Whether these tags give an address search can use: a house number and
/// the street (or place) it is numbered on.
pub fn is_address<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    number_and_street(get).is_some()
}

fn number_and_street<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<(&'a str, &'a str)> {
    let present = |k: &str| get(k).map(str::trim).filter(|v| !v.is_empty());
    let number = present("addr:housenumber")?;
    let street = present("addr:street").or_else(|| present("addr:place"))?;
    Some((number, street))
}

/// Every address in the extract, in file order (nodes, ways, relations),
/// then the postcodes they carry, in the codes' order.
pub fn build_addresses(
    extract: &Extract,
    ways_by_id: &HashMap<i64, &RawWay>,
    report: &mut ImportReport,
) -> Vec<BasemapFeature> {
    let mut houses: Vec<(BasemapFeature, Postal)> = extract
        .tagged_nodes
        .iter()
        .filter_map(|node| address(&node.tags, Point::new(node.lon, node.lat)))
        .collect();
    let outcomes: Vec<Result<(BasemapFeature, Postal), String>> = extract
        .ways
        .par_iter()
        .filter_map(|way| way_address(way, &extract.nodes))
        .collect();
    let relations: Vec<Result<(BasemapFeature, Postal), String>> = extract
        .relations
        .iter()
        .filter_map(|r| relation_address(r, ways_by_id, &extract.nodes))
        .collect();
    for outcome in outcomes.into_iter().chain(relations) {
        match outcome {
            Ok(house) => houses.push(house),
            Err(example) => report.skip("address: nodes or members missing", None, || example),
        }
    }
    report.addresses = houses.len();
    let (mut features, postals): (Vec<BasemapFeature>, Vec<Postal>) = houses.into_iter().unzip();
    let located: Vec<(Point<f64>, Postal)> = features
        .iter()
        .zip(postals)
        .filter_map(|(f, postal)| match f.geometry {
            Geometry::Point(at) => Some((at, postal)),
            _ => None,
        })
        .collect();
    let postcodes = gather(&located);
    report.postcodes = postcodes.len();
    features.extend(postcodes);
    features
}

fn address(tags: &Tags, at: Point<f64>) -> Option<(BasemapFeature, Postal)> {
    let (number, street) = number_and_street(|k| tags.get(k))?;
    let house = BasemapFeature {
        kind: BasemapKind::Address,
        class: number.to_string(),
        name: Some(street.to_string()),
        population: None,
        geometry: Geometry::Point(at),
    };
    Some((house, Postal::of(tags)))
}

/// A building's address at a point inside it (its centroid may lie
/// outside an L-shaped house); an open way's at a point on it.
fn way_address(
    way: &RawWay,
    nodes: &NodePositions,
) -> Option<Result<(BasemapFeature, Postal), String>> {
    let tags = way.tags.as_ref()?;
    if !is_address(|k| tags.get(k)) {
        return None;
    }
    let at = if is_closed(&way.refs) {
        closed_way_area(&way.refs, nodes)
            .ok()
            .and_then(|a| a.interior_point())
    } else {
        ring_coords(&way.refs, nodes)
            .ok()
            .and_then(|l| l.interior_point())
    };
    Some(
        at.and_then(|at| address(tags, at))
            .ok_or_else(|| describe(&format!("w{}", way.id), tags)),
    )
}

fn relation_address(
    relation: &RawRelation,
    ways_by_id: &HashMap<i64, &RawWay>,
    nodes: &NodePositions,
) -> Option<Result<(BasemapFeature, Postal), String>> {
    if !is_address(|k| relation.tags.get(k)) {
        return None;
    }
    Some(
        multipolygon_area(&relation.ways, ways_by_id, nodes)
            .ok()
            .and_then(|a| a.interior_point())
            .and_then(|at| address(&relation.tags, at))
            .ok_or_else(|| describe(&format!("r{}", relation.id), &relation.tags)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Tags {
        pairs.iter().copied().collect()
    }

    #[test]
    fn a_number_needs_its_street_or_place() {
        let at = Point::new(9.5, 47.1);
        let (house, postal) = address(
            &tags(&[
                ("addr:housenumber", " 35 "),
                ("addr:street", "Städtle"),
                ("addr:postcode", "9490"),
                ("addr:city", "Vaduz"),
            ]),
            at,
        )
        .expect("an address");
        assert_eq!(postal.codes, ["9490"]);
        assert_eq!(postal.city.as_deref(), Some("Vaduz"));
        assert_eq!(house.class, "35");
        assert_eq!(house.name.as_deref(), Some("Städtle"));
        let (hamlet, postal) = address(
            &tags(&[("addr:housenumber", "4a"), ("addr:place", "Masescha")]),
            at,
        )
        .expect("an address");
        assert_eq!(postal, Postal::default());
        assert_eq!(hamlet.name.as_deref(), Some("Masescha"));
        assert!(address(&tags(&[("addr:housenumber", "4")]), at).is_none());
        assert!(address(&tags(&[("addr:street", "Städtle")]), at).is_none());
        assert!(
            address(
                &tags(&[("addr:housenumber", " "), ("addr:street", "Städtle")]),
                at
            )
            .is_none()
        );
    }
}
