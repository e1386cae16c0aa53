//! `learnscape serve`: the HTTP API, optionally importing a dataset first.

use super::import::announce_write;
use super::progress_bars::Bars;
use super::walk_args::WalkArgs;
use crate::app::LiveState;
use crate::app::follow::Loader;
use crate::app::import::{ProgressFactory, changed_specs, import};
use crate::backend::Backend;
use crate::exit::Failure;
use clap::Args;
use learnscape_core::Store;
use learnscape_importers::{Dataset, ImportError};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "LEARNSCAPE_LISTEN",
        default_value = "127.0.0.1:8080",
        value_name = "ADDR"
    )]
    listen: String,

    /// Import this dataset description first, skipping files the store
    /// already holds unchanged (same SHA-256) and read the same way (same
    /// options, same importer edition).
    #[arg(long, value_name = "FILE")]
    dataset: Option<PathBuf>,

    /// Encoded vector tiles kept in memory; 0 encodes every request.
    #[arg(long, value_name = "TILES", default_value_t = crate::app::tiles::CACHE_TILES)]
    tile_cache: usize,

    /// Sites that may show the map in a frame (an <iframe> on the city's
    /// own pages), comma-separated origins such as https://www.example.org;
    /// none by default. Signing in to the Commons needs learnscape's own page.
    #[arg(
        long,
        env = "LEARNSCAPE_FRAME_ANCESTORS",
        value_name = "ORIGINS",
        value_delimiter = ',',
        value_parser = crate::routes::browser_policy::frame_ancestor
    )]
    frame_ancestors: Vec<String>,

    #[command(flatten)]
    walk: WalkArgs,
}

/// The `--dataset` to import first, read and its files found: called
/// before the store is opened, so that a mistyped or broken dataset is
/// refused without leaving an empty store behind.
pub fn dataset(args: &ServeArgs) -> Result<Option<Dataset>, Failure> {
    let Some(file) = &args.dataset else {
        return Ok(None);
    };
    let dataset = Dataset::load(file)?;
    for spec in &dataset.specs {
        std::fs::File::open(&spec.path).map_err(|e| ImportError::Io {
            file: spec.path.display().to_string(),
            detail: format!("{e} (named in {})", file.display()),
        })?;
    }
    Ok(Some(dataset))
}

async fn import_if_changed(
    store: &dyn Store,
    place: &str,
    dataset: Dataset,
) -> Result<(), Failure> {
    let (changed, unchanged) = changed_specs(store, dataset.specs).await?;
    for id in &unchanged {
        tracing::info!(source = %id, "unchanged; not re-imported");
    }
    if changed.is_empty() {
        return Ok(());
    }
    let progress: ProgressFactory = Arc::new(Bars::boxed);
    let outcome = import(store, changed, progress, |sources| {
        announce_write(place, sources)
    })
    .await?;
    for report in &outcome.reports {
        eprintln!("{report}\n");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Serves the API, importing `dataset` (from [`dataset`]) first where it
/// changed.
pub async fn run(
    backend: &Backend,
    args: ServeArgs,
    dataset: Option<Dataset>,
) -> Result<(), Failure> {
    let store = backend.store();
    let place = backend.describe();
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    if let Some(dataset) = dataset {
        import_if_changed(store.as_ref(), &place, dataset).await?;
    }
    // Ready before announced: scripts may send requests at once.
    // Listening before loading: a change committed while the snapshot is
    // built waits in the feed and is applied once it is (applying twice
    // is harmless).
    let feed = backend.changes().await?;
    let speed = args.walk.speed();
    let state = backend.load_state(speed).await?;
    state.tiles.set_cache_capacity(args.tile_cache);
    let page = crate::routes::browser_policy::PagePolicy::framed_by(&args.frame_ancestors)
        .map_err(Failure::Usage)?;
    let live = LiveState::new(state.clone());
    tokio::spawn(crate::app::commons::forget::keep_forgetting(store.clone()));
    if let Some(feed) = feed {
        let loader = backend.clone();
        let load: Loader = Arc::new(move || {
            let backend = loader.clone();
            Box::pin(async move { backend.load_state(speed).await })
        });
        tokio::spawn(crate::app::follow::follow(live.clone(), feed, load));
    }
    tracing::info!(
        seconds = state.access.build_seconds,
        "access engine built; every category × default threshold precomputed"
    );
    let coarser = state.access.population_summary().units_over_coarser_grid;
    if coarser > 0 {
        tracing::warn!(
            units = coarser,
            "population units over 1,000 km² with no residential building in the street data are spread over a grid coarser than 100 m; does the OSM extract cover them?"
        );
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| Failure::Serve(format!("cannot listen on {}: {e}", args.listen)))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::Serve(e.to_string()))?;
    // Printed on stdout so scripts (and tests using port 0) learn the address.
    println!("listening on http://{address}");
    tracing::info!(%address, store = %place, "serving");
    axum::serve(
        listener,
        crate::routes::app_live(live, page)
            .into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| Failure::Serve(e.to_string()))
}
