//! A walk in words: the route to a place as the streets it goes along and
//! the turns between them ("Head north along Städtle, 240 m; turn left
//! onto Aeulestrasse, 310 m"), so that a screen reader, a printed notice
//! or anyone who reads a map badly can follow it without the line drawn.
//!
//! The walk graph knows no names (walk-model.md §1 keeps only what the
//! distances need), but its vertices are the OSM nodes of the extract's
//! ways, and the basemap's roads are drawn through the same nodes: each
//! step of a route lies on the road it was walked along. So a step is
//! named by the road under its middle, an unnamed sidewalk by the street
//! it runs beside, and a crossing is walked as part of the next leg.

use crate::frame::{LocalFrame, closest_on_segment};
use crate::route::{Route, pass};
use learnscape_core::units::haversine_m;
use learnscape_core::{Bar, BasemapFeature, BasemapKind, LonLat};
use rstar::primitives::{GeomWithData, Line};
use rstar::{AABB, RTree};
use serde::Serialize;

/// A route step this close to a road piece (at its middle) is walked
/// along it: the route's vertices are the road's own nodes, so the true
/// distance is a rounding error; the slack covers a road drawn through
/// other nodes than the footway it shares a line with.
const ON_ROAD_M: f64 = 3.0;

/// An unnamed path this close to a named street and running beside it is
/// that street's sidewalk (Helsinki draws its sidewalks as footways):
/// walking it is walking along the street.
const SIDEWALK_M: f64 = 20.0;

/// How far from parallel (degrees) a road piece may run and still be
/// what a step goes along, or a path and still be a street's sidewalk:
/// a footway crossing a street meets it at its middle, across.
const PARALLEL: f64 = 25.0;

/// A leg shorter than this (a crossing, a kerb ramp, a few metres of
/// footway joining two streets, a roundabout) is no step of its own:
/// "turn onto a path, 8 m" helps no one.
const SHORT_LEG_M: f64 = 25.0;

/// A street that goes by another name for a stretch shorter than this,
/// walked straight through ("Landstrasse, 1.4 km; Churerstrasse, 75 m;
/// Landstrasse, 1.2 km"), is told as one leg along the street: a walker
/// keeping straight on needs no word at either end of it.
const RENAMED_STRETCH_M: f64 = 100.0;

/// Bearings are taken over this much of a leg at its start and its end,
/// so a kink of the last few metres does not turn the whole leg.
const BEARING_SPAN_M: f64 = 20.0;

/// One road of the basemap, as the directions name it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Road {
    name: Option<String>,
    class: String,
}

/// A piece of a road (two consecutive points, lon/lat) and its road's
/// index.
type Piece = GeomWithData<Line<[f64; 2]>, u32>;

/// The basemap's roads, indexed by their pieces.
#[derive(Debug, Default)]
pub struct Roads {
    roads: Vec<Road>,
    tree: RTree<Piece>,
}

impl Roads {
    /// The roads of `basemap` (its other features are ignored).
    pub fn new(basemap: &[BasemapFeature]) -> Self {
        let mut roads = Vec::new();
        let mut pieces = Vec::new();
        for f in basemap.iter().filter(|f| f.kind == BasemapKind::Road) {
            let lines = f.lines();
            if lines.is_empty() {
                continue;
            }
            let road = roads.len() as u32;
            roads.push(Road {
                name: f.name.clone(),
                class: f.class.clone(),
            });
            for line in lines {
                for l in line.lines() {
                    let ends = Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]);
                    pieces.push(Piece::new(ends, road));
                }
            }
        }
        Self {
            roads,
            tree: RTree::bulk_load(pieces),
        }
    }

    /// The name of the named road nearest `at`, within `max_m`.
    pub fn named_near(&self, at: LonLat, max_m: f64) -> Option<&str> {
        (self.near(at, max_m))
            .filter_map(|(d, _, road)| Some((d, road.name.as_deref()?)))
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map(|(_, name)| name)
    }

    /// The pieces within `max_m` of `at`, each with its distance and its
    /// bearing (degrees from north, 0–180: a piece has no direction).
    fn near(&self, at: LonLat, max_m: f64) -> impl Iterator<Item = (f64, f64, &Road)> + '_ {
        let frame = LocalFrame::at(at);
        let (dlon, dlat) = frame.degrees(max_m);
        let envelope = AABB::from_corners(
            [at.lon - dlon, at.lat - dlat],
            [at.lon + dlon, at.lat + dlat],
        );
        (self.tree.locate_in_envelope_intersecting(&envelope)).filter_map(move |piece| {
            let [a, b] = [piece.geom().from, piece.geom().to]
                .map(|[lon, lat]| frame.to_xy(LonLat::new(lon, lat)));
            let road = piece.data;
            let (_, d) = closest_on_segment([0.0, 0.0], a, b);
            let axis = (b[0] - a[0])
                .atan2(b[1] - a[1])
                .to_degrees()
                .rem_euclid(180.0);
            (d <= max_m).then(|| (d, axis, &self.roads[road as usize]))
        })
    }

    /// The road a step from `a` to `b` goes along: the road under its
    /// middle and along it (a named one where two lie there), an unnamed
    /// path beside a named street taking the street's name; `None` off
    /// every road. A sidewalk beside two streets (at a corner) keeps
    /// `before`, the name of the step before, where that is one of them.
    fn under(&self, a: LonLat, b: LonLat, before: Option<&str>) -> Option<Road> {
        let middle = LonLat::new((a.lon + b.lon) / 2.0, (a.lat + b.lat) / 2.0);
        let heading = bearing(a, b).rem_euclid(180.0);
        let on = (self.near(middle, ON_ROAD_M))
            .filter(|(_, axis, _)| axis_angle(*axis, heading) <= PARALLEL)
            .min_by(|x, y| (x.2.name.is_none().cmp(&y.2.name.is_none())).then(x.0.total_cmp(&y.0)))
            .map(|(_, _, road)| road.clone())?;
        if on.name.is_some() || on.class != "path" {
            return Some(on);
        }
        let beside = (self.near(middle, SIDEWALK_M))
            .filter(|(_, axis, road)| road.name.is_some() && axis_angle(*axis, heading) <= PARALLEL)
            .min_by(|x, y| {
                // Sorts the street walked along before first (false < true).
                let another = |r: &Road| before.is_none() || r.name.as_deref() != before;
                (another(x.2).cmp(&another(y.2))).then(x.0.total_cmp(&y.0))
            });
        Some(match beside {
            Some((_, _, street)) => Road {
                name: street.name.clone(),
                class: on.class,
            },
            None => on,
        })
    }
}

/// The angle between two undirected axes (0–180 each), 0–90.
fn axis_angle(a: f64, b: f64) -> f64 {
    let d = (a - b).abs() % 180.0;
    d.min(180.0 - d)
}

/// Degrees clockwise from north, of the way from `a` to `b`.
fn bearing(a: LonLat, b: LonLat) -> f64 {
    let [x, y] = LocalFrame::at(a).to_xy(b);
    x.atan2(y).to_degrees().rem_euclid(360.0)
}

/// How one leg turns from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    Straight,
    SlightLeft,
    Left,
    SharpLeft,
    SlightRight,
    Right,
    SharpRight,
}

impl Turn {
    /// From the change of bearing, in degrees clockwise (−180 to 180).
    fn of(change: f64) -> Self {
        let size = change.abs();
        let right = change > 0.0;
        match size {
            s if s < 25.0 => Turn::Straight,
            s if s < 60.0 && right => Turn::SlightRight,
            s if s < 60.0 => Turn::SlightLeft,
            s if s < 135.0 && right => Turn::Right,
            s if s < 135.0 => Turn::Left,
            _ if right => Turn::SharpRight,
            _ => Turn::SharpLeft,
        }
    }
}

/// The eight points of the compass, for the way the walk starts.
const COMPASS: [&str; 8] = [
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
];

/// One leg of a walk: along one street (or one kind of unnamed way).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leg {
    /// The street's name; `None` for an unnamed way.
    pub along: Option<String>,
    /// Its basemap road class (`minor`, `path`, `pedestrian`…; docs/tiles.md),
    /// `None` for a walk no road of the basemap lies under.
    pub class: Option<String>,
    pub meters: f64,
    /// How it turns from the leg before; `None` for the first.
    pub turn: Option<Turn>,
    /// The compass point it starts towards (`north-east`).
    pub heading: &'static str,
    /// A flight of steps: a leg of its own however short, as a pram, a
    /// wheelchair or a walking frame cannot take it.
    pub steps: bool,
    /// What else it passes that bars a wheelchair (a turnstile, a stile,
    /// a raised kerb, a way tagged so), each kind once in the order first
    /// passed. No leg of its own: a walker passes a turnstile on the way
    /// along a street, and OSM does not say what one is to do at it.
    pub bars: Vec<Bar>,
}

impl Leg {
    /// Whether it passes anything that bars a wheelchair.
    pub fn barred(&self) -> bool {
        !self.bars.is_empty()
    }
}

/// A leg while the route is read: its points, to take its bearings.
struct Stretch {
    road: Option<Road>,
    steps: bool,
    bars: Vec<Bar>,
    points: Vec<LonLat>,
    meters: f64,
}

impl Stretch {
    fn key(&self) -> Option<(Option<&str>, Option<&str>, bool)> {
        // A flight of steps is one leg whatever it runs beside or under
        // (a stair named by the lane at its top and the street at its
        // foot is climbed at one go), and no street it leads off.
        if self.steps {
            return Some((None, None, true));
        }
        let road = self.road.as_ref()?;
        // A named street is one leg whatever its pieces' classes; unnamed
        // ways are told apart by kind ("a path", "a track").
        Some(match &road.name {
            Some(name) => (Some(name.as_str()), None, false),
            None => (None, Some(road.class.as_str()), false),
        })
    }

    /// Too short, or too far off the streets, to be told as a leg: a
    /// flight of steps never is.
    fn minor(&self) -> bool {
        !self.steps && (self.road.is_none() || self.meters < SHORT_LEG_M)
    }

    /// The bearing it is walked at over its first (or last)
    /// [`BEARING_SPAN_M`].
    fn bearing_at(&self, start: bool) -> f64 {
        if start {
            bearing_over_span(self.points.iter().copied())
        } else {
            (bearing_over_span(self.points.iter().rev().copied()) + 180.0).rem_euclid(360.0)
        }
    }
}

/// The bearing from the first of `points` to the one [`BEARING_SPAN_M`]
/// along them (or the last).
fn bearing_over_span(mut points: impl Iterator<Item = LonLat>) -> f64 {
    let Some(from) = points.next() else {
        return 0.0;
    };
    let (mut to, mut walked) = (from, 0.0);
    for p in points {
        walked += haversine_m(to, p);
        to = p;
        if walked >= BEARING_SPAN_M {
            break;
        }
    }
    bearing(from, to)
}

/// The legs of a walk along `route` (origin first, as the engine gives
/// it): pieces along one street are one leg, a flight of steps is a leg
/// of its own, a stretch too short to be told apart is walked as part of
/// the next ([`absorb_short`]), and the metres off the streets at either
/// end are part of the leg they lead to or from. Empty for a route of no
/// length.
pub fn directions(route: &Route, roads: &Roads) -> Vec<Leg> {
    let mut stretches: Vec<Stretch> = Vec::new();
    for (a, b, footing) in route.pieces() {
        let steps = footing.steps;
        let meters = haversine_m(a, b);
        if meters <= 0.0 {
            continue;
        }
        let before = stretches.last().and_then(|s| s.road.as_ref());
        let road = roads.under(a, b, before.and_then(|r| r.name.as_deref()));
        match stretches.last_mut() {
            Some(last) if last.road == road && last.steps == steps => {
                last.points.push(b);
                last.meters += meters;
                pass(&mut last.bars, footing.barred);
            }
            _ => stretches.push(Stretch {
                road,
                steps,
                bars: footing.barred.into_iter().collect(),
                points: vec![a, b],
                meters,
            }),
        }
    }
    let stretches = through_renamed(absorb_short(stretches));
    let mut legs: Vec<Leg> = Vec::with_capacity(stretches.len());
    for (i, s) in stretches.iter().enumerate() {
        let start = s.bearing_at(true);
        let turn = (i > 0).then(|| turn_between(&stretches[i - 1], s));
        legs.push(Leg {
            along: s.road.as_ref().and_then(|r| r.name.clone()),
            class: s.road.as_ref().map(|r| r.class.clone()),
            meters: s.meters,
            turn,
            heading: COMPASS[((start + 22.5).rem_euclid(360.0) / 45.0) as usize % 8],
            steps: s.steps,
            bars: s.bars.clone(),
        });
    }
    legs
}

/// Folds stretches that are no step of their own ([`Stretch::minor`])
/// into their neighbours, shortest first: one off every road (from a
/// door to the street), and one shorter than [`SHORT_LEG_M`] (a
/// crossing, a corner of a sidewalk, a roundabout's few metres), into the
/// next (the last into the one before), adding their metres but not their
/// bearings; neighbours along the same street are then one. A flight of
/// steps takes in no level metres where a level neighbour can, so that
/// its leg says how long the steps are.
fn absorb_short(mut stretches: Vec<Stretch>) -> Vec<Stretch> {
    loop {
        join_same(&mut stretches);
        if stretches.len() < 2 {
            return stretches;
        }
        let shortest = (0..stretches.len())
            .filter(|&i| stretches[i].minor())
            .min_by(|&i, &j| stretches[i].meters.total_cmp(&stretches[j].meters));
        let Some(i) = shortest else {
            return stretches;
        };
        let gone = stretches.remove(i);
        let next = i.min(stretches.len() - 1);
        let into = match i.checked_sub(1) {
            Some(before) if stretches[next].steps && !stretches[before].steps => before,
            _ => next,
        };
        stretches[into].meters += gone.meters;
        // A barrier in a few metres folded away is still passed, before
        // what the next leg passes or after what the one before did.
        let kept = &mut stretches[into].bars;
        if into == i {
            let after = std::mem::replace(kept, gone.bars);
            pass(kept, after);
        } else {
            pass(kept, gone.bars);
        }
    }
}

/// How the walk turns from the end of `before` onto the start of `after`.
fn turn_between(before: &Stretch, after: &Stretch) -> Turn {
    let change = after.bearing_at(true) - before.bearing_at(false);
    Turn::of((change + 540.0).rem_euclid(360.0) - 180.0)
}

/// Folds a stretch shorter than [`RENAMED_STRETCH_M`] between two of one
/// named street, entered and left straight on, into that street's leg.
fn through_renamed(mut stretches: Vec<Stretch>) -> Vec<Stretch> {
    let mut i = 1;
    while i + 1 < stretches.len() {
        let (before, middle, after) = (&stretches[i - 1], &stretches[i], &stretches[i + 1]);
        let one_street =
            (before.road.as_ref()).is_some_and(|r| r.name.is_some()) && before.key() == after.key();
        if one_street
            && !before.steps
            && !middle.steps
            && middle.meters < RENAMED_STRETCH_M
            && turn_between(before, middle) == Turn::Straight
            && turn_between(middle, after) == Turn::Straight
        {
            let gone: Vec<Stretch> = stretches.drain(i..i + 2).collect();
            let street = &mut stretches[i - 1];
            for s in gone {
                street.meters += s.meters;
                pass(&mut street.bars, s.bars);
                street.points.extend(s.points.into_iter().skip(1));
            }
        } else {
            i += 1;
        }
    }
    stretches
}

/// Joins neighbouring stretches along the same street (or the same kind
/// of unnamed way), and the pieces of one flight of steps, which goes by
/// the road under or beside most of it.
fn join_same(stretches: &mut Vec<Stretch>) {
    let mut joined: Vec<Stretch> = Vec::with_capacity(stretches.len());
    for s in stretches.drain(..) {
        match joined.last_mut() {
            Some(last) if last.key().is_some() && last.key() == s.key() => {
                let Stretch {
                    road,
                    bars,
                    points,
                    meters,
                    ..
                } = s;
                if last.steps && meters > last.meters {
                    last.road = road;
                }
                last.meters += meters;
                pass(&mut last.bars, bars);
                last.points.extend(points.into_iter().skip(1));
            }
            _ => joined.push(s),
        }
    }
    *stretches = joined;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Footing;
    use geo_types::{Geometry, LineString};

    fn frame() -> LocalFrame {
        LocalFrame::at(LonLat::new(9.52, 47.14))
    }

    /// A point `x` metres east and `y` north of the frame's origin.
    fn at(x: f64, y: f64) -> LonLat {
        frame().to_lonlat([x, y])
    }

    fn road(name: Option<&str>, class: &str, points: &[(f64, f64)]) -> BasemapFeature {
        let line: LineString<f64> = points
            .iter()
            .map(|&(x, y)| {
                let p = at(x, y);
                (p.lon, p.lat)
            })
            .collect();
        BasemapFeature {
            kind: BasemapKind::Road,
            class: class.to_string(),
            name: name.map(str::to_string),
            population: None,
            geometry: Geometry::LineString(line),
        }
    }

    /// A level walk through `points`.
    fn route(points: &[(f64, f64)]) -> Route {
        let mut walk = Route::starting_at(at(points[0].0, points[0].1));
        for &(x, y) in &points[1..] {
            walk.walk_on(at(x, y), Footing::LEVEL);
        }
        walk
    }

    /// A walk through `points`, each with whether the piece to it is steps.
    fn route_with_steps(from: (f64, f64), points: &[(f64, f64, bool)]) -> Route {
        let mut walk = Route::starting_at(at(from.0, from.1));
        for &(x, y, steps) in points {
            walk.walk_on(
                at(x, y),
                Footing {
                    steps,
                    barred: None,
                },
            );
        }
        walk
    }

    /// Städtle, 150 m north from the origin; a path from its end `west`
    /// metres west; Kirchstrasse, 200 m north from there.
    fn streets_joined_by_a_path(west: f64) -> Roads {
        Roads::new(&[
            road(Some("Städtle"), "minor", &[(0.0, 0.0), (0.0, 150.0)]),
            road(None, "path", &[(0.0, 150.0), (-west, 150.0)]),
            road(
                Some("Kirchstrasse"),
                "minor",
                &[(-west, 150.0), (-west, 350.0)],
            ),
        ])
    }

    /// Each leg as (name, whole metres, on steps).
    fn along_and_steps(legs: &[Leg]) -> Vec<(Option<&str>, i64, bool)> {
        (legs.iter())
            .map(|l| (l.along.as_deref(), l.meters.round() as i64, l.steps))
            .collect()
    }

    /// Each leg as (name or class, whole metres, turn).
    fn read(legs: &[Leg]) -> Vec<(String, i64, Option<Turn>)> {
        legs.iter()
            .map(|l| {
                let what = (l.along.clone())
                    .or_else(|| l.class.clone())
                    .unwrap_or_else(|| "nothing".into());
                (what, l.meters.round() as i64, l.turn)
            })
            .collect()
    }

    #[test]
    fn a_walk_north_then_west_is_two_legs_with_a_left_turn() {
        let roads = Roads::new(&[
            road(
                Some("Städtle"),
                "minor",
                &[(0.0, 0.0), (0.0, 100.0), (0.0, 200.0)],
            ),
            road(
                Some("Aeulestrasse"),
                "minor",
                &[(0.0, 200.0), (-75.0, 200.0), (-150.0, 200.0)],
            ),
        ]);
        // From a door 8 m east of Städtle, to a place 6 m north of Aeulestrasse.
        let walk = route(&[
            (8.0, 5.0),
            (0.0, 5.0),
            (0.0, 100.0),
            (0.0, 200.0),
            (-75.0, 200.0),
            (-120.0, 200.0),
            (-120.0, 206.0),
        ]);
        let legs = directions(&walk, &roads);
        assert_eq!(
            read(&legs),
            vec![
                ("Städtle".into(), 203, None),
                ("Aeulestrasse".into(), 126, Some(Turn::Left)),
            ]
        );
        // The door's few metres east do not turn the first leg's heading.
        assert_eq!(legs[0].heading, "north");
        assert_eq!(legs[1].heading, "west");
        let total: f64 = legs.iter().map(|l| l.meters).sum();
        let walked: f64 = walk.pieces().map(|(a, b, _)| haversine_m(a, b)).sum();
        assert!((total - walked).abs() < 1e-6, "{total} {walked}");
    }

    #[test]
    fn a_few_metres_of_footway_between_two_streets_is_walked_as_part_of_the_next() {
        let roads = Roads::new(&[
            road(
                Some("Landstrasse"),
                "secondary",
                &[(0.0, 0.0), (0.0, 100.0)],
            ),
            road(None, "path", &[(0.0, 100.0), (10.0, 100.0)]),
            road(
                Some("Feldkircher Strasse"),
                "minor",
                &[(10.0, 100.0), (10.0, 250.0)],
            ),
        ]);
        let walk = route(&[(0.0, 0.0), (0.0, 100.0), (10.0, 100.0), (10.0, 250.0)]);
        assert_eq!(
            read(&directions(&walk, &roads)),
            vec![
                ("Landstrasse".into(), 100, None),
                ("Feldkircher Strasse".into(), 160, Some(Turn::Straight)),
            ]
        );
    }

    #[test]
    fn a_street_renamed_for_a_short_stretch_walked_straight_through_is_one_leg() {
        let roads = Roads::new(&[
            road(Some("Landstrasse"), "primary", &[(0.0, 0.0), (0.0, 500.0)]),
            road(
                Some("Churerstrasse"),
                "primary",
                &[(0.0, 500.0), (2.0, 575.0)],
            ),
            road(
                Some("Landstrasse"),
                "primary",
                &[(2.0, 575.0), (2.0, 1100.0)],
            ),
            // A jog: a few metres east along another street, then north.
            road(
                Some("Kirchgasse"),
                "minor",
                &[(2.0, 1100.0), (62.0, 1100.0)],
            ),
            road(
                Some("Landstrasse"),
                "primary",
                &[(62.0, 1100.0), (62.0, 1400.0)],
            ),
        ]);
        let walk = route(&[(0.0, 0.0), (0.0, 500.0), (2.0, 575.0), (2.0, 1100.0)]);
        assert_eq!(
            read(&directions(&walk, &roads)),
            vec![("Landstrasse".into(), 1100, None)]
        );
        // Turned onto and off, the other street is a leg of its own.
        let jog = route(&[(2.0, 800.0), (2.0, 1100.0), (62.0, 1100.0), (62.0, 1400.0)]);
        assert_eq!(
            read(&directions(&jog, &roads)),
            vec![
                ("Landstrasse".into(), 300, None),
                ("Kirchgasse".into(), 60, Some(Turn::Right)),
                ("Landstrasse".into(), 300, Some(Turn::Left)),
            ]
        );
    }

    #[test]
    fn crossing_a_street_to_walk_on_along_it_is_one_leg() {
        let roads = Roads::new(&[
            road(Some("Städtle"), "minor", &[(0.0, 0.0), (0.0, 100.0)]),
            road(None, "path", &[(0.0, 100.0), (-12.0, 100.0)]),
            road(Some("Städtle"), "minor", &[(-12.0, 100.0), (-12.0, 300.0)]),
        ]);
        let walk = route(&[(0.0, 0.0), (0.0, 100.0), (-12.0, 100.0), (-12.0, 300.0)]);
        assert_eq!(
            read(&directions(&walk, &roads)),
            vec![("Städtle".into(), 312, None)]
        );
    }

    #[test]
    fn a_sidewalk_drawn_as_a_footway_goes_by_its_street_and_a_path_in_a_park_by_none() {
        let roads = Roads::new(&[
            road(
                Some("Mannerheimintie"),
                "primary",
                &[(0.0, 0.0), (0.0, 300.0)],
            ),
            road(None, "path", &[(8.0, 0.0), (8.0, 300.0)]),
            road(
                None,
                "path",
                &[(8.0, 300.0), (108.0, 300.0), (108.0, 400.0)],
            ),
        ]);
        let walk = route(&[(8.0, 0.0), (8.0, 300.0), (108.0, 300.0), (108.0, 400.0)]);
        let legs = directions(&walk, &roads);
        assert_eq!(
            read(&legs),
            vec![
                ("Mannerheimintie".into(), 300, None),
                ("path".into(), 200, Some(Turn::Right)),
            ]
        );
        // Along the street, on its sidewalk.
        assert_eq!(legs[0].class.as_deref(), Some("path"));
        assert_eq!(legs[1].along, None);
    }

    #[test]
    fn a_path_that_crosses_a_street_is_not_its_sidewalk() {
        let roads = Roads::new(&[
            road(Some("Städtle"), "minor", &[(0.0, -100.0), (0.0, 100.0)]),
            road(None, "path", &[(-100.0, 0.0), (100.0, 0.0)]),
        ]);
        let walk = route(&[(-100.0, 0.0), (100.0, 0.0)]);
        assert_eq!(
            read(&directions(&walk, &roads)),
            vec![("path".into(), 200, None)]
        );
    }

    #[test]
    fn the_named_road_nearest_a_point_is_found_within_reach_and_an_unnamed_one_names_nothing() {
        // Landstrasse runs north; nearer, 300 m east, a road without a name.
        let roads = Roads::new(&[
            road(
                Some("Landstrasse"),
                "primary",
                &[(0.0, -1500.0), (0.0, 1500.0)],
            ),
            road(None, "minor", &[(300.0, -1500.0), (300.0, 1500.0)]),
        ]);
        assert_eq!(roads.named_near(at(450.0, 0.0), 500.0), Some("Landstrasse"));
        assert_eq!(
            roads.named_near(at(-490.0, 100.0), 500.0),
            Some("Landstrasse")
        );
        assert_eq!(roads.named_near(at(520.0, 0.0), 500.0), None);
        assert_eq!(Roads::new(&[]).named_near(at(0.0, 0.0), 500.0), None);
    }

    #[test]
    fn turns_are_told_by_how_far_the_way_bends() {
        assert_eq!(Turn::of(10.0), Turn::Straight);
        assert_eq!(Turn::of(-24.0), Turn::Straight);
        assert_eq!(Turn::of(-40.0), Turn::SlightLeft);
        assert_eq!(Turn::of(45.0), Turn::SlightRight);
        assert_eq!(Turn::of(90.0), Turn::Right);
        assert_eq!(Turn::of(-100.0), Turn::Left);
        assert_eq!(Turn::of(150.0), Turn::SharpRight);
        assert_eq!(Turn::of(-170.0), Turn::SharpLeft);
    }

    #[test]
    fn a_walk_of_no_length_has_no_legs_and_one_off_every_road_is_one() {
        let roads = Roads::new(&[]);
        assert!(directions(&Route::starting_at(at(0.0, 0.0)), &roads).is_empty());
        assert!(directions(&route(&[(5.0, 5.0), (5.0, 5.0)]), &roads).is_empty());
        let legs = directions(&route(&[(0.0, 0.0), (0.0, 30.0), (30.0, 30.0)]), &roads);
        assert_eq!(read(&legs), vec![("nothing".into(), 60, None)]);
    }

    #[test]
    fn a_barrier_is_told_on_the_leg_that_passes_it_even_folded_into_the_next() {
        // Städtle north; a turnstile 60 m along it (its two 1 m pieces
        // barred); 6 m of path with a raised kerb west onto Kirchstrasse,
        // whose next 100 m are tagged `wheelchair=no`.
        let roads = streets_joined_by_a_path(6.0);
        let barred = |bar| Footing {
            steps: false,
            barred: Some(bar),
        };
        let mut walk = Route::starting_at(at(0.0, 0.0));
        for (x, y, footing) in [
            (0.0, 59.0, Footing::LEVEL),
            (0.0, 60.0, barred(Bar::Turnstile)),
            (0.0, 61.0, barred(Bar::Turnstile)),
            (0.0, 150.0, Footing::LEVEL),
            (-6.0, 150.0, barred(Bar::RaisedKerb)),
            (-6.0, 250.0, barred(Bar::Way)),
            (-6.0, 350.0, Footing::LEVEL),
        ] {
            walk.walk_on(at(x, y), footing);
        }
        let legs = directions(&walk, &roads);
        // The turnstile splits no leg, and the kerb's 6 m are walked as
        // part of Kirchstrasse's leg (on straight, both legs heading
        // north), which passes it first.
        assert_eq!(
            read(&legs),
            vec![
                ("Städtle".into(), 150, None),
                ("Kirchstrasse".into(), 206, Some(Turn::Straight)),
            ]
        );
        let told: Vec<(bool, &[Bar])> = legs.iter().map(|l| (l.steps, &l.bars[..])).collect();
        assert_eq!(
            told,
            [
                (false, &[Bar::Turnstile][..]),
                (false, &[Bar::RaisedKerb, Bar::Way][..])
            ]
        );
        // The same walk without barriers passes none.
        let level = route(&[(0.0, 0.0), (0.0, 150.0), (-6.0, 150.0), (-6.0, 350.0)]);
        assert!(directions(&level, &roads).iter().all(|l| !l.barred()));
    }

    #[test]
    fn a_flight_of_steps_is_a_leg_of_its_own_however_short() {
        // Städtle north, 12 m of steps west, then Kirchstrasse north.
        let roads = streets_joined_by_a_path(12.0);
        let walk = route_with_steps(
            (0.0, 0.0),
            &[
                (0.0, 150.0, false),
                (-12.0, 150.0, true),
                (-12.0, 350.0, false),
            ],
        );
        let legs = directions(&walk, &roads);
        assert_eq!(
            read(&legs),
            vec![
                ("Städtle".into(), 150, None),
                ("path".into(), 12, Some(Turn::Left)),
                ("Kirchstrasse".into(), 200, Some(Turn::Right)),
            ]
        );
        let steps: Vec<bool> = legs.iter().map(|l| l.steps).collect();
        assert_eq!(steps, [false, true, false]);
        // A flight whose first metres run beside nothing and the rest
        // beside a street is still one flight, going by that street.
        let lanes = Roads::new(&[
            road(Some("Städtle"), "minor", &[(0.0, 0.0), (0.0, 150.0)]),
            road(None, "path", &[(0.0, 150.0), (-4.0, 150.0)]),
            road(
                Some("Hintergass"),
                "minor",
                &[(-25.0, 135.0), (-60.0, 135.0)],
            ),
            road(None, "path", &[(-4.0, 150.0), (-40.0, 150.0)]),
            road(
                Some("Kirchstrasse"),
                "minor",
                &[(-40.0, 150.0), (-40.0, 350.0)],
            ),
        ]);
        let climb = route_with_steps(
            (0.0, 0.0),
            &[
                (0.0, 150.0, false),
                (-4.0, 150.0, true),
                (-40.0, 150.0, true),
                (-40.0, 350.0, false),
            ],
        );
        assert_eq!(
            along_and_steps(&directions(&climb, &lanes)),
            vec![
                (Some("Städtle"), 150, false),
                (Some("Hintergass"), 40, true),
                (Some("Kirchstrasse"), 200, false),
            ]
        );
        // The same walk level: the 12 m are walked as part of the next leg.
        let level = route(&[(0.0, 0.0), (0.0, 150.0), (-12.0, 150.0), (-12.0, 350.0)]);
        assert_eq!(
            read(&directions(&level, &roads)),
            vec![
                ("Städtle".into(), 150, None),
                ("Kirchstrasse".into(), 212, Some(Turn::Straight)),
            ]
        );
    }

    #[test]
    fn steps_beside_a_street_are_not_walked_through_as_the_street_and_take_in_no_level_metres() {
        // Landstrasse north; 40 m of it by steps beside it, entered by a
        // 6 m footway, then Landstrasse again.
        let roads = Roads::new(&[
            road(Some("Landstrasse"), "primary", &[(0.0, 0.0), (0.0, 500.0)]),
            road(None, "path", &[(0.0, 200.0), (6.0, 200.0)]),
            road(None, "path", &[(6.0, 200.0), (6.0, 240.0)]),
        ]);
        let walk = route_with_steps(
            (0.0, 0.0),
            &[
                (0.0, 200.0, false),
                (6.0, 200.0, false),
                (6.0, 240.0, true),
                (0.0, 240.0, false),
                (0.0, 500.0, false),
            ],
        );
        // The footway joins the street's leg before the steps; the steps
        // run beside Landstrasse and go by its name, yet stay steps.
        assert_eq!(
            along_and_steps(&directions(&walk, &roads)),
            vec![
                (Some("Landstrasse"), 206, false),
                (Some("Landstrasse"), 40, true),
                (Some("Landstrasse"), 266, false),
            ]
        );
    }
}
