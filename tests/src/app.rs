//! The server's state over a real store holding Liechtenstein, and the real
//! server on a free port: what the end-to-end tests start from.

use crate::data;
use learnscape_importers::{Dataset, NoProgress, Progress};
use learnscape_server::app::AppState;
use learnscape_server::app::import::{ProgressFactory, import};
use learnscape_store_embedded::EmbeddedStore;
use std::path::Path;
use std::sync::Arc;

/// A store in `dir` holding the Liechtenstein dataset.
pub async fn liechtenstein_store(dir: &Path) -> Arc<EmbeddedStore> {
    dataset_store(dir, &data::dataset("liechtenstein")).await
}

/// A store in `dir` holding the dataset described by the TOML file `dataset`.
pub async fn dataset_store(dir: &Path, dataset: &Path) -> Arc<EmbeddedStore> {
    let store = Arc::new(
        EmbeddedStore::open(&dir.join("store.db"))
            .await
            .expect("open"),
    );
    let progress: ProgressFactory = Arc::new(|| Box::new(NoProgress) as Box<dyn Progress + Send>);
    let specs = Dataset::load(dataset).expect("dataset").specs;
    import(store.as_ref(), specs, progress, |_| {})
        .await
        .expect("import");
    store
}

/// The server's state (access engine, tiles) over that store.
pub async fn liechtenstein_state(dir: &Path) -> AppState {
    AppState::load(liechtenstein_store(dir).await)
        .await
        .expect("load")
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
