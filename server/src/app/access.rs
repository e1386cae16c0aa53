//! The accessibility snapshot the server answers from: the engine, the
//! demand points and neighbourhoods, and per category × threshold reports,
//! computed once and cached.

use geo_types::{Geometry, MultiPolygon};
use learnscape_access::analysis::{
    Analysis, AreaInput, AreaReport, CandidateGain, ClosureLoss, Plan, Reliance, rank_gaps,
};
use learnscape_access::directions::{Leg, Roads, directions};
use learnscape_access::graph::Footing;
use learnscape_access::isochrone::IsochroneStyle;
use learnscape_access::measures::{AreaFigures, PointMeasures};
use learnscape_access::population::{PopulationModel, PopulationSummary, UnitInput};
use learnscape_access::{
    AccessEngine, AccessError, FacilityInput, FieldMark, Snap, engine::NearestAnswer,
};
use learnscape_core::{
    BasemapFeature, BasemapKind, Bbox, Category, LonLat, Meters, Minutes, Neighbourhood, Place,
    PlaceFilter, PlaceId, PopulationUnit, Shape, Store, StoreResult, Subject, WalkNetwork,
    WalkingSpeed,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock, RwLockReadGuard};
use std::time::Instant;

use crate::app::search::NEAR_AREA_M;
use crate::app::turns::{Busy, Turns};
use crate::provenance::Provenance;

/// The thresholds precomputed at start-up (walk-model.md §1).
pub const DEFAULT_MINUTES: [f64; 5] = [5.0, 10.0, 15.0, 20.0, 30.0];

/// One category (or any learning space) and threshold over every
/// neighbourhood.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryReport {
    pub category: Subject,
    pub minutes: f64,
    /// The walking speed `minutes` are walked at.
    pub speed: WalkingSpeed,
    /// Whether the walks take steps or go around them.
    pub steps: Steps,
    /// In neighbourhood order.
    pub areas: Vec<AreaReport>,
    pub overall: AreaFigures,
    /// The facilities the figures are measured against: none means every
    /// resident is left out for want of data, not of places.
    pub facilities: usize,
}

impl CategoryReport {
    /// Residents left out, and E2SFCA per 10,000 (none without residents),
    /// of area `area` (the whole study area for `None`), with the sites of
    /// a plan that would gain `plan` open too: what a what-if besides a
    /// plan is measured from.
    pub fn with_plan(&self, plan: &CandidateGain, area: Option<usize>) -> (f64, Option<f64>) {
        let (figures, people, supply) = match area {
            Some(k) => (
                self.areas.get(k).map(|r| &r.figures),
                plan.by_area.get(k).copied().unwrap_or(0.0),
                plan.supply_by_area.get(k).copied().unwrap_or(0.0),
            ),
            None => (Some(&self.overall), plan.newly_covered, plan.supply),
        };
        (
            figures.map_or(0.0, |f| f.uncovered) - people,
            figures.and_then(|f| f.e2sfca_per_10k).map(|e| e + supply),
        )
    }

    /// Neighbourhoods ranked by uncovered population, most first.
    pub fn gaps(&self, areas: &[AreaInput]) -> Vec<AreaReport> {
        let mut ranked = self.areas.clone();
        rank_gaps(&mut ranked, areas);
        ranked
    }

    /// This report said as `minutes` walked at `pace`, which walk as far as
    /// its own: the same counts, each walk time turned to `pace`.
    fn walked_at(&self, minutes: f64, pace: WalkingSpeed) -> CategoryReport {
        let factor = pace.as_far_as(Minutes(1.0), self.speed).0;
        CategoryReport {
            category: self.category,
            minutes,
            speed: pace,
            steps: self.steps,
            areas: (self.areas.iter())
                .map(|a| AreaReport {
                    area: a.area,
                    figures: a.figures.with_walk_times_scaled(factor),
                })
                .collect(),
            overall: self.overall.with_walk_times_scaled(factor),
            facilities: self.facilities,
        }
    }
}

/// Whether a walk may take steps: a wheelchair, a pram or a walking
/// frame cannot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Steps {
    #[default]
    Taken,
    Avoided,
}

impl Steps {
    pub const BOTH: [Steps; 2] = [Steps::Taken, Steps::Avoided];

    /// As the answers say it: `step_free`.
    pub fn avoided(self) -> bool {
        self == Steps::Avoided
    }
}

/// The segments of a walker's graph (by index) from which the walk to a
/// category's nearest may have changed: where the access surface is
/// walked again after a change to facilities.
#[derive(Debug, Clone)]
pub struct Moved {
    pub steps: Steps,
    pub category: Category,
    pub segments: Vec<bool>,
}

/// A snapped point's walk minutes to the nearest of `category` (NaN: none
/// reachable).
fn minutes_from(engine: &AccessEngine, snap: &Snap, category: Category) -> f32 {
    (engine.nearest_from_snap(snap, category)).map_or(f32::NAN, |(m, _)| engine.minutes(m) as f32)
}

/// How a walk is measured: at what pace, taking steps or going around
/// them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Walking {
    pub pace: WalkingSpeed,
    pub steps: Steps,
}

/// Walks that avoid steps: the same facilities on the network without
/// its steps, and the residents snapped to its streets.
#[derive(Debug)]
struct StepFree {
    engine: RwLock<AccessEngine>,
    /// Made on the first figures asked for (a snap per resident): a
    /// resident's own walk needs only the engine.
    analysis: OnceLock<Analysis>,
}

#[derive(Debug)]
pub struct AccessSnapshot {
    engine: RwLock<AccessEngine>,
    /// Walks that avoid steps. `None` where the network has no steps, so
    /// every walk avoids them already.
    step_free: Option<StepFree>,
    /// The engine's, which never changes: read without its lock.
    speed: WalkingSpeed,
    analysis: Analysis,
    population: PopulationSummary,
    provenance: Provenance,
    cache: Mutex<HashMap<(Subject, u64, Steps), Arc<CategoryReport>>>,
    /// Best sites found, by subject and threshold (a search per resident
    /// left out: worth keeping until the facilities change).
    best_sites: Mutex<HashMap<BestSiteKey, Option<BestSite>>>,
    /// Best-site searches one at a time (each uses every core), so many
    /// asked at once queue rather than swamp the machine, and a second
    /// asker of the same finds it kept; a few wait, the rest are told
    /// when to come back.
    searching: Turns,
    /// The basemap's roads, to say a route in words.
    roads: Roads,
    pub build_seconds: f64,
}

/// A street point and the residents left out now that a new facility
/// there would bring within the walk.
pub type BestSite = (LonLat, f64);

/// Best sites kept before those found for plans are dropped.
const BEST_SITES_KEPT: usize = 64;

/// The reports of the walks the map offers: every subject, at each of
/// its minutes, taking steps and avoiding them.
const OFFERED_REPORTS: usize = Subject::ALL.len() * DEFAULT_MINUTES.len() * 2;

/// Reports kept before those for walks the map does not offer are
/// dropped: any minutes, and through them any pace, may be asked for, and
/// a report holds a row per neighbourhood (1,227 for Porto Alegre's
/// cells). Above the map's own, two dozen others.
pub const REPORTS_KEPT: usize = OFFERED_REPORTS + 24;

/// Best-site searches running or waiting before more are turned away.
pub const BEST_SITE_QUEUE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct BestSiteKey {
    category: Subject,
    minutes: u64,
    steps: Steps,
    /// The planned sites' coordinates, bit for bit.
    planned: Vec<[u64; 2]>,
}

/// A candidate's gain besides a plan, the plan, and the report both are
/// measured against.
#[derive(Debug)]
pub struct Candidate {
    pub gain: CandidateGain,
    pub plan: Plan,
    pub report: Arc<CategoryReport>,
}

/// What closing a place would take away, and the report of its category
/// that it is measured against.
#[derive(Debug)]
pub struct Closure {
    pub loss: ClosureLoss,
    pub report: Arc<CategoryReport>,
}

fn minutes_key(minutes: f64) -> u64 {
    (minutes * 1000.0).round() as u64
}

/// Several population sources describe the same people (Helsinki's postal
/// areas and its 250 m grid): adding them would count everyone twice. The
/// analysis uses the finest, the source with the most units.
fn finest_population_source(
    units: Vec<learnscape_core::PopulationUnit>,
) -> Vec<learnscape_core::PopulationUnit> {
    let mut counts: HashMap<learnscape_core::SourceId, usize> = HashMap::new();
    for u in &units {
        *counts.entry(u.source.clone()).or_default() += 1;
    }
    let Some(finest) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(source, _)| source)
    else {
        return units;
    };
    units.into_iter().filter(|u| u.source == finest).collect()
}

/// Everything the server builds its answers from, read from the store once.
#[derive(Debug)]
pub struct StoreData {
    pub walk: WalkNetwork,
    pub places: Vec<Place>,
    pub units: Vec<PopulationUnit>,
    pub neighbourhoods: Vec<Neighbourhood>,
    pub basemap: Vec<BasemapFeature>,
    /// The sources all this was read from (read first: a source replaced
    /// while the rest is read makes them look stale, never current).
    pub provenance: Provenance,
}

impl StoreData {
    pub async fn load(store: &dyn Store) -> StoreResult<Self> {
        let provenance = Provenance::new(Arc::from(store.sources().await?));
        Ok(Self {
            provenance,
            walk: store.walk_network().await?,
            places: store.places(&PlaceFilter::default()).await?,
            units: store.population_units().await?,
            neighbourhoods: store.neighbourhoods().await?,
            basemap: store.basemap_features(None).await?,
        })
    }
}

/// Footprints of residential buildings (walk-model.md §4).
fn residential_buildings(basemap: &[BasemapFeature]) -> Vec<MultiPolygon<f64>> {
    basemap
        .iter()
        .filter(|f| f.kind == BasemapKind::Building { residential: true })
        .filter_map(|f| match &f.geometry {
            Geometry::MultiPolygon(mp) => Some(mp.clone()),
            Geometry::Polygon(p) => Some(MultiPolygon(vec![p.clone()])),
            _ => None,
        })
        .collect()
}

impl AccessSnapshot {
    /// Reads what the analysis needs from the store and builds it.
    pub async fn load(store: &dyn Store, speed: WalkingSpeed) -> StoreResult<Self> {
        let data = StoreData::load(store).await?;
        Self::build(
            data.walk,
            &data.places,
            data.units,
            data.neighbourhoods,
            &data.basemap,
            data.provenance,
            speed,
        )
        .await
    }

    /// Builds the engine and the analysis (on a blocking thread): the
    /// basemap's residential buildings hold the residents, its named
    /// streets say where each neighbourhood is.
    pub async fn build(
        walk: WalkNetwork,
        places: &[Place],
        units: Vec<PopulationUnit>,
        neighbourhoods: Vec<Neighbourhood>,
        basemap: &[BasemapFeature],
        provenance: Provenance,
        speed: WalkingSpeed,
    ) -> StoreResult<Self> {
        let buildings = residential_buildings(basemap);
        // The roads, indexed on the blocking thread below (tens of
        // milliseconds for a city): a route's directions name them, the
        // named ones say where each neighbourhood is.
        let roads: Vec<BasemapFeature> = (basemap.iter())
            .filter(|f| f.kind == BasemapKind::Road)
            .cloned()
            .collect();
        let units = finest_population_source(units);
        // Where the residents were counted, as the units below are chosen.
        let counted = if units.is_empty() {
            (neighbourhoods.iter())
                .filter(|n| n.population.is_some())
                .map(|n| n.source.clone())
                .collect()
        } else {
            units.iter().map(|u| u.source.clone()).collect()
        };
        let provenance = provenance.with_population_from(counted);
        let facilities: Vec<FacilityInput> = places.iter().map(FacilityInput::from).collect();
        let build = move || {
            let started = Instant::now();
            let step_free = (walk.has_barriers()).then(|| StepFree {
                engine: RwLock::new(AccessEngine::new(
                    &walk.step_free(),
                    facilities.clone(),
                    speed,
                )),
                analysis: OnceLock::new(),
            });
            let engine = AccessEngine::new(&walk, facilities, speed);
            // Population units when there are any; else neighbourhoods
            // that state a population are the units.
            let unit_inputs: Vec<UnitInput> = if units.is_empty() {
                neighbourhoods
                    .iter()
                    .filter_map(|n| {
                        Some(UnitInput {
                            shape: Shape::Area(n.area.clone()),
                            population: n.population?,
                        })
                    })
                    .collect()
            } else {
                units
                    .iter()
                    .map(|u| UnitInput {
                        shape: u.shape.clone(),
                        population: u.population,
                    })
                    .collect()
            };
            let model = PopulationModel::new(&unit_inputs, &buildings);
            let areas = neighbourhoods
                .iter()
                .map(|n| AreaInput {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    area: n.area.clone(),
                    stated_population: n.population,
                    near: None,
                })
                .collect();
            let mut analysis = Analysis::new(&engine, model.points, areas);
            let roads = Roads::new(&roads);
            analysis.locate_areas(|residents| {
                (roads.named_near(residents, NEAR_AREA_M)).map(str::to_string)
            });
            Self {
                engine: RwLock::new(engine),
                step_free,
                speed,
                analysis,
                population: model.summary,
                provenance,
                cache: Mutex::new(HashMap::new()),
                best_sites: Mutex::new(HashMap::new()),
                searching: Turns::new(BEST_SITE_QUEUE),
                roads,
                build_seconds: started.elapsed().as_secs_f64(),
            }
        };
        tokio::task::spawn_blocking(build).await.map_err(|e| {
            learnscape_core::StoreError::Backend(format!("analysis build failed: {e}"))
        })
    }

    pub fn attribution(&self) -> &str {
        self.provenance.attribution()
    }

    /// The files the figures rest on, for the exports that carry them.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    pub fn areas(&self) -> &[AreaInput] {
        self.analysis.areas()
    }

    pub fn population_summary(&self) -> PopulationSummary {
        self.population
    }

    /// The speed every walk time here is measured at.
    pub fn speed(&self) -> WalkingSpeed {
        self.speed
    }

    fn engine(&self) -> RwLockReadGuard<'_, AccessEngine> {
        read(&self.engine)
    }

    /// The engine a walk that takes or avoids steps is measured on.
    fn walker(&self, steps: Steps) -> RwLockReadGuard<'_, AccessEngine> {
        match (steps, &self.step_free) {
            (Steps::Avoided, Some(step_free)) => read(&step_free.engine),
            _ => self.engine(),
        }
    }

    /// The engine and the analysis of residents whose walks take or
    /// avoid `steps`.
    fn planning(&self, steps: Steps) -> (RwLockReadGuard<'_, AccessEngine>, &Analysis) {
        match (steps, &self.step_free) {
            (Steps::Avoided, Some(step_free)) => {
                let engine = read(&step_free.engine);
                // The engine's streets never change, only its places: the
                // residents snapped to them once stay snapped.
                let analysis = (step_free.analysis).get_or_init(|| self.analysis.on(&engine));
                (engine, analysis)
            }
            _ => (self.engine(), &self.analysis),
        }
    }

    /// Both engines, to change the facilities of each alike.
    fn engines(&self) -> impl Iterator<Item = &RwLock<AccessEngine>> {
        std::iter::once(&self.engine).chain(self.step_free.as_ref().map(|s| &s.engine))
    }

    /// The minutes at the snapshot's own pace that walk as far as
    /// `minutes` at `pace`: how an answer at another pace is worked out.
    fn own_minutes(&self, minutes: f64, pace: WalkingSpeed) -> f64 {
        self.speed.as_far_as(Minutes(minutes), pace).0
    }

    /// The nearest facilities, within `minutes` if given, each's walk
    /// time as `walking`.
    pub fn nearest(
        &self,
        point: LonLat,
        category: Category,
        limit: usize,
        minutes: Option<f64>,
        open_at: Option<learnscape_core::hours::When>,
        walking: Walking,
    ) -> Result<NearestAnswer, AccessError> {
        let Walking { pace, steps } = walking;
        let engine = self.walker(steps);
        let max_m = minutes.map(|m| pace.distance(Minutes(m)).0);
        let mut answer = engine.nearest(point, category, limit, max_m, open_at)?;
        if pace != self.speed {
            for f in &mut answer.facilities {
                f.minutes = pace.time(Meters(f.meters)).0;
            }
        }
        Ok(answer)
    }

    /// The walk from `point` to the place `id` (of any kind), as
    /// `walking`; `None` for a place the engine does not hold.
    pub fn walk_to(
        &self,
        point: LonLat,
        id: &PlaceId,
        walking: Walking,
    ) -> Result<Option<NearestAnswer>, AccessError> {
        let mut answer = self.walker(walking.steps).walk_to(point, id)?;
        for f in answer.iter_mut().flat_map(|a| a.facilities.iter_mut()) {
            f.minutes = walking.pace.time(Meters(f.meters)).0;
        }
        Ok(answer)
    }

    /// The route of `answer` in words: the streets it goes along and the
    /// turns; none without a route.
    pub fn directions(&self, answer: &NearestAnswer) -> Vec<Leg> {
        (answer.route.as_ref()).map_or_else(Vec::new, |r| directions(r, &self.roads))
    }

    /// What a walk that avoids steps goes around within `bbox`: each
    /// segment of steps or otherwise barred, as its ends and what it is.
    pub fn hindrances(&self, bbox: Bbox) -> Vec<([LonLat; 2], Footing)> {
        let engine = self.engine();
        let graph = engine.graph();
        (graph.hindrances_within(bbox))
            .map(|s| ([graph.position(s.a), graph.position(s.b)], s.footing))
            .collect()
    }

    /// The areas within each of `minutes` walked as `walking`.
    pub fn isochrones(
        &self,
        point: LonLat,
        minutes: &[f64],
        walking: Walking,
    ) -> Result<Vec<MultiPolygon<f64>>, AccessError> {
        let own: Vec<f64> = (minutes.iter())
            .map(|&m| self.own_minutes(m, walking.pace))
            .collect();
        self.walker(walking.steps)
            .isochrones(point, &own, IsochroneStyle::default())
    }

    /// What a new facility of `category` at `point` would change within
    /// `minutes` walked as `walking`, besides the `planned` sites; with
    /// the plan's own gain and the report both are measured against.
    pub fn candidate(
        &self,
        category: Subject,
        minutes: f64,
        point: LonLat,
        planned: &[LonLat],
        walking: Walking,
    ) -> Result<Candidate, AccessError> {
        let report = self.report_at(category, minutes, walking);
        let minutes = self.own_minutes(minutes, walking.pace);
        let (engine, analysis) = self.planning(walking.steps);
        let plan = analysis.plan(&engine, category, minutes, planned);
        let gain = analysis.candidate(&engine, &plan, point)?;
        Ok(Candidate { gain, plan, report })
    }

    /// The places of `category`, most relied on first: by the residents
    /// who have no other within `minutes` walked as `walking`.
    pub fn reliance(&self, category: Category, minutes: f64, walking: Walking) -> Vec<Reliance> {
        let own = self.own_minutes(minutes, walking.pace);
        let (engine, analysis) = self.planning(walking.steps);
        analysis.reliance(&engine, category, own)
    }

    /// What closing the place `id` would take away within `minutes`
    /// walked as `walking`, with new places of its kind at the `planned`
    /// sites; with the report of its category that it is measured
    /// against. `None` for a place the engine does not hold.
    pub fn closure(
        &self,
        id: &PlaceId,
        minutes: f64,
        planned: &[LonLat],
        walking: Walking,
    ) -> Option<Closure> {
        let category = self.engine().category_of(id)?;
        // Asked before the engine is read again: a report computed now
        // takes the engine's lock itself.
        let report = self.report_at(category, minutes, walking);
        let own = self.own_minutes(minutes, walking.pace);
        let (engine, analysis) = self.planning(walking.steps);
        let loss = analysis.closure(&engine, id, own, planned)?;
        Some(Closure { loss, report })
    }

    /// Where a new facility of `category`, besides the `planned` sites,
    /// would bring the most residents left out within `minutes` walked
    /// as `walking`, and how many; computed on first use.
    pub fn best_site(
        &self,
        category: Subject,
        minutes: f64,
        planned: &[LonLat],
        walking: Walking,
    ) -> Result<Option<BestSite>, Busy> {
        // Kept by how far: 30 min at 2.5 km/h is the search of 15 at 5.
        let minutes = self.own_minutes(minutes, walking.pace);
        let key = BestSiteKey {
            category,
            minutes: minutes_key(minutes),
            steps: walking.steps,
            planned: planned
                .iter()
                .map(|p| [p.lon.to_bits(), p.lat.to_bits()])
                .collect(),
        };
        let kept = || {
            self.best_sites
                .lock()
                .ok()
                .and_then(|c| c.get(&key).copied())
        };
        if let Some(hit) = kept() {
            return Ok(hit);
        }
        let turn = self.searching.take()?;
        if let Some(hit) = kept() {
            return Ok(hit);
        }
        // Kept under the engine's read lock, as reports are: a facility
        // added meanwhile waits, then `forget`s this.
        let (engine, analysis) = self.planning(walking.steps);
        let plan = analysis.plan(&engine, category, minutes, planned);
        let best = analysis.best_site(&engine, &plan);
        if let Ok(mut cache) = self.best_sites.lock() {
            // Plans are each asker's own: when many are kept, those for
            // plans go, and the map's own (one per subject and threshold)
            // stay.
            if cache.len() >= BEST_SITES_KEPT {
                cache.retain(|k, _| k.planned.is_empty());
            }
            cache.insert(key, best);
        }
        turn.worked();
        Ok(best)
    }

    /// The report for `minutes` walked as `walking`: the report at the
    /// snapshot's own pace for as far, its walk times turned to the pace.
    pub fn report_at(
        &self,
        category: impl Into<Subject>,
        minutes: f64,
        walking: Walking,
    ) -> Arc<CategoryReport> {
        let Walking { pace, steps } = walking;
        let own = self.report_walked(category, self.own_minutes(minutes, pace), steps);
        if pace == self.speed {
            return own;
        }
        Arc::new(own.walked_at(minutes, pace))
    }

    /// The report for a category and threshold, by walks that take
    /// steps, computed on first use.
    pub fn report(&self, category: impl Into<Subject>, minutes: f64) -> Arc<CategoryReport> {
        self.report_walked(category, minutes, Steps::Taken)
    }

    /// The report for a category and threshold, by walks that take or
    /// avoid `steps`, computed on first use.
    fn report_walked(
        &self,
        category: impl Into<Subject>,
        minutes: f64,
        steps: Steps,
    ) -> Arc<CategoryReport> {
        let category = category.into();
        let key = (category, minutes_key(minutes), steps);
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let (engine, analysis) = self.planning(steps);
        let measures = match category {
            Subject::One(c) => analysis.measures(&engine, c, minutes),
            Subject::Any => analysis.measures_any(&engine, minutes),
        };
        let facilities = facility_count(&engine, category);
        self.keep(key, minutes, &measures, facilities)
    }

    /// The report from point measures (and the count of facilities they
    /// were measured against, read under the same engine lock), cached
    /// under `key`.
    fn keep(
        &self,
        key: (Subject, u64, Steps),
        minutes: f64,
        measures: &PointMeasures,
        facilities: usize,
    ) -> Arc<CategoryReport> {
        let (category, _, steps) = key;
        let report = Arc::new(CategoryReport {
            category,
            minutes,
            speed: self.speed,
            steps,
            // The areas and their residents are the same on either network.
            areas: self.analysis.area_reports(measures, minutes),
            overall: self.analysis.overall(measures, minutes),
            facilities,
        });
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= REPORTS_KEPT {
                let offered = DEFAULT_MINUTES.map(minutes_key);
                cache.retain(|(_, m, _), _| offered.contains(m));
            }
            cache.insert(key, report.clone());
        }
        report
    }

    /// How many reports are kept now.
    pub fn reports_kept(&self) -> usize {
        self.cache.lock().map_or(0, |c| c.len())
    }

    /// Adds or replaces one facility (a commons resource approved): the
    /// engine updates only its catchment; cached reports of its category
    /// are dropped and recomputed on next use.
    pub fn add_facility(&self, facility: FacilityInput) {
        let category = facility.category;
        for engine in self.engines() {
            if let Ok(mut engine) = engine.write() {
                engine.add_facility(facility.clone());
            }
        }
        self.forget(category);
    }

    /// Removes one facility; false if the engine did not hold it.
    pub fn remove_facility(&self, category: Category, id: &learnscape_core::PlaceId) -> bool {
        let mut removed = false;
        for (k, engine) in self.engines().enumerate() {
            let gone =
                (engine.write()).is_ok_and(|mut engine| engine.remove_facility(category, id));
            // The main engine's answer: the other holds the same places.
            removed |= k == 0 && gone;
        }
        self.forget(category);
        removed
    }

    /// Drops the cached reports a change to `category` affects: its own
    /// and those of any learning space.
    fn forget(&self, category: Category) {
        let unaffected = |c: &Subject| *c != Subject::One(category) && *c != Subject::Any;
        if let Ok(mut cache) = self.cache.lock() {
            cache.retain(|(c, _, _), _| unaffected(c));
        }
        if let Ok(mut cache) = self.best_sites.lock() {
            cache.retain(|k, _| unaffected(&k.category));
        }
    }

    /// Facilities of `category` farther than the snap limit from every
    /// street: they serve nobody, and the operator should hear of it.
    pub fn unreachable_facilities(&self, category: Category) -> Vec<learnscape_core::PlaceId> {
        self.engine().unreachable_facilities(category)
    }

    /// Every street-graph vertex position, for the access surface.
    pub fn vertex_positions(&self) -> Vec<LonLat> {
        self.engine().graph().positions().to_vec()
    }

    /// Whether walks avoiding steps are walks of their own: false for a
    /// network without steps or anything else barred to a wheelchair,
    /// where they are the same walks.
    pub fn has_barriers(&self) -> bool {
        self.step_free.is_some()
    }

    /// Walk minutes from `point` to the nearest facility of every category
    /// (NaN where none is reachable), taking or avoiding `steps`, and the
    /// segment it walks from (see [`AccessSnapshot::moved_since`]); `None`
    /// off the street network (its streets without steps, avoiding them).
    pub fn nearest_minutes(
        &self,
        point: LonLat,
        steps: Steps,
    ) -> Option<(u32, [f32; Category::ALL.len()])> {
        let engine = self.walker(steps);
        let snap = engine.snap(point).ok()?;
        let mut out = [f32::NAN; Category::ALL.len()];
        for (k, category) in Category::ALL.iter().enumerate() {
            out[k] = minutes_from(&engine, &snap, *category);
        }
        Some((snap.segment, out))
    }

    /// Walk minutes from `point` to the nearest facility of `category`, as
    /// [`AccessSnapshot::nearest_minutes`] gives them.
    pub fn minutes_to(&self, point: LonLat, steps: Steps, category: Category) -> Option<f32> {
        let engine = self.walker(steps);
        let snap = engine.snap(point).ok()?;
        Some(minutes_from(&engine, &snap, category))
    }

    /// Puts `after` in the place of `before`: a facility added, removed,
    /// moved or of another category now. Returns where walks may have
    /// changed ([`AccessSnapshot::moved_since`]).
    pub fn replace_facility(&self, before: Option<&Place>, after: Option<&Place>) -> Vec<Moved> {
        let mut categories: Vec<Category> =
            (before.iter().chain(&after)).map(|p| p.category).collect();
        categories.dedup();
        let marks = self.marks(&categories);
        if let Some(b) = before {
            self.remove_facility(b.category, &b.id);
        }
        if let Some(a) = after {
            self.add_facility(FacilityInput::from(a));
        }
        self.moved_since(&marks)
    }

    /// Where walks to `categories` stand, on each walker: taken before a
    /// change to their facilities, for [`AccessSnapshot::moved_since`].
    pub fn marks(&self, categories: &[Category]) -> Vec<(Steps, FieldMark)> {
        (Steps::BOTH.iter())
            .filter(|steps| **steps == Steps::Taken || self.has_barriers())
            .flat_map(|&steps| {
                let engine = self.walker(steps);
                (categories.iter())
                    .map(|c| (steps, engine.mark(*c)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// For each mark, the segments of its walker from which a walk to the
    /// mark's category may have changed since ([`AccessEngine::moved_since`]).
    pub fn moved_since(&self, marks: &[(Steps, FieldMark)]) -> Vec<Moved> {
        (marks.iter())
            .map(|(steps, mark)| Moved {
                steps: *steps,
                category: mark.category(),
                segments: self.walker(*steps).moved_since(mark),
            })
            .collect()
    }

    /// Neighbourhood outlines carrying every category × default threshold's
    /// figures, for the `neighbourhoods` tile layer.
    pub fn neighbourhood_features(&self) -> Vec<learnscape_tiles::TileFeature> {
        use learnscape_tiles::Value;
        let mut features: Vec<learnscape_tiles::TileFeature> = self
            .areas()
            .iter()
            .map(|a| learnscape_tiles::TileFeature {
                id: None,
                geometry: Geometry::MultiPolygon(a.area.clone()),
                properties: vec![
                    ("id".into(), Value::Str(a.id.clone())),
                    ("name".into(), Value::Str(a.name.clone())),
                ],
            })
            .collect();
        for category in Subject::ALL {
            for minutes in DEFAULT_MINUTES {
                let report = self.report(category, minutes);
                for r in &report.areas {
                    let f = &r.figures;
                    let props = &mut features[r.area].properties;
                    if category == Subject::ALL[0] && minutes == DEFAULT_MINUTES[0] {
                        props.push(("population".into(), Value::Double(f.population.round())));
                        // The same for every category: whose walk the
                        // street data lets us measure at all.
                        if f.off_network > 0.0 && f.population > 0.0 {
                            let share = f.off_network / f.population;
                            props.push((
                                "off_network_share".into(),
                                Value::Double((share * 1e4).round() / 1e4),
                            ));
                        }
                    }
                    let key = format!("{}_{}", category.as_str(), minutes as u32);
                    props.push((
                        format!("{key}_uncovered"),
                        Value::Double(f.uncovered.round()),
                    ));
                    if let Some(share) = f.uncovered_share {
                        props.push((
                            format!("{key}_uncovered_share"),
                            Value::Double((share * 1e4).round() / 1e4),
                        ));
                    }
                    if let Some(a) = f.e2sfca_per_10k {
                        props.push((
                            format!("{key}_e2sfca"),
                            Value::Double((a * 1e3).round() / 1e3),
                        ));
                    }
                    if minutes == DEFAULT_MINUTES[2]
                        && let Some(p50) = f.p50_min
                    {
                        props.push((
                            format!("{}_p50_min", category.as_str()),
                            Value::Double((p50 * 10.0).round() / 10.0),
                        ));
                    }
                }
            }
        }
        features
    }

    /// Every category (and any learning space) × default threshold, so the
    /// first requests are fast.
    pub fn precompute(&self) {
        self.refigure(&Category::ALL);
    }

    /// The reports of `categories` and of any learning space, which pools
    /// every category's, × default threshold: at start-up, and after a
    /// change to facilities for the categories it changed, as the
    /// neighbourhood tiles show them. Each category's point
    /// measures once at every threshold (a search per facility, to the
    /// farthest: [`Analysis::measures_within`]); "all" pools them,
    /// category by category, as [`PointMeasures::pooled`] does. A report
    /// costs a sort of the residents or two, so only those asked for are
    /// made.
    pub fn refigure(&self, categories: &[Category]) {
        let started = Instant::now();
        let engine = self.engine();
        let mut all: Vec<Option<PointMeasures>> = vec![None; DEFAULT_MINUTES.len()];
        for &c in &Category::ALL {
            let measures = self.analysis.measures_within(&engine, c, &DEFAULT_MINUTES);
            for ((&minutes, m), pooled) in DEFAULT_MINUTES.iter().zip(measures).zip(&mut all) {
                if categories.contains(&c) {
                    let key = (Subject::One(c), minutes_key(minutes), Steps::Taken);
                    self.keep(key, minutes, &m, engine.facility_count(c));
                }
                match pooled {
                    Some(p) => p.pool(&m),
                    None => *pooled = Some(m),
                }
            }
        }
        let facilities = facility_count(&engine, Subject::Any);
        for (&minutes, pooled) in DEFAULT_MINUTES.iter().zip(all) {
            if let Some(pooled) = pooled {
                let key = (Subject::Any, minutes_key(minutes), Steps::Taken);
                self.keep(key, minutes, &pooled, facilities);
            }
        }
        tracing::info!(
            categories = categories.len(),
            seconds = started.elapsed().as_secs_f64(),
            "figures made at every default walking time"
        );
    }
}

/// The facilities a subject's figures are measured against.
fn facility_count(engine: &AccessEngine, subject: Subject) -> usize {
    match subject {
        Subject::One(c) => engine.facility_count(c),
        Subject::Any => Category::ALL
            .iter()
            .map(|&c| engine.facility_count(c))
            .sum(),
    }
}

/// An engine's lock read, even one a panic poisoned: an answer from the
/// engine as it was left beats none.
fn read(engine: &RwLock<AccessEngine>) -> RwLockReadGuard<'_, AccessEngine> {
    engine
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
