//! Squares are where people meet, and many give one as their address
//! ("Peter-Kaiser-Platz 1"). Each named square of an extract, as osmium
//! finds it (`place=square`, or `highway=pedestrian` drawn as an area: a
//! closed way with `area=yes` or a multipolygon), is a street search finds
//! by its name, and an area in the basemap tiles.

use geo::{BoundingRect, Contains, Intersects};
use geo_types::{LineString, Point, Rect};
use learnscape_core::Bbox;
use learnscape_core::streets::named_streets;
use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::{fetch, search};
use learnscape_tests::mvt_decode::features_with_geometry;
use learnscape_tests::opl::OplObject;
use learnscape_tests::{data, osmium};
use learnscape_tiles::TileCoord;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A named square as osmium reads it: its name, the box around its
/// nodes in the file, and whether they are all there (an extract cut by a
/// box may hold part of one).
struct Square {
    name: String,
    bounds: Rect<f64>,
    whole: bool,
}

fn is_square(o: &OplObject) -> bool {
    let pedestrian_area = o.tag("highway") == Some("pedestrian")
        && match o.kind {
            'w' => o.tag("area") == Some("yes"),
            _ => o.tag("type") == Some("multipolygon"),
        };
    o.tag("place") == Some("square") || pedestrian_area
}

/// Every named square of the extract with a node in it.
fn squares(file: &Path) -> Vec<Square> {
    let objects = osmium::tags_filter_with_nodes(
        file,
        &[
            "w/place=square",
            "w/highway=pedestrian",
            "r/place=square",
            "r/highway=pedestrian",
        ],
    );
    let at: HashMap<i64, (f64, f64)> = (objects.iter())
        .filter(|o| o.kind == 'n')
        .filter_map(|o| Some((o.id, (o.lon?, o.lat?))))
        .collect();
    let ways: HashMap<i64, &OplObject> = (objects.iter())
        .filter(|o| o.kind == 'w')
        .map(|o| (o.id, o))
        .collect();
    let mut out = Vec::new();
    for o in objects.iter().filter(|o| o.kind != 'n' && is_square(o)) {
        let Some(name) = o.tag("name") else { continue };
        let (nodes, all_ways): (Vec<i64>, bool) = match o.kind {
            'w' if o.nodes.first() == o.nodes.last() => (o.nodes.clone(), true),
            'r' => {
                let outer: Vec<i64> = (o.members.iter())
                    .filter(|(kind, _, role)| *kind == 'w' && role == "outer")
                    .map(|(_, id, _)| *id)
                    .collect();
                let found: Vec<&&OplObject> = outer.iter().filter_map(|id| ways.get(id)).collect();
                let nodes = found.iter().flat_map(|w| w.nodes.iter().copied());
                (nodes.collect(), found.len() == outer.len())
            }
            _ => continue,
        };
        let points: Vec<(f64, f64)> = nodes.iter().filter_map(|n| at.get(n).copied()).collect();
        let whole = all_ways && points.len() == nodes.len();
        let Some(bounds) = LineString::from(points).bounding_rect() else {
            continue;
        };
        out.push(Square {
            name: name.to_string(),
            bounds,
            whole,
        });
    }
    out
}

/// The names of the extract's highways that are not squares: a square
/// of one of these names joins the street and takes its class.
fn other_highway_names(file: &Path) -> HashSet<String> {
    (osmium::tags_filter(file, &["w/highway"]).iter())
        .filter(|o| !is_square(o))
        .filter_map(|o| o.tag("name").map(str::to_string))
        .collect()
}

/// A box a little wider than `r` (OPL writes seven decimals).
fn widened(r: Rect<f64>) -> Rect<f64> {
    let d = 1e-6;
    Rect::new(
        (r.min().x - d, r.min().y - d),
        (r.max().x + d, r.max().y + d),
    )
}

/// Each square a street; `whole` and `cut` of them at least, complete
/// and cut by the extract's edge.
fn streets_hold_the_squares(file: &Path, whole: usize, cut: usize) {
    let squares = squares(file);
    let complete = squares.iter().filter(|s| s.whole).count();
    assert!(complete >= whole, "{complete} whole squares");
    assert!(squares.len() - complete >= cut, "{} squares", squares.len());
    let others = other_highway_names(file);
    let (imported, _) = data::import_extract(file);
    let streets = named_streets(&imported.basemap);
    for square in &squares {
        // The street of its name whose extent holds the whole square,
        // or meets what the extract holds of a cut one (a node whose
        // neighbours are missing makes no piece of its edge).
        let holds = |s: &&learnscape_core::streets::Street| {
            let [sw, ne] = s.extent;
            let extent = widened(Rect::new((sw.lon, sw.lat), (ne.lon, ne.lat)));
            s.name == square.name
                && if square.whole {
                    extent.contains(&square.bounds)
                } else {
                    extent.intersects(&square.bounds)
                }
        };
        let Some(street) = streets.iter().find(holds) else {
            panic!("{}: no street holds it", square.name);
        };
        if !others.contains(&square.name) {
            assert_eq!(street.class, "square", "{}", square.name);
            let on = Point::new(street.position.lon, street.position.lat);
            assert!(
                widened(square.bounds).contains(&on),
                "{}: at {on:?}",
                square.name
            );
        }
    }
}

/// Liechtenstein's Peter-Kaiser-Platz (a multipolygon with holes),
/// Champagner-Platz, Lindenplatz and Dorfplatz; Helsinki's Kaivopiha and
/// Ylioppilasaukio, and Narinkkatori, Paasikivenaukio and Kauppatori,
/// which the extract's box cuts through.
#[test]
fn every_named_square_is_a_street() {
    streets_hold_the_squares(&data::liechtenstein_pbf(), 4, 0);
    streets_hold_the_squares(&data::helsinki_pbf(), 5, 3);
}

/// Each of Liechtenstein's named squares that no street shares a name
/// with (Champagner-Platz, Dorfplatz; Peter-Kaiser-Platz's and
/// Lindenplatz's are also streets', found before) is found first by its
/// name, in its village, and drawn as an area.
async fn a_square_is_found_by_its_name_and_drawn_as_an_area(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let file = data::liechtenstein_pbf();
    let others = other_highway_names(&file);
    let squares: BTreeMap<String, Rect<f64>> = (squares(&file).into_iter())
        .filter(|s| s.whole && !others.contains(&s.name))
        .map(|s| (s.name, s.bounds))
        .collect();
    assert!(squares.len() >= 2, "{:?}", squares.keys());
    for (name, bounds) in &squares {
        let r = search(&a, name).await;
        let first = &r["results"][0];
        assert_eq!(first["kind"], "street", "{name}: {r}");
        assert_eq!(first["name"], *name, "{name}: {r}");
        assert_eq!(first["class"], "square", "{name}: {r}");
        assert!(first["locality"].is_string(), "{name}: {r}");
        let at = Point::new(
            first["position"][0].as_f64().unwrap_or(0.0),
            first["position"][1].as_f64().unwrap_or(0.0),
        );
        assert!(widened(*bounds).contains(&at), "{name}: {first}");
        // The z14 tile over its middle holds it, an area.
        let middle = bounds.center();
        let around = Bbox::new(middle.x, middle.y, middle.x, middle.y);
        let c = TileCoord::covering(&around, 14)[0];
        let tile = fetch(
            &a,
            &format!("/tiles/basemap/{}/{}/{}.mvt", c.z, c.x, c.y),
            &[],
        )
        .await;
        assert_eq!(tile.status, 200, "{name}");
        let drawn: Vec<u64> = features_with_geometry(&tile.body)
            .expect("a tile")
            .into_iter()
            .filter(|((_, p), _, _)| {
                p.get("class").is_some_and(|c| c == "square")
                    && p.get("name").is_some_and(|n| n == name.as_str())
            })
            .map(|(_, geometry_type, _)| geometry_type)
            .collect();
        assert_eq!(drawn, [3], "{name}: one polygon");
    }
    // Lindenplatz in Schaan is called Lindaplatz there (`loc_name`): found
    // by it, and drawn by its name alone.
    let r = search(&a, "Lindaplatz").await;
    let first = &r["results"][0];
    assert_eq!(first["kind"], "street", "{r}");
    assert_eq!(first["name"], "Lindaplatz", "{r}");
    assert_eq!(first["class"], "square", "{r}");
    assert_eq!(first["locality"], "Schaan", "{r}");
    let at = (first["position"][0].as_f64(), first["position"][1].as_f64());
    let (Some(lon), Some(lat)) = at else {
        panic!("no position: {r}");
    };
    let c = TileCoord::covering(&Bbox::new(lon, lat, lon, lat), 14)[0];
    let tile = fetch(
        &a,
        &format!("/tiles/basemap/{}/{}/{}.mvt", c.z, c.x, c.y),
        &[],
    )
    .await;
    let names: Vec<String> = (features_with_geometry(&tile.body)
        .expect("a tile")
        .into_iter())
    .filter_map(|((_, p), _, _)| p.get("name").and_then(|n| n.as_str()).map(str::to_string))
    .collect();
    assert!(names.iter().any(|n| n == "Lindenplatz"), "{names:?}");
    assert!(!names.iter().any(|n| n == "Lindaplatz"), "{names:?}");
}

learnscape_tests::on_every_backend!(a_square_is_found_by_its_name_and_drawn_as_an_area);
