//! The commons part of [`crate::memory_store::MemoryStore`].

use crate::commons::OneTimeLink;
use crate::commons::report::Resolution;
use crate::commons::{
    Account, Credential, Group, GroupId, NewAccount, NewCredential, NewReport, Report, Resource,
    ResourceId, Role, UserId,
};
use crate::commons::{Invitation, PasswordReset};
use crate::store::{
    CommonsStore, ERASED_NAME, LAST_ADMIN, LAST_STEWARD, StoreError, StoreResult,
    ends_the_last_admin, erased_email,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Deletes the rows `gone` picks; how many went.
pub(crate) fn forget<T>(rows: &mut BTreeMap<i64, T>, gone: impl Fn(&T) -> bool) -> u64 {
    let before = rows.len();
    rows.retain(|_, row| !gone(row));
    (before - rows.len()) as u64
}

#[derive(Debug, Default)]
pub struct MemoryCommons {
    inner: Mutex<Tables>,
}

#[derive(Debug, Default)]
pub(crate) struct Tables {
    accounts: BTreeMap<i64, Account>,
    credentials: BTreeMap<i64, Credential>,
    pub(crate) groups: BTreeMap<i64, Group>,
    pub(crate) invitations: BTreeMap<i64, Invitation>,
    pub(crate) password_resets: BTreeMap<i64, PasswordReset>,
    resources: BTreeMap<i64, Resource>,
    reports: BTreeMap<i64, Report>,
    next_id: i64,
}

impl Tables {
    pub(crate) fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    pub(crate) fn has_account(&self, user: UserId) -> bool {
        self.accounts.contains_key(&user.0)
    }

    /// [`CommonsStore::set_password`] on these tables. An erased account
    /// (no password hash) is `NotFound`: nobody can set it one. Reset
    /// links still open for the account are void from now on.
    pub(crate) fn set_password(
        &mut self,
        user: UserId,
        password_hash: &str,
        keep: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let a = (self.accounts.get_mut(&user.0))
            .filter(|a| !a.password_hash.is_empty())
            .ok_or_else(|| not_found(format!("account {}", user.0)))?;
        a.password_hash = password_hash.to_string();
        let mut revoked = 0;
        for c in self.credentials.values_mut() {
            if c.user == user && Some(c.id) != keep && c.is_live(at) {
                c.revoked_at = Some(at);
                revoked += 1;
            }
        }
        for r in self.password_resets.values_mut() {
            if r.account == user && r.is_open(at) {
                r.withdrawn_at = Some(at);
            }
        }
        Ok(revoked)
    }

    /// `Conflict` if `keep` and `user` taking `role` leaves no admin.
    fn keep_an_admin(&self, keep: bool, user: UserId, role: Role) -> StoreResult<()> {
        let admins: Vec<UserId> = (self.accounts.values())
            .filter(|a| a.role == Role::Admin)
            .map(|a| a.id)
            .collect();
        if keep && ends_the_last_admin(&admins, user, role) {
            return Err(StoreError::Conflict(LAST_ADMIN.into()));
        }
        Ok(())
    }
}

pub(crate) fn not_found(what: String) -> StoreError {
    StoreError::NotFound { what }
}

impl MemoryCommons {
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Tables) -> StoreResult<T>) -> StoreResult<T> {
        let mut guard = self
            .inner
            .lock()
            .map_err(|_| StoreError::Backend("memory store lock poisoned".into()))?;
        f(&mut guard)
    }
}

#[async_trait]
impl CommonsStore for MemoryCommons {
    async fn insert_account(&self, new: NewAccount) -> StoreResult<Account> {
        self.with(|t| {
            if t.accounts.values().any(|a| a.email == new.email) {
                return Err(StoreError::Conflict(format!(
                    "{} already has an account",
                    new.email
                )));
            }
            let id = t.id();
            let a = Account {
                id: UserId(id),
                email: new.email,
                display_name: new.display_name,
                role: new.role,
                password_hash: new.password_hash,
                created_at: new.created_at,
            };
            t.accounts.insert(id, a.clone());
            Ok(a)
        })
    }

    async fn account(&self, id: UserId) -> StoreResult<Account> {
        self.with(|t| {
            t.accounts
                .get(&id.0)
                .cloned()
                .ok_or_else(|| not_found(format!("account {}", id.0)))
        })
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        self.with(|t| Ok(t.accounts.values().find(|a| a.email == email).cloned()))
    }

    async fn set_role(&self, id: UserId, role: Role, keep_an_admin: bool) -> StoreResult<()> {
        self.with(|t| {
            t.keep_an_admin(keep_an_admin, id, role)?;
            let a = t
                .accounts
                .get_mut(&id.0)
                .ok_or_else(|| not_found(format!("account {}", id.0)))?;
            a.role = role;
            Ok(())
        })
    }

    async fn staff(&self) -> StoreResult<Vec<Account>> {
        self.with(|t| {
            Ok(t.accounts
                .values()
                .filter(|a| a.role.moderates())
                .cloned()
                .collect())
        })
    }

    async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        self.with(|t| t.set_password(user, password_hash, keep, at))
    }

    async fn erase_account(&self, user: UserId, keep_an_admin: bool) -> StoreResult<()> {
        self.with(|t| {
            t.keep_an_admin(keep_an_admin, user, Role::Member)?;
            let a = t
                .accounts
                .get_mut(&user.0)
                .ok_or_else(|| not_found(format!("account {}", user.0)))?;
            a.email = erased_email(user);
            a.display_name = ERASED_NAME.to_string();
            a.password_hash = String::new();
            a.role = Role::Member;
            t.credentials.retain(|_, c| c.user != user);
            for g in t.groups.values_mut() {
                g.stewards.retain(|s| *s != user);
            }
            Ok(())
        })
    }

    async fn insert_credential(&self, new: NewCredential) -> StoreResult<Credential> {
        self.with(|t| {
            let id = t.id();
            let c = Credential {
                id,
                kind: new.kind,
                user: new.user,
                secret_hash: new.secret_hash,
                label: new.label,
                csrf: new.csrf,
                created_at: new.created_at,
                expires_at: new.expires_at,
                revoked_at: None,
            };
            t.credentials.insert(id, c.clone());
            Ok(c)
        })
    }

    async fn credential(&self, secret_hash: &str) -> StoreResult<Option<Credential>> {
        self.with(|t| {
            Ok(t.credentials
                .values()
                .find(|c| c.secret_hash == secret_hash)
                .cloned())
        })
    }

    async fn credentials_of(&self, user: UserId) -> StoreResult<Vec<Credential>> {
        self.with(|t| {
            Ok(t.credentials
                .values()
                .rev()
                .filter(|c| c.user == user)
                .cloned()
                .collect())
        })
    }

    async fn revoke_credential(&self, user: UserId, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        self.with(|t| match t.credentials.get_mut(&id) {
            Some(c) if c.user == user => {
                c.revoked_at.get_or_insert(at);
                Ok(())
            }
            _ => Err(not_found(format!("credential {id}"))),
        })
    }

    async fn forget_ended_credentials(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.with(|t| Ok(forget(&mut t.credentials, |c| c.ended_by(before))))
    }

    async fn insert_group(
        &self,
        name: &str,
        description: &str,
        steward: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<Group> {
        self.with(|t| {
            if t.groups.values().any(|g| g.name == name) {
                return Err(StoreError::Conflict(format!(
                    "a group called {name:?} exists"
                )));
            }
            let id = t.id();
            let g = Group {
                id: GroupId(id),
                name: name.into(),
                description: description.into(),
                created_at: at,
                stewards: vec![steward],
            };
            t.groups.insert(id, g.clone());
            Ok(g)
        })
    }

    async fn group(&self, id: GroupId) -> StoreResult<Group> {
        self.with(|t| {
            t.groups
                .get(&id.0)
                .cloned()
                .ok_or_else(|| not_found(format!("group {}", id.0)))
        })
    }

    async fn groups(&self) -> StoreResult<Vec<Group>> {
        self.with(|t| Ok(t.groups.values().cloned().collect()))
    }

    async fn add_steward(&self, group: GroupId, user: UserId) -> StoreResult<()> {
        self.with(|t| {
            if !t.accounts.contains_key(&user.0) {
                return Err(not_found(format!("account {}", user.0)));
            }
            let g = t
                .groups
                .get_mut(&group.0)
                .ok_or_else(|| not_found(format!("group {}", group.0)))?;
            if !g.stewards.contains(&user) {
                g.stewards.push(user);
            }
            Ok(())
        })
    }

    async fn update_group(&self, id: GroupId, name: &str, description: &str) -> StoreResult<()> {
        self.with(|t| {
            if t.groups.values().any(|g| g.name == name && g.id != id) {
                return Err(StoreError::Conflict(format!(
                    "a group called {name:?} exists"
                )));
            }
            let g = t
                .groups
                .get_mut(&id.0)
                .ok_or_else(|| not_found(format!("group {}", id.0)))?;
            g.name = name.into();
            g.description = description.into();
            Ok(())
        })
    }

    async fn remove_steward(
        &self,
        group: GroupId,
        user: UserId,
        keep_one: bool,
    ) -> StoreResult<()> {
        self.with(|t| {
            let g = t
                .groups
                .get_mut(&group.0)
                .ok_or_else(|| not_found(format!("group {}", group.0)))?;
            if !g.stewards.contains(&user) {
                return Err(not_found(format!(
                    "account {} as a steward of group {}",
                    user.0, group.0
                )));
            }
            if keep_one && g.stewards.len() == 1 {
                return Err(StoreError::Conflict(LAST_STEWARD.into()));
            }
            g.stewards.retain(|s| *s != user);
            Ok(())
        })
    }

    async fn insert_resource(&self, mut resource: Resource) -> StoreResult<Resource> {
        self.with(|t| {
            if !t.groups.contains_key(&resource.group.0) {
                return Err(not_found(format!("group {}", resource.group.0)));
            }
            let id = t.id();
            resource.id = ResourceId(id);
            t.resources.insert(id, resource.clone());
            Ok(resource)
        })
    }

    async fn resource(&self, id: ResourceId) -> StoreResult<Resource> {
        self.with(|t| {
            t.resources
                .get(&id.0)
                .cloned()
                .ok_or_else(|| not_found(format!("resource {}", id.0)))
        })
    }

    async fn resources(&self) -> StoreResult<Vec<Resource>> {
        self.with(|t| Ok(t.resources.values().cloned().collect()))
    }

    async fn save_resource(&self, resource: &Resource, expected_version: u64) -> StoreResult<()> {
        self.with(|t| {
            let stored = t.resources.get_mut(&resource.id.0).ok_or_else(|| not_found(format!("resource {}", resource.id.0)))?;
            if stored.version != expected_version {
                return Err(StoreError::Conflict(format!(
                    "resource {} changed meanwhile (version {} is stored, the change was based on {expected_version})",
                    resource.id.0, stored.version
                )));
            }
            *stored = resource.clone();
            Ok(())
        })
    }

    async fn insert_report(&self, new: NewReport) -> StoreResult<Report> {
        self.with(|t| {
            if !t.resources.contains_key(&new.resource.0) {
                return Err(not_found(format!("resource {}", new.resource.0)));
            }
            let id = t.id();
            let r = Report {
                id,
                resource: new.resource,
                kind: new.kind,
                comment: new.comment,
                reporter: new.reporter,
                created_at: new.created_at,
                resolution: None,
            };
            t.reports.insert(id, r.clone());
            Ok(r)
        })
    }

    async fn reports(&self) -> StoreResult<Vec<Report>> {
        self.with(|t| Ok(t.reports.values().cloned().collect()))
    }

    async fn resolve_report(&self, id: i64, resolution: Resolution) -> StoreResult<Report> {
        self.with(|t| {
            let r = t
                .reports
                .get_mut(&id)
                .ok_or_else(|| not_found(format!("report {id}")))?;
            if r.resolution.is_some() {
                return Err(StoreError::Conflict(format!(
                    "report {id} is already closed"
                )));
            }
            r.resolution = Some(resolution);
            Ok(r.clone())
        })
    }
}
