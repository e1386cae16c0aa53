//! "All learning spaces": the nearest of every category, with supply
//! pooled. Over the API on Liechtenstein, its figures must agree with the
//! per-category ones: nobody is further from any learning space than from
//! the nearest of one kind, and pooled E2SFCA is the sum of the parts.

use learnscape_core::Category;
use learnscape_tests::app;
use learnscape_tests::app::Backend;
use learnscape_tests::http::fetch;
use learnscape_tests::mvt_decode;
use serde_json::Value;
use std::collections::HashMap;

fn by_area(gaps: &Value, field: &str) -> HashMap<String, f64> {
    gaps["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap_or_default().to_string(),
                g[field].as_f64().unwrap_or(0.0),
            )
        })
        .collect()
}

async fn any_learning_space_agrees_with_every_category(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(backend, dir.path()).await).await;
    for minutes in [5, 15] {
        let all = fetch(
            &a,
            &format!("/api/v1/gaps?category=all&minutes={minutes}"),
            &[],
        )
        .await
        .json();
        assert_eq!(all["category"], "all");
        let all_uncovered = by_area(&all, "uncovered");
        let all_e2sfca = by_area(&all, "e2sfca_per_10k");
        assert_eq!(all_uncovered.len(), 11);
        let mut sum_e2sfca: HashMap<String, f64> = HashMap::new();
        let mut min_uncovered: HashMap<String, f64> = HashMap::new();
        for c in Category::ALL {
            let g = fetch(
                &a,
                &format!("/api/v1/gaps?category={}&minutes={minutes}", c.as_str()),
                &[],
            )
            .await
            .json();
            for (id, u) in by_area(&g, "uncovered") {
                let m = min_uncovered.entry(id).or_insert(f64::INFINITY);
                *m = m.min(u);
            }
            for (id, e) in by_area(&g, "e2sfca_per_10k") {
                *sum_e2sfca.entry(id).or_default() += e;
            }
        }
        for (id, u) in &all_uncovered {
            assert!(
                *u <= min_uncovered[id] + 0.5,
                "{id} at {minutes} min: {u} left out of any, {} of the best category",
                min_uncovered[id]
            );
            let (e, sum) = (all_e2sfca[id], sum_e2sfca[id]);
            assert!(
                (e - sum).abs() <= 1e-3 * sum.max(1.0) + 0.01,
                "{id}: pooled E2SFCA {e} vs sum {sum}"
            );
        }
        assert!(
            all_uncovered.values().sum::<f64>() < min_uncovered.values().sum::<f64>(),
            "pooling helps somewhere"
        );
    }

    // The tiles carry it too: figures per neighbourhood, minutes on the surface.
    let hoods = fetch(&a, "/tiles/neighbourhoods/10/539/359.mvt", &[]).await;
    let features = mvt_decode::features(&hoods.body).expect("valid");
    assert!(
        features
            .iter()
            .any(|(_, p)| p.contains_key("all_15_uncovered_share"))
    );
    let surface = fetch(&a, "/tiles/access/14/8625/5753.mvt", &[]).await;
    let cells = mvt_decode::features(&surface.body).expect("valid");
    assert!(!cells.is_empty());
    for (_, p) in &cells {
        let any = p
            .get("all_min")
            .and_then(Value::as_f64)
            .expect("all_min near streets");
        for c in Category::ALL {
            if let Some(m) = p
                .get(&format!("{}_min", c.as_str()))
                .and_then(Value::as_f64)
            {
                assert!(any <= m + 1e-9, "{any} > {} {m}", c.as_str());
            }
        }
    }
    assert_eq!(
        fetch(&a, "/api/v1/gaps?category=everything", &[])
            .await
            .status,
        400
    );
}

learnscape_tests::on_every_backend!(any_learning_space_agrees_with_every_category,);
