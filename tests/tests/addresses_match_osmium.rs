//! The house numbers the importer keeps for search are the addresses
//! `osmium tags-filter` finds, each at the right place: a node's where the
//! node is, a building's inside the building (from osmium's own node
//! positions), and none of them drawn on any tile. Those whose nodes the
//! extract cut off are reported as skipped, no more and no fewer.

use geo::Contains;
use geo_types::{Coord, LineString, Point, Polygon};
use learnscape_core::BasemapKind;
use learnscape_tests::{data, osmium};
use learnscape_tiles::basemap_minzoom;
use learnscape_tiles::minzoom::NOT_DRAWN;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

type Address = (String, String);
/// The OSM objects carrying an address: their type and outline.
type Carriers = Vec<(char, Vec<Coord<f64>>)>;

fn present<'a>(object: &'a learnscape_tests::opl::OplObject, key: &str) -> Option<&'a str> {
    object.tag(key).map(str::trim).filter(|v| !v.is_empty())
}

fn check(file: &Path, expect_at_least: usize) {
    let objects = osmium::tags_filter_with_nodes(file, &["nwr/addr:housenumber"]);
    let positions: HashMap<i64, Coord<f64>> = objects
        .iter()
        .filter(|o| o.kind == 'n')
        .filter_map(|o| {
            Some((
                o.id,
                Coord {
                    x: o.lon?,
                    y: o.lat?,
                },
            ))
        })
        .collect();
    let ways: HashMap<i64, &learnscape_tests::opl::OplObject> = objects
        .iter()
        .filter(|o| o.kind == 'w')
        .map(|o| (o.id, o))
        .collect();
    let has_nodes = |nodes: &[i64]| nodes.iter().all(|n| positions.contains_key(n));
    // Each address osmium finds, with the outline it must lie in (a
    // node's is the node itself); one whose nodes or member ways the
    // extract cut off is to be reported as skipped instead.
    let mut expected: BTreeMap<Address, Carriers> = BTreeMap::new();
    let mut incomplete = 0;
    for o in &objects {
        let (Some(number), Some(street)) = (
            present(o, "addr:housenumber"),
            present(o, "addr:street").or_else(|| present(o, "addr:place")),
        ) else {
            continue;
        };
        // Only multipolygons among relations are areas (a street relation
        // numbers no house of its own).
        if o.kind == 'r' && o.tag("type") != Some("multipolygon") {
            continue;
        }
        let complete = match o.kind {
            'n' => true,
            'w' => has_nodes(&o.nodes),
            _ => o
                .members
                .iter()
                .filter(|m| m.0 == 'w')
                .all(|m| ways.get(&m.1).is_some_and(|w| has_nodes(&w.nodes))),
        };
        if !complete {
            incomplete += 1;
            continue;
        }
        let outline = match o.kind {
            'n' => vec![Coord {
                x: o.lon.expect("a node's position"),
                y: o.lat.expect("a node's position"),
            }],
            'w' => o
                .nodes
                .iter()
                .filter_map(|id| positions.get(id).copied())
                .collect(),
            _ => Vec::new(),
        };
        expected
            .entry((street.to_string(), number.to_string()))
            .or_default()
            .push((o.kind, outline));
    }

    let (imported, report) = data::import_extract(file);
    let mut found: BTreeMap<Address, Vec<Point<f64>>> = BTreeMap::new();
    for f in imported
        .basemap
        .iter()
        .filter(|f| f.kind == BasemapKind::Address)
    {
        assert_eq!(basemap_minzoom(f), NOT_DRAWN, "{f:?} is drawn");
        let geo_types::Geometry::Point(at) = f.geometry else {
            panic!("an address that is not a point: {f:?}")
        };
        let street = f.name.clone().expect("an address names its street");
        found.entry((street, f.class.clone())).or_default().push(at);
    }
    let skipped: usize = report
        .skipped
        .iter()
        .filter(|g| g.reason.starts_with("address:"))
        .map(|g| g.count)
        .sum();
    assert_eq!(
        skipped,
        incomplete,
        "{}: {:?}",
        file.display(),
        report.skipped
    );
    let total: usize = found.values().map(Vec::len).sum();
    assert_eq!(report.addresses, total, "the report counts what it kept");
    assert!(
        total >= expect_at_least,
        "{}: only {total} addresses",
        file.display()
    );
    let missing: Vec<_> = expected
        .keys()
        .filter(|a| !found.contains_key(*a))
        .collect();
    let extra: Vec<_> = found
        .keys()
        .filter(|a| !expected.contains_key(*a))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{}: osmium's addresses missing {missing:?}, not osmium's {extra:?}",
        file.display()
    );

    for (address, sources) in &expected {
        let points = &found[address];
        assert_eq!(
            points.len(),
            sources.len(),
            "{address:?}: one point per object"
        );
        for (kind, outline) in sources {
            let inside = |p: &Point<f64>| match kind {
                // OPL writes 7 decimals: the same node to a tenth of a metre.
                'n' => (p.x() - outline[0].x).abs() < 1e-6 && (p.y() - outline[0].y).abs() < 1e-6,
                'w' if outline.len() >= 4 && outline.first() == outline.last() => {
                    Polygon::new(LineString::from(outline.clone()), vec![]).contains(p)
                }
                // An open way: the point is one of its vertices.
                'w' => outline
                    .iter()
                    .any(|c| (p.x() - c.x).abs() < 1e-6 && (p.y() - c.y).abs() < 1e-6),
                // Relations: osmium gives no assembled area to compare with.
                _ => true,
            };
            assert!(
                points.iter().any(inside),
                "{address:?}: no point on the {kind} that carries it, among {points:?}"
            );
        }
    }
    eprintln!(
        "{}: {total} addresses, {} streets and numbers, {incomplete} cut off by the extract",
        file.display(),
        found.len()
    );
}

#[test]
fn liechtenstein_addresses_match_osmium() {
    check(&data::liechtenstein_pbf(), 12_000);
}

#[test]
fn helsinki_addresses_match_osmium() {
    check(&data::helsinki_pbf(), 1_000);
}
