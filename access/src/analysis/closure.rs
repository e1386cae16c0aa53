//! A planner's other what-if: what closing a facility would take away.
//! Libraries and community centres close for want of money more often
//! than new ones open; before one does, a planner should know who would
//! be left without one within the walk, and where.

use super::{Analysis, Plan};
use crate::engine::AccessEngine;
use learnscape_core::{Category, LonLat, PlaceId, Subject};
use std::collections::HashSet;

/// What closing one facility would take away within a walk.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureLoss {
    /// The facility's category: the loss is of a walk to one of those.
    pub category: Category,
    /// Residents within the walk of it.
    pub within: f64,
    /// Of them, those no other facility of its category, and no planned
    /// site, reaches within the walk: the gap its closing would open.
    pub left_out: f64,
    /// `left_out` of each area's residents, in area order.
    pub by_area: Vec<f64>,
    /// The E2SFCA per 10,000 residents it gives the whole area's
    /// population-weighted mean, which its closing takes away. Every other
    /// facility's supply ratio depends on its own catchment alone, so the
    /// others' shares stay as they are: the fall is exact.
    pub supply: f64,
    /// `supply` of each area, in area order.
    pub supply_by_area: Vec<f64>,
    /// New facilities of its category the planner has in mind, counted
    /// as open ("could it close if one opened there?"), and what they
    /// would gain before it closed.
    pub plan: Plan,
    /// False for a facility beyond every street: nobody's walk to it is
    /// measured, so nothing is lost here by its closing.
    pub reachable: bool,
    /// Where the residents within its walk live, in order of walk: what a
    /// map draws to show whom its closing would leave out, and where.
    pub homes: Vec<Home>,
}

/// A demand point within the walk of a closing facility: a residential
/// building, or a cell of a population grid (walk-model.md §4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Home {
    /// Its index among the analysis's demand points.
    pub point: usize,
    pub position: LonLat,
    pub residents: f64,
    /// Walk minutes from it to the closing facility.
    pub minutes: f64,
    /// Whether its closing would leave these residents with none of its
    /// category (and no planned site) within the walk.
    pub left_out: bool,
}

impl Analysis {
    /// What closing the facility `id` would take away within `minutes`,
    /// with new facilities of its category open at the `planned` sites
    /// (a move is a site planned and a facility closed); `None` for an id
    /// the engine does not hold.
    pub fn closure(
        &self,
        engine: &AccessEngine,
        id: &PlaceId,
        minutes: f64,
        planned: &[LonLat],
    ) -> Option<ClosureLoss> {
        let limit_m = minutes * engine.speed().meters_per_minute();
        let category = engine.category_of(id)?;
        let plan = self.plan(engine, Subject::One(category), minutes, planned);
        let closing = engine.closing(id, limit_m, &self.demand)?;
        let elsewhere: HashSet<usize> = (closing.others.iter())
            .flat_map(|c| c.reached.iter().map(|&(i, _)| i))
            .collect();
        let reached: Vec<usize> = closing.own.reached.iter().map(|&(i, _)| i).collect();
        let left_out = |i: usize| !elsewhere.contains(&i) && !plan.reached[i];
        let lost = self.gain_of(&reached, left_out);
        let mut homes: Vec<Home> = (closing.own.reached.iter())
            .filter(|&&(i, _)| self.population[i] > 0.0)
            .map(|&(i, minutes)| Home {
                point: i,
                position: self.points[i].position,
                residents: self.population[i],
                minutes,
                left_out: left_out(i),
            })
            .collect();
        homes.sort_by(|a, b| a.minutes.total_cmp(&b.minutes).then(a.point.cmp(&b.point)));
        let (supply, supply_by_area) = self.supply_of(&[closing.own], minutes);
        Some(ClosureLoss {
            category,
            within: lost.within,
            left_out: lost.newly_covered,
            by_area: lost.by_area,
            supply,
            supply_by_area,
            plan,
            reachable: closing.reachable,
            homes,
        })
    }
}
