//! learnscape's store on PostGIS: the same traits as the embedded store, for
//! a metropolitan region, several API processes, or a city GIS team that
//! wants the data in its own database.
//!
//! - Migrations are embedded and applied on open (sqlx takes an advisory
//!   lock, so processes starting together do not race).
//! - An import deletes a source (its rows with it) and COPYs its rows in one
//!   transaction: the store holds the old data or the new, never a mix.
//! - Commons writes send `NOTIFY learnscape_changes` inside their
//!   transaction; [`PostgisStore::changes`] hears other processes' writes.
//! - Basemap, places and commons tiles are cut by PostGIS itself
//!   ([`PostgisStore::basemap_tile`], [`PostgisStore::places_tile`]).

mod attempts;
mod changes;
mod commons;
mod connect;
mod copy;
mod invitations;
mod mvt;
mod password_resets;
mod refill;
mod rows;
mod schema;
#[cfg(any(test, feature = "test-util"))]
pub mod testing;
mod wkb;

pub use changes::{Change, ChangeFeed};
pub use connect::{DEFAULT_CONNECTIONS, MIN_CONNECTIONS, StoreOptions, redact};
pub use mvt::PlacesLayer;
pub use schema::{DEFAULT_SCHEMA, check_schema_name};

use async_trait::async_trait;
use learnscape_core::store::{
    BasemapStore, NeighbourhoodStore, PlaceStore, PopulationStore, SourceStore, StoreError,
    StoreResult, WalkNetworkStore, check_distinct_sources,
};
use learnscape_core::{
    BasemapFeature, Bbox, DataSource, Neighbourhood, Place, PlaceFilter, PlaceId, PopulationUnit,
    SourceData, SourceId, WalkNetwork,
};
use sqlx::PgPool;

/// The payload's second part when imported sources changed.
const SOURCES: &str = "sources";

#[derive(Debug)]
pub struct PostgisStore {
    pool: PgPool,
    /// Tiles' own pool, whose queries give up on a locked table
    /// ([`connect::Pools`]).
    tile_pool: PgPool,
    /// The URL without its password, for messages.
    url: String,
    /// The schema the tables live in.
    schema: String,
    /// Tells this process's own notifications from others'.
    instance: String,
}

/// What sqlx says of an error, for people: a server's error as its
/// message, detail and hint, without the "at line N" sqlx appends, which
/// is a line of PostgreSQL's own C source (`database "x" does not exist at
/// line 948`) and reads as a line of the user's file.
pub(crate) fn said(e: &sqlx::Error) -> String {
    let Some(pg) = e
        .as_database_error()
        .and_then(|d| d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>())
    else {
        return e.to_string();
    };
    let mut text = format!("error returned from database: {}", pg.message());
    if let Some(detail) = pg.detail() {
        text.push_str(&format!(" ({detail})"));
    }
    if let Some(hint) = pg.hint() {
        text.push_str(&format!("; hint: {hint}"));
    }
    text
}

/// Maps sqlx errors to store errors: a lost or refused connection is
/// `Unavailable` (HTTP 503), the rest a backend error.
pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => {
            StoreError::Unavailable(format!("the database cannot be reached: {}", said(&e)))
        }
        sqlx::Error::Database(d)
            // admin_shutdown, crash_shutdown, cannot_connect_now,
            // connection_failure: the server is going away or not back yet.
            if matches!(d.code().as_deref(), Some("57P01" | "57P02" | "57P03" | "08006" | "08003" | "08001")) =>
        {
            StoreError::Unavailable(format!("the database cannot be reached: {}", said(&e)))
        }
        // lock_not_available: only tile queries set a lock timeout.
        sqlx::Error::Database(d) if d.code().as_deref() == Some("55P03") => {
            StoreError::Unavailable(format!(
                "the table is locked, most likely by an import in progress: {}",
                said(&e)
            ))
        }
        _ => StoreError::Backend(said(&e)),
    }
}

impl PostgisStore {
    /// Connects to `url` with the [default options](StoreOptions), checks
    /// for PostGIS (creating the extension when the role may) and applies
    /// the migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        Self::open_with(url, &StoreOptions::default()).await
    }

    /// [`open`](Self::open), holding at most `options.connections` (at
    /// least [`MIN_CONNECTIONS`]: several processes on one database must
    /// stay within its `max_connections` together), with the tables in
    /// `options.schema` (created when missing).
    pub async fn open_with(url: &str, options: &StoreOptions) -> StoreResult<Self> {
        let connect::Pools { main: pool, tiles } = connect::pools(url, options).await?;
        if let Err(e) = sqlx::migrate!("./migrations").run(&pool).await {
            return Err(schema::migration_failed(&pool, &options.schema, &redact(url), e).await);
        }
        // Search still finds places without a folded name, only slower: a
        // role that may not write them opens the store all the same.
        match rows::fill_called_keys(&pool).await {
            Ok(0) => {}
            Ok(filled) => tracing::info!(filled, "folded the names of places imported before"),
            Err(e) => {
                tracing::warn!(error = %e, "could not fold the names of places imported before")
            }
        }
        Ok(Self {
            pool,
            tile_pool: tiles,
            url: redact(url),
            schema: options.schema.clone(),
            instance: format!("{:016x}", rand::random::<u64>()),
        })
    }

    /// The database URL without its password.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema the tables live in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// Closes the pools.
    pub async fn close(&self) {
        self.pool.close().await;
        self.tile_pool.close().await;
    }

    /// The `basemap` layer's tile at z/x/y, cut by `ST_AsMVT`; empty when
    /// nothing is there.
    pub async fn basemap_tile(&self, z: u8, x: u32, y: u32) -> StoreResult<Vec<u8>> {
        mvt::basemap(&self.tile_pool, z, x, y).await
    }

    /// The `places` or `commons` layer's tile at z/x/y, cut by `ST_AsMVT`;
    /// empty when nothing is there.
    pub async fn places_tile(
        &self,
        layer: PlacesLayer,
        z: u8,
        x: u32,
        y: u32,
    ) -> StoreResult<Vec<u8>> {
        mvt::places(&self.tile_pool, layer, z, x, y).await
    }

    /// The channel every write notifies on, one per schema; the payload
    /// is `<instance>:<resource id>` for a commons write,
    /// `<instance>:sources` for an import or a removed source.
    fn channel(&self) -> String {
        schema::channel(&self.schema)
    }

    /// Changes committed by *other* processes, as they commit.
    pub async fn changes(&self) -> StoreResult<ChangeFeed> {
        ChangeFeed::listen(&self.pool, &self.channel(), &self.instance).await
    }

    /// Tells other processes, when `tx` commits, that imported sources
    /// changed.
    async fn notify_sources(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    ) -> StoreResult<()> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(self.channel())
            .bind(format!("{}:{SOURCES}", self.instance))
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl SourceStore for PostgisStore {
    async fn replace_sources(&self, batch: Vec<(DataSource, SourceData)>) -> StoreResult<()> {
        check_distinct_sources(&batch)?;
        // Encoding (WKB, packing the walk network) is CPU work done before
        // the transaction opens, so locks are held only while rows stream in.
        let encoded = batch
            .iter()
            .map(|(source, data)| copy::encode_source(source, data))
            .collect::<StoreResult<Vec<_>>>()?;
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let replaced: Vec<&str> = batch.iter().map(|(s, _)| s.id.0.as_str()).collect();
        let incoming = refill::Incoming::of(batch.iter().map(|(_, data)| data));
        let rebuild = refill::prepare_tables(&mut tx, &replaced, &incoming).await?;
        for (source, _) in &batch {
            rows::delete_source(&mut tx, &source.id).await?;
            rows::insert_source_row(&mut tx, source).await?;
        }
        for rows in encoded {
            copy::copy_rows(&mut tx, rows).await?;
        }
        refill::create_indexes(&mut tx, rebuild).await?;
        self.notify_sources(&mut tx).await?;
        // Dropping `tx` on an error above rolls back; only this commits.
        tx.commit().await.map_err(backend)
    }

    async fn sources(&self) -> StoreResult<Vec<DataSource>> {
        rows::load_sources(&self.pool).await
    }

    async fn remove_source(&self, id: &SourceId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if !rows::delete_source(&mut tx, id).await? {
            return Err(StoreError::NotFound {
                what: format!("source {id}"),
            });
        }
        self.notify_sources(&mut tx).await?;
        tx.commit().await.map_err(backend)
    }
}

#[async_trait]
impl PlaceStore for PostgisStore {
    async fn places(&self, filter: &PlaceFilter) -> StoreResult<Vec<Place>> {
        rows::load_places(&self.pool, filter).await
    }

    async fn place(&self, id: &PlaceId) -> StoreResult<Place> {
        rows::load_place(&self.pool, id)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("place {id}"),
            })
    }
}

#[async_trait]
impl NeighbourhoodStore for PostgisStore {
    async fn neighbourhoods(&self) -> StoreResult<Vec<Neighbourhood>> {
        rows::load_neighbourhoods(&self.pool).await
    }
}

#[async_trait]
impl PopulationStore for PostgisStore {
    async fn population_units(&self) -> StoreResult<Vec<PopulationUnit>> {
        rows::load_population_units(&self.pool).await
    }
}

#[async_trait]
impl WalkNetworkStore for PostgisStore {
    async fn walk_network(&self) -> StoreResult<WalkNetwork> {
        rows::load_walk_network(&self.pool).await
    }
}

#[async_trait]
impl BasemapStore for PostgisStore {
    async fn basemap_features(&self, bbox: Option<Bbox>) -> StoreResult<Vec<BasemapFeature>> {
        rows::load_basemap(&self.pool, bbox).await
    }
}
