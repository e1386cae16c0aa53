//! Streets by name, for search. A resident knows the street they live on
//! better than the name of any library, so search finds streets too.
//!
//! OSM draws one street as many ways (split wherever a tag changes, and
//! twice for a dual carriageway), while one name is often used by several
//! streets ("Dorfstrasse" in every village). So the named road pieces of
//! one name are joined into one street where they touch or nearly touch
//! (an end of one within [`JOIN_M`] of a point of the other), and are
//! kept apart otherwise. A street that runs through several
//! neighbourhoods ("Landstrasse" through five municipalities) is one street
//! in each, as its residents name it, and likewise one through the reach
//! of several towns where no neighbourhood is ([`named_streets_within`]).

use crate::units::haversine_m;
use crate::{BasemapFeature, BasemapKind, LonLat};
use geo::BoundingRect;
use geo_types::LineString;
use std::collections::HashMap;

/// The ends of two pieces of one street are this close or closer: the
/// width of a dual carriageway or a square with some room to spare.
pub const JOIN_M: f64 = 60.0;

/// Metres in a degree of latitude, a little less than any (so that a
/// window of this many degrees holds the distance it stands for).
const METRES_PER_DEGREE: f64 = 111_000.0;

/// How far a road class (docs/tiles.md) is from a street for vehicles: a
/// street takes the class of its longest piece of the lowest rank it has.
/// So an avenue whose sidewalks are drawn as footways of its name stays a
/// street, however long the sidewalks, and one with a pedestrian stretch
/// stays the avenue it mostly is to those who live on it.
fn rank(class: &str) -> u8 {
    match class {
        // A pedestrian area drawn under a street of its name (Helsinki's
        // Aleksanterinkatu) leaves the street what its lines are.
        "square" => 3,
        "path" | "track" => 2,
        "pedestrian" => 1,
        _ => 0,
    }
}

/// Where a road piece lies, as [`named_streets_within`] cuts streets
/// apart; each numbered as its caller numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    /// An area people name their address by (a neighbourhood): its pieces
    /// of one name are one street, touching or not.
    Area(usize),
    /// The reach of a place (the town or district nearest, where no area
    /// is): a street is cut where it leaves it, and within it the pieces
    /// of one name join only where they touch.
    Near(usize),
}

/// One street: the named road pieces that belong together.
#[derive(Debug, Clone, PartialEq)]
pub struct Street {
    pub name: String,
    /// The road class of its longest piece for vehicles (`primary`,
    /// `minor`…), else of its longest pedestrian piece, else of its
    /// longest piece (`path`, `track`).
    pub class: String,
    /// A point of the street itself, the one nearest the middle of all its
    /// points: where a walk "from this street" starts.
    pub position: LonLat,
    /// Its pieces' lengths added up.
    pub length_m: f64,
    /// Its south-west and north-east corners: how near a point is to it.
    pub extent: [LonLat; 2],
    /// The zone its pieces lie in (by their middle points), as the
    /// `zone_of` of [`named_streets_within`] numbers it.
    pub zone: Option<Zone>,
    /// For a street that is only another name of roads ("Fabiansgatan"),
    /// the name the map labels them by ("Fabianinkatu"), of its longest
    /// piece; `None` where any of its roads is called so on the map.
    pub on_map: Option<String>,
}

/// A named road piece, as points.
struct Piece<'a> {
    class: &'a str,
    /// The road's `name`, where the piece is one of its other names.
    on_map: Option<&'a str>,
    points: Vec<LonLat>,
    /// The bounding box, widened by [`JOIN_M`] on every side.
    reach: [f64; 4],
    /// [`JOIN_M`] in degrees of longitude and latitude here, 1 % wider.
    join_deg: [f64; 2],
    length_m: f64,
}

impl Piece<'_> {
    fn ends(&self) -> [LonLat; 2] {
        [self.points[0], self.points[self.points.len() - 1]]
    }

    /// Whether `e` and `p` lie within [`JOIN_M`] in degrees (with room to
    /// spare): most pairs are told apart here, without trigonometry.
    fn may_join(&self, e: LonLat, p: LonLat) -> bool {
        (e.lon - p.lon).abs() <= self.join_deg[0] && (e.lat - p.lat).abs() <= self.join_deg[1]
    }

    fn boxes_meet(&self, other: &Piece<'_>) -> bool {
        self.reach[0] <= other.reach[2]
            && other.reach[0] <= self.reach[2]
            && self.reach[1] <= other.reach[3]
            && other.reach[1] <= self.reach[3]
    }

    /// An end of either lies within [`JOIN_M`] of a point of the other.
    fn joins(&self, other: &Piece<'_>) -> bool {
        let near = |a: &Piece<'_>, b: &Piece<'_>| {
            a.ends().iter().any(|&e| {
                b.points
                    .iter()
                    .any(|&p| a.may_join(e, p) && haversine_m(e, p) <= JOIN_M)
            })
        };
        self.boxes_meet(other) && (near(self, other) || near(other, self))
    }
}

/// Every named street of the basemap, in name order (then west to east,
/// for the same name).
pub fn named_streets(basemap: &[BasemapFeature]) -> Vec<Street> {
    named_streets_within(basemap, |_| None)
}

/// As [`named_streets`], with a street cut where it passes from one zone
/// to another: `zone_of` says which a point lies in (`None` outside every
/// one), and a piece belongs to the zone of its middle point. Within an
/// [`Zone::Area`] the pieces of one name are one street, touching or not;
/// elsewhere they join where they touch. Each street's position lies in
/// its zone.
pub fn named_streets_within(
    basemap: &[BasemapFeature],
    zone_of: impl Fn(LonLat) -> Option<Zone>,
) -> Vec<Street> {
    let mut by_name: HashMap<(&str, Option<Zone>), Vec<Piece<'_>>> = HashMap::new();
    // A road's other names ("Skillnadsgatan" for Erottajankatu) are
    // streets of their own, in the road's place: searched by either name.
    // A town's ("Helsingfors") is a point, with no lines to be a street.
    let roads = (basemap.iter())
        .filter(|f| f.kind == BasemapKind::Road)
        .map(|road| (road, road.name.as_deref(), None));
    let other_names = (crate::basemap::other_names(basemap).into_iter())
        .map(|(i, other)| (&basemap[i], Some(other), basemap[i].name.as_deref()));
    for (road, name, on_map) in roads.chain(other_names) {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            continue;
        };
        for piece in road
            .lines()
            .into_iter()
            .filter_map(|l| piece(&road.class, on_map, l))
        {
            let zone = zone_of(piece.points[piece.points.len() / 2]);
            by_name.entry((name, zone)).or_default().push(piece);
        }
    }
    let mut streets: Vec<Street> = by_name
        .into_iter()
        .flat_map(|((name, zone), pieces)| {
            // Within one area a name is one street (addresses depend on
            // it), even where OSM breaks it with a piece of another name.
            let groups = match zone {
                Some(Zone::Area(_)) => vec![(0..pieces.len()).collect()],
                Some(Zone::Near(_)) | None => groups(&pieces),
            };
            groups
                .into_iter()
                .map(|members| street(name, zone, &pieces, &members, &zone_of))
                .collect::<Vec<_>>()
        })
        .collect();
    streets.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.position.lon.total_cmp(&b.position.lon))
            .then(a.position.lat.total_cmp(&b.position.lat))
    });
    streets
}

fn piece<'a>(class: &'a str, on_map: Option<&'a str>, line: &LineString<f64>) -> Option<Piece<'a>> {
    let points: Vec<LonLat> = line.coords().map(|c| LonLat::new(c.x, c.y)).collect();
    let bounds = line.bounding_rect()?;
    let first = *points.first()?;
    let dy = 1.01 * JOIN_M / METRES_PER_DEGREE;
    let dx = dy / first.lat.to_radians().cos().max(0.01);
    let length_m = points.windows(2).map(|w| haversine_m(w[0], w[1])).sum();
    Some(Piece {
        class,
        on_map,
        reach: [
            bounds.min().x - dx,
            bounds.min().y - dy,
            bounds.max().x + dx,
            bounds.max().y + dy,
        ],
        join_deg: [dx, dy],
        points,
        length_m,
    })
}

/// The pieces that join, directly or through others, as index lists.
fn groups(pieces: &[Piece<'_>]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..pieces.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..pieces.len() {
        for j in i + 1..pieces.len() {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            if a != b && pieces[i].joins(&pieces[j]) {
                parent[b] = a;
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..pieces.len() {
        let r = root(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    members.into_values().collect()
}

fn street(
    name: &str,
    zone: Option<Zone>,
    pieces: &[Piece<'_>],
    members: &[usize],
    zone_of: &impl Fn(LonLat) -> Option<Zone>,
) -> Street {
    let points = || {
        members
            .iter()
            .flat_map(|&i| pieces[i].points.iter().copied())
    };
    let count = points().count().max(1) as f64;
    let (sx, sy) = points().fold((0.0, 0.0), |(x, y), p| (x + p.lon, y + p.lat));
    let middle = LonLat::new(sx / count, sy / count);
    // The point nearest the middle that lies in the street's zone (a piece
    // across a border has points in the next one); the nearest otherwise.
    let mut by_distance: Vec<(f64, LonLat)> =
        points().map(|p| (haversine_m(p, middle), p)).collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    let position = by_distance
        .iter()
        .find(|(_, p)| zone.is_none() || zone_of(*p) == zone)
        .or(by_distance.first())
        .map_or(middle, |(_, p)| *p);
    let class = (members.iter().map(|&i| &pieces[i]))
        .min_by(|a, b| (rank(a.class).cmp(&rank(b.class))).then(b.length_m.total_cmp(&a.length_m)));
    let on_map = (members.iter().map(|&i| &pieces[i]))
        .map(|p| p.on_map.map(|name| (name, p.length_m)))
        .collect::<Option<Vec<_>>>()
        .and_then(|named| {
            (named.into_iter())
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(name, _)| name.to_string())
        });
    Street {
        name: name.to_string(),
        class: class.map_or_else(String::new, |p| p.class.to_string()),
        position,
        length_m: members.iter().map(|&i| pieces[i].length_m).sum(),
        extent: points().fold([middle, middle], |[sw, ne], p| {
            [
                LonLat::new(sw.lon.min(p.lon), sw.lat.min(p.lat)),
                LonLat::new(ne.lon.max(p.lon), ne.lat.max(p.lat)),
            ]
        }),
        zone,
        on_map,
    }
}

/// For each street of `streets` that is only another name of roads
/// ([`Street::on_map`]), the index of the street of its zone the map calls
/// them by, where the two overlap: "Fabiansgatan" names that Fabianinkatu,
/// not the one of another district. So search lists the two as one street.
pub fn named_on_map(streets: &[Street]) -> Vec<Option<usize>> {
    let mut by_name: HashMap<(&str, Option<Zone>), Vec<usize>> = HashMap::new();
    for (i, s) in streets.iter().enumerate() {
        by_name.entry((&s.name, s.zone)).or_default().push(i);
    }
    (streets.iter())
        .map(|s| {
            let named = by_name.get(&(s.on_map.as_deref()?, s.zone))?;
            (named.iter().copied()).find(|&j| streets[j].overlaps(s))
        })
        .collect()
}

impl Street {
    /// Whether the two extents meet: the street and its other name share
    /// the roads of the other name's longest piece.
    fn overlaps(&self, other: &Street) -> bool {
        let ([a, b], [c, d]) = (self.extent, other.extent);
        a.lon <= d.lon && c.lon <= b.lon && a.lat <= d.lat && c.lat <= b.lat
    }

    /// Metres from `at` to the street's extent (0 within it): near enough
    /// to tell two streets of one name in different places apart.
    pub fn metres_from(&self, at: LonLat) -> f64 {
        let [sw, ne] = self.extent;
        let on = LonLat::new(at.lon.clamp(sw.lon, ne.lon), at.lat.clamp(sw.lat, ne.lat));
        haversine_m(at, on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::Geometry;

    fn road(name: Option<&str>, class: &str, points: &[(f64, f64)]) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::Road,
            class: class.into(),
            name: name.map(str::to_string),
            population: None,
            geometry: Geometry::LineString(LineString::from(points.to_vec())),
        }
    }

    /// `name` as another name of `of`, as the importer gives it.
    fn other(name: &str, of: &BasemapFeature) -> BasemapFeature {
        BasemapFeature {
            kind: BasemapKind::OtherName,
            name: Some(name.into()),
            ..of.clone()
        }
    }

    /// About 75 m of longitude at 47° N.
    const STEP: f64 = 0.001;

    #[test]
    fn pieces_that_touch_are_one_street_and_far_ones_two() {
        let basemap = vec![
            // One Dorfstrasse in two pieces meeting end to end…
            road(
                Some("Dorfstrasse"),
                "minor",
                &[(9.5, 47.0), (9.5 + STEP, 47.0)],
            ),
            road(
                Some("Dorfstrasse"),
                "primary",
                &[(9.5 + STEP, 47.0), (9.5 + 4.0 * STEP, 47.0)],
            ),
            // …and a carriageway 30 m to the north of the second.
            road(
                Some("Dorfstrasse"),
                "primary",
                &[(9.5 + 4.0 * STEP, 47.0003), (9.5 + STEP, 47.0003)],
            ),
            // Another Dorfstrasse in the next village, 7 km away.
            road(
                Some("Dorfstrasse"),
                "minor",
                &[(9.6, 47.0), (9.6 + STEP, 47.0)],
            ),
            // Unnamed and blank-named roads are no street.
            road(None, "minor", &[(9.5, 47.0), (9.5, 47.01)]),
            road(Some("  "), "minor", &[(9.5, 47.0), (9.5, 47.01)]),
            // A place label is no road.
            BasemapFeature {
                kind: BasemapKind::PlaceLabel,
                class: "village".into(),
                name: Some("Dorfstrasse".into()),
                population: None,
                geometry: Geometry::Point((9.5, 47.0).into()),
            },
        ];
        let streets = named_streets(&basemap);
        assert_eq!(streets.len(), 2, "{streets:?}");
        let (west, east) = (&streets[0], &streets[1]);
        assert_eq!(west.name, "Dorfstrasse");
        assert_eq!(west.class, "primary", "the class of the longest piece");
        let expected = haversine_m(LonLat::new(9.5, 47.0), LonLat::new(9.5 + 4.0 * STEP, 47.0))
            + haversine_m(
                LonLat::new(9.5 + STEP, 47.0003),
                LonLat::new(9.5 + 4.0 * STEP, 47.0003),
            );
        assert!((west.length_m - expected).abs() < 0.01, "{}", west.length_m);
        assert!(west.position.lon > 9.5 && west.position.lon < 9.5 + 4.0 * STEP);
        assert_eq!(east.class, "minor");
        assert!(east.position.lon >= 9.6);
        // How near a point is to each: 0 on or beside it within its
        // extent, else to the extent's nearest edge.
        let between = LonLat::new(9.5 + 4.0 * STEP, 47.0001);
        assert_eq!(west.metres_from(between), 0.0);
        assert_eq!(west.metres_from(LonLat::new(9.5 + STEP, 47.0)), 0.0);
        let to_east = east.metres_from(between);
        let expected = haversine_m(between, LonLat::new(9.6, 47.0001));
        assert!(
            (to_east - expected).abs() < 1.0,
            "{to_east} m, not {expected}"
        );
        let north = LonLat::new(9.5 + 2.0 * STEP, 47.0013);
        assert!((west.metres_from(north) - 111.2).abs() < 0.5);
    }

    #[test]
    fn a_street_with_long_sidewalks_is_a_street_and_one_of_paths_a_path() {
        let carriageway = road(
            Some("Avinguda Carlemany"),
            "secondary",
            &[(9.5, 47.0), (9.5 + STEP, 47.0)],
        );
        // Its two sidewalks, each longer than the carriageway.
        let sidewalk = |dy: f64| {
            road(
                Some("Avinguda Carlemany"),
                "path",
                &[(9.5 - 0.2 * STEP, 47.0 + dy), (9.5 + 1.2 * STEP, 47.0 + dy)],
            )
        };
        let plaza = road(
            Some("Avinguda Carlemany"),
            "pedestrian",
            // Longer than the carriageway, shorter than a sidewalk.
            &[(9.5 + STEP, 47.0), (9.5 + 2.2 * STEP, 47.0)],
        );
        let streets = named_streets(&[
            carriageway.clone(),
            plaza.clone(),
            sidewalk(0.0001),
            sidewalk(-0.0001),
        ]);
        assert_eq!(streets.len(), 1, "{streets:?}");
        assert_eq!(streets[0].class, "secondary", "not its longer plaza");
        let shopping = named_streets(&[plaza, sidewalk(0.0001), sidewalk(-0.0001)]);
        assert_eq!(
            shopping[0].class, "pedestrian",
            "a pedestrian street is no path"
        );
        let footpath = named_streets(&[
            sidewalk(0.0),
            road(
                Some("Avinguda Carlemany"),
                "track",
                &[(9.5, 47.0), (9.5, 47.0 + 0.5 * STEP)],
            ),
        ]);
        assert_eq!(
            footpath[0].class, "path",
            "the longest, where all are for feet"
        );
    }

    #[test]
    fn a_square_is_a_street_by_its_edge_and_leaves_a_street_its_class() {
        // A square 150 m across, its edge a ring, with a hole (a fountain).
        let ring = |w: f64, s: f64, side: f64| {
            LineString::from(vec![
                (w, s),
                (w + side, s),
                (w + side, s + side),
                (w, s + side),
                (w, s),
            ])
        };
        let area = |name: &str, polygon: geo_types::Polygon<f64>| BasemapFeature {
            kind: BasemapKind::Road,
            class: "square".into(),
            name: Some(name.into()),
            population: None,
            geometry: Geometry::MultiPolygon(geo_types::MultiPolygon(vec![polygon])),
        };
        let square = geo_types::Polygon::new(
            ring(9.5, 47.0, 2.0 * STEP),
            vec![ring(9.5 + 0.9 * STEP, 47.0 + 0.9 * STEP, 0.2 * STEP)],
        );
        let alone = named_streets(&[area("Dorfplatz", square.clone())]);
        assert_eq!(alone.len(), 1, "{alone:?}");
        assert_eq!(alone[0].class, "square");
        let edge: Vec<LonLat> = (square.exterior().coords())
            .map(|c| LonLat::new(c.x, c.y))
            .collect();
        assert!(edge.contains(&alone[0].position), "on its edge");
        let [sw, ne] = alone[0].extent;
        assert_eq!([sw, ne], [edge[0], edge[2]]);
        // The pedestrian area under a street of its name, longer than the
        // street, opening from its end: one street, the street's class.
        let street = road(
            Some("Aleksanterinkatu"),
            "pedestrian",
            &[(9.5 - STEP, 47.0), (9.5, 47.0)],
        );
        let both = named_streets(&[street, area("Aleksanterinkatu", square)]);
        assert_eq!(both.len(), 1, "{both:?}");
        assert_eq!(both[0].class, "pedestrian");
    }

    #[test]
    fn a_spur_joining_the_middle_of_a_street_belongs_to_it() {
        let basemap = vec![
            road(
                Some("Im Bühl"),
                "minor",
                &[(9.5, 47.0), (9.5 + STEP, 47.0), (9.5 + 2.0 * STEP, 47.0)],
            ),
            road(
                Some("Im Bühl"),
                "minor",
                &[(9.5 + STEP, 47.0), (9.5 + STEP, 47.002)],
            ),
        ];
        assert_eq!(named_streets(&basemap).len(), 1);
    }

    #[test]
    fn the_parts_of_a_multi_line_are_pieces_of_their_own() {
        let far_apart = BasemapFeature {
            geometry: Geometry::MultiLineString(geo_types::MultiLineString(vec![
                LineString::from(vec![(9.5, 47.0), (9.5 + STEP, 47.0)]),
                LineString::from(vec![(9.6, 47.0), (9.6 + STEP, 47.0)]),
            ])),
            ..road(Some("Dorfstrasse"), "minor", &[])
        };
        let streets = named_streets(&[far_apart]);
        assert_eq!(streets.len(), 2, "{streets:?}");
        let one = haversine_m(LonLat::new(9.5, 47.0), LonLat::new(9.5 + STEP, 47.0));
        assert!(
            (streets[0].length_m - one).abs() < 0.01,
            "no jump between the parts"
        );
    }

    #[test]
    fn a_street_through_two_areas_is_one_street_in_each() {
        // One Landstrasse in three touching pieces; the border runs at
        // 9.5 + 2.5 steps, across the last piece, whose middle point lies
        // beyond it while the point nearest its middle does not.
        let basemap = vec![
            road(
                Some("Landstrasse"),
                "primary",
                &[(9.5, 47.0), (9.5 + STEP, 47.0)],
            ),
            road(
                Some("Landstrasse"),
                "primary",
                &[(9.5 + STEP, 47.0), (9.5 + 2.0 * STEP, 47.0)],
            ),
            road(
                Some("Landstrasse"),
                "primary",
                &[
                    (9.5 + 2.0 * STEP, 47.0),
                    (9.5 + 2.1 * STEP, 47.0),
                    (9.5 + 2.6 * STEP, 47.0),
                    (9.5 + 2.7 * STEP, 47.0),
                ],
            ),
        ];
        let border = 9.5 + 2.5 * STEP;
        for zone in [Zone::Area, Zone::Near] {
            let zone_of = |p: LonLat| Some(zone(usize::from(p.lon > border)));
            let streets = named_streets_within(&basemap, zone_of);
            assert_eq!(streets.len(), 2, "{streets:?}");
            for s in &streets {
                assert_eq!(zone_of(s.position), s.zone, "{s:?}");
            }
            assert_eq!(streets[0].zone, Some(zone(0)));
        }
        // Without zones, the one street it is.
        assert_eq!(named_streets(&basemap).len(), 1);
        assert!(named_streets(&basemap)[0].zone.is_none());
        // Within an area, one name is one street even where the pieces do
        // not touch (a roundabout of another name between them); near a
        // town, or outside every zone, pieces apart are streets apart (two
        // Zollstrasse in one town's reach, where no area says they are one).
        let apart = vec![
            road(
                Some("Zollstrasse"),
                "minor",
                &[(9.5, 47.0), (9.5 + STEP, 47.0)],
            ),
            road(
                Some("Zollstrasse"),
                "minor",
                &[(9.5 + 5.0 * STEP, 47.0), (9.5 + 6.0 * STEP, 47.0)],
            ),
        ];
        assert_eq!(
            named_streets_within(&apart, |_| Some(Zone::Area(3))).len(),
            1
        );
        assert_eq!(
            named_streets_within(&apart, |_| Some(Zone::Near(3))).len(),
            2
        );
        assert_eq!(named_streets(&apart).len(), 2);
    }

    #[test]
    fn the_position_is_a_point_of_the_street() {
        // An L-shaped street: the middle of its points lies off the street.
        let points = [
            (9.5, 47.0),
            (9.5 + 2.0 * STEP, 47.0),
            (9.5 + 2.0 * STEP, 47.002),
        ];
        let streets = named_streets(&[road(Some("Winkel"), "minor", &points)]);
        let at = streets[0].position;
        assert!(
            points.iter().any(|&(x, y)| (at.lon, at.lat) == (x, y)),
            "{at:?}"
        );
    }

    #[test]
    fn a_street_by_another_name_says_what_the_map_calls_it() {
        let long = [(24.9, 60.1), (24.9 + 3.0 * STEP, 60.1)];
        let short = [(24.9 + 3.0 * STEP, 60.1), (24.9 + 4.0 * STEP, 60.1)];
        let fabianinkatu = road(Some("Fabianinkatu"), "minor", &long);
        // Its short end is another street on the map, of the same Swedish
        // name: the longer names it.
        let kirkkokatu = road(Some("Kirkkokatu"), "minor", &short);
        let elsewhere = [(24.95, 60.1), (24.95 + STEP, 60.1)];
        let kapellet = road(Some("Kappeli"), "minor", &elsewhere);
        let basemap = [
            other("Fabiansgatan", &fabianinkatu),
            other("Fabiansgatan", &kirkkokatu),
            fabianinkatu,
            kirkkokatu,
            // A street of one name on the map and another's other name.
            road(Some("Kapellet"), "minor", &elsewhere),
            other("Kapellet", &kapellet),
            kapellet,
        ];
        let streets = named_streets(&basemap);
        let on_map = |name: &str| {
            let street = streets.iter().find(|s| s.name == name);
            street.map(|s| s.on_map.as_deref())
        };
        assert_eq!(on_map("Fabiansgatan"), Some(Some("Fabianinkatu")));
        assert_eq!(on_map("Fabianinkatu"), Some(None));
        assert_eq!(on_map("Kapellet"), Some(None));
        assert_eq!(streets.len(), 5, "{streets:?}");
    }

    #[test]
    fn another_name_is_paired_with_the_street_the_map_calls_it_there() {
        // Two Dorfstrasse 7 km apart, each with a local name, and a third
        // street by one of those names that is no other name.
        let here = road(Some("Dorfstrasse"), "minor", &[(9.5, 47.0), (9.501, 47.0)]);
        let there = road(Some("Dorfstrasse"), "minor", &[(9.6, 47.0), (9.601, 47.0)]);
        let lane = road(Some("Oberdorf"), "minor", &[(9.7, 47.0), (9.701, 47.0)]);
        let basemap = [
            other("Oberdorf", &here),
            other("Unterdorf", &there),
            here,
            there,
            lane,
        ];
        let streets = named_streets(&basemap);
        let paired = named_on_map(&streets);
        let at = |i: usize| (streets[i].name.as_str(), streets[i].position.lon);
        let pairs: Vec<_> = (paired.iter().enumerate())
            .filter_map(|(i, j)| Some((at(i), at((*j)?))))
            .collect();
        assert_eq!(
            pairs,
            [
                (("Oberdorf", 9.5), ("Dorfstrasse", 9.5)),
                (("Unterdorf", 9.6), ("Dorfstrasse", 9.6)),
            ],
            "{streets:?}"
        );
    }
}
