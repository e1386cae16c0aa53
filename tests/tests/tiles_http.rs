//! The tile endpoints over a real socket: TileJSON valid against the
//! TileJSON 3.0.0 schema, gzip, strong ETags and 304, 204 outside the
//! data, 400 for an impossible tile, 404 for an unknown layer.

use flate2::read::GzDecoder;
use learnscape_tests::app::Backend;
use learnscape_tests::http::fetch;
use learnscape_tests::mvt_check::check_tile;
use learnscape_tests::{app, data};
use std::io::Read;

async fn tiles_are_served_as_clients_and_caches_expect(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;

    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            data::shared_data().join("../conformance/tilejson/3.0.0/schema.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    // The validator does reject: a TileJSON without tiles, version a number.
    assert!(!validator.is_valid(&serde_json::json!({"tilejson": 3})));
    for layer in [
        "places",
        "basemap",
        "neighbourhoods",
        "access",
        "access_step_free",
    ] {
        let r = fetch(&a, &format!("/tiles/{layer}.json"), &[]).await;
        assert_eq!(r.status, 200);
        let doc: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{layer}.json: {errors:?}");
        if layer == "neighbourhoods" {
            // The map opens on the study area: Liechtenstein's municipalities,
            // not the whole extract around them.
            let b: Vec<f64> = doc["bounds"]
                .as_array()
                .expect("bounds")
                .iter()
                .filter_map(serde_json::Value::as_f64)
                .collect();
            assert!(
                b[0] > 9.45 && b[1] > 47.03 && b[2] < 9.65 && b[3] < 47.28,
                "neighbourhood bounds {b:?}"
            );
        }
        assert_eq!(doc["tilejson"], "3.0.0");
        assert_eq!(doc["vector_layers"][0]["id"], layer);
        assert!(
            doc["attribution"]
                .as_str()
                .expect("attribution")
                .contains("OpenStreetMap")
        );
        let template = doc["tiles"][0].as_str().expect("template");
        let (path, token) = template.split_once("?v=").expect("a version in the URL");
        assert!(
            path.contains(&a) && path.ends_with("/{z}/{x}/{y}.mvt"),
            "{template}"
        );
        // This run's, then the first data version of it.
        let (run, version) = token.split_once('.').expect("run.version");
        assert!(
            u128::from_str_radix(run, 16).is_ok() && version == "1",
            "{token}"
        );
    }

    // Behind a TLS proxy the tile URLs keep the client's scheme.
    let proxied = fetch(&a, "/tiles/places.json", &[("X-Forwarded-Proto", "https")]).await;
    let doc: serde_json::Value = serde_json::from_slice(&proxied.body).expect("json");
    assert!(
        doc["tiles"][0]
            .as_str()
            .expect("url")
            .starts_with("https://")
    );

    // Vaduz at z14, gzip.
    let path = "/tiles/basemap/14/8625/5753.mvt";
    let r = fetch(&a, path, &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.mapbox-vector-tile")
    );
    assert!(
        r.header("cache-control")
            .is_some_and(|c| c.contains("max-age"))
    );
    let etag = r.header("etag").expect("etag").to_string();
    assert!(etag.starts_with('"'), "a strong ETag: {etag}");
    let mut raw = Vec::new();
    GzDecoder::new(&r.body[..])
        .read_to_end(&mut raw)
        .expect("gunzip");
    let stats = check_tile(&raw, 64).expect("a valid tile");
    assert!(stats.features > 100, "{stats:?}");

    // Without gzip the same tile, plain; with the ETag, 304.
    let plain = fetch(&a, path, &[]).await;
    assert_eq!(plain.body, raw);
    assert_eq!(plain.header("etag"), Some(etag.as_str()));
    let again = fetch(&a, path, &[("If-None-Match", &etag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // Neighbourhoods carry every category's figures.
    let hoods = fetch(&a, "/tiles/neighbourhoods/10/539/359.mvt", &[]).await;
    assert_eq!(hoods.status, 200);
    let stats = check_tile(&hoods.body, 64).expect("valid");
    assert!(stats.features >= 5, "{stats:?}");
    let text = hoods.text();
    for key in [
        "library_15_uncovered_share",
        "park_5_e2sfca",
        "school_p50_min",
        "Vaduz",
    ] {
        assert!(
            text.contains(key),
            "{key} missing from the neighbourhoods tile"
        );
    }

    // The access surface: minutes per category on a fine grid.
    let surface = fetch(&a, "/tiles/access/14/8625/5753.mvt", &[]).await;
    assert_eq!(surface.status, 200);
    let stats = check_tile(&surface.body, 64).expect("valid");
    assert!(stats.features > 20, "{stats:?}");
    assert!(surface.text().contains("library_min"));

    // The middle of the Pacific holds nothing.
    assert_eq!(
        fetch(&a, "/tiles/places/14/0/8000.mvt", &[]).await.status,
        204
    );
    for bad in [
        "/tiles/places/23/0/0.mvt",
        "/tiles/places/3/8/0.mvt",
        "/tiles/places/x/0/0.mvt",
    ] {
        assert_eq!(fetch(&a, bad, &[]).await.status, 400, "{bad}");
    }
    assert_eq!(fetch(&a, "/tiles/roads/1/0/0.mvt", &[]).await.status, 404);
    assert_eq!(fetch(&a, "/tiles/roads.json", &[]).await.status, 404);
}

learnscape_tests::on_every_backend!(tiles_are_served_as_clients_and_caches_expect,);
