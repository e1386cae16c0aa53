//! Helsinki's dataset lays the city's neighbourhoods over a street extract
//! of its centre. Residents more than 250 m from any street count as
//! uncovered; the neighbourhoods tiles carry their share per neighbourhood
//! (`off_network_share`), the same figure as the gap report's, so the map
//! can tell a district the data misses from one that lacks libraries.

use learnscape_core::Bbox;
use learnscape_tests::http::fetch;
use learnscape_tests::{app, data, mvt_decode};
use learnscape_tiles::TileCoord;
use serde_json::json;
use std::collections::HashMap;

/// A server on the Helsinki dataset (its store in the directory kept with
/// it) and its gap list of libraries at 15 minutes.
async fn helsinki_library_gaps() -> (tempfile::TempDir, String, serde_json::Value) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    let gaps = fetch(&a, "/api/v1/gaps?category=library&minutes=15", &[])
        .await
        .json();
    (dir, a, gaps)
}

#[tokio::test(flavor = "multi_thread")]
async fn neighbourhood_tiles_carry_the_share_beyond_the_street_data() {
    let (_dir, a, gaps) = helsinki_library_gaps().await;
    let rows = gaps["gaps"].as_array().expect("gaps");

    let extent = rows
        .iter()
        .filter_map(|r| {
            let b: Vec<f64> = r["bbox"]
                .as_array()?
                .iter()
                .filter_map(|v| v.as_f64())
                .collect();
            (b.len() == 4).then(|| Bbox::new(b[0], b[1], b[2], b[3]))
        })
        .reduce(|x, y| x.union(&y))
        .expect("neighbourhoods");
    let mut tiled: HashMap<String, Option<f64>> = HashMap::new();
    for c in TileCoord::covering(&extent, 10) {
        let r = fetch(
            &a,
            &format!("/tiles/neighbourhoods/10/{}/{}.mvt", c.x, c.y),
            &[],
        )
        .await;
        if r.status != 200 {
            continue;
        }
        for (_, p) in mvt_decode::features(&r.body).expect("decodes") {
            let id = p["id"].as_str().expect("id").to_string();
            tiled.insert(id, p.get("off_network_share").and_then(|v| v.as_f64()));
        }
    }

    let mut mostly = 0;
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let (off, population) = (
            row["off_network"].as_f64().expect("off_network"),
            row["population"].as_f64().expect("population"),
        );
        let share = tiled
            .get(id)
            .unwrap_or_else(|| panic!("{id} is in no tile"));
        if off > 0.0 && population > 0.0 {
            let want = off / population;
            let got =
                share.unwrap_or_else(|| panic!("{id}: no share, {off} of {population} beyond"));
            assert!(
                (got - want).abs() < 1e-4,
                "{id}: {got} in the tile, {want} in the report"
            );
            mostly += usize::from(want >= 0.5);
        } else {
            assert_eq!(*share, None, "{id}: {off} of {population} beyond");
        }
    }
    // Länsisatama, Etu-Töölö and more lie mostly outside the extract.
    assert!(
        mostly >= 3,
        "{mostly} neighbourhoods mostly beyond the street data"
    );
}

/// Ranked by residents left out, Helsinki's districts around the extract
/// would head the list for a gap in the street data: they follow the
/// ranked neighbourhoods, unranked, then those without residents; the
/// JSON, the CSV and the GeoJSON say the same ranks.
#[tokio::test(flavor = "multi_thread")]
async fn neighbourhoods_mostly_beyond_the_street_data_follow_the_ranking_unranked() {
    let (_dir, a, gaps) = helsinki_library_gaps().await;
    let rows = gaps["gaps"].as_array().expect("gaps");
    let figure = |r: &serde_json::Value, k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{k}"));
    // 0: ranked; 1: mostly beyond the street data; 2: no residents.
    let kind = |r: &serde_json::Value| {
        let (population, off) = (figure(r, "population"), figure(r, "off_network"));
        if population <= 0.0 {
            2
        } else if off >= 0.5 * population {
            1
        } else {
            0
        }
    };
    let kinds: Vec<u8> = rows.iter().map(kind).collect();
    assert!(
        kinds.is_sorted(),
        "ranked, then beyond, then empty: {kinds:?}"
    );
    let ranked = kinds.iter().filter(|k| **k == 0).count();
    let ranks: Vec<serde_json::Value> = rows.iter().map(|r| r["rank"].clone()).collect();
    let want: Vec<serde_json::Value> = (0..rows.len())
        .map(|i| {
            if i < ranked {
                json!(i + 1)
            } else {
                json!(null)
            }
        })
        .collect();
    assert_eq!(ranks, want);
    let uncovered: Vec<f64> = rows[..ranked]
        .iter()
        .map(|r| figure(r, "uncovered"))
        .collect();
    assert!(uncovered.is_sorted_by(|a, b| a >= b), "{uncovered:?}");
    // What the test is about: districts the extract misses, with more
    // residents "left out" than any ranked one.
    let beyond: Vec<&str> = (rows.iter())
        .filter(|r| kind(r) == 1 && figure(r, "uncovered") > uncovered[0])
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert!(beyond.len() >= 3, "{beyond:?}");
    assert!(ranked >= 3, "{ranked} ranked");

    let csv = fetch(
        &a,
        "/api/v1/gaps?category=library&minutes=15&format=csv",
        &[],
    )
    .await;
    let mut table = csv::Reader::from_reader(csv.body.as_slice());
    let in_table: Vec<(String, String)> = (table.records())
        .map(|row| row.expect("row"))
        .filter(|row| &row[1] != "all")
        .map(|row| (row[0].to_string(), row[1].to_string()))
        .collect();
    let in_json: Vec<(String, String)> = (rows.iter())
        .map(|r| {
            let rank = r["rank"]
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_default();
            (rank, r["id"].as_str().expect("id").to_string())
        })
        .collect();
    assert_eq!(in_table, in_json);
    let map = fetch(
        &a,
        "/api/v1/neighbourhoods?category=library&minutes=15",
        &[],
    )
    .await
    .json();
    let on_map: Vec<(serde_json::Value, serde_json::Value)> = (map["features"].as_array())
        .expect("features")
        .iter()
        .map(|f| (f["properties"]["rank"].clone(), f["id"].clone()))
        .collect();
    let listed: Vec<(serde_json::Value, serde_json::Value)> = rows
        .iter()
        .map(|r| (r["rank"].clone(), r["id"].clone()))
        .collect();
    assert_eq!(on_map, listed);
}
