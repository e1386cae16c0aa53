//! Independent re-implementations of `../shared/docs/categories.md` and
//! `walk-model.md` §1, written from the documents and not from the
//! importer's code, over osmium's output. Where they agree with the
//! importer, both read the documents the same way.

use crate::opl::OplObject;
use std::collections::{HashMap, HashSet};

/// categories.md, row by row; the first row that matches wins.
pub fn category(o: &OplObject) -> Option<&'static str> {
    // `education=X` counts the same as `amenity=X`.
    let amenity = |values: &[&str]| {
        values
            .iter()
            .any(|v| o.tag("amenity") == Some(v) || o.tag("education") == Some(v))
    };
    let is = |key: &str, values: &[&str]| o.tag(key).is_some_and(|t| values.contains(&t));
    if amenity(&["library", "toy_library", "mobile_library"]) {
        return Some("library");
    }
    if amenity(&["public_bookcase", "give_box"]) {
        return Some("public_bookcase");
    }
    if amenity(&["community_centre", "social_centre"]) {
        return Some("community_centre");
    }
    if is("leisure", &["hackerspace"])
        || is("repair", &["assisted_self_service"])
        || amenity(&["coworking_space"])
        || is("office", &["coworking"])
    {
        return Some("makerspace");
    }
    if amenity(&["arts_centre"]) || is("tourism", &["museum", "gallery"]) {
        return Some("arts_culture");
    }
    if amenity(&[
        "language_school",
        "music_school",
        "dancing_school",
        "training",
        "prep_school",
    ]) {
        return Some("adult_education");
    }
    if amenity(&["school"]) {
        return Some("school");
    }
    if amenity(&["kindergarten", "childcare"]) {
        return Some("early_years");
    }
    if amenity(&["college", "university", "research_institute"]) {
        return Some("higher_education");
    }
    if is("leisure", &["park"])
        || (is("leisure", &["nature_reserve"]) && !is("access", &["private", "no"]))
    {
        return Some("park");
    }
    if (is("leisure", &["garden"]) && is("garden:type", &["community"]))
        || is("landuse", &["allotments"])
    {
        return Some("community_garden");
    }
    None
}

/// The osmium expressions that select every candidate for [`category`].
pub const CATEGORY_EXPRESSIONS: &[&str] = &[
    "nwr/amenity=library,toy_library,mobile_library,public_bookcase,give_box,community_centre,social_centre,coworking_space,arts_centre,language_school,music_school,dancing_school,training,prep_school,school,kindergarten,childcare,college,university,research_institute",
    "nwr/education=library,toy_library,mobile_library,public_bookcase,give_box,community_centre,social_centre,coworking_space,arts_centre,language_school,music_school,dancing_school,training,prep_school,school,kindergarten,childcare,college,university,research_institute",
    "nwr/leisure=hackerspace,park,nature_reserve,garden",
    "nwr/repair=assisted_self_service",
    "nwr/office=coworking",
    "nwr/tourism=museum,gallery",
    "nwr/landuse=allotments",
];

/// Only multipolygon relations describe areas; other relation types
/// (sites, routes, boundaries) are not places.
pub fn counts_as_candidate(o: &OplObject) -> bool {
    o.kind != 'r' || o.tag("type") == Some("multipolygon")
}

const FOOT_OK: &[&str] = &["yes", "designated", "permissive"];

/// walk-model.md §1.
pub fn walkable(o: &OplObject) -> bool {
    let tag = |k: &str| o.tag(k).unwrap_or("");
    let foot_ok = FOOT_OK.contains(&tag("foot"));
    let highway_ok = match tag("highway") {
        "footway" | "pedestrian" | "path" | "steps" | "living_street" | "residential"
        | "service" | "unclassified" | "road" | "track" | "tertiary" | "tertiary_link"
        | "secondary" | "secondary_link" | "primary" | "primary_link" | "corridor"
        | "bridleway" => true,
        "trunk" | "trunk_link" => {
            foot_ok || ["both", "left", "right", "yes"].contains(&tag("sidewalk"))
        }
        "cycleway" => foot_ok,
        _ => false,
    };
    highway_ok
        && tag("area") != "yes"
        && tag("foot") != "no"
        && (!["no", "private"].contains(&tag("access")) || foot_ok)
        && tag("service") != "private"
}

/// Great-circle distance on the sphere walk-model.md names.
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    const R: f64 = 6_371_008.8;
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().asin()
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WalkTotals {
    pub segments: usize,
    pub length_m: f64,
    /// Of the segments, those of `highway=steps` without a wheelchair ramp.
    pub steps: usize,
    /// Of the segments, those barred to a wheelchair otherwise: on a way
    /// tagged `wheelchair=no`, or touching a node that bars one, unless
    /// the segment is a carriageway's and a footpath passes that node.
    pub barred: usize,
}

/// A node that bars a wheelchair: a turnstile, stile or kissing gate, a
/// barrier tagged `wheelchair=no`, a raised kerb that is not a crossing
/// node; none where `wheelchair` is yes, designated or limited.
fn bars_wheelchair(node: &OplObject) -> bool {
    let tag = |k: &str| node.tag(k).unwrap_or("");
    if ["yes", "designated", "limited"].contains(&tag("wheelchair")) {
        return false;
    }
    let barrier = tag("barrier");
    [
        "turnstile",
        "full-height_turnstile",
        "stile",
        "kissing_gate",
    ]
    .contains(&barrier)
        || (!barrier.is_empty() && tag("wheelchair") == "no")
        || (tag("kerb") == "raised" && node.tag("highway").is_none())
}

fn footpath(way: &OplObject) -> bool {
    [
        "footway",
        "pedestrian",
        "path",
        "steps",
        "corridor",
        "bridleway",
        "cycleway",
    ]
    .contains(&way.tag("highway").unwrap_or(""))
}

/// The nodes that bar a wheelchair, and of them those a walkable
/// footpath's segment touches: what a segment is barred by.
struct Barring {
    at: HashSet<i64>,
    on_footpaths: HashSet<i64>,
}

impl Barring {
    /// From osmium's `w/highway` output with nodes; a segment counts where
    /// both its nodes have a position in `nodes`.
    fn of<T>(objects: &[OplObject], nodes: &HashMap<i64, T>) -> Barring {
        let at: HashSet<i64> = (objects.iter())
            .filter(|o| o.kind == 'n' && bars_wheelchair(o))
            .map(|o| o.id)
            .collect();
        let on_footpaths = (objects.iter())
            .filter(|o| o.kind == 'w' && walkable(o) && footpath(o))
            .flat_map(|w| w.nodes.windows(2))
            .filter(|p| nodes.contains_key(&p[0]) && nodes.contains_key(&p[1]))
            .flatten()
            .copied()
            .filter(|n| at.contains(n))
            .collect();
        Barring { at, on_footpaths }
    }

    /// Whether the segment `pair` of the walkable `way` is barred.
    fn bars(&self, way: &OplObject, pair: &[i64]) -> bool {
        let passes =
            |n: &i64| self.at.contains(n) && (footpath(way) || !self.on_footpaths.contains(n));
        way.tag("wheelchair") == Some("no") || pair.iter().any(passes)
    }
}

/// The segments barred to a wheelchair that are not steps (see
/// [`WalkTotals::barred`]), each as the positions of its two nodes (in
/// 1e-7°), both ways round, from osmium's `w/highway` output with nodes.
pub fn barred_pairs(objects: &[OplObject]) -> HashSet<[(i64, i64); 2]> {
    let at: HashMap<i64, (i64, i64)> = (objects.iter())
        .filter(|o| o.kind == 'n')
        .filter_map(|o| {
            Some((
                o.id,
                ((o.lon? * 1e7).round() as i64, (o.lat? * 1e7).round() as i64),
            ))
        })
        .collect();
    let barring = Barring::of(objects, &at);
    let mut pairs = HashSet::new();
    for way in (objects.iter())
        .filter(|o| o.kind == 'w' && walkable(o) && o.tag("highway") != Some("steps"))
    {
        for pair in way.nodes.windows(2) {
            let (Some(&a), Some(&b)) = (at.get(&pair[0]), at.get(&pair[1])) else {
                continue;
            };
            if barring.bars(way, pair) {
                pairs.insert([a, b]);
                pairs.insert([b, a]);
            }
        }
    }
    pairs
}

/// Segments and length of the walk graph from osmium's `w/highway` output
/// (ways plus the nodes the file holds): every consecutive pair of present
/// nodes in a walkable way; a missing node drops the two segments touching it.
pub fn walk_totals(objects: &[OplObject]) -> WalkTotals {
    let nodes: HashMap<i64, (f64, f64)> = objects
        .iter()
        .filter(|o| o.kind == 'n')
        .filter_map(|o| Some((o.id, (o.lon?, o.lat?))))
        .collect();
    let barring = Barring::of(objects, &nodes);
    let mut totals = WalkTotals {
        segments: 0,
        length_m: 0.0,
        steps: 0,
        barred: 0,
    };
    for way in objects.iter().filter(|o| o.kind == 'w' && walkable(o)) {
        let steps = way.tag("highway") == Some("steps")
            && way.tag("ramp:wheelchair") != Some("yes")
            && way.tag("wheelchair") != Some("yes");
        for pair in way.nodes.windows(2) {
            if let (Some(&a), Some(&b)) = (nodes.get(&pair[0]), nodes.get(&pair[1])) {
                totals.segments += 1;
                totals.length_m += haversine_m(a, b);
                totals.steps += usize::from(steps);
                totals.barred += usize::from(barring.bars(way, pair));
            }
        }
    }
    totals
}
