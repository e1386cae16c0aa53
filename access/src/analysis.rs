//! Provision analysis: demand points snapped once, then per category and
//! threshold the measures of every demand point and the figures of every
//! neighbourhood, ranked into gaps.

mod closure;
mod reliance;
mod siting;

pub use closure::{ClosureLoss, Home};
pub use reliance::Reliance;
pub use siting::{CandidateGain, Plan};

use crate::engine::AccessEngine;
use crate::measures::{AreaFigures, PointMeasures, area_figures, point_measures};
use crate::population::DemandPoint;
use crate::snap::Snap;
use geo::{Contains, InteriorPoint};
use geo_types::{MultiPolygon, Point};
use learnscape_core::{Category, LonLat};
use rayon::prelude::*;
use std::collections::HashMap;

/// Where the demand points meet the graph, by vertex and by segment.
#[derive(Debug, Default)]
pub struct DemandIndex {
    snaps: Vec<Option<Snap>>,
    at_vertex: HashMap<u32, Vec<(usize, f64)>>,
    on_segment: HashMap<u32, Vec<(usize, Snap)>>,
}

impl DemandIndex {
    pub fn new(engine: &AccessEngine, points: &[DemandPoint]) -> Self {
        let snaps: Vec<Option<Snap>> = points
            .par_iter()
            .map(|p| engine.snap(p.position).ok())
            .collect();
        let mut index = DemandIndex {
            snaps,
            ..Default::default()
        };
        for (i, snap) in index.snaps.iter().enumerate() {
            let Some(s) = snap else { continue };
            let seg = engine.graph().segment(s.segment);
            index
                .at_vertex
                .entry(seg.a)
                .or_default()
                .push((i, s.access_m + s.to_a_m));
            index
                .at_vertex
                .entry(seg.b)
                .or_default()
                .push((i, s.access_m + s.to_b_m));
            index.on_segment.entry(s.segment).or_default().push((i, *s));
        }
        index
    }

    pub fn at_vertex(&self, v: u32) -> &[(usize, f64)] {
        self.at_vertex.get(&v).map_or(&[], Vec::as_slice)
    }

    pub fn on_segment(&self, segment: u32) -> &[(usize, Snap)] {
        self.on_segment.get(&segment).map_or(&[], Vec::as_slice)
    }

    pub fn snap(&self, i: usize) -> Option<&Snap> {
        self.snaps.get(i).and_then(Option::as_ref)
    }
}

/// A named area (a neighbourhood) to report on.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaInput {
    pub id: String,
    pub name: String,
    pub area: MultiPolygon<f64>,
    /// The population the boundary file states, shown beside the modelled one.
    pub stated_population: Option<f64>,
    /// Where it is in words ("Avenida Bento Gonçalves"), set by
    /// [`Analysis::locate_areas`]: an area named by a code, as a grid
    /// cell is ("89a90129a47ffff"), says nothing of where it lies.
    pub near: Option<String>,
}

#[derive(Debug)]
pub struct Analysis {
    points: Vec<DemandPoint>,
    population: Vec<f64>,
    demand: DemandIndex,
    areas: Vec<AreaInput>,
    /// Demand points inside each area.
    members: Vec<Vec<usize>>,
}

/// One area's figures for a category and threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaReport {
    pub area: usize,
    pub figures: AreaFigures,
}

impl Analysis {
    pub fn new(engine: &AccessEngine, points: Vec<DemandPoint>, areas: Vec<AreaInput>) -> Self {
        let demand = DemandIndex::new(engine, &points);
        let members = areas
            .par_iter()
            .map(|a| {
                points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| a.area.contains(&Point::new(p.position.lon, p.position.lat)))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        Self {
            population: points.iter().map(|p| p.population).collect(),
            points,
            demand,
            areas,
            members,
        }
    }

    /// The same residents and areas, snapped to `engine`'s streets: the
    /// analysis of another network (the one without steps) of the same
    /// city, without finding again which area holds each resident.
    pub fn on(&self, engine: &AccessEngine) -> Self {
        Self {
            points: self.points.clone(),
            population: self.population.clone(),
            demand: DemandIndex::new(engine, &self.points),
            areas: self.areas.clone(),
            members: self.members.clone(),
        }
    }

    pub fn points(&self) -> &[DemandPoint] {
        &self.points
    }

    pub fn areas(&self) -> &[AreaInput] {
        &self.areas
    }

    pub fn demand(&self) -> &DemandIndex {
        &self.demand
    }

    /// Where an area's residents live, as one point: of its demand points,
    /// the one nearest their mean weighted by residents. The mean alone
    /// may lie where nobody lives (between two villages, outside a
    /// crescent); a demand point never does. `None` without residents.
    pub fn residents_centre(&self, area: usize) -> Option<LonLat> {
        let lived_in: Vec<&DemandPoint> = (self.members.get(area)?.iter())
            .map(|&i| &self.points[i])
            .filter(|p| p.population > 0.0)
            .collect();
        let people: f64 = lived_in.iter().map(|p| p.population).sum();
        if people <= 0.0 {
            return None;
        }
        let mean = |of: fn(&LonLat) -> f64| {
            lived_in
                .iter()
                .map(|p| of(&p.position) * p.population)
                .sum::<f64>()
                / people
        };
        let (lon, lat) = (mean(|at| at.lon), mean(|at| at.lat));
        // Degrees of longitude shrunk to their length at the latitude:
        // near enough to metres for "nearest" within one area.
        let shrink = lat.to_radians().cos();
        let far = |at: &LonLat| ((at.lon - lon) * shrink).powi(2) + (at.lat - lat).powi(2);
        (lived_in.iter())
            .map(|p| p.position)
            .min_by(|a, b| far(a).total_cmp(&far(b)))
    }

    /// Sets each area's [`AreaInput::near`] to what `near` says of its
    /// residents' centre, or of a point inside it where nobody lives.
    pub fn locate_areas(&mut self, near: impl Fn(LonLat) -> Option<String>) {
        for i in 0..self.areas.len() {
            let inside = || self.areas[i].area.interior_point().map(LonLat::from);
            let at = self.residents_centre(i).or_else(inside);
            self.areas[i].near = at.and_then(&near);
        }
    }

    /// Every demand point's measures for `category` within `minutes`.
    pub fn measures(
        &self,
        engine: &AccessEngine,
        category: Category,
        minutes: f64,
    ) -> PointMeasures {
        let (nearest, on_network) = self.nearest(engine, category);
        let limit_m = minutes * engine.speed().meters_per_minute();
        let catchments = engine.catchments(category, limit_m, &self.demand);
        point_measures(nearest, on_network, &self.population, &catchments, minutes)
    }

    /// Each demand point's walk minutes to the nearest of `category`
    /// (infinite where none is reached), and whether it is on the network.
    fn nearest(&self, engine: &AccessEngine, category: Category) -> (Vec<f64>, Vec<bool>) {
        let nearest = (0..self.points.len())
            .into_par_iter()
            .map(|i| {
                self.demand
                    .snap(i)
                    .and_then(|s| engine.nearest_from_snap(s, category))
                    .map_or(f64::INFINITY, |(m, _)| engine.minutes(m))
            })
            .collect();
        let on_network = (0..self.points.len())
            .map(|i| self.demand.snap(i).is_some())
            .collect();
        (nearest, on_network)
    }

    /// Measures of nobody reached: nothing nearer than infinity.
    fn no_measures(&self) -> PointMeasures {
        PointMeasures {
            nearest_min: vec![f64::INFINITY; self.points.len()],
            on_network: vec![false; self.points.len()],
            cumulative: vec![0.0; self.points.len()],
            e2sfca: vec![0.0; self.points.len()],
        }
    }

    /// [`Analysis::measures`] at each of `minutes`: each resident's
    /// nearest walked to once, and each facility's catchment searched
    /// once, to the farthest ([`AccessEngine::catchments_within`]).
    pub fn measures_within(
        &self,
        engine: &AccessEngine,
        category: Category,
        minutes: &[f64],
    ) -> Vec<PointMeasures> {
        let (nearest, on_network) = self.nearest(engine, category);
        let limits: Vec<f64> = (minutes.iter())
            .map(|m| m * engine.speed().meters_per_minute())
            .collect();
        let catchments = engine.catchments_within(category, &limits, &self.demand);
        (minutes.par_iter().zip(&catchments))
            .map(|(&m, catchments)| {
                let (nearest, on_network) = (nearest.clone(), on_network.clone());
                point_measures(nearest, on_network, &self.population, catchments, m)
            })
            .collect()
    }

    /// Every demand point's measures for any learning space within
    /// `minutes`: every category's facilities pooled.
    pub fn measures_any(&self, engine: &AccessEngine, minutes: f64) -> PointMeasures {
        let parts: Vec<PointMeasures> = Category::ALL
            .iter()
            .map(|c| self.measures(engine, *c, minutes))
            .collect();
        PointMeasures::pooled(&parts).unwrap_or_else(|| self.no_measures())
    }

    /// Figures of every area, in input order.
    pub fn area_reports(&self, measures: &PointMeasures, minutes: f64) -> Vec<AreaReport> {
        self.members
            .iter()
            .enumerate()
            .map(|(area, members)| AreaReport {
                area,
                figures: area_figures(measures, &self.population, members, minutes),
            })
            .collect()
    }

    /// Figures of all demand points together.
    pub fn overall(&self, measures: &PointMeasures, minutes: f64) -> AreaFigures {
        let all: Vec<usize> = (0..self.points.len()).collect();
        area_figures(measures, &self.population, &all, minutes)
    }
}

/// Areas ranked by uncovered population, most first (ties by share, then
/// by name for a stable order); after them, unranked and in the same
/// order, those mostly beyond the street data, then those without
/// residents (`AreaFigures::rankable`).
pub fn rank_gaps(reports: &mut [AreaReport], areas: &[AreaInput]) {
    let unranked = |f: &AreaFigures| match (f.rankable(), f.population > 0.0) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    reports.sort_by(|a, b| {
        unranked(&a.figures)
            .cmp(&unranked(&b.figures))
            .then(b.figures.uncovered.total_cmp(&a.figures.uncovered))
            .then(
                b.figures
                    .uncovered_share
                    .unwrap_or(0.0)
                    .total_cmp(&a.figures.uncovered_share.unwrap_or(0.0)),
            )
            .then(areas[a.area].name.cmp(&areas[b.area].name))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(name: &str) -> AreaInput {
        AreaInput {
            id: name.into(),
            name: name.into(),
            area: MultiPolygon(Vec::new()),
            stated_population: None,
            near: None,
        }
    }

    fn report(area: usize, population: f64, uncovered: f64, off_network: f64) -> AreaReport {
        AreaReport {
            area,
            figures: AreaFigures {
                population,
                covered: population - uncovered,
                uncovered,
                off_network,
                covered_share: (population > 0.0).then(|| 1.0 - uncovered / population),
                uncovered_share: (population > 0.0).then(|| uncovered / population),
                e2sfca_per_10k: None,
                cumulative_mean: None,
                gini: None,
                p50_min: None,
                p90_min: None,
                demand_points: 1,
            },
        }
    }

    #[test]
    fn areas_mostly_beyond_the_streets_or_without_residents_follow_the_ranked() {
        let areas: Vec<AreaInput> = ["harbour", "old town", "hill", "park", "market"]
            .into_iter()
            .map(area)
            .collect();
        let mut reports = vec![
            // 900 left out, 600 of 1,000 beyond the streets: a data gap.
            report(0, 1000.0, 900.0, 600.0),
            report(1, 500.0, 100.0, 0.0),
            // 300 left out, 249 of 500 beyond: still measured.
            report(2, 500.0, 300.0, 249.0),
            report(3, 0.0, 0.0, 0.0),
            // All 40 beyond.
            report(4, 40.0, 40.0, 40.0),
        ];
        rank_gaps(&mut reports, &areas);
        let order: Vec<&str> = reports
            .iter()
            .map(|r| areas[r.area].name.as_str())
            .collect();
        assert_eq!(order, ["hill", "old town", "harbour", "market", "park"]);
        let rankable: Vec<bool> = reports.iter().map(|r| r.figures.rankable()).collect();
        assert_eq!(rankable, [true, true, false, false, false]);
    }
}
