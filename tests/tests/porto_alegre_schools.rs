//! Porto Alegre: walking access to schools over the 1,227 H3 population
//! cells, the `schools` column as supply at cell centroids. The engine's
//! coverage and E2SFCA are recomputed independently (petgraph distances,
//! the formulas of walk-model.md §5 written out here) and must agree.
//! The figures are explained in docs/walk-model-notes.md.

use learnscape_access::analysis::Analysis;
use learnscape_access::population::{PopulationModel, UnitInput};
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{
    Category, LonLat, Place, PlaceFilter, PlaceId, Shape, SourceId, WalkingSpeed,
};
use learnscape_importers::csv_table::{CsvColumns, read_csv};
use learnscape_server::app::AppState;
use learnscape_tests::walk_reference::RefModel;
use learnscape_tests::{app, data};
use std::collections::BTreeMap;

const MINUTES: f64 = 15.0;

struct Cell {
    position: LonLat,
    population: f64,
    schools: f64,
}

fn cells() -> Vec<Cell> {
    let file = read_csv(&data::porto_alegre_hexgrid_csv(), &CsvColumns::default()).expect("csv");
    file.records
        .iter()
        .map(|r| {
            let number = |k: &str| r.text(k).and_then(|t| t.parse::<f64>().ok()).expect(k);
            let Some(geo_types::Geometry::Point(p)) = &r.geometry else {
                panic!("{}: no point", r.location)
            };
            Cell {
                position: LonLat::new(p.x(), p.y()),
                population: number("population"),
                schools: number("schools"),
            }
        })
        .collect()
}

fn weight(minutes: f64) -> f64 {
    // Luo and Qi's weights by thirds of the threshold, as §5 gives them.
    match minutes {
        m if m <= MINUTES / 3.0 => 1.0,
        m if m <= 2.0 * MINUTES / 3.0 => 0.68,
        m if m <= MINUTES => 0.22,
        _ => 0.0,
    }
}

#[test]
fn schools_coverage_and_e2sfca_agree_with_an_independent_computation() {
    let (osm, _) = data::import_extract(&data::porto_alegre_pbf());
    let cells = cells();
    assert_eq!(cells.len(), 1227);
    let schools: Vec<&Cell> = cells.iter().filter(|c| c.schools > 0.0).collect();
    let facilities: Vec<FacilityInput> = schools
        .iter()
        .enumerate()
        .map(|(i, c)| FacilityInput {
            id: PlaceId(format!("poa:school-cell-{i:04}")),
            name: None,
            near_street: None,
            category: Category::School,
            shape: Shape::Point(c.position),
            representative_point: c.position,
            capacity: c.schools,
            hours: None,
        })
        .collect();
    let engine = AccessEngine::new(&osm.walk_network, facilities.clone(), WalkingSpeed::DEFAULT);
    let units: Vec<UnitInput> = cells
        .iter()
        .map(|c| UnitInput {
            shape: Shape::Point(c.position),
            population: c.population,
        })
        .collect();
    let model = PopulationModel::new(&units, &[]);
    let analysis = Analysis::new(&engine, model.points.clone(), Vec::new());
    let measures = analysis.measures(&engine, Category::School, MINUTES);
    let overall = analysis.overall(&measures, MINUTES);

    // Independently: walk minutes from every school to every demand point.
    let reference = RefModel::new(&osm.walk_network);
    let per_minute = WalkingSpeed::DEFAULT.meters_per_minute();
    let snaps: Vec<_> = model
        .points
        .iter()
        .map(|p| reference.snap(p.position))
        .collect();
    let mut minutes: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (j, f) in facilities.iter().enumerate() {
        let place = Place {
            id: f.id.clone(),
            source: SourceId("poa".into()),
            source_ref: j.to_string(),
            category: Category::School,
            name: None,
            shape: f.shape.clone(),
            representative_point: f.representative_point,
            attributes: BTreeMap::new(),
        };
        let field = reference.category(&[&place]);
        for (i, snap) in snaps.iter().enumerate() {
            if let Some(m) = snap
                .as_ref()
                .and_then(|s| reference.distance_from(&field, s))
            {
                minutes.insert((i, j), m / per_minute);
            }
        }
    }
    let population: Vec<f64> = model.points.iter().map(|p| p.population).collect();
    let total: f64 = population.iter().sum();
    let nearest: Vec<f64> = (0..population.len())
        .map(|i| {
            (0..facilities.len())
                .filter_map(|j| minutes.get(&(i, j)).copied())
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let covered: f64 = (0..population.len())
        .filter(|&i| nearest[i] <= MINUTES)
        .map(|i| population[i])
        .sum();
    let ratio: Vec<f64> = (0..facilities.len())
        .map(|j| {
            let demand: f64 = (0..population.len())
                .filter_map(|i| Some(population[i] * weight(*minutes.get(&(i, j))?)))
                .sum();
            if demand > 0.0 {
                facilities[j].capacity / demand
            } else {
                0.0
            }
        })
        .collect();
    let access: Vec<f64> = (0..population.len())
        .map(|i| {
            (0..facilities.len())
                .filter_map(|j| Some(ratio[j] * weight(*minutes.get(&(i, j))?)))
                .sum()
        })
        .collect();
    let mean_access = (0..population.len())
        .map(|i| population[i] * access[i])
        .sum::<f64>()
        / total;

    eprintln!(
        "Porto Alegre schools, {MINUTES} min: {} school cells ({} schools), {:.0} residents, \
         covered {:.1} % (reference {:.1} %), E2SFCA {:.3} per 10,000 (reference {:.3}), \
         p50 {:?} min, p90 {:?} min, Gini {:?}",
        facilities.len(),
        facilities.iter().map(|f| f.capacity).sum::<f64>(),
        overall.population,
        overall.covered_share.unwrap_or(0.0) * 100.0,
        covered / total * 100.0,
        overall.e2sfca_per_10k.unwrap_or(0.0),
        mean_access * 10_000.0,
        overall.p50_min,
        overall.p90_min,
        overall.gini,
    );
    assert!((overall.population - total).abs() < 1e-6);
    assert!((overall.covered - covered).abs() < 1e-6 * total, "coverage");
    let e2sfca = overall.e2sfca_per_10k.expect("e2sfca");
    assert!(
        (e2sfca - mean_access * 10_000.0).abs() < 1e-9 * e2sfca.max(1.0),
        "E2SFCA"
    );
    // Nearest minutes agree point by point (within 1 m of walking).
    for (i, (&a, &b)) in measures.nearest_min.iter().zip(&nearest).enumerate() {
        assert!(
            (a.is_infinite() && b.is_infinite()) || (a - b).abs() * per_minute < 1.0,
            "demand point {i}: engine {a} min, reference {b} min"
        );
    }
    // Supply is conserved: every school whose catchment holds people hands
    // out its whole capacity.
    let handed_out: f64 = (0..population.len())
        .map(|i| population[i] * access[i])
        .sum();
    let reachable_supply: f64 = (0..facilities.len())
        .filter(|&j| ratio[j] > 0.0)
        .map(|j| facilities[j].capacity)
        .sum();
    assert!((handed_out - reachable_supply).abs() < 1e-6);
}

/// The dataset imports the same cells as schools: each cell with any, its
/// count the capacity; the cells with none offer nothing, are skipped and
/// said to be (kept, each would have counted as a school of capacity 1).
#[tokio::test(flavor = "multi_thread")]
async fn the_dataset_imports_the_cells_with_schools_as_schools() {
    let dir = tempfile::tempdir().expect("dir");
    let store = app::empty_store(app::Backend::Embedded, dir.path()).await;
    let reports = app::import_dataset(store.as_ref(), &data::dataset("porto-alegre")).await;
    let cells = cells();
    let with = cells.iter().filter(|c| c.schools > 0.0).count();
    assert_eq!(with, 177);

    let report = reports
        .iter()
        .find(|r| r.source == "poa-h3-schools")
        .expect("a report for the schools");
    assert_eq!(report.places.get(&Category::School), Some(&with));
    let skipped: usize = report
        .skipped
        .iter()
        .filter(|g| g.reason == "schools is 0: nothing to offer")
        .map(|g| g.count)
        .sum();
    assert_eq!(skipped, cells.len() - with);

    let filter = PlaceFilter {
        categories: vec![Category::School],
        ..PlaceFilter::default()
    };
    let schools = store.places(&filter).await.expect("places");
    assert_eq!(schools.len(), with);
    assert!(
        schools.iter().all(|s| s
            .attribute("description")
            .is_some_and(|d| d.contains("the point is the cell's centre"))),
        "every school says what its point is"
    );
    let capacity: f64 = schools.iter().map(Place::capacity).sum();
    assert_eq!(capacity, cells.iter().map(|c| c.schools).sum::<f64>());

    let state = AppState::load(store).await.expect("load");
    assert_eq!(
        state.access.report(Category::School, MINUTES).facilities,
        with
    );
}
