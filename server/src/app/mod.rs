//! Application services: each runs one use case against the store. The CLI
//! and the HTTP handlers call these and only render what they return.

pub mod access;
pub mod commons;
pub mod follow;
pub mod import;
pub mod places;
pub mod search;
pub mod summary;
pub mod surface;
pub mod table_tiles;
pub mod tiles;
pub mod turns;

use learnscape_core::{DataSource, Store, WalkingSpeed};
use std::sync::{Arc, RwLock};

/// What every request and command shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub access: Arc<access::AccessSnapshot>,
    pub tiles: Arc<tiles::TileService>,
    pub registry: Arc<commons::Registry>,
    /// Place names for search.
    pub gazetteer: Arc<search::Gazetteer>,
    /// Layers the store cuts itself (PostGIS); `None`: all encoded here.
    pub table_tiles: Option<Arc<dyn table_tiles::TableTiles>>,
    /// The sources this state was loaded from, to tell whether the store
    /// has moved on.
    pub sources: Arc<[DataSource]>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        access: Arc<access::AccessSnapshot>,
        tiles: Arc<tiles::TileService>,
        registry: Arc<commons::Registry>,
        gazetteer: Arc<search::Gazetteer>,
    ) -> Self {
        Self {
            store,
            access,
            tiles,
            registry,
            gazetteer,
            table_tiles: None,
            sources: Arc::from([]),
        }
    }

    /// Serves the layers `table` cuts from it instead of encoding them.
    pub fn with_table_tiles(mut self, table: Arc<dyn table_tiles::TableTiles>) -> Self {
        self.table_tiles = Some(table);
        self
    }

    /// Loads the store's data into the access engine and precomputes every
    /// category × default threshold, walked at the walk model's default
    /// speed.
    pub async fn load(store: Arc<dyn Store>) -> learnscape_core::StoreResult<Self> {
        Self::load_walking_at(store, WalkingSpeed::DEFAULT).await
    }

    /// As [`AppState::load`], every walk time measured at `speed`.
    pub async fn load_walking_at(
        store: Arc<dyn Store>,
        speed: WalkingSpeed,
    ) -> learnscape_core::StoreResult<Self> {
        // Read once; the engine and the tiles share it.
        let mut data = access::StoreData::load(store.as_ref()).await?;
        let sources = data.provenance.sources().clone();
        let attribution = data.provenance.attribution().to_string();
        // Approved commons resources are places like any other.
        let (registry, commons_places) = commons::Registry::load(store.as_ref()).await?;
        data.places.extend(commons_places);
        let neighbourhoods = data.neighbourhoods.clone();
        let snapshot = Arc::new(
            access::AccessSnapshot::build(
                data.walk,
                &data.places,
                data.units,
                data.neighbourhoods,
                &data.basemap,
                data.provenance,
                speed,
            )
            .await?,
        );
        let warm = snapshot.clone();
        let failed = |e: tokio::task::JoinError| {
            learnscape_core::StoreError::Backend(format!("start-up task failed: {e}"))
        };
        // The measures, the surface and the search index (streets joined,
        // addresses placed: about 0.2 s on the merged benchmark file) are built off the runtime's
        // threads, which a reload under a running server keeps serving.
        let basemap = std::mem::take(&mut data.basemap);
        let place_names: Vec<String> = (data.places.iter())
            .filter_map(|p| p.name.clone())
            .collect();
        let (surface, gazetteer, basemap) = tokio::task::spawn_blocking(move || {
            warm.precompute();
            let surface = surface::AccessSurfaces::new(&warm);
            let started = std::time::Instant::now();
            let mut gazetteer = search::Gazetteer::new(&basemap, &neighbourhoods);
            gazetteer.learn_names(place_names.iter().map(String::as_str));
            let (localities, streets, addresses, postcodes, words) = gazetteer.sizes();
            tracing::info!(
                localities,
                streets,
                addresses,
                postcodes,
                words,
                seconds = started.elapsed().as_secs_f64(),
                "search index built"
            );
            (surface, Arc::new(gazetteer), basemap)
        })
        .await
        .map_err(failed)?;
        let tiles = Arc::new(
            tiles::TileService::new(
                data.places,
                basemap,
                snapshot.neighbourhood_features(),
                attribution,
            )
            .with_surface(surface),
        );
        Ok(Self {
            sources,
            ..Self::new(store, snapshot, tiles, Arc::new(registry), gazetteer)
        })
    }
}

/// The state requests are answered from, replaced whole when the imported
/// data changes under a running server (another process imported into
/// the same PostGIS). Each request takes the state current when it starts.
#[derive(Clone, Debug)]
pub struct LiveState(Arc<RwLock<AppState>>);

impl LiveState {
    pub fn new(state: AppState) -> Self {
        Self(Arc::new(RwLock::new(state)))
    }

    /// The state now (a handful of `Arc`s, cheap to clone).
    pub fn current(&self) -> AppState {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Answers every later request from `state`.
    pub fn replace(&self, state: AppState) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = state;
    }
}
