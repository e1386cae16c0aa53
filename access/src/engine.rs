//! The accessibility engine: the graph and its indexes, every category's
//! facilities with their entries, and each category's nearest-facility
//! field over all vertices, kept current as facilities come and go.

use crate::MAX_SNAP_M;
use crate::analysis::DemandIndex;
use crate::dijkstra::{Flow, NONE, NearestField, Search, Seed};
use crate::entries::{Entries, VertexIndex, entries};
use crate::frame::LocalFrame;
use crate::graph::{Footing, WalkGraph};
use crate::isochrone::{IsochroneStyle, polygons};
use crate::measures::Catchment;
use crate::route::Route;
use crate::snap::{Snap, SnapIndex};
use geo_types::MultiPolygon;
use learnscape_core::hours::{Hours, When};
use learnscape_core::{Category, LonLat, Place, PlaceId, Shape, WalkNetwork, WalkingSpeed};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use std::sync::Mutex;

mod moved;
pub use moved::FieldMark;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AccessError {
    /// The point is farther than the snap limit from every walkable street.
    #[error("the point is more than {limit_m} m from any walkable street")]
    Unreachable { limit_m: f64 },
    #[error("no facility {0} in category {1}")]
    UnknownFacility(PlaceId, Category),
}

/// A facility as the engine needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityInput {
    pub id: PlaceId,
    pub name: Option<String>,
    /// For an unnamed place, the street it goes by (the importer's
    /// `near_street`), so lists can tell such places apart.
    pub near_street: Option<String>,
    pub category: Category,
    pub shape: Shape,
    pub representative_point: LonLat,
    /// Supply for E2SFCA; 1 unless known.
    pub capacity: f64,
    /// Opening hours, when the place has some that read.
    pub hours: Option<Hours>,
}

impl From<&Place> for FacilityInput {
    fn from(place: &Place) -> Self {
        Self {
            id: place.id.clone(),
            name: place.name.clone(),
            near_street: place.attribute(Place::NEAR_STREET).map(str::to_string),
            category: place.category,
            shape: place.shape.clone(),
            representative_point: place.representative_point,
            capacity: place.capacity(),
            hours: place.hours(),
        }
    }
}

#[derive(Debug, Clone)]
struct Facility {
    input: FacilityInput,
    entries: Entries,
}

/// One category: its facilities (slots; a removed one leaves `None`), the
/// field, and lookups from a vertex or segment to the facilities entered
/// there.
#[derive(Debug, Clone)]
struct CategoryState {
    facilities: Vec<Option<Facility>>,
    by_id: HashMap<PlaceId, u32>,
    field: NearestField,
    at_vertex: HashMap<u32, Vec<(u32, f64)>>,
    on_segment: HashMap<u32, Vec<u32>>,
    /// Tie-breaks in the field: each slot's place in the order of ids.
    ranks: Vec<u32>,
}

/// The box around `points` grown by `margin_m` on every side, as its
/// south-west and north-east corners; `None` for no points.
fn bounds(points: &[LonLat], margin_m: f64) -> Option<(LonLat, LonLat)> {
    let first = *points.first()?;
    let (mut lo, mut hi) = (first, first);
    for p in points {
        (lo.lon, lo.lat) = (lo.lon.min(p.lon), lo.lat.min(p.lat));
        (hi.lon, hi.lat) = (hi.lon.max(p.lon), hi.lat.max(p.lat));
    }
    // Degrees of longitude are shortest at the pole-most edge.
    let pole_most = if hi.lat.abs() > lo.lat.abs() { hi } else { lo };
    let (dlon, dlat) = LocalFrame::at(pole_most).degrees(margin_m);
    Some((
        LonLat::new(lo.lon - dlon, lo.lat - dlat),
        LonLat::new(hi.lon + dlon, hi.lat + dlat),
    ))
}

fn within(p: &LonLat, lo: LonLat, hi: LonLat) -> bool {
    (lo.lon..=hi.lon).contains(&p.lon) && (lo.lat..=hi.lat).contains(&p.lat)
}

fn seeds_of(graph: &WalkGraph, index: u32, entries: &Entries) -> Vec<Seed> {
    match entries {
        Entries::Vertices(vs) => vs
            .iter()
            .map(|&v| Seed {
                vertex: v,
                cost: 0.0,
                facility: index,
            })
            .collect(),
        Entries::Snapped(s) => {
            let seg = graph.segment(s.segment);
            vec![
                Seed {
                    vertex: seg.a,
                    cost: s.access_m + s.to_a_m,
                    facility: index,
                },
                Seed {
                    vertex: seg.b,
                    cost: s.access_m + s.to_b_m,
                    facility: index,
                },
            ]
        }
        Entries::Unreachable => Vec::new(),
    }
}

impl CategoryState {
    fn new(graph: &WalkGraph, facilities: Vec<Facility>) -> Self {
        let mut state = Self {
            facilities: Vec::new(),
            by_id: HashMap::new(),
            field: NearestField::unreached(graph.vertex_count()),
            ranks: Vec::new(),
            at_vertex: HashMap::new(),
            on_segment: HashMap::new(),
        };
        for facility in facilities {
            state.insert(graph, facility);
        }
        state.rerank();
        state.field = NearestField::compute(graph, &state.all_seeds(graph), &state.ranks);
        state
    }

    /// Each slot's place in the order of the live facilities' ids (slots
    /// removed by then rank last; one removed since keeps its rank, which
    /// no label refers to any more). Adding a facility shifts ranks but
    /// never reorders two others, so labels already in the field stay
    /// correct.
    fn rerank(&mut self) {
        let mut live: Vec<(&PlaceId, usize)> = self
            .facilities
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_ref().map(|f| (&f.input.id, i)))
            .collect();
        live.sort_unstable();
        let mut ranks = vec![u32::MAX; self.facilities.len()];
        for (rank, (_, i)) in live.into_iter().enumerate() {
            ranks[i] = rank as u32;
        }
        self.ranks = ranks;
    }

    fn all_seeds(&self, graph: &WalkGraph) -> Vec<Seed> {
        self.facilities
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_ref().map(|f| seeds_of(graph, i as u32, &f.entries)))
            .flatten()
            .collect()
    }

    /// Registers a facility in the lookups (not the field, not the ranks:
    /// [`Self::rerank`] after inserting); its index.
    fn insert(&mut self, graph: &WalkGraph, facility: Facility) -> u32 {
        let index = self.facilities.len() as u32;
        for seed in seeds_of(graph, index, &facility.entries) {
            self.at_vertex
                .entry(seed.vertex)
                .or_default()
                .push((index, seed.cost));
        }
        if let Entries::Snapped(s) = &facility.entries {
            self.on_segment.entry(s.segment).or_default().push(index);
        }
        self.by_id.insert(facility.input.id.clone(), index);
        self.facilities.push(Some(facility));
        index
    }

    fn facility(&self, index: u32) -> Option<&Facility> {
        self.facilities.get(index as usize).and_then(Option::as_ref)
    }
}

/// One facility in a nearest answer.
#[derive(Debug, Clone, PartialEq)]
pub struct NearestFacility {
    pub id: PlaceId,
    pub name: Option<String>,
    pub near_street: Option<String>,
    pub category: Category,
    pub position: LonLat,
    pub meters: f64,
    pub minutes: f64,
    pub hours: Option<Hours>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NearestAnswer {
    pub snap: Snap,
    pub facilities: Vec<NearestFacility>,
    /// The route to the first facility.
    pub route: Option<Route>,
}

/// A facility's catchment and those of the others of its category that
/// could share its residents ([`AccessEngine::closing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    pub own: Catchment,
    pub others: Vec<Catchment>,
    /// False for a facility beyond every street (walk-model.md §3): no
    /// walk to it is measured, so its catchment is empty.
    pub reachable: bool,
}

/// Seconds spent building an engine, for the benchmark and the log.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BuildTimes {
    /// CSR graph, segment and vertex indexes.
    pub graph_s: f64,
    /// Where every facility is entered.
    pub entries_s: f64,
    /// Every category's nearest-facility field.
    pub fields_s: f64,
}

/// A search borrowed from an engine's pool ([`AccessEngine::pooled_search`]).
struct PooledSearch<'a> {
    pool: &'a Mutex<Vec<Search>>,
    /// Always `Some` until dropped.
    search: Option<Search>,
}

impl std::ops::Deref for PooledSearch<'_> {
    type Target = Search;
    fn deref(&self) -> &Search {
        self.search.as_ref().expect("a pooled search until dropped")
    }
}

impl std::ops::DerefMut for PooledSearch<'_> {
    fn deref_mut(&mut self) -> &mut Search {
        self.search.as_mut().expect("a pooled search until dropped")
    }
}

/// Searches an engine keeps for the next: each holds state the size of
/// the graph (9 MB on the merged benchmark file), so as many as a few
/// cores use at once, not one for every search ever run side by side.
const SEARCHES_KEPT: usize = 8;

impl Drop for PooledSearch<'_> {
    fn drop(&mut self) {
        if let (Some(search), Ok(mut pool)) = (self.search.take(), self.pool.lock())
            && pool.len() < SEARCHES_KEPT
        {
            pool.push(search);
        }
    }
}

#[derive(Debug)]
pub struct AccessEngine {
    pub build_times: BuildTimes,
    graph: WalkGraph,
    snaps: SnapIndex,
    vertices: VertexIndex,
    speed: WalkingSpeed,
    categories: BTreeMap<Category, CategoryState>,
    searches: Mutex<Vec<Search>>,
}

impl AccessEngine {
    /// Builds the graph and indexes, finds every facility's entries and
    /// computes every category's field (categories in parallel).
    pub fn new(network: &WalkNetwork, facilities: Vec<FacilityInput>, speed: WalkingSpeed) -> Self {
        let started = std::time::Instant::now();
        let graph = WalkGraph::new(network);
        let (snaps, vertices) = rayon::join(|| SnapIndex::new(&graph), || VertexIndex::new(&graph));
        let graph_s = started.elapsed().as_secs_f64();
        let located: Vec<Facility> = facilities
            .into_par_iter()
            .map(|input| {
                let entries = entries(
                    &input.shape,
                    input.representative_point,
                    &graph,
                    &snaps,
                    &vertices,
                );
                Facility { input, entries }
            })
            .collect();
        let entries_s = started.elapsed().as_secs_f64() - graph_s;
        let mut by_category: BTreeMap<Category, Vec<Facility>> =
            Category::ALL.iter().map(|&c| (c, Vec::new())).collect();
        for f in located {
            by_category.entry(f.input.category).or_default().push(f);
        }
        for list in by_category.values_mut() {
            list.sort_by(|a, b| a.input.id.cmp(&b.input.id));
        }
        let categories = by_category
            .into_par_iter()
            .map(|(c, list)| (c, CategoryState::new(&graph, list)))
            .collect();
        let fields_s = started.elapsed().as_secs_f64() - graph_s - entries_s;
        Self {
            build_times: BuildTimes {
                graph_s,
                entries_s,
                fields_s,
            },
            graph,
            snaps,
            vertices,
            speed,
            categories,
            searches: Mutex::new(Vec::new()),
        }
    }

    pub fn graph(&self) -> &WalkGraph {
        &self.graph
    }

    pub fn speed(&self) -> WalkingSpeed {
        self.speed
    }

    pub fn minutes(&self, meters: f64) -> f64 {
        meters / self.speed.meters_per_minute()
    }

    pub fn snap(&self, point: LonLat) -> Result<Snap, AccessError> {
        self.snaps
            .snap(&self.graph, point, MAX_SNAP_M)
            .ok_or(AccessError::Unreachable {
                limit_m: MAX_SNAP_M,
            })
    }

    /// The category's nearest-facility field over all vertices.
    pub fn field(&self, category: Category) -> Option<&NearestField> {
        self.categories.get(&category).map(|c| &c.field)
    }

    /// How many facilities of the category the engine holds (reachable or
    /// not): what every figure of the category is measured against.
    pub fn facility_count(&self, category: Category) -> usize {
        self.categories
            .get(&category)
            .map_or(0, |c| c.facilities.iter().flatten().count())
    }

    /// Facilities of a category that are entered nowhere (too far from
    /// every street): reported, never silently dropped.
    pub fn unreachable_facilities(&self, category: Category) -> Vec<PlaceId> {
        self.categories.get(&category).map_or_else(Vec::new, |c| {
            c.facilities
                .iter()
                .flatten()
                .filter(|f| f.entries == Entries::Unreachable)
                .map(|f| f.input.id.clone())
                .collect()
        })
    }

    /// Walk metres from a snapped point to the nearest facility of the
    /// category, and which one; from the precomputed field, O(1).
    pub fn nearest_from_snap(&self, snap: &Snap, category: Category) -> Option<(f64, PlaceId)> {
        let state = self.categories.get(&category)?;
        let seg = self.graph.segment(snap.segment);
        let mut best = (f64::INFINITY, NONE);
        for (v, along) in [(seg.a, snap.to_a_m), (seg.b, snap.to_b_m)] {
            let (d, f) = (
                state.field.dist[v as usize],
                state.field.facility[v as usize],
            );
            let candidate = (snap.access_m + along + d, f);
            if f != NONE && (candidate.0 < best.0 || (candidate.0 == best.0 && f < best.1)) {
                best = candidate;
            }
        }
        for (d, f) in self.same_segment(state, snap) {
            if d < best.0 || (d == best.0 && f < best.1) {
                best = (d, f);
            }
        }
        let facility = state.facility(best.1)?;
        Some((best.0, facility.input.id.clone()))
    }

    /// Facilities snapped onto the origin's own segment, walked to directly.
    fn same_segment(&self, state: &CategoryState, snap: &Snap) -> Vec<(f64, u32)> {
        let len = self.graph.segment(snap.segment).length_m;
        state
            .on_segment
            .get(&snap.segment)
            .map(|list| {
                list.iter()
                    .filter_map(|&f| match &state.facility(f)?.entries {
                        Entries::Snapped(s) => {
                            Some((snap.access_m + (snap.t - s.t).abs() * len + s.access_m, f))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn with_search<T>(&self, f: impl FnOnce(&mut Search) -> T) -> T {
        f(&mut self.pooled_search())
    }

    /// A search from the engine's pool, given back when dropped: a new one
    /// costs an allocation the size of the graph, and rayon's `map_init`
    /// asks for one per piece of work it splits off.
    fn pooled_search(&self) -> PooledSearch<'_> {
        let search = (self.searches.lock().ok())
            .and_then(|mut pool| pool.pop())
            .unwrap_or_else(|| Search::new(self.graph.vertex_count()));
        PooledSearch {
            pool: &self.searches,
            search: Some(search),
        }
    }

    fn origin_seeds(&self, snap: &Snap) -> [(u32, f64); 2] {
        let seg = self.graph.segment(snap.segment);
        [
            (seg.a, snap.access_m + snap.to_a_m),
            (seg.b, snap.access_m + snap.to_b_m),
        ]
    }

    /// Up to `limit` facilities of `category` ordered by walk distance from
    /// `point`, within `max_m` if given, with the route to the first.
    /// With `open_at`, only those whose opening hours say they are open
    /// then: a place without hours is left out, as nobody can say it is
    /// open.
    pub fn nearest(
        &self,
        point: LonLat,
        category: Category,
        limit: usize,
        max_m: Option<f64>,
        open_at: Option<When>,
    ) -> Result<NearestAnswer, AccessError> {
        self.nearest_of(point, category, limit, max_m, open_at, None)
    }

    /// The walk from `point` to the facility `id`, whichever its category:
    /// a nearest answer of that one facility, with its route (none where
    /// no walk reaches it). `None` for an id the engine does not hold.
    pub fn walk_to(
        &self,
        point: LonLat,
        id: &PlaceId,
    ) -> Result<Option<NearestAnswer>, AccessError> {
        let Some((category, _, index)) = self.locate(id) else {
            return Ok(None);
        };
        self.nearest_of(point, category, 1, None, None, Some(index))
            .map(Some)
    }

    /// The category of the facility `id`, if the engine holds it.
    pub fn category_of(&self, id: &PlaceId) -> Option<Category> {
        self.locate(id).map(|(c, _, _)| c)
    }

    /// The facility `id`: its category, the category's state and its slot.
    fn locate(&self, id: &PlaceId) -> Option<(Category, &CategoryState, u32)> {
        (self.categories.iter()).find_map(|(c, state)| state.by_id.get(id).map(|&i| (*c, state, i)))
    }

    /// As [`AccessEngine::nearest`], of the facility numbered `only` alone
    /// if given.
    fn nearest_of(
        &self,
        point: LonLat,
        category: Category,
        limit: usize,
        max_m: Option<f64>,
        open_at: Option<When>,
        only: Option<u32>,
    ) -> Result<NearestAnswer, AccessError> {
        let snap = self.snap(point)?;
        let empty = NearestAnswer {
            snap,
            facilities: Vec::new(),
            route: None,
        };
        let Some(state) = self.categories.get(&category) else {
            return Ok(empty);
        };
        if limit == 0 {
            return Ok(empty);
        }
        let limit_m = max_m.unwrap_or(f64::INFINITY);
        // facility → (metres, the vertex it was reached through; NONE = direct)
        let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
        // Candidates by distance, so finalising them costs a heap pop, not
        // a scan of every candidate at every settled vertex.
        let mut pending: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
        let mut finalised: HashSet<u32> = HashSet::new();
        type Best = HashMap<u32, (f64, u32)>;
        type Pending = BinaryHeap<Reverse<(u64, u32)>>;
        // Each facility's hours are read once, at its first offer.
        let mut open: HashMap<u32, bool> = HashMap::new();
        let mut wanted = |f: u32| match open_at {
            _ if only.is_some_and(|o| o != f) => false,
            None => true,
            Some(at) => *open.entry(f).or_insert_with(|| {
                state
                    .facility(f)
                    .and_then(|x| x.input.hours.as_ref())
                    .is_some_and(|h| h.is_open(at))
            }),
        };
        fn offer(best: &mut Best, pending: &mut Pending, f: u32, m: f64, via: u32) {
            let entry = best.entry(f).or_insert((f64::INFINITY, NONE));
            if m < entry.0 {
                *entry = (m, via);
                // Non-negative f64 bits order like the numbers.
                pending.push(Reverse(((m + 0.0).to_bits(), f)));
            }
        }
        for (d, f) in self.same_segment(state, &snap) {
            if wanted(f) {
                offer(&mut best, &mut pending, f, d, NONE);
            }
        }
        let seeds = self.origin_seeds(&snap);
        self.with_search(|search| {
            search.run(&self.graph, &seeds, limit_m, |v, d| {
                if let Some(list) = state.at_vertex.get(&v) {
                    for &(f, cost) in list {
                        if wanted(f) {
                            offer(&mut best, &mut pending, f, d + cost, v);
                        }
                    }
                }
                // Every facility at or under the settled distance is final.
                while let Some(Reverse((bits, f))) = pending.peek().copied() {
                    if f64::from_bits(bits) > d {
                        break;
                    }
                    pending.pop();
                    finalised.insert(f);
                }
                if finalised.len() >= limit {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            });
            let mut ranked: Vec<(f64, u32, u32)> = best
                .iter()
                .filter(|(_, (m, _))| *m <= limit_m)
                .map(|(&f, &(m, via))| (m, f, via))
                .collect();
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            ranked.truncate(limit);
            let route = ranked.first().and_then(|&(m, f, via)| {
                self.route(search, &snap, point, state.facility(f)?, via, m)
            });
            let facilities = ranked
                .iter()
                .filter_map(|&(m, f, _)| {
                    let facility = &state.facility(f)?.input;
                    Some(NearestFacility {
                        id: facility.id.clone(),
                        name: facility.name.clone(),
                        near_street: facility.near_street.clone(),
                        category,
                        position: facility.representative_point,
                        meters: m,
                        minutes: self.minutes(m),
                        hours: facility.hours.clone(),
                    })
                })
                .collect();
            Ok(NearestAnswer {
                snap,
                facilities,
                route,
            })
        })
    }

    fn route(
        &self,
        search: &Search,
        snap: &Snap,
        origin: LonLat,
        facility: &Facility,
        via: u32,
        meters: f64,
    ) -> Option<Route> {
        let mut route = Route::starting_at(origin);
        // The access leg, off the streets.
        route.walk_on(snap.position, Footing::LEVEL);
        // Along the origin's segment to the first vertex of the path (or
        // to the place itself, on the same segment).
        let on_own_segment = self.graph.segment(snap.segment).footing;
        let mut last = None;
        let path = if via == NONE {
            Vec::new()
        } else {
            search.path_to(via)
        };
        for v in path {
            let footing = last.map_or(on_own_segment, |u| self.graph.footing_between(u, v));
            route.walk_on(self.graph.position(v), footing);
            last = Some(v);
        }
        if let Entries::Snapped(s) = &facility.entries {
            let footing = match last {
                None => on_own_segment,
                Some(_) => self.graph.segment(s.segment).footing,
            };
            route.walk_on(s.position, footing);
            route.walk_on(facility.input.representative_point, Footing::LEVEL);
        }
        route.meters = meters;
        Some(route)
    }

    /// Areas reachable within each of `minutes` (ascending) from `point`.
    pub fn isochrones(
        &self,
        point: LonLat,
        minutes: &[f64],
        style: IsochroneStyle,
    ) -> Result<Vec<MultiPolygon<f64>>, AccessError> {
        let snap = self.snap(point)?;
        let reaches: Vec<f64> = minutes
            .iter()
            .map(|&m| m * self.speed.meters_per_minute())
            .collect();
        let max = reaches.iter().copied().fold(0.0, f64::max);
        let seeds = self.origin_seeds(&snap);
        Ok(self.with_search(|search| {
            search.run(&self.graph, &seeds, max, |_, _| Flow::Continue);
            polygons(&self.graph, search, point, &snap, &reaches, style)
        }))
    }

    /// Adds (or replaces) a facility and updates its category's field where
    /// the new facility is nearer — only its catchment is touched.
    pub fn add_facility(&mut self, input: FacilityInput) {
        let category = input.category;
        self.remove_facility(category, &input.id);
        let entries = entries(
            &input.shape,
            input.representative_point,
            &self.graph,
            &self.snaps,
            &self.vertices,
        );
        let graph = &self.graph;
        let state = self
            .categories
            .entry(category)
            .or_insert_with(|| CategoryState::new(graph, Vec::new()));
        let index = state.insert(graph, Facility { input, entries });
        state.rerank();
        let seeds = state
            .facility(index)
            .map(|f| seeds_of(graph, index, &f.entries))
            .unwrap_or_default();
        state.field.add(graph, &seeds, &state.ranks);
    }

    /// Removes a facility; its catchment is recomputed from its border.
    /// False if there was no such facility.
    pub fn remove_facility(&mut self, category: Category, id: &PlaceId) -> bool {
        let graph = &self.graph;
        let Some(state) = self.categories.get_mut(&category) else {
            return false;
        };
        let Some(index) = state.by_id.remove(id) else {
            return false;
        };
        let Some(facility) = state.facilities[index as usize].take() else {
            return false;
        };
        for seed in seeds_of(graph, index, &facility.entries) {
            if let Some(list) = state.at_vertex.get_mut(&seed.vertex) {
                list.retain(|(f, _)| *f != index);
            }
        }
        if let Entries::Snapped(s) = &facility.entries
            && let Some(list) = state.on_segment.get_mut(&s.segment)
        {
            list.retain(|f| *f != index);
        }
        let remaining = state.all_seeds(graph);
        state.field.remove(graph, index, &remaining, &state.ranks);
        true
    }

    /// The facility a field's label refers to.
    pub fn facility_id(&self, category: Category, index: u32) -> Option<&PlaceId> {
        let state = self.categories.get(&category)?;
        state.facility(index).map(|f| &f.input.id)
    }

    /// Every facility's catchment within `limit_m`: the demand points it
    /// reaches and their walk minutes (facilities in parallel).
    pub fn catchments(
        &self,
        category: Category,
        limit_m: f64,
        demand: &DemandIndex,
    ) -> Vec<Catchment> {
        (self.catchments_of(category, limit_m, demand).into_iter())
            .map(|(_, c)| c)
            .collect()
    }

    /// [`AccessEngine::catchments`] within each of `limits_m`, from one
    /// search per facility to the farthest: the same as a search to each
    /// (a resident within a nearer limit is reached through vertices
    /// within it, which the farther search walks too), for the work of
    /// the farthest alone.
    pub fn catchments_within(
        &self,
        category: Category,
        limits_m: &[f64],
        demand: &DemandIndex,
    ) -> Vec<Vec<Catchment>> {
        let farthest = limits_m.iter().copied().fold(0.0, f64::max);
        let Some(state) = self.categories.get(&category) else {
            return vec![Vec::new(); limits_m.len()];
        };
        let facilities: Vec<(u32, &Facility)> = (state.facilities.iter().enumerate())
            .filter_map(|(i, f)| Some((i as u32, f.as_ref()?)))
            .collect();
        let reached: Vec<(f64, Vec<(usize, f64)>)> = facilities
            .par_iter()
            .map_init(
                || self.pooled_search(),
                |search, &(index, facility)| {
                    let metres = self.reach_m(search, index, &facility.entries, farthest, demand);
                    (facility.input.capacity, metres)
                },
            )
            .collect();
        (limits_m.par_iter())
            .map(|&limit_m| {
                (reached.iter())
                    .map(|(capacity, metres)| Catchment {
                        capacity: *capacity,
                        reached: (metres.iter())
                            .filter(|(_, m)| *m <= limit_m)
                            .map(|&(i, m)| (i, self.minutes(m)))
                            .collect(),
                    })
                    .collect()
            })
            .collect()
    }

    /// As [`AccessEngine::catchments`], each with its facility.
    pub fn catchments_of(
        &self,
        category: Category,
        limit_m: f64,
        demand: &DemandIndex,
    ) -> Vec<(&FacilityInput, Catchment)> {
        let Some(state) = self.categories.get(&category) else {
            return Vec::new();
        };
        let facilities: Vec<(u32, &Facility)> = state
            .facilities
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((i as u32, f.as_ref()?)))
            .collect();
        facilities
            .par_iter()
            .map_init(
                || self.pooled_search(),
                |search, &(index, facility)| {
                    let catchment = Catchment {
                        capacity: facility.input.capacity,
                        reached: self.in_minutes(self.reach_m(
                            search,
                            index,
                            &facility.entries,
                            limit_m,
                            demand,
                        )),
                    };
                    (&facility.input, catchment)
                },
            )
            .collect()
    }

    /// The facility `id` (of any category: [`AccessEngine::category_of`]
    /// says which) and, of the others of its category, those that could
    /// reach any resident it reaches: each with
    /// its catchment within `limit_m`. A walk is never shorter than the
    /// straight line, so another facility shares a resident only if one of
    /// its entries lies within `2 × limit_m` of one of this one's; farther
    /// ones are not searched from. `None` for an id the engine does not
    /// hold.
    pub fn closing(&self, id: &PlaceId, limit_m: f64, demand: &DemandIndex) -> Option<Closing> {
        let (_, state, index) = self.locate(id)?;
        let entered = |i: u32| -> Vec<LonLat> {
            (state.facility(i).into_iter())
                .flat_map(|f| seeds_of(&self.graph, i, &f.entries))
                .map(|s| self.graph.position(s.vertex))
                .collect()
        };
        // 1 % and a metre spare for the degrees of a box a few km tall.
        let reach = bounds(&entered(index), 2.0 * limit_m * 1.01 + 1.0);
        let sharing: Vec<u32> = (0..state.facilities.len() as u32)
            .filter(|&i| i != index)
            .filter(|&i| reach.is_some_and(|(lo, hi)| entered(i).iter().any(|p| within(p, lo, hi))))
            .collect();
        let others = sharing
            .par_iter()
            .filter_map(|&i| self.catchment(i, state, limit_m, demand))
            .collect();
        Some(Closing {
            own: self.catchment(index, state, limit_m, demand)?,
            others,
            reachable: state.facility(index)?.entries != Entries::Unreachable,
        })
    }

    /// One facility's catchment within `limit_m`.
    fn catchment(
        &self,
        index: u32,
        state: &CategoryState,
        limit_m: f64,
        demand: &DemandIndex,
    ) -> Option<Catchment> {
        let facility = state.facility(index)?;
        Some(Catchment {
            capacity: facility.input.capacity,
            reached: self.with_search(|search| {
                self.in_minutes(self.reach_m(search, index, &facility.entries, limit_m, demand))
            }),
        })
    }

    /// The catchment a new point facility at `point` would have within
    /// `limit_m`, entered as `add_facility` would enter it; the engine is
    /// left as it is. Errs if the point is off the street network.
    pub fn catchment_at(
        &self,
        point: LonLat,
        limit_m: f64,
        demand: &DemandIndex,
    ) -> Result<Vec<(usize, f64)>, AccessError> {
        let at = entries(
            &Shape::Point(point),
            point,
            &self.graph,
            &self.snaps,
            &self.vertices,
        );
        if at == Entries::Unreachable {
            return Err(AccessError::Unreachable {
                limit_m: MAX_SNAP_M,
            });
        }
        Ok(self.with_search(|search| {
            self.in_minutes(self.reach_m(search, NONE, &at, limit_m, demand))
        }))
    }

    /// `reached` ([`AccessEngine::reach_m`]) with walk minutes for metres.
    fn in_minutes(&self, mut reached: Vec<(usize, f64)>) -> Vec<(usize, f64)> {
        for (_, m) in &mut reached {
            *m = self.minutes(*m);
        }
        reached
    }

    /// The demand points reached from a facility's entries within
    /// `limit_m`, with their walk in metres, by point index.
    fn reach_m(
        &self,
        search: &mut Search,
        index: u32,
        entries: &Entries,
        limit_m: f64,
        demand: &DemandIndex,
    ) -> Vec<(usize, f64)> {
        let seeds: Vec<(u32, f64)> = seeds_of(&self.graph, index, entries)
            .iter()
            .map(|s| (s.vertex, s.cost))
            .collect();
        let mut best: HashMap<usize, f64> = HashMap::new();
        search.run(&self.graph, &seeds, limit_m, |v, d| {
            for &(i, extra) in demand.at_vertex(v) {
                let m = d + extra;
                let e = best.entry(i).or_insert(f64::INFINITY);
                *e = e.min(m);
            }
            Flow::Continue
        });
        if let Entries::Snapped(s) = entries {
            let len = self.graph.segment(s.segment).length_m;
            for &(i, ds) in demand.on_segment(s.segment) {
                let m = ds.access_m + (ds.t - s.t).abs() * len + s.access_m;
                let e = best.entry(i).or_insert(f64::INFINITY);
                *e = e.min(m);
            }
        }
        let mut reached: Vec<(usize, f64)> =
            best.into_iter().filter(|(_, m)| *m <= limit_m).collect();
        reached.sort_unstable_by_key(|(i, _)| *i);
        reached
    }
}
