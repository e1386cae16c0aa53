//! The access surface: walking minutes to the nearest facility of every
//! category on a fine grid (about 110 m), the continuous layer behind the
//! choropleth; one for walks taking steps, one for walks avoiding them.
//! Cells farther than the snap limit from any street have no value and
//! are left out. After a change to facilities only the cells whose walks
//! it may have moved are walked again.

use crate::app::access::{AccessSnapshot, Moved, Steps};
use learnscape_core::{Bbox, Category, LonLat};
use rayon::prelude::*;
use std::collections::HashMap;

/// Cell height in degrees of latitude (about 111 m).
pub const CELL_LAT: f64 = 0.001;

/// The surface of walks taking steps, and of walks avoiding them.
#[derive(Debug, Clone, Default)]
pub struct AccessSurfaces {
    pub taken: AccessSurface,
    /// `None` where the network has no steps: walks avoiding them are the
    /// same, and so is their surface.
    step_free: Option<AccessSurface>,
}

/// A cell's walk minutes that a change to facilities moved: the surface
/// (taking or avoiding steps), the cell, the category and its minutes.
pub type Rewalked = Vec<(Steps, (i64, i64), usize, f32)>;

impl AccessSurfaces {
    /// Both surfaces, on the same cells (around every street).
    pub fn new(snapshot: &AccessSnapshot) -> Self {
        let started = std::time::Instant::now();
        let vertices = snapshot.vertex_positions();
        let taken = AccessSurface::new(snapshot, &vertices, Steps::Taken);
        let taken_s = started.elapsed().as_secs_f64();
        let step_free = (snapshot.has_barriers())
            .then(|| AccessSurface::new(snapshot, &vertices, Steps::Avoided));
        tracing::info!(
            cells = taken.cells.len(),
            taken_s,
            step_free_s = started.elapsed().as_secs_f64() - taken_s,
            "access surfaces built"
        );
        Self { taken, step_free }
    }

    pub fn of(&self, steps: Steps) -> &AccessSurface {
        match (steps, &self.step_free) {
            (Steps::Avoided, Some(step_free)) => step_free,
            _ => &self.taken,
        }
    }

    /// The minutes of every cell on a segment a change `moved`, walked
    /// again on `snapshot` as it is now. Reading only, so tiles are drawn
    /// meanwhile; [`AccessSurfaces::apply`] writes them.
    pub fn rewalk(&self, snapshot: &AccessSnapshot, moved: &[Moved]) -> Rewalked {
        let started = std::time::Instant::now();
        let mut rewalked = Rewalked::new();
        for m in moved {
            let surface = self.of(m.steps);
            let Some(k) = Category::ALL.iter().position(|c| *c == m.category) else {
                continue;
            };
            let cells: Vec<(i64, i64)> = (surface.cells.iter())
                .filter(|(_, cell)| m.segments.get(cell.segment as usize) == Some(&true))
                .map(|(key, _)| *key)
                .collect();
            rewalked.par_extend(cells.into_par_iter().filter_map(|key| {
                let minutes = snapshot.minutes_to(surface.centre(key), m.steps, m.category)?;
                Some((m.steps, key, k, minutes))
            }));
        }
        tracing::info!(
            cells = rewalked.len(),
            seconds = started.elapsed().as_secs_f64(),
            "access surfaces walked again where a change may have moved them"
        );
        rewalked
    }

    /// Writes what [`AccessSurfaces::rewalk`] found; for each surface
    /// (taking, avoiding steps) the box around the cells `coarsest` base
    /// cells wide, as drawn at the lowest zoom, holding a cell whose
    /// minutes changed: where its tiles are stale.
    pub fn apply(&mut self, rewalked: Rewalked, coarsest: i64) -> [Option<Bbox>; 2] {
        let mut changed: [Option<Bbox>; 2] = [None, None];
        for (steps, key, k, minutes) in rewalked {
            let surface = match (steps, &mut self.step_free) {
                (Steps::Avoided, Some(step_free)) => step_free,
                _ => &mut self.taken,
            };
            let Some(cell) = surface.cells.get_mut(&key) else {
                continue;
            };
            if cell.minutes[k].to_bits() == minutes.to_bits() {
                continue;
            }
            cell.minutes[k] = minutes;
            let outline = surface.outline_of_mean(key, coarsest);
            // Without steps in the network both surfaces are this one.
            let layers: &[usize] = match (steps, self.step_free.is_some()) {
                (Steps::Taken, false) => &[0, 1],
                (Steps::Taken, true) => &[0],
                (Steps::Avoided, _) => &[1],
            };
            for &l in layers {
                changed[l] = Some(changed[l].map_or(outline, |b| b.union(&outline)));
            }
        }
        changed
    }
}

/// A cell's walk minutes to the nearest of each category (NaN: none
/// reachable), and the segment they are walked from.
#[derive(Debug, Clone, Copy)]
struct Cell {
    minutes: [f32; Category::ALL.len()],
    segment: u32,
}

#[derive(Debug, Clone, Default)]
pub struct AccessSurface {
    /// Cell width in degrees of longitude (square cells at the centre).
    cell_lon: f64,
    /// (column, row) → the cell's minutes.
    cells: HashMap<(i64, i64), Cell>,
}

impl AccessSurface {
    /// Cells around the street network's `vertices` only, so a file of
    /// several distant regions costs what its streets cost, for walks
    /// taking or avoiding `steps`. Cells are square at the vertices'
    /// median latitude.
    pub fn new(snapshot: &AccessSnapshot, vertices: &[LonLat], steps: Steps) -> Self {
        let mut lats: Vec<f64> = vertices.iter().map(|p| p.lat).collect();
        lats.sort_by(f64::total_cmp);
        let mid = lats.get(lats.len() / 2).copied().unwrap_or(0.0);
        let cell_lon = CELL_LAT / mid.to_radians().cos().max(0.01);
        let mut keys: Vec<(i64, i64)> = vertices
            .iter()
            .flat_map(|p| {
                let (c, r) = (
                    (p.lon / cell_lon).floor() as i64,
                    (p.lat / CELL_LAT).floor() as i64,
                );
                (-1..=1).flat_map(move |dc| (-1..=1).map(move |dr| (c + dc, r + dr)))
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut surface = Self {
            cell_lon,
            cells: HashMap::new(),
        };
        surface.cells = keys
            .par_iter()
            .filter_map(|&key| {
                let (segment, minutes) = snapshot.nearest_minutes(surface.centre(key), steps)?;
                Some((key, Cell { minutes, segment }))
            })
            .collect();
        surface
    }

    fn centre(&self, (c, r): (i64, i64)) -> LonLat {
        LonLat::new(
            (c as f64 + 0.5) * self.cell_lon,
            (r as f64 + 0.5) * CELL_LAT,
        )
    }

    fn outline(&self, key: (i64, i64)) -> Bbox {
        self.outline_of_mean(key, 1)
    }

    /// The outline of the cell `factor` base cells wide that holds the
    /// base cell `key` ([`AccessSurface::cells_in`]'s, whose corners are
    /// multiples of `factor`).
    fn outline_of_mean(&self, (c, r): (i64, i64), factor: i64) -> Bbox {
        let f = factor.max(1);
        let (c, r) = (c.div_euclid(f) * f, r.div_euclid(f) * f);
        Bbox::new(
            c as f64 * self.cell_lon,
            r as f64 * CELL_LAT,
            (c + f) as f64 * self.cell_lon,
            (r + f) as f64 * CELL_LAT,
        )
    }

    /// How many cells hold minutes.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The minutes of the cell at `key` (column, row), by category.
    pub fn minutes(&self, key: (i64, i64)) -> Option<[f32; Category::ALL.len()]> {
        self.cells.get(&key).map(|cell| cell.minutes)
    }

    /// Every cell's key (column, row).
    pub fn keys(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.cells.keys().copied()
    }

    /// Every base cell's outline.
    pub fn cell_boxes(&self) -> impl Iterator<Item = Bbox> + '_ {
        self.cells.keys().map(|&key| self.outline(key))
    }

    /// Cells `factor` base cells wide covering `bbox`: each its outline and
    /// the mean of the minutes of the base cells under it that have one.
    pub fn cells_in(&self, bbox: &Bbox, factor: i64) -> Vec<(Bbox, [f32; Category::ALL.len()])> {
        let f = factor.max(1);
        let (c0, c1) = (
            (bbox.west / self.cell_lon).floor() as i64 / f * f - f,
            (bbox.east / self.cell_lon).ceil() as i64,
        );
        let (r0, r1) = (
            (bbox.south / CELL_LAT).floor() as i64 / f * f - f,
            (bbox.north / CELL_LAT).ceil() as i64,
        );
        let mut out = Vec::new();
        let mut c = c0;
        while c <= c1 {
            let mut r = r0;
            while r <= r1 {
                let mut sum = [0f64; Category::ALL.len()];
                let mut n = [0u32; Category::ALL.len()];
                for dc in 0..f {
                    for dr in 0..f {
                        if let Some(cell) = self.cells.get(&(c + dc, r + dr)) {
                            for (k, v) in cell.minutes.iter().enumerate() {
                                if v.is_finite() {
                                    sum[k] += f64::from(*v);
                                    n[k] += 1;
                                }
                            }
                        }
                    }
                }
                if n.iter().any(|&k| k > 0) {
                    let mut mean = [f32::NAN; Category::ALL.len()];
                    for k in 0..mean.len() {
                        if n[k] > 0 {
                            mean[k] = (sum[k] / f64::from(n[k])) as f32;
                        }
                    }
                    let outline = Bbox::new(
                        c as f64 * self.cell_lon,
                        r as f64 * CELL_LAT,
                        (c + f) as f64 * self.cell_lon,
                        (r + f) as f64 * CELL_LAT,
                    );
                    if outline.intersects(bbox) {
                        out.push((outline, mean));
                    }
                }
                r += f;
            }
            c += f;
        }
        out
    }
}
