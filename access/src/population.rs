//! The population model of walk-model.md §4: where the demand is.
//!
//! A unit about 300 m across or smaller is one demand point at its
//! centroid. A larger unit is spread over the residential buildings whose
//! centroid lies inside it, in proportion to footprint area; a larger unit
//! with no such building is spread evenly over a 100 m grid clipped to it.

use crate::frame::LocalFrame;
use geo::{BoundingRect, Centroid, ChamberlainDuquetteArea, Contains};
use geo_types::{MultiPolygon, Point};
use learnscape_core::{LonLat, Shape};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use serde::Serialize;

/// "About 300 m across" read as the side of a square of the same area:
/// a 250 m grid cell is 250 m, an H3 resolution-9 cell about 324 m, so
/// both count as small; a postal area (1–3 km) does not.
pub const SMALL_UNIT_SIDE_M: f64 = 350.0;

/// Side of the fallback grid.
pub const GRID_M: f64 = 100.0;

/// The most cells one unit is spread over: a unit over 1,000 km² with no
/// residential building in the data (a rural municipality, a whole
/// region's total beside a city's extract) gets a coarser grid of about
/// this many cells rather than millions of 100 m ones, each snapped to
/// the network at every start.
pub const MAX_GRID_CELLS: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct UnitInput {
    pub shape: Shape,
    pub population: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DemandPoint {
    pub position: LonLat,
    pub population: f64,
    /// Index of the unit it came from.
    pub unit: usize,
}

/// How the units were turned into demand points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PopulationSummary {
    pub units_as_points: usize,
    pub units_over_buildings: usize,
    pub units_over_grid: usize,
    /// Of `units_over_grid`, those over [`MAX_GRID_CELLS`] 100 m cells,
    /// spread over a coarser grid.
    pub units_over_coarser_grid: usize,
    /// Units with no people, skipped.
    pub empty_units: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PopulationModel {
    pub points: Vec<DemandPoint>,
    pub summary: PopulationSummary,
}

struct Building {
    centroid: LonLat,
    area_m2: f64,
}

/// The centres of the grid cells inside `area` (of `area_m2`), and the
/// grid's side: [`GRID_M`], or wider where the unit would hold more than
/// [`MAX_GRID_CELLS`] of them.
fn grid_points(area: &MultiPolygon<f64>, area_m2: f64) -> (Vec<LonLat>, f64) {
    let Some(rect) = area.bounding_rect() else {
        return (Vec::new(), GRID_M);
    };
    let frame = LocalFrame::at(LonLat::new(rect.min().x, rect.min().y));
    let max = frame.to_xy(LonLat::new(rect.max().x, rect.max().y));
    // Cells inside the unit, not its bounding box: a long diagonal unit
    // keeps its 100 m grid.
    let cells = area_m2 / (GRID_M * GRID_M);
    let side = if cells > MAX_GRID_CELLS as f64 {
        GRID_M * (cells / MAX_GRID_CELLS as f64).sqrt()
    } else {
        GRID_M
    };
    let (nx, ny) = (
        (max[0] / side).ceil() as usize,
        (max[1] / side).ceil() as usize,
    );
    let mut out = Vec::new();
    for j in 0..ny {
        for i in 0..nx {
            let p = frame.to_lonlat([(i as f64 + 0.5) * side, (j as f64 + 0.5) * side]);
            if area.contains(&Point::new(p.lon, p.lat)) {
                out.push(p);
            }
        }
    }
    (out, side)
}

impl PopulationModel {
    /// `residential_buildings` are footprints (walk-model.md §4's list of
    /// `building` values, no other use).
    pub fn new(units: &[UnitInput], residential_buildings: &[MultiPolygon<f64>]) -> Self {
        let buildings: Vec<Building> = residential_buildings
            .iter()
            .filter_map(|b| {
                let c = b.centroid()?;
                Some(Building {
                    centroid: LonLat::new(c.x(), c.y()),
                    area_m2: b.chamberlain_duquette_unsigned_area(),
                })
            })
            .collect();
        let tree = RTree::bulk_load(
            buildings
                .iter()
                .enumerate()
                .map(|(i, b)| GeomWithData::new([b.centroid.lon, b.centroid.lat], i))
                .collect(),
        );
        let mut model = PopulationModel::default();
        for (index, unit) in units.iter().enumerate() {
            if unit.population <= 0.0 || !unit.population.is_finite() {
                model.summary.empty_units += 1;
                continue;
            }
            let point = |position: LonLat, population: f64| DemandPoint {
                position,
                population,
                unit: index,
            };
            let area = match &unit.shape {
                Shape::Point(p) => {
                    model.points.push(point(*p, unit.population));
                    model.summary.units_as_points += 1;
                    continue;
                }
                Shape::Area(area) => area,
            };
            let area_m2 = area.chamberlain_duquette_unsigned_area();
            let centroid = area.centroid().map(|c| LonLat::new(c.x(), c.y()));
            if area_m2.sqrt() <= SMALL_UNIT_SIDE_M
                && let Some(c) = centroid
            {
                model.points.push(point(c, unit.population));
                model.summary.units_as_points += 1;
                continue;
            }
            let inside: Vec<&Building> = area
                .bounding_rect()
                .map(|r| {
                    let envelope =
                        AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
                    tree.locate_in_envelope(&envelope)
                        .map(|g| &buildings[g.data])
                        .filter(|b| area.contains(&Point::new(b.centroid.lon, b.centroid.lat)))
                        .collect()
                })
                .unwrap_or_default();
            let total: f64 = inside.iter().map(|b| b.area_m2).sum();
            if total > 0.0 {
                for b in inside {
                    model
                        .points
                        .push(point(b.centroid, unit.population * b.area_m2 / total));
                }
                model.summary.units_over_buildings += 1;
                continue;
            }
            let (mut cells, side) = grid_points(area, area_m2);
            if side > GRID_M {
                model.summary.units_over_coarser_grid += 1;
            }
            if cells.is_empty() {
                // Too thin for a cell centre: its centroid (or a point on it).
                cells.extend(centroid.or_else(|| unit.shape.representative_point()));
            }
            let share = unit.population / cells.len().max(1) as f64;
            for c in cells {
                model.points.push(point(c, share));
            }
            model.summary.units_over_grid += 1;
        }
        model
    }

    pub fn total(&self) -> f64 {
        self.points.iter().fold(0.0, |t, p| t + p.population)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::polygon;

    /// A square `side_m` wide with its south-west corner at `sw`.
    fn square(sw: LonLat, side_m: f64) -> MultiPolygon<f64> {
        let f = LocalFrame::at(sw);
        let c = |x: f64, y: f64| {
            let p = f.to_lonlat([x, y]);
            (p.lon, p.lat)
        };
        let (a, b, cc, d) = (
            c(0.0, 0.0),
            c(side_m, 0.0),
            c(side_m, side_m),
            c(0.0, side_m),
        );
        MultiPolygon(vec![polygon![
            (x: a.0, y: a.1), (x: b.0, y: b.1), (x: cc.0, y: cc.1), (x: d.0, y: d.1), (x: a.0, y: a.1)
        ]])
    }

    const SW: LonLat = LonLat::new(9.5, 47.1);

    #[test]
    fn small_units_are_points_large_ones_spread_over_buildings_or_a_grid() {
        let frame = LocalFrame::at(SW);
        let small = UnitInput {
            shape: Shape::Area(square(SW, 250.0)),
            population: 40.0,
        };
        let with_buildings = UnitInput {
            shape: Shape::Area(square(frame.to_lonlat([1000.0, 0.0]), 500.0)),
            population: 300.0,
        };
        let empty_land = UnitInput {
            shape: Shape::Area(square(frame.to_lonlat([2000.0, 0.0]), 500.0)),
            population: 250.0,
        };
        // Two houses in the second unit, one twice the other's footprint.
        let houses = vec![
            square(frame.to_lonlat([1100.0, 100.0]), 10.0),
            square(frame.to_lonlat([1300.0, 300.0]), 10.0 * 2f64.sqrt()),
        ];
        let model = PopulationModel::new(&[small, with_buildings, empty_land], &houses);
        assert_eq!(
            model.summary,
            PopulationSummary {
                units_as_points: 1,
                units_over_buildings: 1,
                units_over_grid: 1,
                units_over_coarser_grid: 0,
                empty_units: 0
            }
        );
        assert!((model.total() - 590.0).abs() < 1e-9, "people are conserved");
        let of = |unit: usize| -> Vec<f64> {
            model
                .points
                .iter()
                .filter(|p| p.unit == unit)
                .map(|p| p.population)
                .collect()
        };
        assert_eq!(of(0), vec![40.0]);
        let mut split = of(1);
        split.sort_by(f64::total_cmp);
        assert_eq!(split.len(), 2);
        assert!(
            (split[0] - 100.0).abs() < 0.5 && (split[1] - 200.0).abs() < 0.5,
            "{split:?}"
        );
        // 500 m square: a 5 × 5 grid of 100 m cells, 10 people each.
        let grid = of(2);
        assert_eq!(grid.len(), 25);
        assert!(grid.iter().all(|p| (p - 10.0).abs() < 1e-9));
    }

    /// A 50 km square with nobody's house in the data, 2,500 km²: 250,000
    /// cells of 100 m, more than the cap, so a grid of about 158 m; a
    /// 30 km square (90,000 cells) keeps its 100 m grid.
    #[test]
    fn a_vast_unit_without_buildings_gets_a_coarser_grid() {
        let frame = LocalFrame::at(SW);
        let vast = UnitInput {
            shape: Shape::Area(square(SW, 50_000.0)),
            population: 1_000.0,
        };
        let large = UnitInput {
            shape: Shape::Area(square(frame.to_lonlat([60_000.0, 0.0]), 30_000.0)),
            population: 900.0,
        };
        let model = PopulationModel::new(&[vast, large], &[]);
        assert_eq!(model.summary.units_over_grid, 2);
        assert_eq!(model.summary.units_over_coarser_grid, 1);
        let cells = |unit: usize| model.points.iter().filter(|p| p.unit == unit).count();
        let (vast_cells, large_cells) = (cells(0), cells(1));
        assert!(
            (MAX_GRID_CELLS * 95 / 100..=MAX_GRID_CELLS * 102 / 100).contains(&vast_cells),
            "{vast_cells}"
        );
        assert!((89_000..=90_000).contains(&large_cells), "{large_cells}");
        assert!(
            (model.total() - 1_900.0).abs() < 1e-6,
            "people are conserved"
        );
        // The cells still cover the whole unit: the farthest from the
        // south-west corner lies within one coarse cell of the far one.
        let far = model
            .points
            .iter()
            .filter(|p| p.unit == 0)
            .map(|p| frame.to_xy(p.position))
            .fold([0.0_f64, 0.0_f64], |m, xy| {
                [m[0].max(xy[0]), m[1].max(xy[1])]
            });
        assert!(far[0] > 49_700.0 && far[1] > 49_700.0, "{far:?}");
    }
}
