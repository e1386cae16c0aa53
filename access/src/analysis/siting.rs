//! A planner's what-ifs: what new facilities would change, and where one
//! would change most. Each is measured against the facilities the engine
//! holds now and the sites already in the planner's plan, as if those had
//! opened: so a plan is built one site at a time, each the best next.

use super::Analysis;
use crate::dijkstra::{Flow, Search};
use crate::engine::{AccessEngine, AccessError};
use crate::measures::{Catchment, e2sfca_weight};
use crate::snap::Snap;
use learnscape_core::{Category, LonLat, Subject};
use rayon::prelude::*;

/// What new facilities would change (a planner's "what if a library
/// opened here?"): the residents they would bring within the threshold
/// who no facility reaches within it now, and the supply per resident
/// they would add.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateGain {
    /// Residents within the threshold of the new facilities.
    pub within: f64,
    /// Of them, those left out now: the gap it would close.
    pub newly_covered: f64,
    /// `newly_covered` of each area's residents, in area order.
    pub by_area: Vec<f64>,
    /// The E2SFCA per 10,000 residents they would add to the whole area's
    /// population-weighted mean, each new facility of capacity 1 (as every
    /// facility of unknown capacity, walk-model.md §5). A facility's supply
    /// ratio depends on its own catchment alone, so opening one leaves
    /// every other's as it was and adds its own share to each resident it
    /// reaches: the rise is exact, not an estimate.
    pub supply: f64,
    /// `supply` of each area, in area order.
    pub supply_by_area: Vec<f64>,
}

/// Sites a planner has in mind for new facilities of one subject, and
/// what they would gain together within one walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    subject: Subject,
    minutes: f64,
    /// Per demand point: within the walk of a planned site.
    pub(super) reached: Vec<bool>,
    /// What the planned sites together would change.
    pub gain: CandidateGain,
    /// Planned sites (by position, from 0) more than the snap limit from
    /// every street: like such a facility (walk-model.md §2), they serve
    /// nobody, and the planner should hear of it.
    pub off_network: Vec<usize>,
}

impl Analysis {
    /// The plan of new facilities of `subject` at `sites` within `minutes`
    /// (none: what exists now), with what they would gain together.
    pub fn plan(
        &self,
        engine: &AccessEngine,
        subject: Subject,
        minutes: f64,
        sites: &[LonLat],
    ) -> Plan {
        let limit_m = minutes * engine.speed().meters_per_minute();
        let mut reached = vec![false; self.points.len()];
        let mut off_network = Vec::new();
        let mut catchments = Vec::new();
        for (site, &at) in sites.iter().enumerate() {
            match engine.catchment_at(at, limit_m, &self.demand) {
                Ok(catchment) => {
                    catchment.iter().for_each(|&(i, _)| reached[i] = true);
                    catchments.push(Catchment::of_one(catchment));
                }
                Err(_) => off_network.push(site),
            }
        }
        let together: Vec<usize> = (0..reached.len()).filter(|&i| reached[i]).collect();
        let mut plan = Plan {
            subject,
            minutes,
            reached,
            gain: CandidateGain::default(),
            off_network,
        };
        plan.gain = self.gain_of(&together, |i| self.left_out_now(engine, &plan, i));
        (plan.gain.supply, plan.gain.supply_by_area) = self.supply_of(&catchments, minutes);
        plan
    }

    /// The gain of a new point facility at `at`, besides the plan's: what
    /// adding them all and recomputing would show, less what the plan's
    /// alone would, without adding any.
    pub fn candidate(
        &self,
        engine: &AccessEngine,
        plan: &Plan,
        at: LonLat,
    ) -> Result<CandidateGain, AccessError> {
        let limit_m = plan.minutes * engine.speed().meters_per_minute();
        let catchment = engine.catchment_at(at, limit_m, &self.demand)?;
        let reached: Vec<usize> = catchment.iter().map(|&(i, _)| i).collect();
        let mut gain = self.gain_of(&reached, |i| self.left_out(engine, plan, i));
        (gain.supply, gain.supply_by_area) =
            self.supply_of(&[Catchment::of_one(catchment)], plan.minutes);
        Ok(gain)
    }

    /// The street vertex where a new facility, besides the plan's, would
    /// bring the most residents left out within the walk, and how many:
    /// the greedy step of maximal covering. `None` when nobody left out
    /// lives within reach of a street. Walks are symmetric, so one bounded
    /// search from each resident left out scores every vertex at once.
    pub fn best_site(&self, engine: &AccessEngine, plan: &Plan) -> Option<(LonLat, f64)> {
        let graph = engine.graph();
        let n = graph.vertex_count();
        let limit_m = plan.minutes * engine.speed().meters_per_minute();
        let left_out: Vec<(usize, &Snap)> = (0..self.points.len())
            .into_par_iter()
            .filter_map(|i| Some((i, self.demand.snap(i)?)))
            .filter(|&(i, _)| self.left_out(engine, plan, i))
            .collect();
        // Each piece of work holds a score per vertex: as few pieces as
        // keep every core busy, so a large city's graph is not copied often.
        let piece = (left_out.len() / (2 * rayon::current_num_threads())).max(256);
        let scores = left_out
            .par_iter()
            .with_min_len(piece)
            .fold(
                || (Search::new(n), vec![0.0; n]),
                |(mut search, mut score), &(i, s)| {
                    let seg = graph.segment(s.segment);
                    let seeds = [
                        (seg.a, s.access_m + s.to_a_m),
                        (seg.b, s.access_m + s.to_b_m),
                    ];
                    let people = self.population[i];
                    search.run(graph, &seeds, limit_m, |v, _| {
                        score[v as usize] += people;
                        Flow::Continue
                    });
                    (search, score)
                },
            )
            .map(|(_, score)| score)
            .reduce(
                || vec![0.0; n],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        // The first of equals, so the answer is the same on every run:
        // sums in parallel differ in their last bits from run to run, and
        // neighbouring corners often reach exactly the same residents.
        let top = scores.iter().copied().fold(0.0, f64::max);
        let best = scores.iter().position(|&s| s >= top * (1.0 - 1e-9))?;
        (top > 0.0).then(|| (graph.position(best as u32), scores[best]))
    }

    /// The residents of `reached`, and of them those `left_out`, in all
    /// and by area.
    pub(super) fn gain_of(
        &self,
        reached: &[usize],
        left_out: impl Fn(usize) -> bool,
    ) -> CandidateGain {
        let mut gained = vec![0.0; self.points.len()];
        let (mut within, mut newly_covered) = (0.0, 0.0);
        for &i in reached {
            within += self.population[i];
            if left_out(i) {
                newly_covered += self.population[i];
                gained[i] = self.population[i];
            }
        }
        let by_area = self
            .members
            .iter()
            .map(|members| members.iter().fold(0.0, |t, &i| t + gained[i]))
            .collect();
        CandidateGain {
            within,
            newly_covered,
            by_area,
            ..CandidateGain::default()
        }
    }

    /// The E2SFCA per 10,000 residents that facilities with these
    /// catchments give (new ones would add, closed ones take away): to the
    /// whole area's mean, and to each area's.
    pub(super) fn supply_of(&self, catchments: &[Catchment], minutes: f64) -> (f64, Vec<f64>) {
        let mut added = vec![0.0; self.points.len()];
        for catchment in catchments {
            let demand: f64 = (catchment.reached)
                .iter()
                .map(|&(i, t)| self.population[i] * e2sfca_weight(t, minutes))
                .sum();
            // A facility nobody reaches serves nobody (no supply ratio).
            if demand > 0.0 {
                for &(i, t) in &catchment.reached {
                    added[i] += catchment.capacity * e2sfca_weight(t, minutes) / demand;
                }
            }
        }
        let mean = |members: &[usize]| {
            let (mut people, mut supply) = (0.0, 0.0);
            for &i in members {
                people += self.population[i];
                supply += added[i] * self.population[i];
            }
            if people > 0.0 {
                supply / people * 10_000.0
            } else {
                0.0
            }
        };
        let all: Vec<usize> = (0..self.points.len()).collect();
        let overall = mean(&all);
        let by_area = self.members.iter().map(|m| mean(m)).collect();
        (overall, by_area)
    }

    /// Demand point `i` is beyond the walk of every facility now and of
    /// every planned site.
    fn left_out(&self, engine: &AccessEngine, plan: &Plan, i: usize) -> bool {
        !plan.reached[i] && self.left_out_now(engine, plan, i)
    }

    /// Demand point `i` is beyond the walk of every facility of the plan's
    /// subject now (off the network, beyond every walk).
    fn left_out_now(&self, engine: &AccessEngine, plan: &Plan, i: usize) -> bool {
        let Some(s) = self.demand.snap(i) else {
            return true;
        };
        let categories: &[Category] = match &plan.subject {
            Subject::One(c) => std::slice::from_ref(c),
            Subject::Any => &Category::ALL,
        };
        let nearest = categories
            .iter()
            .filter_map(|&c| engine.nearest_from_snap(s, c))
            .map(|(m, _)| engine.minutes(m))
            .fold(f64::INFINITY, f64::min);
        nearest > plan.minutes
    }
}
