//! Provision measures of walk-model.md §5 per demand point, and the
//! population-weighted figures of an area built from them.

use serde::Serialize;

/// E2SFCA distance-decay weight (Luo and Qi, 2009): 1.00, 0.68 and 0.22
/// for the first, second and third third of the threshold, 0 beyond.
pub fn e2sfca_weight(distance: f64, threshold: f64) -> f64 {
    if distance <= threshold / 3.0 {
        1.0
    } else if distance <= 2.0 * threshold / 3.0 {
        0.68
    } else if distance <= threshold {
        0.22
    } else {
        0.0
    }
}

/// Every demand point's measures for one category and threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointMeasures {
    /// Walk minutes to the nearest facility; infinite when none is reachable.
    pub nearest_min: Vec<f64>,
    /// False for a demand point farther than the snap limit from every
    /// street: it has no walk distance at all (often: outside the extract).
    pub on_network: Vec<bool>,
    /// Capacity of the facilities within the threshold.
    pub cumulative: Vec<f64>,
    /// E2SFCA accessibility (supply per resident).
    pub e2sfca: Vec<f64>,
}

impl PointMeasures {
    /// The measures of several categories' facilities taken as one pool:
    /// the nearest of any, capacities and E2SFCA summed (each facility's
    /// supply ratio depends only on its own catchment, so pooling is the
    /// sum). `None` for an empty list.
    pub fn pooled(parts: &[PointMeasures]) -> Option<PointMeasures> {
        let (first, rest) = parts.split_first()?;
        let mut out = first.clone();
        for p in rest {
            out.pool(p);
        }
        Some(out)
    }

    /// Pools `p`'s facilities in with these: part by part in order, as
    /// [`PointMeasures::pooled`] does.
    pub fn pool(&mut self, p: &PointMeasures) {
        for (a, b) in self.nearest_min.iter_mut().zip(&p.nearest_min) {
            *a = a.min(*b);
        }
        for (a, b) in self.cumulative.iter_mut().zip(&p.cumulative) {
            *a += b;
        }
        for (a, b) in self.e2sfca.iter_mut().zip(&p.e2sfca) {
            *a += b;
        }
    }
}

/// For each facility j: its capacity and the demand points within the
/// threshold with their walk minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct Catchment {
    pub capacity: f64,
    pub reached: Vec<(usize, f64)>,
}

impl Catchment {
    /// A facility of capacity 1 (a planned one, of unknown capacity as
    /// walk-model.md §5 has it) reaching `reached`.
    pub fn of_one(reached: Vec<(usize, f64)>) -> Self {
        Self {
            capacity: 1.0,
            reached,
        }
    }
}

pub fn point_measures(
    nearest_min: Vec<f64>,
    on_network: Vec<bool>,
    population: &[f64],
    catchments: &[Catchment],
    threshold_min: f64,
) -> PointMeasures {
    let n = population.len();
    let mut cumulative = vec![0.0; n];
    let mut e2sfca = vec![0.0; n];
    for c in catchments {
        let demand: f64 = c
            .reached
            .iter()
            .map(|&(i, t)| population[i] * e2sfca_weight(t, threshold_min))
            .sum();
        let ratio = if demand > 0.0 {
            c.capacity / demand
        } else {
            0.0
        };
        for &(i, t) in &c.reached {
            if t <= threshold_min {
                cumulative[i] += c.capacity;
            }
            e2sfca[i] += ratio * e2sfca_weight(t, threshold_min);
        }
    }
    PointMeasures {
        nearest_min,
        on_network,
        cumulative,
        e2sfca,
    }
}

/// Population-weighted Gini coefficient of `(value, weight)`; `None` for
/// no weight. 0 when every value is equal (including all zero).
pub fn weighted_gini(values: &[(f64, f64)]) -> Option<f64> {
    let mut v: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .filter(|(x, w)| x.is_finite() && *w > 0.0)
        .collect();
    let total: f64 = v.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mean = v.iter().map(|(x, w)| x * w).sum::<f64>() / total;
    if mean <= 0.0 {
        return Some(0.0);
    }
    // Σ_i Σ_j w_i w_j |x_i − x_j| over sorted values, in one pass.
    let (mut below_w, mut below_wx, mut sum) = (0.0, 0.0, 0.0);
    for &(x, w) in &v {
        sum += w * (x * below_w - below_wx);
        below_w += w;
        below_wx += w * x;
    }
    Some(2.0 * sum / (2.0 * total * total * mean))
}

/// The smallest value at or below which `q` of the weight lies; `None`
/// for no weight; infinite when that share is never reached.
pub fn weighted_percentile(values: &[(f64, f64)], q: f64) -> Option<f64> {
    let mut v: Vec<(f64, f64)> = values.iter().copied().filter(|(_, w)| *w > 0.0).collect();
    let total: f64 = v.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    for (x, w) in v {
        acc += w;
        if acc >= q * total - 1e-9 {
            return Some(x);
        }
    }
    Some(f64::INFINITY)
}

/// One area's figures for a category and threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaFigures {
    /// Residents, summed over the demand points inside.
    pub population: f64,
    pub covered: f64,
    pub uncovered: f64,
    /// The part of `uncovered` living off the street network (farther than
    /// the snap limit from any street): a data gap, not a provision gap.
    pub off_network: f64,
    pub covered_share: Option<f64>,
    pub uncovered_share: Option<f64>,
    /// Population-weighted mean E2SFCA, per 10,000 residents.
    pub e2sfca_per_10k: Option<f64>,
    /// Population-weighted mean capacity within the threshold.
    pub cumulative_mean: Option<f64>,
    /// Population-weighted Gini of E2SFCA over the area's demand points.
    pub gini: Option<f64>,
    /// Population-weighted median and 90th percentile of nearest minutes;
    /// `None` when that share of residents reaches nothing.
    pub p50_min: Option<f64>,
    pub p90_min: Option<f64>,
    pub demand_points: usize,
}

/// From this share of its residents off the street network, an area's gap
/// says more about the street data than about provision: the map hatches
/// it instead of colouring it by its gap, and the ranking lists it after
/// the areas it ranks (web/src/beyond-streets.ts holds the same share).
pub const MOSTLY_OFF_NETWORK: f64 = 0.5;

impl AreaFigures {
    /// Whether most of the residents live off the street network, so that
    /// their walks cannot be measured.
    pub fn mostly_off_network(&self) -> bool {
        self.population > 0.0 && self.off_network >= MOSTLY_OFF_NETWORK * self.population
    }

    /// Whether a ranking by residents left out can rank this area: it has
    /// residents, and the street data reaches most of them. An area beyond
    /// the street data would otherwise head the ranking for a gap in the
    /// data (Helsinki's districts around its centre's extract).
    pub fn rankable(&self) -> bool {
        self.population > 0.0 && !self.mostly_off_network()
    }

    /// These figures with their walk times (median and 90th percentile)
    /// `factor` times as long: the same distances walked at another pace.
    /// Every count stays: it depends on how far, not how fast.
    pub fn with_walk_times_scaled(&self, factor: f64) -> AreaFigures {
        AreaFigures {
            p50_min: self.p50_min.map(|m| m * factor),
            p90_min: self.p90_min.map(|m| m * factor),
            ..self.clone()
        }
    }
}

pub fn area_figures(
    measures: &PointMeasures,
    population: &[f64],
    members: &[usize],
    threshold_min: f64,
) -> AreaFigures {
    // Folds from +0.0: an empty f64 sum is -0.0, which would print as "-0".
    let total = members.iter().fold(0.0, |t, &i| t + population[i]);
    let covered = members
        .iter()
        .filter(|&&i| measures.nearest_min[i] <= threshold_min)
        .fold(0.0, |t, &i| t + population[i]);
    let off_network = members
        .iter()
        .filter(|&&i| !measures.on_network[i])
        .fold(0.0, |t, &i| t + population[i]);
    let share = |x: f64| (total > 0.0).then(|| x / total);
    let mean = |values: &[f64]| {
        (total > 0.0).then(|| {
            members
                .iter()
                .map(|&i| values[i] * population[i])
                .sum::<f64>()
                / total
        })
    };
    let nearest: Vec<(f64, f64)> = members
        .iter()
        .map(|&i| (measures.nearest_min[i], population[i]))
        .collect();
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    AreaFigures {
        population: total,
        covered,
        uncovered: total - covered,
        off_network,
        covered_share: share(covered),
        uncovered_share: share(total - covered),
        e2sfca_per_10k: mean(&measures.e2sfca).map(|a| a * 10_000.0),
        cumulative_mean: mean(&measures.cumulative),
        gini: weighted_gini(
            &members
                .iter()
                .map(|&i| (measures.e2sfca[i], population[i]))
                .collect::<Vec<_>>(),
        ),
        p50_min: finite(weighted_percentile(&nearest, 0.5)),
        p90_min: finite(weighted_percentile(&nearest, 0.9)),
        demand_points: members.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_is_zero_for_equality_and_near_one_for_one_holder() {
        assert_eq!(weighted_gini(&[(3.0, 1.0), (3.0, 5.0)]), Some(0.0));
        let g = weighted_gini(&[(0.0, 99.0), (100.0, 1.0)]).expect("gini");
        assert!((g - 0.99).abs() < 1e-9, "{g}");
        // Weights act as repeated observations.
        let a = weighted_gini(&[(1.0, 2.0), (4.0, 1.0)]).expect("a");
        let b = weighted_gini(&[(1.0, 1.0), (1.0, 1.0), (4.0, 1.0)]).expect("b");
        assert!((a - b).abs() < 1e-12);
        assert_eq!(weighted_gini(&[]), None);
    }

    #[test]
    fn e2sfca_shares_supply_among_the_people_who_reach_it() {
        // One library of capacity 1, two points: 100 people close, 100 in
        // the last third of the threshold.
        let catchments = [Catchment {
            capacity: 1.0,
            reached: vec![(0, 2.0), (1, 14.0)],
        }];
        let m = point_measures(
            vec![2.0, 14.0],
            vec![true, true],
            &[100.0, 100.0],
            &catchments,
            15.0,
        );
        let r = 1.0 / (100.0 * 1.0 + 100.0 * 0.22);
        assert!((m.e2sfca[0] - r).abs() < 1e-12);
        assert!((m.e2sfca[1] - r * 0.22).abs() < 1e-12);
        // Supply is conserved: Σ P_i A_i = Σ S_j.
        let total = 100.0 * m.e2sfca[0] + 100.0 * m.e2sfca[1];
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        assert_eq!(m.cumulative, vec![1.0, 1.0]);
        let figures = area_figures(&m, &[100.0, 100.0], &[0, 1], 10.0);
        assert_eq!(figures.covered, 100.0);
        assert_eq!(figures.uncovered_share, Some(0.5));
        assert_eq!(figures.p50_min, Some(2.0));
        assert_eq!(figures.p90_min, Some(14.0));
    }
}
