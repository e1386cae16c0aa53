//! A planner's what-ifs: what new facilities would change, and where one
//! would change most. Each is measured against the facilities the engine
//! holds now and the sites already in the planner's plan, as if those had
//! opened: so a plan is built one site at a time, each the best next.

use super::Analysis;
use crate::dijkstra::{Flow, Search};
use crate::engine::{AccessEngine, AccessError};
use crate::snap::Snap;
use learnscape_core::{Category, LonLat, Subject};
use rayon::prelude::*;

/// What new facilities would change (a planner's "what if a library
/// opened here?"): the residents they would bring within the threshold
/// who no facility reaches within it now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateGain {
    /// Residents within the threshold of the new facilities.
    pub within: f64,
    /// Of them, those left out now: the gap it would close.
    pub newly_covered: f64,
    /// `newly_covered` of each area's residents, in area order.
    pub by_area: Vec<f64>,
}

/// Sites a planner has in mind for new facilities of one subject, and
/// what they would gain together within one walk.
#[derive(Debug, Clone)]
pub struct Plan {
    subject: Subject,
    minutes: f64,
    /// Per demand point: within the walk of a planned site.
    reached: Vec<bool>,
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
        for (site, &at) in sites.iter().enumerate() {
            match engine.catchment_at(at, limit_m, &self.demand) {
                Ok(catchment) => catchment.iter().for_each(|&(i, _)| reached[i] = true),
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
        let reached: Vec<usize> = engine
            .catchment_at(at, limit_m, &self.demand)?
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        Ok(self.gain_of(&reached, |i| self.left_out(engine, plan, i)))
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
    fn gain_of(&self, reached: &[usize], left_out: impl Fn(usize) -> bool) -> CandidateGain {
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
        }
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
