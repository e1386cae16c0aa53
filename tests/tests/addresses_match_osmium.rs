//! The house numbers the importer keeps for search are the addresses
//! `osmium tags-filter` finds, each at the right place: a node's where the
//! node is, a building's inside the building (from osmium's own node
//! positions), and none of them drawn on any tile. Those whose nodes the
//! extract cut off are reported as skipped, no more and no fewer. The
//! postcodes kept beside them are the codes those addresses carry, each
//! with the town most of its houses name, standing among its houses.

use geo::{Contains, Distance, Haversine};
use geo_types::{Coord, LineString, Point, Polygon};
use learnscape_core::BasemapKind;
use learnscape_tests::{data, osmium};
use learnscape_tiles::basemap_minzoom;
use learnscape_tiles::minzoom::NOT_DRAWN;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

type Address = (String, String);
/// An address's postcodes, town and position.
type Postal = (Vec<String>, Option<String>, Option<Coord<f64>>);
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
    // Each complete address's postcodes, town and (but for a relation's)
    // position, as osmium reads them.
    let mut postal: Vec<Postal> = Vec::new();
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
        let codes = present(o, "addr:postcode")
            .map(|v| {
                v.split([';', ','])
                    .map(|c| c.trim().to_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let city = present(o, "addr:city")
            .filter(|c| c.chars().any(char::is_alphabetic))
            .map(str::to_string);
        let at = match o.kind {
            'n' => o.lon.zip(o.lat).map(|(x, y)| Coord { x, y }),
            'w' => o.nodes.first().and_then(|n| positions.get(n).copied()),
            _ => None,
        };
        postal.push((codes, city, at));
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
    let houses: Vec<Point<f64>> = found.values().flatten().copied().collect();
    check_postcodes(file, &imported.basemap, &postal, &houses, &report);
}

/// The postcodes kept are exactly the codes on osmium's complete
/// addresses, each named for the town most of them name, at one of the
/// imported houses, with most of its houses within 2 km.
fn check_postcodes(
    file: &Path,
    basemap: &[learnscape_core::BasemapFeature],
    postal: &[Postal],
    houses: &[Point<f64>],
    report: &learnscape_importers::ImportReport,
) {
    // A code written after its country's letters and also without them
    // ("AD500", "500") is one, written as more addresses write it.
    let mut written: HashMap<&str, usize> = HashMap::new();
    for code in postal.iter().flat_map(|(codes, _, _)| codes) {
        *written.entry(code).or_default() += 1;
    }
    let mut one_code: HashMap<&str, &str> = HashMap::new();
    for (&code, &n) in &written {
        let letters = code.len()
            - code
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let bare = code[letters..].trim_start_matches('-');
        let Some(&m) = written.get(bare) else {
            continue;
        };
        if (1..=3).contains(&letters) && bare.len() >= 3 && bare.bytes().all(|b| b.is_ascii_digit())
        {
            let (kept, joined) = if m > n { (bare, code) } else { (code, bare) };
            one_code.insert(joined, kept);
        }
    }
    let mut towns: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut carriers: HashMap<&str, Vec<Coord<f64>>> = HashMap::new();
    for (codes, city, at) in postal {
        for code in codes {
            let code = one_code.get(code.as_str()).copied().unwrap_or(code);
            let named = towns.entry(code).or_default();
            if let Some(city) = city {
                *named.entry(city).or_default() += 1;
            }
            carriers.entry(code).or_default().extend(*at);
        }
    }
    let postcodes: Vec<_> = basemap
        .iter()
        .filter(|f| f.kind == BasemapKind::Postcode)
        .collect();
    let kept: Vec<&str> = postcodes.iter().map(|f| f.class.as_str()).collect();
    assert_eq!(
        kept,
        towns.keys().copied().collect::<Vec<_>>(),
        "{}: the codes kept, in order",
        file.display()
    );
    assert_eq!(report.postcodes, kept.len(), "the report counts them");
    for f in &postcodes {
        assert_eq!(basemap_minzoom(f), NOT_DRAWN, "{f:?} is drawn");
        let most = towns[f.class.as_str()]
            .iter()
            .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))
            .map(|(city, _)| city.to_string());
        assert_eq!(f.name, most, "{}: the town of {}", file.display(), f.class);
        let geo_types::Geometry::Point(at) = f.geometry else {
            panic!("a postcode that is not a point: {f:?}")
        };
        assert!(houses.contains(&at), "{f:?} is at none of the houses");
        let around = &carriers[f.class.as_str()];
        let near = around
            .iter()
            .filter(|c| Haversine.distance(at, Point::from(**c)) < 2_000.0)
            .count();
        assert!(
            2 * near > around.len(),
            "{}: {f:?} has {near} of its {} houses within 2 km",
            file.display(),
            around.len()
        );
    }
    eprintln!(
        "{}: {} postcodes: {}",
        file.display(),
        kept.len(),
        postcodes
            .iter()
            .map(|f| format!("{} {}", f.class, f.name.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join(", ")
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

/// Andorra's houses write their codes "AD500", a few "500".
#[test]
fn andorra_addresses_match_osmium() {
    check(&data::andorra_pbf(), 300);
}
