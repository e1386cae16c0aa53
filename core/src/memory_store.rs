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
    pub(crate) commons: crate::memory_commons::MemoryCommons,
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

use crate::commons::report::Resolution;
use crate::commons::{
    Account, Credential, Group, GroupId, NewAccount, NewCredential, NewReport, Report, Resource,
    ResourceId, Role, UserId,
};
use chrono::{DateTime, Utc};

#[async_trait]
impl CommonsStore for MemoryStore {
    async fn insert_account(&self, new: NewAccount) -> StoreResult<Account> {
        self.commons.insert_account(new).await
    }
    async fn account(&self, id: UserId) -> StoreResult<Account> {
        self.commons.account(id).await
    }
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        self.commons.account_by_email(email).await
    }
    async fn set_role(&self, id: UserId, role: Role, keep_an_admin: bool) -> StoreResult<()> {
        self.commons.set_role(id, role, keep_an_admin).await
    }
    async fn staff(&self) -> StoreResult<Vec<Account>> {
        self.commons.staff().await
    }
    async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        self.commons
            .set_password(user, password_hash, keep, at)
            .await
    }
    async fn erase_account(&self, user: UserId, keep_an_admin: bool) -> StoreResult<()> {
        self.commons.erase_account(user, keep_an_admin).await
    }
    async fn insert_credential(&self, new: NewCredential) -> StoreResult<Credential> {
        self.commons.insert_credential(new).await
    }
    async fn credential(&self, secret_hash: &str) -> StoreResult<Option<Credential>> {
        self.commons.credential(secret_hash).await
    }
    async fn credentials_of(&self, user: UserId) -> StoreResult<Vec<Credential>> {
        self.commons.credentials_of(user).await
    }
    async fn revoke_credential(&self, user: UserId, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        self.commons.revoke_credential(user, id, at).await
    }
    async fn forget_ended_credentials(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.commons.forget_ended_credentials(before).await
    }
    async fn insert_group(
        &self,
        name: &str,
        description: &str,
        steward: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<Group> {
        self.commons
            .insert_group(name, description, steward, at)
            .await
    }
    async fn group(&self, id: GroupId) -> StoreResult<Group> {
        self.commons.group(id).await
    }
    async fn groups(&self) -> StoreResult<Vec<Group>> {
        self.commons.groups().await
    }
    async fn add_steward(&self, group: GroupId, user: UserId) -> StoreResult<()> {
        self.commons.add_steward(group, user).await
    }
    async fn update_group(&self, id: GroupId, name: &str, description: &str) -> StoreResult<()> {
        self.commons.update_group(id, name, description).await
    }
    async fn remove_steward(
        &self,
        group: GroupId,
        user: UserId,
        keep_one: bool,
    ) -> StoreResult<()> {
        self.commons.remove_steward(group, user, keep_one).await
    }
    async fn insert_resource(&self, resource: Resource) -> StoreResult<Resource> {
        self.commons.insert_resource(resource).await
    }
    async fn resource(&self, id: ResourceId) -> StoreResult<Resource> {
        self.commons.resource(id).await
    }
    async fn resources(&self) -> StoreResult<Vec<Resource>> {
        self.commons.resources().await
    }
    async fn save_resource(&self, resource: &Resource, expected_version: u64) -> StoreResult<()> {
        self.commons.save_resource(resource, expected_version).await
    }
    async fn insert_report(&self, new: NewReport) -> StoreResult<Report> {
        self.commons.insert_report(new).await
    }
    async fn reports(&self) -> StoreResult<Vec<Report>> {
        self.commons.reports().await
    }
    async fn resolve_report(&self, id: i64, resolution: Resolution) -> StoreResult<Report> {
        self.commons.resolve_report(id, resolution).await
    }
}
