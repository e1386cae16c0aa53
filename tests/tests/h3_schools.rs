//! The two Brazilian datasets, Porto Alegre and São Paulo: walking access
//! to schools over their H3 population cells, the `schools` column as
//! supply at cell centroids. The engine's coverage and E2SFCA are
//! recomputed independently (petgraph distances, the formulas of
//! walk-model.md §5 written out here) and must agree; the datasets import
//! the cells as schools, and the planner ranks the cells themselves. The
//! figures are explained in docs/walk-model-notes.md.

use learnscape_access::analysis::Analysis;
use learnscape_access::population::{PopulationModel, UnitInput};
use learnscape_access::{AccessEngine, FacilityInput};
use learnscape_core::{
    Category, LonLat, Place, PlaceFilter, PlaceId, Shape, SourceId, WalkingSpeed,
};
use learnscape_importers::csv_table::{CsvColumns, read_csv};
use learnscape_server::app::AppState;
use learnscape_tests::area_whereabouts::{self, Highways};
use learnscape_tests::http::{encoded, fetch};
use learnscape_tests::walk_reference::RefModel;
use learnscape_tests::{app, data};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

const MINUTES: f64 = 15.0;

/// A city of the r5r sample data: its extract, its cells (a CSV of
/// centroids and the same cells as hexagons) and its dataset file.
struct City {
    name: &'static str,
    pbf: PathBuf,
    csv: PathBuf,
    hexagons: PathBuf,
    dataset: &'static str,
    schools_source: &'static str,
    /// How many cells the file has, and how many count a school, as
    /// SOURCES.md and the file say.
    cells: usize,
    with_schools: usize,
}

fn porto_alegre() -> City {
    City {
        name: "Porto Alegre",
        pbf: data::porto_alegre_pbf(),
        csv: data::porto_alegre_hexgrid_csv(),
        hexagons: data::porto_alegre_hexgrid_geojson(),
        dataset: "porto-alegre",
        schools_source: "poa-h3-schools",
        cells: 1227,
        with_schools: 177,
    }
}

fn sao_paulo() -> City {
    City {
        name: "São Paulo",
        pbf: data::sao_paulo_pbf(),
        csv: data::sao_paulo_hexgrid_csv(),
        hexagons: data::sao_paulo_hexgrid_geojson(),
        dataset: "sao-paulo",
        schools_source: "spo-h3-schools",
        cells: 323,
        with_schools: 51,
    }
}

struct Cell {
    position: LonLat,
    population: f64,
    schools: f64,
}

fn cells(city: &City) -> Vec<Cell> {
    let file = read_csv(&city.csv, &CsvColumns::default()).expect("csv");
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
fn schools_coverage_and_e2sfca_agree_with_an_independent_computation_in_porto_alegre() {
    coverage_and_e2sfca_agree(&porto_alegre());
}

#[test]
fn schools_coverage_and_e2sfca_agree_with_an_independent_computation_in_sao_paulo() {
    coverage_and_e2sfca_agree(&sao_paulo());
}

fn coverage_and_e2sfca_agree(city: &City) {
    let (osm, _) = data::import_extract(&city.pbf);
    let cells = cells(city);
    assert_eq!(cells.len(), city.cells);
    let schools: Vec<&Cell> = cells.iter().filter(|c| c.schools > 0.0).collect();
    let facilities: Vec<FacilityInput> = schools
        .iter()
        .enumerate()
        .map(|(i, c)| FacilityInput {
            id: PlaceId(format!("cells:school-cell-{i:04}")),
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
            source: SourceId("cells".into()),
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
        "{} schools, {MINUTES} min: {} school cells ({} schools), {:.0} residents, \
         covered {:.1} % (reference {:.1} %), E2SFCA {:.3} per 10,000 (reference {:.3}), \
         p50 {:?} min, p90 {:?} min, Gini {:?}",
        city.name,
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
    // Closing each school would leave out, by the reference, the residents
    // it alone reaches within the walk, and take away its own share of the
    // supply per resident.
    let within = |i: usize, j: usize| minutes.get(&(i, j)).is_some_and(|&m| m <= MINUTES);
    let reaching: Vec<usize> = (0..population.len())
        .map(|i| (0..facilities.len()).filter(|&j| within(i, j)).count())
        .collect();
    let mut leaving_out = 0;
    // The ranking of all at once says, of each, what its closure says.
    let relied: HashMap<_, _> = (analysis.reliance(&engine, Category::School, MINUTES))
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    assert_eq!(
        relied.len(),
        facilities.len(),
        "{}: every school ranked",
        city.name
    );
    for (j, f) in facilities.iter().enumerate() {
        let loss = (analysis.closure(&engine, &f.id, MINUTES, &[])).expect("a school it holds");
        let alone: f64 = (0..population.len())
            .filter(|&i| within(i, j) && reaching[i] == 1)
            .map(|i| population[i])
            .sum();
        let ranked = &relied[&f.id];
        assert!(
            (ranked.sole - alone).abs() < 1e-6 * total
                && (ranked.within - loss.within).abs() < 1e-6 * total,
            "{}: school cell {j} ranked {ranked:?}, the reference {alone}",
            city.name
        );
        let share = (0..population.len())
            .filter_map(|i| Some(population[i] * ratio[j] * weight(*minutes.get(&(i, j))?)))
            .sum::<f64>()
            / total
            * 10_000.0;
        assert!(
            (loss.left_out - alone).abs() < 1e-6 * total,
            "{}: closing school cell {j} leaves out {}, the reference {alone}",
            city.name,
            loss.left_out
        );
        assert!(
            (loss.supply - share).abs() < 1e-9 * share.max(1.0),
            "{}: closing school cell {j} takes {} per 10,000, the reference {share}",
            city.name,
            loss.supply
        );
        leaving_out += usize::from(alone > 0.0);
    }
    eprintln!(
        "{}: {leaving_out} of {} school cells would leave residents out if closed",
        city.name,
        facilities.len()
    );
    assert!(
        leaving_out > 0,
        "no closure leaves anyone out: that proves little"
    );
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
async fn the_dataset_imports_the_cells_with_schools_as_schools(city: &City) {
    let dir = tempfile::tempdir().expect("dir");
    let store = app::empty_store(app::Backend::Embedded, dir.path()).await;
    let reports = app::import_dataset(store.as_ref(), &data::dataset(city.dataset)).await;
    let cells = cells(city);
    let with = cells.iter().filter(|c| c.schools > 0.0).count();
    assert_eq!(with, city.with_schools);

    let report = reports
        .iter()
        .find(|r| r.source == city.schools_source)
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

    // The file names no school: each goes by the nearest named street
    // within 150 m of its point, as osmium reads the extract's highways,
    // rather than "Unnamed school" over and over in a resident's list.
    let highways = Highways::of(&city.pbf);
    let mut named = 0;
    for school in &schools {
        let at = school.representative_point;
        let nearest = highways.nearest(at.lon, at.lat);
        match school.attribute(Place::NEAR_STREET) {
            Some(street) => {
                let d = highways.distance(street, at.lon, at.lat);
                let best = nearest.map_or(f64::INFINITY, |(_, d)| d);
                assert!(
                    d.is_some_and(|d| d <= 151.0 && d <= best + 1.0),
                    "{}: {} goes by {street} at {d:?} m; the nearest is {nearest:?}",
                    city.name,
                    school.id.0
                );
                named += 1;
            }
            None => assert!(
                nearest.is_none_or(|(_, d)| d > 149.0),
                "{}: {} goes by no street, though {nearest:?} passes near",
                city.name,
                school.id.0
            ),
        }
    }
    assert!(
        named * 2 > schools.len(),
        "{}: {named} of {} named",
        city.name,
        schools.len()
    );

    let state = AppState::load(store).await.expect("load");
    assert_eq!(
        state.access.report(Category::School, MINUTES).facilities,
        with
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn porto_alegre_imports_the_cells_with_schools_as_schools() {
    the_dataset_imports_the_cells_with_schools_as_schools(&porto_alegre()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sao_paulo_imports_the_cells_with_schools_as_schools() {
    the_dataset_imports_the_cells_with_schools_as_schools(&sao_paulo()).await;
}

/// No district outlines ship with the grids, so the datasets name the
/// cells themselves as the planner's neighbourhoods: the gap ranking lists
/// every cell by its H3 index, each with the residents the grid gives it
/// (its centroid is its own, not a neighbour's), ranked by those left out,
/// and says where it is: near a street that passes it.
async fn the_planner_ranks_each_cell_with_its_own_residents(city: &City) {
    let hexagons: Value =
        serde_json::from_slice(&std::fs::read(&city.hexagons).expect("hexagons")).expect("json");
    let people: BTreeMap<String, f64> = (hexagons["features"].as_array().expect("features"))
        .iter()
        .map(|f| {
            let p = &f["properties"];
            let h3 = p["h3"].as_str().expect("h3").to_string();
            (h3, p["population"].as_f64().expect("population"))
        })
        .collect();
    assert_eq!(people.len(), city.cells);

    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset(city.dataset)).await;
    let r = fetch(&a, "/api/v1/gaps?category=school&minutes=15", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let gaps: Value = serde_json::from_slice(&r.body).expect("json");
    let rows = gaps["gaps"].as_array().expect("rows");
    let ranked: BTreeMap<String, f64> = rows
        .iter()
        .map(|g| {
            let name = g["name"].as_str().expect("name").to_string();
            (name, g["population"].as_f64().expect("population"))
        })
        .collect();
    assert_eq!(ranked.len(), rows.len(), "each cell once");
    for (h3, n) in &people {
        let got = ranked
            .get(h3)
            .unwrap_or_else(|| panic!("{}: cell {h3} not ranked", city.name));
        assert!(
            (got - n).abs() < 1e-6,
            "{}: cell {h3} has {got} residents, the grid {n}",
            city.name
        );
    }
    assert_eq!(ranked.len(), people.len(), "{}: no other rows", city.name);
    let total: f64 = people.values().sum();
    assert!((gaps["overall"]["population"].as_f64().expect("total") - total).abs() < 1e-6);
    // Ranked by people left out, then, unranked, the cells most of whose
    // residents live beyond the street data and those without residents.
    let ranked_rows = rows.iter().take_while(|g| !g["rank"].is_null()).count();
    assert!(
        rows[ranked_rows..].iter().all(|g| g["rank"].is_null()),
        "{}: the unranked follow the ranked",
        city.name
    );
    let uncovered: Vec<f64> = (rows[..ranked_rows].iter())
        .map(|g| g["uncovered"].as_f64().expect("uncovered"))
        .collect();
    assert!(
        uncovered.windows(2).all(|w| w[0] >= w[1]),
        "{}: ranked by people left out",
        city.name
    );
    assert!(
        uncovered[0] > 0.0,
        "{}: some cell is left out at 15 minutes",
        city.name
    );

    // A street is found as one, never said to be in a cell: "Rua dos
    // Andradas, 89a901288c7ffff" would say nothing, once per cell.
    for near in rows.iter().take(10).filter_map(|g| g["near"].as_str()) {
        let r = fetch(&a, &format!("/api/v1/search?q={}", encoded(near)), &[]).await;
        let found: Value = serde_json::from_slice(&r.body).expect("json");
        let streets: Vec<&Value> = (found["results"].as_array().expect("results"))
            .iter()
            .filter(|h| h["kind"] == "street" && h["name"] == near)
            .collect();
        assert!(!streets.is_empty(), "{}: {near} not found", city.name);
        for hit in streets {
            let locality = hit["locality"].as_str().unwrap_or_default();
            assert!(
                !people.contains_key(locality),
                "{}: {near} said to be in cell {locality}",
                city.name
            );
        }
    }

    // Every cell where anyone lives: in both cities a named street lies
    // within 500 m of each.
    let highways = Highways::of(&city.pbf);
    let unlocated = area_whereabouts::unlocated(rows, &highways);
    assert!(
        unlocated.is_empty(),
        "{}: {} cells with residents say nowhere they are, first {:?}",
        city.name,
        unlocated.len(),
        &unlocated[..unlocated.len().min(5)]
    );

    // A resident who clicks the middle of any cell where people live is
    // told where the list is walked from: the extracts have few houses
    // and no place labels, and the cells' codes say nothing, so beyond
    // 100 m of a named street (and of a house) it is that street, with
    // how far.
    let mut nowhere = Vec::new();
    let mut far = 0;
    for row in rows.iter().filter(|g| g["population"].as_f64() > Some(0.0)) {
        let b: Vec<f64> = (row["bbox"].as_array().expect("bbox").iter())
            .map(|v| v.as_f64().expect("number"))
            .collect();
        let (lon, lat) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
        let r = fetch(
            &a,
            &format!("/api/v1/search/reverse?lon={lon}&lat={lat}"),
            &[],
        )
        .await;
        let found: Value = serde_json::from_slice(&r.body).expect("json");
        let result = &found["result"];
        if result.is_null() {
            nowhere.push(row["name"].clone());
            continue;
        }
        if result["kind"] == "address" {
            continue;
        }
        assert_eq!(result["kind"], "street", "{}: {result}", city.name);
        let street = result["name"].as_str().expect("name");
        assert!(
            highways.passes_near(street, [lon, lat, lon, lat]),
            "{}: {street} does not pass {lon},{lat}",
            city.name
        );
        far += usize::from(result["distance_m"].as_f64() > Some(100.0));
    }
    assert!(
        nowhere.is_empty(),
        "{}: the middles of {} cells with residents are nowhere, first {:?}",
        city.name,
        nowhere.len(),
        &nowhere[..nowhere.len().min(5)]
    );
    assert!(
        far > 0,
        "{}: some middle is over 100 m from a street",
        city.name
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn porto_alegre_planners_rank_the_cells() {
    the_planner_ranks_each_cell_with_its_own_residents(&porto_alegre()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sao_paulo_planners_rank_the_cells() {
    the_planner_ranks_each_cell_with_its_own_residents(&sao_paulo()).await;
}
