//! A store in memory: the reference the conformance suite is written
//! against, and a fast store for tests of code above the store.

use crate::store::*;
use crate::{
    BasemapFeature, Bbox, DataSource, Neighbourhood, Place, PlaceFilter, PlaceId, PopulationUnit,
    SourceData, SourceId, WalkNetwork,
};
use async_trait::async_trait;
use std::collections::BTreeMap;
use std::sync::RwLock;

#[derive(Debug, Default)]
pub struct MemoryStore {
    sources: RwLock<BTreeMap<SourceId, (DataSource, SourceData)>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn read<T>(
        &self,
        f: impl FnOnce(&BTreeMap<SourceId, (DataSource, SourceData)>) -> T,
    ) -> StoreResult<T> {
        let guard = self
            .sources
            .read()
            .map_err(|_| StoreError::Backend("memory store lock poisoned".into()))?;
        Ok(f(&guard))
    }
}

#[async_trait]
impl SourceStore for MemoryStore {
    async fn replace_sources(&self, batch: Vec<(DataSource, SourceData)>) -> StoreResult<()> {
        check_distinct_sources(&batch)?;
        let mut guard = self
            .sources
            .write()
            .map_err(|_| StoreError::Backend("memory store lock poisoned".into()))?;
        for (source, data) in batch {
            guard.insert(source.id.clone(), (source, data));
        }
        Ok(())
    }

    async fn sources(&self) -> StoreResult<Vec<DataSource>> {
        self.read(|s| s.values().map(|(d, _)| d.clone()).collect())
    }

    async fn remove_source(&self, id: &SourceId) -> StoreResult<()> {
        let mut guard = self
            .sources
            .write()
            .map_err(|_| StoreError::Backend("memory store lock poisoned".into()))?;
        guard
            .remove(id)
            .map(|_| ())
            .ok_or_else(|| StoreError::NotFound {
                what: format!("source {id}"),
            })
    }
}

#[async_trait]
impl PlaceStore for MemoryStore {
    async fn places(&self, filter: &PlaceFilter) -> StoreResult<Vec<Place>> {
        self.read(|s| {
            let mut out: Vec<Place> = s
                .values()
                .flat_map(|(_, d)| d.places.iter())
                .filter(|p| filter.matches(p))
                .cloned()
                .collect();
            out.sort_by(|a, b| a.id.cmp(&b.id));
            out
        })
    }

    async fn place(&self, id: &PlaceId) -> StoreResult<Place> {
        self.read(|s| {
            s.values()
                .flat_map(|(_, d)| d.places.iter())
                .find(|p| &p.id == id)
                .cloned()
        })?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("place {id}"),
        })
    }
}

#[async_trait]
impl NeighbourhoodStore for MemoryStore {
    async fn neighbourhoods(&self) -> StoreResult<Vec<Neighbourhood>> {
        self.read(|s| {
            let mut out: Vec<_> = s
                .values()
                .flat_map(|(_, d)| d.neighbourhoods.clone())
                .collect();
            out.sort_by(|a, b| a.id.cmp(&b.id));
            out
        })
    }
}

#[async_trait]
impl PopulationStore for MemoryStore {
    async fn population_units(&self) -> StoreResult<Vec<PopulationUnit>> {
        self.read(|s| {
            let mut out: Vec<_> = s
                .values()
                .flat_map(|(_, d)| d.population_units.clone())
                .collect();
            out.sort_by(|a, b| a.id.cmp(&b.id));
            out
        })
    }
}

#[async_trait]
impl WalkNetworkStore for MemoryStore {
    async fn walk_network(&self) -> StoreResult<WalkNetwork> {
        self.read(|s| WalkNetwork::merge(s.values().map(|(_, d)| d.walk_network.clone())))
    }
}

#[async_trait]
impl BasemapStore for MemoryStore {
    async fn basemap_features(&self, bbox: Option<Bbox>) -> StoreResult<Vec<BasemapFeature>> {
        self.read(|s| {
            s.values()
                .flat_map(|(_, d)| d.basemap.iter())
                .filter(|f| match (&bbox, Bbox::of(&f.geometry)) {
                    (None, _) => true,
                    (Some(want), Some(have)) => want.intersects(&have),
                    (Some(_), None) => false,
                })
                .cloned()
                .collect()
        })
    }
}
