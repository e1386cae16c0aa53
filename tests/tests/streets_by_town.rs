//! Without neighbourhoods (an OpenStreetMap extract imported alone), a
//! street that runs past several towns is found by each of them, at its
//! part nearest that town: Liechtenstein's Landstrasse runs through most
//! of the country's municipalities.

use geo::{Distance, Haversine};
use geo_types::Point;
use learnscape_core::{BasemapKind, LonLat};
use learnscape_server::app::AppState;
use learnscape_tests::app::{Backend, extract_store, serve};
use learnscape_tests::data;
use learnscape_tests::http::{search, search_near};

fn metres(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_street_through_several_towns_is_found_by_each() {
    let (extract, _) = data::import_extract(&data::liechtenstein_pbf());
    // The towns and villages, and every point of a Landstrasse.
    let settlements: Vec<(String, LonLat)> = (extract.basemap.iter())
        .filter(|f| f.kind == BasemapKind::PlaceLabel)
        .filter(|f| ["city", "town", "village"].contains(&f.class.as_str()))
        .filter_map(|f| {
            let at = geo::Centroid::centroid(&f.geometry)?;
            Some((f.name.clone()?, LonLat::new(at.x(), at.y())))
        })
        .collect();
    let nearest_settlement = |p: LonLat| {
        (settlements.iter())
            .min_by(|a, b| metres(p, a.1).total_cmp(&metres(p, b.1)))
            .map(|(name, _)| name.as_str())
    };
    let landstrasse: Vec<LonLat> = data::named_road_lines(&extract.basemap)
        .into_iter()
        .filter(|(name, _)| *name == "Landstrasse")
        .flat_map(|(_, l)| {
            l.coords()
                .map(|c| LonLat::new(c.x, c.y))
                .collect::<Vec<_>>()
        })
        .collect();

    let dir = tempfile::tempdir().expect("dir");
    let store = extract_store(Backend::Embedded, dir.path(), &data::liechtenstein_pbf()).await;
    let a = serve(AppState::load(store).await.expect("load")).await;
    for town in ["Balzers", "Triesen", "Vaduz", "Schaan"] {
        for q in [
            format!("{town}, Landstrasse"),
            format!("Landstrasse {town}"),
        ] {
            let r = search(&a, &q).await;
            let first = &r["results"][0];
            assert_eq!(
                (&first["kind"], &first["name"], &first["locality"]),
                (&"street".into(), &"Landstrasse".into(), &town.into()),
                "{q}: {r}"
            );
            let at = LonLat::new(
                first["position"][0].as_f64().expect("lon"),
                first["position"][1].as_f64().expect("lat"),
            );
            // A point of the street itself (the answer has 7 decimals),
            // in the town's reach.
            assert!(
                landstrasse.iter().any(|&p| metres(p, at) < 0.1),
                "{q}: {at:?} is off the street"
            );
            assert_eq!(nearest_settlement(at), Some(town), "{q}: {at:?}");
        }
    }
    // Typed alone, the street in each town: more than one.
    let r = search(&a, "Landstrasse").await;
    let towns: std::collections::BTreeSet<&str> = (r["results"].as_array().expect("results"))
        .iter()
        .filter(|h| h["name"] == "Landstrasse")
        .filter_map(|h| h["locality"].as_str())
        .collect();
    assert!(
        ["Balzers", "Triesen", "Vaduz", "Schaan"]
            .iter()
            .all(|t| towns.contains(t)),
        "{towns:?}"
    );
    // Typed alone where one looks: the part nearest first. Looking at each
    // town and village within a kilometre of the street, that is the
    // part in the reach of the town its nearest point is nearest.
    let mut looked = 0;
    for (town, at) in &settlements {
        let Some(on) = (landstrasse.iter().copied())
            .min_by(|a, b| metres(*at, *a).total_cmp(&metres(*at, *b)))
            .filter(|&p| metres(*at, p) < 1000.0)
        else {
            continue;
        };
        let r = search_near(&a, "Landstrasse", (at.lon, at.lat)).await;
        let first = &r["results"][0];
        assert_eq!(
            (&first["name"], first["locality"].as_str()),
            (&"Landstrasse".into(), nearest_settlement(on)),
            "near {town}: {r}"
        );
        looked += 1;
    }
    assert!(looked >= 6, "{looked} towns near Landstrasse");
}
