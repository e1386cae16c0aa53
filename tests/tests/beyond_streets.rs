//! Helsinki's dataset lays the city's neighbourhoods over a street extract
//! of its centre. Residents more than 250 m from any street count as
//! uncovered; the neighbourhoods tiles carry their share per neighbourhood
//! (`off_network_share`), the same figure as the gap report's, so the map
//! can tell a district the data misses from one that lacks libraries.

use learnscape_core::Bbox;
use learnscape_tests::http::fetch;
use learnscape_tests::{app, data, mvt_decode};
use learnscape_tiles::TileCoord;
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread")]
async fn neighbourhood_tiles_carry_the_share_beyond_the_street_data() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve_dataset(dir.path(), &data::dataset("helsinki")).await;
    let gaps = fetch(&a, "/api/v1/gaps?category=library&minutes=15", &[])
        .await
        .json();
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
