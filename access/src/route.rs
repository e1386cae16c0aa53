//! A walk as a line, with which of its pieces are steps and which are
//! barred to a wheelchair.

use crate::graph::Footing;
use learnscape_core::units::haversine_m;
use learnscape_core::{Bar, LonLat};

/// The walk to a facility as a line, origin first.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub coordinates: Vec<LonLat>,
    /// Whether each piece of the line (from `coordinates[i]` to
    /// `coordinates[i + 1]`) is walked on a flight of steps: the walk in
    /// words says so, for a pram, a wheelchair or tired knees.
    pub steps: Vec<bool>,
    /// Beside `steps`: what bars each piece to a wheelchair otherwise (a
    /// turnstile, a raised kerb, a path tagged so), if anything.
    pub barred: Vec<Option<Bar>>,
    pub meters: f64,
}

impl Route {
    /// A walk from `origin` that has not yet gone anywhere.
    pub fn starting_at(origin: LonLat) -> Self {
        Self {
            coordinates: vec![origin],
            steps: Vec::new(),
            barred: Vec::new(),
            meters: 0.0,
        }
    }

    /// Walks on to `to` over `footing` (a point where the walk already is
    /// adds nothing). `meters` is left as it is: the engine measures the
    /// walk on its graph.
    pub fn walk_on(&mut self, to: LonLat, footing: Footing) {
        if self.coordinates.last() != Some(&to) {
            self.coordinates.push(to);
            self.steps.push(footing.steps);
            self.barred.push(footing.barred);
        }
    }

    /// The pieces of the line: (from, to, what it goes over).
    pub fn pieces(&self) -> impl Iterator<Item = (LonLat, LonLat, Footing)> + '_ {
        let footings = self.steps.iter().zip(&self.barred);
        (self.coordinates.windows(2).zip(footings))
            .map(|(w, (&steps, &barred))| (w[0], w[1], Footing { steps, barred }))
    }

    /// Where the walk takes steps: each flight as the indexes of its
    /// first and last coordinate, in the order walked.
    pub fn flights(&self) -> Vec<[usize; 2]> {
        runs(&self.steps)
    }

    /// Where the walk passes what bars a wheelchair otherwise than by
    /// steps: each stretch as the indexes of its first and last
    /// coordinate, in the order walked.
    pub fn barriers(&self) -> Vec<[usize; 2]> {
        let barred: Vec<bool> = self.barred.iter().map(Option::is_some).collect();
        runs(&barred)
    }

    /// Beside [`Self::barriers`]: what bars on each stretch, each kind
    /// once in the order walked (a turnstile bars the pieces either side of
    /// it, told once).
    pub fn barrier_bars(&self) -> Vec<Vec<Bar>> {
        (self.barriers().into_iter())
            .map(|[first, last]| {
                let mut bars = Vec::new();
                pass(
                    &mut bars,
                    self.barred[first..last].iter().flatten().copied(),
                );
                bars
            })
            .collect()
    }

    /// Metres of the walk taken on steps (along the line).
    pub fn steps_m(&self) -> f64 {
        // From +0.0: `Sum` for floats starts at -0.0, which a walk without
        // steps answered as `"steps_meters": -0.0`.
        (self.pieces())
            .filter(|p| p.2.steps)
            .fold(0.0, |total, (a, b, _)| total + haversine_m(a, b))
    }
}

/// Adds `more` to `bars` after what is there, each kind once: what a
/// stretch or a leg of a walk passes.
pub(crate) fn pass(bars: &mut Vec<Bar>, more: impl IntoIterator<Item = Bar>) {
    for bar in more {
        if !bars.contains(&bar) {
            bars.push(bar);
        }
    }
}

/// The runs of pieces marked true, each as [first coordinate, last].
fn runs(marked: &[bool]) -> Vec<[usize; 2]> {
    let mut runs: Vec<[usize; 2]> = Vec::new();
    for (i, _) in marked.iter().enumerate().filter(|(_, m)| **m) {
        match runs.last_mut() {
            Some(run) if run[1] == i => run[1] = i + 1,
            _ => runs.push([i, i + 1]),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flights_and_barriers_are_the_runs_of_their_pieces() {
        let mut walk = Route::starting_at(LonLat::new(9.52, 47.14));
        for (k, steps) in [false, true, true, false, true, false]
            .into_iter()
            .enumerate()
        {
            let barred = match k {
                2 => Some(Bar::Turnstile),
                5 => Some(Bar::Way),
                _ => None,
            };
            walk.walk_on(
                LonLat::new(9.52 + 0.001 * (k + 1) as f64, 47.14),
                Footing { steps, barred },
            );
        }
        // A point where the walk already is adds no piece.
        let here = walk.coordinates[6];
        walk.walk_on(
            here,
            Footing {
                steps: true,
                barred: None,
            },
        );
        assert_eq!(walk.flights(), vec![[1, 3], [4, 5]]);
        assert_eq!(walk.barriers(), vec![[2, 3], [5, 6]]);
        assert_eq!(
            walk.barrier_bars(),
            vec![vec![Bar::Turnstile], vec![Bar::Way]]
        );
        let level = Route::starting_at(LonLat::new(9.52, 47.14));
        assert!(level.steps_m() == 0.0 && level.steps_m().is_sign_positive());
        assert_eq!(
            Route::starting_at(LonLat::new(9.52, 47.14)).flights(),
            Vec::<[usize; 2]>::new()
        );
    }
}
