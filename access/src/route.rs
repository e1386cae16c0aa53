//! A walk as a line, with which of its pieces are steps.

use learnscape_core::LonLat;
use learnscape_core::units::haversine_m;

/// The walk to a facility as a line, origin first.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub coordinates: Vec<LonLat>,
    /// Whether each piece of the line (from `coordinates[i]` to
    /// `coordinates[i + 1]`) is walked on a flight of steps: the walk in
    /// words says so, for a pram, a wheelchair or tired knees.
    pub steps: Vec<bool>,
    pub meters: f64,
}

impl Route {
    /// A walk from `origin` that has not yet gone anywhere.
    pub fn starting_at(origin: LonLat) -> Self {
        Self {
            coordinates: vec![origin],
            steps: Vec::new(),
            meters: 0.0,
        }
    }

    /// Walks on to `to`, on steps or not (a point where the walk already
    /// is adds nothing). `meters` is left as it is: the engine measures
    /// the walk on its graph.
    pub fn walk_on(&mut self, to: LonLat, steps: bool) {
        if self.coordinates.last() != Some(&to) {
            self.coordinates.push(to);
            self.steps.push(steps);
        }
    }

    /// The pieces of the line: (from, to, on steps).
    pub fn pieces(&self) -> impl Iterator<Item = (LonLat, LonLat, bool)> + '_ {
        (self.coordinates.windows(2).zip(&self.steps)).map(|(w, &steps)| (w[0], w[1], steps))
    }

    /// Where the walk takes steps: each flight as the indexes of its
    /// first and last coordinate, in the order walked.
    pub fn flights(&self) -> Vec<[usize; 2]> {
        let mut flights: Vec<[usize; 2]> = Vec::new();
        for (i, _) in self.steps.iter().enumerate().filter(|(_, s)| **s) {
            match flights.last_mut() {
                Some(flight) if flight[1] == i => flight[1] = i + 1,
                _ => flights.push([i, i + 1]),
            }
        }
        flights
    }

    /// Metres of the walk taken on steps (along the line).
    pub fn steps_m(&self) -> f64 {
        (self.pieces())
            .filter(|p| p.2)
            .map(|(a, b, _)| haversine_m(a, b))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flights_are_the_runs_of_pieces_on_steps() {
        let mut walk = Route::starting_at(LonLat::new(9.52, 47.14));
        for (k, steps) in [false, true, true, false, true, false]
            .into_iter()
            .enumerate()
        {
            walk.walk_on(LonLat::new(9.52 + 0.001 * (k + 1) as f64, 47.14), steps);
        }
        // A point where the walk already is adds no piece.
        let here = walk.coordinates[6];
        walk.walk_on(here, true);
        assert_eq!(walk.flights(), vec![[1, 3], [4, 5]]);
        assert_eq!(
            Route::starting_at(LonLat::new(9.52, 47.14)).flights(),
            Vec::<[usize; 2]>::new()
        );
    }
}
