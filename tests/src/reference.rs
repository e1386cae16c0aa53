//! Independent re-implementations of `../shared/docs/categories.md` and
//! `walk-model.md` §1, written from the documents and not from the
//! importer's code, over osmium's output. Where they agree with the
//! importer, both read the documents the same way.

use crate::opl::OplObject;
use std::collections::{BTreeMap, HashMap, HashSet};

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

#[derive(Debug, Clone, PartialEq)]
pub struct WalkTotals {
    pub segments: usize,
    pub length_m: f64,
    /// Of the segments, those of `highway=steps` without a wheelchair ramp.
    pub steps: usize,
    /// Of the segments, those barred to a wheelchair otherwise: on a way
    /// tagged `wheelchair=no` or too rough for one ([`way_bar`]), or
    /// touching a node that bars one, unless the segment is a
    /// carriageway's and a footpath passes that node.
    pub barred: usize,
    /// Those by what bars them, as the API names it ([`Barring::bar`]).
    pub barred_by: BTreeMap<&'static str, usize>,
}

/// What at a node bars a wheelchair, as the API names it: a turnstile,
/// stile or kissing gate, a raised kerb that is not a crossing node, or
/// another barrier tagged `wheelchair=no`; none where `wheelchair` is yes,
/// designated or limited.
fn node_bar(node: &OplObject) -> Option<&'static str> {
    let tag = |k: &str| node.tag(k).unwrap_or("");
    if ["yes", "designated", "limited"].contains(&tag("wheelchair")) {
        return None;
    }
    let barrier = tag("barrier");
    let kinds = [
        ("turnstile", "turnstile"),
        ("full-height_turnstile", "turnstile"),
        ("stile", "stile"),
        ("kissing_gate", "kissing_gate"),
    ];
    if let Some(&(_, kind)) = kinds.iter().find(|(b, _)| *b == barrier) {
        Some(kind)
    } else if tag("kerb") == "raised" && node.tag("highway").is_none() {
        Some("raised_kerb")
    } else {
        (!barrier.is_empty() && tag("wheelchair") == "no").then_some("other")
    }
}

/// What bars a wheelchair all along a way, as the API names it: `way`
/// where it is tagged `wheelchair=no`; `rough` where its smoothness is
/// below what OSM's scale says a wheelchair takes (`intermediate`), unless
/// it is tagged passable by one.
fn way_bar(way: &OplObject) -> Option<&'static str> {
    let too_rough = ["bad", "very_bad", "horrible", "very_horrible", "impassable"];
    match way.tag("wheelchair") {
        Some("no") => Some("way"),
        Some("yes" | "designated" | "limited") => None,
        _ => too_rough
            .contains(&way.tag("smoothness")?)
            .then_some("rough"),
    }
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

/// The nodes that bar a wheelchair and what bars at each, and of them
/// those a walkable footpath's segment touches: what a segment is barred
/// by.
struct Barring {
    at: HashMap<i64, &'static str>,
    on_footpaths: HashSet<i64>,
}

impl Barring {
    /// From osmium's `w/highway` output with nodes; a segment counts where
    /// both its nodes have a position in `nodes`.
    fn of<T>(objects: &[OplObject], nodes: &HashMap<i64, T>) -> Barring {
        let at: HashMap<i64, &'static str> = (objects.iter())
            .filter(|o| o.kind == 'n')
            .filter_map(|o| Some((o.id, node_bar(o)?)))
            .collect();
        let on_footpaths = (objects.iter())
            .filter(|o| o.kind == 'w' && walkable(o) && footpath(o))
            .flat_map(|w| w.nodes.windows(2))
            .filter(|p| nodes.contains_key(&p[0]) && nodes.contains_key(&p[1]))
            .flatten()
            .copied()
            .filter(|n| at.contains_key(n))
            .collect();
        Barring { at, on_footpaths }
    }

    /// What bars the segment `pair` of the walkable `way`, as the API
    /// names it: the barrier at its first node that bars it, else at its
    /// second, else what bars all along the way ([`way_bar`]).
    fn bar(&self, way: &OplObject, pair: &[i64]) -> Option<&'static str> {
        let passes = |n: &i64| {
            let kind = self.at.get(n)?;
            (footpath(way) || !self.on_footpaths.contains(n)).then_some(*kind)
        };
        (pair.iter().find_map(passes)).or_else(|| way_bar(way))
    }
}

/// The segments barred to a wheelchair that are not steps (see
/// [`WalkTotals::barred`]), each as the positions of its two nodes (in
/// 1e-7°), both ways round, from osmium's `w/highway` output with nodes,
/// with what bars it ([`Barring::bar`]).
pub fn barred_pairs(objects: &[OplObject]) -> HashMap<[(i64, i64); 2], &'static str> {
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
    let mut pairs = HashMap::new();
    for way in (objects.iter())
        .filter(|o| o.kind == 'w' && walkable(o) && o.tag("highway") != Some("steps"))
    {
        for pair in way.nodes.windows(2) {
            let (Some(&a), Some(&b)) = (at.get(&pair[0]), at.get(&pair[1])) else {
                continue;
            };
            if let Some(kind) = barring.bar(way, pair) {
                pairs.insert([a, b], kind);
                pairs.insert([b, a], kind);
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
        barred_by: BTreeMap::new(),
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
                if let Some(bar) = barring.bar(way, pair) {
                    totals.barred += 1;
                    *totals.barred_by.entry(bar).or_default() += 1;
                }
            }
        }
    }
    totals
}
