//! Each neighbourhood of the gap list says where it is: near the named
//! street nearest where its residents live, a highway of the extract
//! (as osmium reads it) that passes it; in every export of the figures.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::area_whereabouts::{self, Highways};
use learnscape_tests::data;
use learnscape_tests::http::fetch;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn each_municipality_of_liechtenstein_is_near_a_street_that_passes_it() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(Backend::Embedded, dir.path()).await).await;
    let r = fetch(&a, "/api/v1/gaps?category=library&minutes=15", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let gaps: Value = serde_json::from_slice(&r.body).expect("json");
    let rows = gaps["gaps"].as_array().expect("rows");
    assert_eq!(rows.len(), 11);
    let highways = Highways::of(&data::liechtenstein_pbf());
    assert_eq!(
        area_whereabouts::unlocated(rows, &highways),
        Vec::<String>::new()
    );
    assert!(
        gaps["overall"]["near"].is_null(),
        "the whole area is near no one street"
    );

    // The same in the table and the map's file.
    let near = |row: &Value| (row["name"].clone(), row["near"].clone());
    let mut said: Vec<(Value, Value)> = rows.iter().map(near).collect();
    said.sort_by_key(|(name, _)| name.to_string());
    let csv = fetch(
        &a,
        "/api/v1/gaps?category=library&minutes=15&format=csv",
        &[],
    )
    .await;
    let mut table = csv::Reader::from_reader(csv.body.as_slice());
    let header = table.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (rank, name, near_at) = (column("rank"), column("name"), column("near"));
    // The whole study area's row, last, has no rank.
    let mut in_table: Vec<(Value, Value)> = (table.records())
        .map(|row| row.expect("row"))
        .filter(|row| !row[rank].is_empty())
        .map(|row| (row[name].into(), row[near_at].into()))
        .collect();
    in_table.sort_by_key(|(name, _)| name.to_string());
    assert_eq!(in_table, said);
    let r = fetch(
        &a,
        "/api/v1/neighbourhoods?category=library&minutes=15",
        &[],
    )
    .await;
    let map: Value = serde_json::from_slice(&r.body).expect("json");
    let mut on_map: Vec<(Value, Value)> = (map["features"].as_array().expect("features"))
        .iter()
        .map(|f| near(&f["properties"]))
        .collect();
    on_map.sort_by_key(|(name, _)| name.to_string());
    assert_eq!(on_map, said);
}
