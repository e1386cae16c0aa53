//! The merged file holds extracts with no place labels (Heidelberg's is
//! filtered to roads and parks, Porto's and the Brazilian ones to roads):
//! a street, house or park there is in no town search can name, rather
//! than in the nearest one a country away ("Hauptstraße 52, Ruggell").

use geo::Centroid;
use learnscape_core::units::haversine_m;
use learnscape_core::{BasemapKind, LonLat};
use learnscape_server::app::AppState;
use learnscape_tests::app::{Backend, extract_store, serve};
use learnscape_tests::data;
use learnscape_tests::http::fetch;

/// How far a town named for a point may be from it, as search allows.
const REACH_M: f64 = 30_000.0;

fn at(position: &serde_json::Value) -> LonLat {
    LonLat::new(
        position[0].as_f64().expect("lon"),
        position[1].as_f64().expect("lat"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_place_far_from_every_town_is_in_none() {
    let (extract, _) = data::import_extract(&data::merged_pbf());
    let labels: Vec<(String, LonLat)> = (extract.basemap.iter())
        .filter(|f| f.kind == BasemapKind::PlaceLabel)
        .filter_map(|f| {
            let c = f.geometry.centroid()?;
            Some((f.name.clone()?, LonLat::new(c.x(), c.y())))
        })
        .collect();
    let within_reach = |name: &str, p: LonLat| {
        (labels.iter()).any(|(n, l)| n == name && haversine_m(p, *l) <= REACH_M)
    };
    let dir = tempfile::tempdir().expect("dir");
    let store = extract_store(Backend::Embedded, dir.path(), &data::merged_pbf()).await;
    let a = serve(AppState::load(store).await.expect("load")).await;

    let (mut named, mut unnamed) = (0, 0);
    for q in [
        "Hauptstr. 5",
        "Hauptstraße",
        "park",
        "Bergstraße",
        "Rua",
        "Avenida",
    ] {
        let path = format!("/api/v1/search?q={}&limit=50", q.replace(' ', "%20"));
        let r = fetch(&a, &path, &[]).await.json();
        for hit in r["results"].as_array().expect("results") {
            if ["locality", "postcode"].contains(&hit["kind"].as_str().unwrap_or_default()) {
                continue;
            }
            match hit["locality"].as_str() {
                Some(town) => {
                    assert!(within_reach(town, at(&hit["position"])), "{q}: {hit}");
                    named += 1;
                }
                None => unnamed += 1,
            }
        }
    }
    eprintln!("{named} hits in a town, {unnamed} in none");
    // Both kinds are met: Liechtenstein's and Andorra's in their towns,
    // Heidelberg's and Porto's in none.
    assert!(
        named > 20 && unnamed > 20,
        "{named} in a town, {unnamed} in none"
    );

    // A point in Heidelberg's fields: named by its street, or by nothing.
    let r = fetch(&a, "/api/v1/search/reverse?lon=8.75&lat=49.45", &[]).await;
    if r.status == 200 {
        let w = r.json();
        assert_ne!(w["kind"], "locality", "{w}");
        assert!(
            w["locality"]
                .as_str()
                .is_none_or(|t| within_reach(t, LonLat::new(8.75, 49.45))),
            "{w}"
        );
    } else {
        assert_eq!(r.status, 404, "{}", String::from_utf8_lossy(&r.body));
    }
}
