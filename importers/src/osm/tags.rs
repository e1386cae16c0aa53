//! Owned OSM tags and the tag rules of the walk model and the basemap.

use learnscape_core::{Bar, BasemapKind};

/// Tags kept from a decoded block (the block's string table is dropped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags(pub Vec<(Box<str>, Box<str>)>);

impl<'a> FromIterator<(&'a str, &'a str)> for Tags {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(iter: I) -> Self {
        Tags(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl Tags {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v.as_ref())
    }

    pub fn name(&self) -> Option<String> {
        self.get("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    }
}

const WALKABLE_HIGHWAYS: &[&str] = &[
    "footway",
    "pedestrian",
    "path",
    "steps",
    "living_street",
    "residential",
    "service",
    "unclassified",
    "road",
    "track",
    "tertiary",
    "tertiary_link",
    "secondary",
    "secondary_link",
    "primary",
    "primary_link",
    "corridor",
    "bridleway",
];

/// walk-model.md §1, word for word.
pub fn is_walkable<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    let Some(highway) = get("highway") else {
        return false;
    };
    let foot = get("foot");
    let foot_allowed = matches!(foot, Some("yes" | "designated" | "permissive"));
    let kind_ok = match highway {
        "trunk" | "trunk_link" => {
            foot_allowed || matches!(get("sidewalk"), Some("both" | "left" | "right" | "yes"))
        }
        "cycleway" => foot_allowed,
        other => WALKABLE_HIGHWAYS.contains(&other),
    };
    kind_ok
        && get("area") != Some("yes")
        && foot != Some("no")
        && (foot_allowed || !matches!(get("access"), Some("no" | "private")))
        && get("service") != Some("private")
}

/// Whether a walkable way is a flight of steps that a walk avoiding steps
/// (a wheelchair, a pram, a walking frame) cannot take: `highway=steps`,
/// unless it has a ramp for wheelchairs or is said to be passable by one.
pub fn is_steps<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    get("highway") == Some("steps")
        && get("ramp:wheelchair") != Some("yes")
        && get("wheelchair") != Some("yes")
}

/// What bars a wheelchair along a walkable way, otherwise than as steps:
/// the way tagged `wheelchair=no` (a steep or rough path, a narrow
/// passage), or its surface said too rough for one. OSM's smoothness scale
/// names wheelchairs among what `intermediate` still suits and not below
/// it, so `bad` and worse bar one. `wheelchair=yes`, `designated` or
/// `limited` on the way lets one through whatever its smoothness.
pub fn way_bar<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<Bar> {
    match get("wheelchair") {
        Some("no") => Some(Bar::Way),
        Some("yes" | "designated" | "limited") => None,
        _ => matches!(
            get("smoothness"),
            Some("bad" | "very_bad" | "horrible" | "very_horrible" | "impassable")
        )
        .then_some(Bar::Rough),
    }
}

/// Whether a walkable way is a path for people (on foot, by bicycle, on
/// horseback) rather than a carriageway: where a kerb or a turnstile that
/// a path and a street share stands (see [`node_bar`]).
pub fn is_footpath<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    matches!(
        get("highway"),
        Some("footway" | "pedestrian" | "path" | "steps" | "corridor" | "bridleway" | "cycleway")
    )
}

/// What at a node bars a wheelchair from passing it, if anything: a
/// turnstile, stile or kissing gate, any barrier tagged `wheelchair=no`, or
/// a raised kerb mapped as a node of its own (a kerb tagged on a crossing
/// node describes the crossing, which stands on the carriageway).
/// `wheelchair=yes`, `designated` or `limited` lets one pass whatever the
/// barrier. `wheelchair=no` alone is not enough: on a cash machine or a
/// shop that stands on a path it says the machine or shop cannot be used.
pub fn node_bar<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<Bar> {
    let wheelchair = get("wheelchair");
    if matches!(wheelchair, Some("yes" | "designated" | "limited")) {
        return None;
    }
    let raised_kerb = get("kerb") == Some("raised") && get("highway").is_none();
    match get("barrier") {
        Some("turnstile" | "full-height_turnstile") => Some(Bar::Turnstile),
        Some("stile") => Some(Bar::Stile),
        Some("kissing_gate") => Some(Bar::KissingGate),
        _ if raised_kerb => Some(Bar::RaisedKerb),
        Some(_) if wheelchair == Some("no") => Some(Bar::Other),
        _ => None,
    }
}

/// Whether a basemap feature is drawn as a line or needs a closed area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Line,
    Area,
}

/// The basemap kind and class of a way or multipolygon, if it is drawn.
pub fn basemap_class<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Option<(BasemapKind, String, Form)> {
    if let Some(building) = get("building")
        && building != "no"
    {
        let kind = BasemapKind::Building {
            residential: is_residential_building(building, &get),
        };
        return Some((kind, building.to_string(), Form::Area));
    }
    if is_square(&get) {
        return Some((BasemapKind::Road, "square".to_string(), Form::Area));
    }
    if let Some(highway) = get("highway")
        && get("area") != Some("yes")
        && let Some(class) = road_class(highway)
    {
        return Some((BasemapKind::Road, class.to_string(), Form::Line));
    }
    if let Some(railway) = get("railway")
        && matches!(
            railway,
            "rail" | "light_rail" | "tram" | "subway" | "narrow_gauge"
        )
    {
        return Some((BasemapKind::Railway, railway.to_string(), Form::Line));
    }
    if let Some(waterway) = get("waterway") {
        match waterway {
            "river" | "stream" | "canal" | "ditch" | "drain" => {
                return Some((BasemapKind::Waterway, waterway.to_string(), Form::Line));
            }
            "riverbank" | "dock" => {
                return Some((BasemapKind::Water, waterway.to_string(), Form::Area));
            }
            _ => {}
        }
    }
    if get("natural") == Some("water") || matches!(get("landuse"), Some("reservoir" | "basin")) {
        return Some((BasemapKind::Water, "water".to_string(), Form::Area));
    }
    let green = [
        (
            "leisure",
            &[
                "park",
                "garden",
                "nature_reserve",
                "playground",
                "pitch",
                "golf_course",
            ][..],
        ),
        (
            "landuse",
            &[
                "forest",
                "grass",
                "meadow",
                "recreation_ground",
                "village_green",
                "allotments",
                "cemetery",
                "orchard",
                "vineyard",
            ][..],
        ),
        (
            "natural",
            &["wood", "scrub", "grassland", "heath", "wetland"][..],
        ),
    ];
    for (key, values) in green {
        if let Some(v) = get(key)
            && values.contains(&v)
        {
            return Some((BasemapKind::Green, v.to_string(), Form::Area));
        }
    }
    if let Some(landuse) = get("landuse")
        && matches!(
            landuse,
            "residential"
                | "commercial"
                | "industrial"
                | "retail"
                | "farmland"
                | "farmyard"
                | "railway"
                | "construction"
                | "education"
                | "religious"
                | "military"
        )
    {
        return Some((BasemapKind::Landuse, landuse.to_string(), Form::Area));
    }
    None
}

/// A square, or another area people walk across (a station forecourt,
/// a pedestrian zone's open ground): drawn as an area, and named like a
/// street. Residents give squares as addresses ("Peter-Kaiser-Platz 1")
/// and meet on them; OSM draws them as `place=square`, or as
/// `highway=pedestrian` with `area=yes` on a way or as a multipolygon.
fn is_square<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> bool {
    get("place") == Some("square")
        || (get("highway") == Some("pedestrian")
            && (get("area") == Some("yes") || get("type") == Some("multipolygon")))
}

fn road_class(highway: &str) -> Option<&'static str> {
    Some(match highway {
        "motorway" | "motorway_link" => "motorway",
        "trunk" | "trunk_link" => "trunk",
        "primary" | "primary_link" => "primary",
        "secondary" | "secondary_link" => "secondary",
        "tertiary" | "tertiary_link" => "tertiary",
        "residential" | "unclassified" | "living_street" | "road" => "minor",
        "service" => "service",
        "track" => "track",
        // A pedestrian street is a street of shops and houses, named and
        // addressed like any other, only closed to cars: not a path.
        "pedestrian" => "pedestrian",
        "footway" | "path" | "steps" | "cycleway" | "bridleway" | "corridor" => "path",
        _ => return None,
    })
}

/// Tags that give a building a use other than housing (walk-model.md §4:
/// "with no non-residential use tag").
const NON_RESIDENTIAL_USE_KEYS: &[&str] = &[
    "amenity",
    "shop",
    "office",
    "craft",
    "tourism",
    "leisure",
    "healthcare",
    "industrial",
    "man_made",
    "military",
    "public_transport",
    "aeroway",
    "emergency",
    "sport",
];

const RESIDENTIAL_BUILDINGS: &[&str] = &[
    "house",
    "residential",
    "apartments",
    "detached",
    "semidetached_house",
    "terrace",
    "yes",
];

fn is_residential_building<'a>(building: &str, get: &impl Fn(&str) -> Option<&'a str>) -> bool {
    RESIDENTIAL_BUILDINGS.contains(&building)
        && !NON_RESIDENTIAL_USE_KEYS.iter().any(|k| get(k).is_some())
        && get("building:use").is_none_or(|u| u == "residential")
}

/// The other names a road, square or town is known by, that search finds
/// it by: in another language (`name:sv` in bilingual Helsinki, `name:fr`
/// in Biel/Bienne), as it is called locally (`loc_name`), otherwise
/// (`alt_name`, several split at `;`), in full or short
/// ([`learnscape_core::text::other_names`]).
pub fn other_names(tags: &Tags) -> Vec<String> {
    let name = tags.name();
    let pairs = (tags.0.iter()).map(|(k, v)| (k.as_ref(), v.as_ref()));
    (learnscape_core::text::other_names(pairs, name.as_deref()).into_iter())
        .map(str::to_string)
        .collect()
}

/// `place=*` nodes drawn as labels.
pub fn place_label_class<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<&'a str> {
    let place = get("place")?;
    get("name")?;
    matches!(
        place,
        "city" | "town" | "village" | "suburb" | "quarter" | "neighbourhood" | "hamlet"
    )
    .then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walkable(tags: &[(&str, &str)]) -> bool {
        is_walkable(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v))
    }

    fn bar(tags: &[(&str, &str)]) -> Option<Bar> {
        node_bar(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v))
    }

    fn bars(tags: &[(&str, &str)]) -> bool {
        bar(tags).is_some()
    }

    #[test]
    fn what_bars_a_wheelchair_at_a_node() {
        assert!(bars(&[("barrier", "turnstile")]));
        assert!(bars(&[("barrier", "kissing_gate")]));
        assert!(bars(&[("barrier", "stile")]));
        assert!(!bars(&[("barrier", "stile"), ("wheelchair", "yes")]));
        assert!(!bars(&[
            ("barrier", "turnstile"),
            ("wheelchair", "limited")
        ]));
        assert!(!bars(&[("barrier", "gate")]));
        assert!(bars(&[("barrier", "gate"), ("wheelchair", "no")]));
        assert!(!bars(&[("barrier", "bollard")]));
        assert!(bars(&[("barrier", "kerb"), ("kerb", "raised")]));
        assert!(bars(&[("kerb", "raised")]));
        assert!(!bars(&[("barrier", "kerb"), ("kerb", "lowered")]));
        assert!(!bars(&[("barrier", "kerb")]), "a kerb of unknown height");
        // On a crossing node the kerb is the crossing's, on the carriageway.
        assert!(!bars(&[("highway", "crossing"), ("kerb", "raised")]));
        // A cash machine on a path that a wheelchair cannot use bars no one.
        assert!(!bars(&[("amenity", "atm"), ("wheelchair", "no")]));
        assert!(!bars(&[]));
    }

    #[test]
    fn what_bars_is_told_by_the_barrier() {
        assert_eq!(bar(&[("barrier", "turnstile")]), Some(Bar::Turnstile));
        assert_eq!(
            bar(&[("barrier", "full-height_turnstile")]),
            Some(Bar::Turnstile)
        );
        assert_eq!(bar(&[("barrier", "stile")]), Some(Bar::Stile));
        assert_eq!(bar(&[("barrier", "kissing_gate")]), Some(Bar::KissingGate));
        assert_eq!(
            bar(&[("barrier", "kerb"), ("kerb", "raised")]),
            Some(Bar::RaisedKerb)
        );
        assert_eq!(bar(&[("kerb", "raised")]), Some(Bar::RaisedKerb));
        // A raised kerb said not to suit wheelchairs is still a kerb.
        assert_eq!(
            bar(&[
                ("barrier", "kerb"),
                ("kerb", "raised"),
                ("wheelchair", "no")
            ]),
            Some(Bar::RaisedKerb)
        );
        assert_eq!(
            bar(&[("barrier", "gate"), ("wheelchair", "no")]),
            Some(Bar::Other)
        );
    }

    #[test]
    fn what_bars_a_wheelchair_along_a_way() {
        let along = |tags: &[(&str, &str)]| {
            way_bar(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v))
        };
        assert_eq!(along(&[("highway", "path")]), None);
        assert_eq!(along(&[("wheelchair", "no")]), Some(Bar::Way));
        for rough in ["bad", "very_bad", "horrible", "very_horrible", "impassable"] {
            assert_eq!(along(&[("smoothness", rough)]), Some(Bar::Rough), "{rough}");
        }
        // What OSM's scale says a wheelchair still takes.
        for smooth in ["excellent", "good", "intermediate"] {
            assert_eq!(along(&[("smoothness", smooth)]), None, "{smooth}");
        }
        // The way's own word on wheelchairs comes first.
        assert_eq!(
            along(&[("smoothness", "good"), ("wheelchair", "no")]),
            Some(Bar::Way)
        );
        for passable in ["yes", "designated", "limited"] {
            assert_eq!(
                along(&[("smoothness", "bad"), ("wheelchair", passable)]),
                None,
                "{passable}"
            );
        }
    }

    #[test]
    fn the_walk_model_rules_hold() {
        assert!(walkable(&[("highway", "residential")]));
        assert!(walkable(&[("highway", "footway"), ("oneway", "yes")]));
        assert!(!walkable(&[("highway", "motorway")]));
        assert!(!walkable(&[("highway", "trunk")]));
        assert!(walkable(&[("highway", "trunk"), ("sidewalk", "both")]));
        assert!(walkable(&[
            ("highway", "trunk_link"),
            ("foot", "designated")
        ]));
        assert!(!walkable(&[("highway", "cycleway")]));
        assert!(walkable(&[("highway", "cycleway"), ("foot", "yes")]));
        assert!(!walkable(&[("highway", "pedestrian"), ("area", "yes")]));
        assert!(!walkable(&[("highway", "path"), ("foot", "no")]));
        assert!(!walkable(&[("highway", "service"), ("access", "private")]));
        assert!(walkable(&[
            ("highway", "service"),
            ("access", "private"),
            ("foot", "permissive")
        ]));
        assert!(!walkable(&[("highway", "service"), ("service", "private")]));
        assert!(!walkable(&[("highway", "platform")]));
        assert!(!walkable(&[("building", "yes")]));
    }

    #[test]
    fn a_road_s_other_names_are_its_languages_and_local_names() {
        let tags = Tags::from_iter([
            ("highway", "pedestrian"),
            ("name", "Erottajankatu"),
            ("name:fi", "Erottajankatu"),
            ("name:sv", "Skillnadsgatan"),
            ("name:etymology:wikidata", "Q1"),
            ("loc_name", "Lindaplatz"),
            ("alt_name", "Skillnaden; Skillnadsgatan;"),
            ("old_name", "Alte Gasse"),
        ]);
        assert_eq!(
            other_names(&tags),
            ["Skillnadsgatan", "Lindaplatz", "Skillnaden"]
        );
        assert!(other_names(&Tags::from_iter([("name", "Städtle")])).is_empty());
    }

    #[test]
    fn a_house_is_residential_and_a_shop_is_not() {
        let class = |tags: &[(&str, &str)]| {
            basemap_class(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v)).map(|c| c.0)
        };
        assert_eq!(
            class(&[("building", "house")]),
            Some(BasemapKind::Building { residential: true })
        );
        assert_eq!(
            class(&[("building", "yes"), ("shop", "bakery")]),
            Some(BasemapKind::Building { residential: false })
        );
        assert_eq!(
            class(&[("building", "church")]),
            Some(BasemapKind::Building { residential: false })
        );
        assert_eq!(class(&[("highway", "primary")]), Some(BasemapKind::Road));
        let road = |tags: &[(&str, &str)]| {
            basemap_class(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v)).map(|c| c.1)
        };
        assert_eq!(
            road(&[("highway", "pedestrian")]).as_deref(),
            Some("pedestrian")
        );
        assert_eq!(road(&[("highway", "footway")]).as_deref(), Some("path"));
        for square in [
            &[("highway", "pedestrian"), ("area", "yes")][..],
            &[("highway", "pedestrian"), ("type", "multipolygon")],
            &[("place", "square"), ("name", "Dorfplatz")],
            &[("place", "square"), ("highway", "pedestrian")],
        ] {
            assert_eq!(road(square).as_deref(), Some("square"), "{square:?}");
            let form = basemap_class(|k| square.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v));
            assert_eq!(form.map(|c| c.2), Some(Form::Area), "{square:?}");
        }
        assert_eq!(road(&[("highway", "footway"), ("area", "yes")]), None);
        assert_eq!(road(&[("place", "village")]), None);
        assert_eq!(class(&[("natural", "water")]), Some(BasemapKind::Water));
        assert_eq!(class(&[("amenity", "bench")]), None);
    }
}
