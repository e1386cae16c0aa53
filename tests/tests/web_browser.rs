//! The web client in real headless Chromium against the real server on
//! the Liechtenstein data plus two places with hostile names. The checks
//! themselves are in `web/e2e/run.mjs` (playwright-core); this test starts
//! the server, runs them and fails with their output.
//!
//! Needs `web/node_modules` and `web/dist` (`npm ci && npm run build` in
//! `web/`, which `scripts/test` does) and Debian's `chromium`.

use learnscape_core::commons::{NewAccount, Role};
use learnscape_server::app::AppState;
use learnscape_server::app::commons::secrets::hash_password;
use learnscape_tests::{app, data};
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_works_for_planners_and_residents_in_chromium() {
    let web = data::repo().join("web");
    assert!(
        web.join("dist/index.html").exists() && web.join("node_modules/playwright-core").exists(),
        "the web client is not built: run `npm ci && npm run build` in web/ (scripts/test does)"
    );
    assert!(
        std::path::Path::new("/usr/bin/chromium").exists()
            || std::env::var_os("CHROMIUM").is_some(),
        "Chromium is missing: apt-get install chromium (scripts/install-test-tools does)"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let store = app::dataset_store(
        app::Backend::Embedded,
        dir.path(),
        &data::fixture("web/liechtenstein-hostile.toml"),
    )
    .await;
    // A moderator for the commons checks (roles are granted, not signed up
    // for), an admin so that giving roles is checked too.
    let (email, password) = ("moderator@example.org", "moderator password 1");
    store
        .insert_account(NewAccount {
            email: email.into(),
            display_name: "Moderator".into(),
            role: Role::Admin,
            password_hash: hash_password(password).expect("hash"),
            created_at: chrono::Utc::now(),
        })
        .await
        .expect("moderator");
    let state = AppState::load(store).await.expect("load");
    let address = app::serve(state).await;
    // Helsinki: the city's neighbourhoods over a street extract of its
    // centre, where most residents left out are beyond the street data.
    let helsinki_dir = tempfile::tempdir().expect("tempdir");
    let helsinki = app::serve_dataset(helsinki_dir.path(), &data::dataset("helsinki")).await;
    // Andorra: parishes without population.
    let andorra_dir = tempfile::tempdir().expect("tempdir");
    let andorra = app::serve_dataset(andorra_dir.path(), &data::dataset("andorra")).await;
    let shots = data::repo().join("test-output/screenshots");

    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("e2e/run.mjs")
            .arg(format!("http://{address}"))
            .arg(&shots)
            .env("MODERATOR_EMAIL", email)
            .env("MODERATOR_PASSWORD", password)
            .env("HELSINKI_URL", format!("http://{helsinki}"))
            .env("ANDORRA_URL", format!("http://{andorra}"))
            .current_dir(&web)
            .output()
            .expect("run node")
    })
    .await
    .expect("join");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("all browser checks passed"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_and_its_assets_are_served_with_the_right_caching() {
    use learnscape_tests::http::fetch;
    assert!(
        data::repo().join("web/dist/index.html").exists(),
        "the web client is not built: run `npm ci && npm run build` in web/"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let a = app::serve(app::liechtenstein_state(app::Backend::Embedded, dir.path()).await).await;

    let page = fetch(&a, "/", &[]).await;
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let html = page.text();
    let script = html
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|s| s.starts_with("/assets/") && s.ends_with(".js"))
        .expect("the page loads a hashed script")
        .to_string();

    let js = fetch(&a, &script, &[("Accept-Encoding", "gzip, br")]).await;
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-encoding"), Some("gzip"));
    assert_eq!(
        js.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let etag = js.header("etag").expect("etag").to_string();
    let again = fetch(&a, &script, &[("If-None-Match", &etag)]).await;
    assert_eq!(again.status, 304);

    // API paths keep their problem+json 404; no file escapes the client folder.
    for path in ["/api/v1/nothing", "/assets/../../Cargo.toml", "/nothing.js"] {
        let r = fetch(&a, path, &[]).await;
        assert_eq!(r.status, 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_tells_browsers_how_to_treat_it() {
    use learnscape_tests::http::fetch;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = app::serve(app::liechtenstein_state(app::Backend::Embedded, dir.path()).await).await;

    // The page (built or not, it is HTML): only its own scripts and
    // styles, nothing inline, never inside another site's frame.
    let page = fetch(&a, "/", &[]).await;
    let policy = page
        .header("content-security-policy")
        .expect("the page has a Content-Security-Policy");
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no {name} in “{policy}”"))
            .to_string()
    };
    assert_eq!(directive("script-src"), "'self'");
    assert_eq!(directive("style-src"), "'self'");
    assert_eq!(directive("connect-src"), "'self'");
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("object-src"), "'none'");
    assert_eq!(directive("frame-ancestors"), "'none'");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    let device = page
        .header("permissions-policy")
        .expect("a permissions policy");
    assert!(
        device.starts_with("geolocation=(self), camera=()"),
        "{device}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));

    // Data is never sniffed into a page or a script; it carries no page
    // policy (a tile is asked for hundreds of times a view).
    for path in [
        "/api/v1/gaps?category=park&minutes=10",
        "/api/v1/exports/commons.csv",
        "/tiles/basemap/14/8625/5753.mvt",
        "/api/v1/nothing",
    ] {
        let r = fetch(&a, path, &[]).await;
        assert!(r.status == 200 || r.status == 404, "{path}: {}", r.status);
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("content-security-policy"), None, "{path}");
        assert_eq!(r.header("permissions-policy"), None, "{path}");
    }
}
