//! The access surface: walking minutes to the nearest facility of every
//! category on a fine grid (about 110 m), the continuous layer behind the
//! choropleth; one for walks taking steps, one for walks avoiding them.
//! Cells farther than the snap limit from any street have no value and
//! are left out.

use crate::app::access::{AccessSnapshot, Steps};
use learnscape_core::{Bbox, Category, LonLat};
use rayon::prelude::*;
use std::collections::HashMap;

/// Cell height in degrees of latitude (about 111 m).
pub const CELL_LAT: f64 = 0.001;

/// The surface of walks taking steps, and of walks avoiding them.
#[derive(Debug, Clone, Default)]
pub struct AccessSurfaces {
    pub taken: AccessSurface,
    pub step_free: AccessSurface,
}

impl AccessSurfaces {
    /// Both surfaces, on the same cells (around every street).
    pub fn new(snapshot: &AccessSnapshot) -> Self {
        let started = std::time::Instant::now();
        let vertices = snapshot.vertex_positions();
        let taken = AccessSurface::new(snapshot, &vertices, Steps::Taken);
        let taken_s = started.elapsed().as_secs_f64();
        // Without steps in the network, walks avoiding them are the same.
        let step_free = if snapshot.has_steps() {
            AccessSurface::new(snapshot, &vertices, Steps::Avoided)
        } else {
            taken.clone()
        };
        tracing::info!(
            cells = taken.cells.len(),
            taken_s,
            step_free_s = started.elapsed().as_secs_f64() - taken_s,
            "access surfaces built"
        );
        Self { taken, step_free }
    }

    pub fn of(&self, steps: Steps) -> &AccessSurface {
        match steps {
            Steps::Taken => &self.taken,
            Steps::Avoided => &self.step_free,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AccessSurface {
    /// Cell width in degrees of longitude (square cells at the centre).
    cell_lon: f64,
    /// (column, row) → minutes per category (NaN: none reachable).
    cells: HashMap<(i64, i64), [f32; Category::ALL.len()]>,
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
        let cells = keys
            .par_iter()
            .filter_map(|&(c, r)| {
                let centre = LonLat::new((c as f64 + 0.5) * cell_lon, (r as f64 + 0.5) * CELL_LAT);
                let minutes = snapshot.nearest_minutes(centre, steps)?;
                Some(((c, r), minutes))
            })
            .collect();
        Self { cell_lon, cells }
    }

    /// Every base cell's outline.
    pub fn cell_boxes(&self) -> impl Iterator<Item = Bbox> + '_ {
        self.cells.keys().map(|&(c, r)| {
            Bbox::new(
                c as f64 * self.cell_lon,
                r as f64 * CELL_LAT,
                (c + 1) as f64 * self.cell_lon,
                (r + 1) as f64 * CELL_LAT,
            )
        })
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
                        if let Some(values) = self.cells.get(&(c + dc, r + dr)) {
                            for (k, v) in values.iter().enumerate() {
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
