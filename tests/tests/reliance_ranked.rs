//! Liechtenstein's libraries ranked by whom each one's closing would leave
//! out, over HTTP on both stores: the ranking says, of every library, what
//! its own closure says, most relied on first, and where most of those who
//! rely on it alone live is the neighbourhood that closure says loses most.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::{encoded, fetch, fetch_json};
use serde_json::Value;

async fn each_library_ranked_as_its_closure_says(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    let ranked = fetch_json(&a, "/api/v1/access/reliance?category=library&minutes=10").await;
    let places = ranked["places"].as_array().expect("places");
    let libraries = fetch_json(&a, "/api/v1/places?category=library").await;
    assert_eq!(
        places.len(),
        libraries["features"].as_array().expect("features").len(),
        "every library ranked"
    );
    let figure = |v: &Value, k: &str| v[k].as_f64().unwrap_or_else(|| panic!("{k} in {v}"));
    let mut shared = 0;
    for place in places {
        let id = place["id"].as_str().expect("id");
        let closure = fetch_json(
            &a,
            &format!("/api/v1/access/closure?place={}&minutes=10", encoded(id)),
        )
        .await;
        assert_eq!(
            place["left_out"], closure["left_out"],
            "{place} against {closure}"
        );
        assert_eq!(
            place["residents_within"], closure["residents_within"],
            "{place} against {closure}"
        );
        // The closure lists the neighbourhoods that would lose, most first.
        let first = &closure["neighbourhoods"][0];
        if figure(place, "left_out") > 0.0 {
            assert_eq!(
                place["neighbourhood"]["id"], first["id"],
                "{place} against {closure}"
            );
        } else {
            assert!(place["neighbourhood"].is_null(), "{place}");
        }
        shared += usize::from(figure(place, "left_out") < figure(place, "residents_within"));
    }
    // Some share their residents with another library: within and left
    // out are told apart on this data.
    assert!(shared > 0, "{ranked}");
    let order: Vec<(f64, f64)> = (places.iter())
        .map(|p| (figure(p, "left_out"), figure(p, "residents_within")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] >= w[1]),
        "most relied on first: {order:?}"
    );
    // The same ranking as a table, credited on every row.
    let csv = fetch(
        &a,
        "/api/v1/access/reliance?category=library&minutes=10&format=csv",
        &[],
    )
    .await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let mut table = csv::Reader::from_reader(csv.body.as_slice());
    let rows: Vec<csv::StringRecord> = table.records().map(|r| r.expect("a row")).collect();
    let headers = table.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    assert_eq!(rows.len(), places.len());
    for (k, (row, place)) in rows.iter().zip(places).enumerate() {
        assert_eq!(row[column("rank")], (k + 1).to_string());
        assert_eq!(&row[column("id")], place["id"].as_str().expect("id"));
        let left_out: f64 = row[column("left_out")].parse().expect("a number");
        assert_eq!(left_out, figure(place, "left_out"), "{row:?}");
        assert!(
            row[column("attribution")].contains("OpenStreetMap"),
            "{row:?}"
        );
        assert_eq!(&row[column("osm_data_as_of")], "2024-03-04", "{row:?}");
    }
    // One kind only: a park does not stand in for a library.
    let all = fetch(&a, "/api/v1/access/reliance?category=all", &[]).await;
    assert_eq!(all.status, 400);
}

learnscape_tests::on_every_backend!(each_library_ranked_as_its_closure_says);
