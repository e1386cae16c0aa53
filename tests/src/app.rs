//! The server's state over a real store holding Liechtenstein, and the real
//! server on a free port: what the end-to-end tests start from.

use crate::data;
use learnscape_core::{SourceId, Store};
use learnscape_importers::{Dataset, ImportReport, ImportSpec, NoProgress, Progress, SpecKind};
use learnscape_server::app::AppState;
use learnscape_server::app::import::{ProgressFactory, import};
use learnscape_server::backend::Backend as ServerBackend;
use learnscape_store_embedded::EmbeddedStore;
use learnscape_store_postgis::PostgisStore;
use learnscape_store_postgis::testing::fresh_database;
use std::path::Path;
use std::sync::Arc;

/// The store a test runs on. Suites that must hold on both run once per
/// backend through [`on_every_backend!`](crate::on_every_backend).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in the test's directory.
    Embedded,
    /// A new database on the PostgreSQL of `LEARNSCAPE_TEST_DATABASE_URL`.
    Postgis,
}

/// Where a backend's store lives: a file path or a database URL.
#[derive(Debug, Clone)]
pub enum Location {
    File(std::path::PathBuf),
    Database(String),
}

impl Location {
    /// A new, empty place for `backend`'s data (`dir` for files).
    pub async fn fresh(backend: Backend, dir: &Path) -> Self {
        match backend {
            Backend::Embedded => Location::File(dir.join("store.db")),
            Backend::Postgis => Location::Database(fresh_database().await),
        }
    }

    /// The store, as the server opens it.
    pub async fn open_backend(&self) -> ServerBackend {
        match self {
            Location::File(p) => {
                ServerBackend::Embedded(Arc::new(EmbeddedStore::open(p).await.expect("open")))
            }
            Location::Database(url) => {
                ServerBackend::Postgis(Arc::new(PostgisStore::open(url).await.expect("open")))
            }
        }
    }

    pub async fn open(&self) -> Arc<dyn Store> {
        self.open_backend().await.store()
    }
}

/// A new, empty store of `backend` (files go in `dir`).
pub async fn empty_store(backend: Backend, dir: &Path) -> Arc<dyn Store> {
    Location::fresh(backend, dir).await.open().await
}

/// A server on an empty store of `backend` in `dir` (as the commons
/// tests begin): its address, and the store to look behind the API.
pub async fn serve_empty(backend: Backend, dir: &Path) -> (String, Arc<dyn Store>) {
    let store = empty_store(backend, dir).await;
    let state = AppState::load(store.clone()).await.expect("load");
    (serve(state).await, store)
}

/// A store in `dir` holding the Liechtenstein dataset.
pub async fn liechtenstein_store(backend: Backend, dir: &Path) -> Arc<dyn Store> {
    dataset_store(backend, dir, &data::dataset("liechtenstein")).await
}

/// A store of `backend` holding the dataset described by the TOML file
/// `dataset`.
pub async fn dataset_store(backend: Backend, dir: &Path, dataset: &Path) -> Arc<dyn Store> {
    let store = empty_store(backend, dir).await;
    import_dataset(store.as_ref(), dataset).await;
    store
}

/// One OpenStreetMap extract to import as `source`, with no attribution
/// or date of its own.
pub fn osm_spec(extract: &Path, source: &str) -> ImportSpec {
    ImportSpec {
        path: extract.to_path_buf(),
        source: SourceId(source.into()),
        attribution: String::new(),
        data_as_of: None,
        note: String::new(),
        kind: SpecKind::Osm,
    }
}

/// A store of `backend` holding one OpenStreetMap extract alone (source
/// `osm`): no neighbourhoods or population.
pub async fn extract_store(backend: Backend, dir: &Path, extract: &Path) -> Arc<dyn Store> {
    let store = empty_store(backend, dir).await;
    let spec = osm_spec(extract, "osm");
    let progress: ProgressFactory = Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>);
    import(store.as_ref(), vec![spec], progress, |_| {})
        .await
        .expect("import the extract");
    store
}

/// Serves the dataset described by `dataset` from an embedded store in
/// `dir`; the server's address.
pub async fn serve_dataset(dir: &Path, dataset: &Path) -> String {
    let store = dataset_store(Backend::Embedded, dir, dataset).await;
    serve(AppState::load(store).await.expect("load")).await
}

/// Imports the dataset described by `dataset` into `store`; one report
/// per file.
pub async fn import_dataset(store: &dyn Store, dataset: &Path) -> Vec<ImportReport> {
    import_specs(store, Dataset::load(dataset).expect("dataset").specs).await
}

/// Imports the files of `specs` into `store`, as one import; one report
/// per file.
pub async fn import_specs(store: &dyn Store, specs: Vec<ImportSpec>) -> Vec<ImportReport> {
    let progress: ProgressFactory = Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>);
    import(store, specs, progress, |_| {})
        .await
        .expect("import")
        .reports
}

/// The server's state (access engine, tiles) over that store, as
/// `learnscape serve` builds it (with PostGIS, basemap tiles come from
/// `ST_AsMVT`).
pub async fn liechtenstein_state(backend: Backend, dir: &Path) -> AppState {
    let location = Location::fresh(backend, dir).await;
    let opened = location.open_backend().await;
    import_dataset(opened.store().as_ref(), &data::dataset("liechtenstein")).await;
    (opened.load_state(Default::default()).await).expect("load")
}

/// Runs the async test `$name(backend: Backend)` once per backend, as
/// `$name::embedded` and `$name::postgis`: one suite, both stores.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread")]
                async fn embedded() {
                    super::$name($crate::app::Backend::Embedded).await
                }
                #[tokio::test(flavor = "multi_thread")]
                async fn postgis() {
                    super::$name($crate::app::Backend::Postgis).await
                }
            }
        )+
    };
}

/// Serves `state` on a free local port; its `host:port`.
pub async fn serve(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            learnscape_server::app(state)
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    address
}
