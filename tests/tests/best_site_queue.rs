//! "Where would one help most?" tries every street point, using every
//! core: asked by many at once, a few wait their turn and the rest are
//! told, at once, when to come back, rather than each holding a thread
//! until every search before it is done.

use learnscape_tests::app::{self, Backend};
use learnscape_tests::http::fetch;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn best_site_searches_beyond_the_queue_are_told_when_to_come_back() {
    let dir = tempfile::tempdir().expect("dir");
    let a = app::serve(app::liechtenstein_state(Backend::Embedded, dir.path()).await).await;
    // Each a different plan, so none is answered from what was kept.
    let asked = 12;
    let mut all = tokio::task::JoinSet::new();
    for i in 0..asked {
        let a = a.clone();
        all.spawn(async move {
            let path = format!(
                "/api/v1/access/best-site?category=library&minutes=15&planned={:.4},47.14",
                9.5 + 0.002 * f64::from(i)
            );
            fetch(&a, &path, &[]).await
        });
    }
    let (mut answered, mut busy) = (0, 0);
    while let Some(r) = all.join_next().await {
        let r = r.expect("joined");
        match r.status {
            200 => answered += 1,
            503 => {
                busy += 1;
                assert_eq!(r.header("content-type"), Some("application/problem+json"));
                let wait: u64 = r
                    .header("retry-after")
                    .and_then(|s| s.parse().ok())
                    .expect("a Retry-After in seconds");
                assert!(wait >= 1, "{wait}");
                let body: Value = serde_json::from_slice(&r.body).expect("json");
                assert!(
                    body["detail"]
                        .as_str()
                        .is_some_and(|d| d.contains("try again in")),
                    "{body}"
                );
            }
            other => panic!("{other}: {}", r.text()),
        }
    }
    assert_eq!(answered + busy, asked);
    assert!(answered >= 1, "the first asker is answered");
    assert!(busy >= 1, "{answered} answered: none turned away");
    // The queue empties: a new plan is searched again.
    let r = fetch(
        &a,
        "/api/v1/access/best-site?category=library&minutes=15&planned=9.53,47.16",
        &[],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
}
