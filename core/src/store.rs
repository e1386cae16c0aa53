//! Store traits: one per aggregate, with typed errors so callers can tell
//! "not there" from "conflict" from "the database is down".
//!
//! Every store (embedded SQLite, PostGIS) implements all of them and passes
//! the conformance suite in [`crate::conformance`] (feature `test-util`).

use crate::commons::invitation::{Invitation, NewInvitation};
use crate::commons::one_time::OneTimeLink;
use crate::commons::password_reset::{NewPasswordReset, PasswordReset};
use crate::commons::report::Resolution;
use crate::commons::{
    Account, Credential, Group, GroupId, NewAccount, NewCredential, NewReport, Report, Resource,
    ResourceId, Role, UserId,
};
use crate::{
    BasemapFeature, Bbox, DataSource, Neighbourhood, Place, PlaceFilter, PlaceId, PopulationUnit,
    SourceData, SourceId, WalkNetwork,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("conflict: {0}")]
    Conflict(String),
    /// The backend cannot be reached or refuses service; retrying may help.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// Stored data cannot be read back (a bug or a damaged file).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("store error: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A `NotFound` that names `what` instead (a violated foreign key does
    /// not say which row was missing); any other error as it is.
    pub fn for_missing(self, what: impl FnOnce() -> String) -> StoreError {
        match self {
            StoreError::NotFound { .. } => StoreError::NotFound { what: what() },
            other => other,
        }
    }
}

/// Rejects a batch that names one source twice: which copy should win?
pub fn check_distinct_sources(batch: &[(DataSource, SourceData)]) -> StoreResult<()> {
    let mut ids: Vec<&SourceId> = batch.iter().map(|(s, _)| &s.id).collect();
    ids.sort();
    match ids.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(StoreError::Conflict(format!(
            "source {} appears twice in one import",
            w[0]
        ))),
        None => Ok(()),
    }
}

/// Imported sources, each replaced whole.
#[async_trait]
pub trait SourceStore: Send + Sync {
    /// Replaces everything previously imported under `source.id` with
    /// `data`, atomically: afterwards the store holds either the old data or
    /// the new, never a mix, even if the process dies midway.
    async fn replace_source(&self, source: DataSource, data: SourceData) -> StoreResult<()> {
        self.replace_sources(vec![(source, data)]).await
    }

    /// Replaces several sources in one transaction — a whole dataset
    /// commits or none of it does. A batch naming one source twice is a
    /// `Conflict` and changes nothing.
    async fn replace_sources(&self, batch: Vec<(DataSource, SourceData)>) -> StoreResult<()>;

    /// Every imported source, ordered by id.
    async fn sources(&self) -> StoreResult<Vec<DataSource>>;

    /// Removes a source and all it brought. `NotFound` if absent.
    async fn remove_source(&self, id: &SourceId) -> StoreResult<()>;
}

/// Learning spaces.
#[async_trait]
pub trait PlaceStore: Send + Sync {
    /// Places matching `filter`, ordered by id.
    async fn places(&self, filter: &PlaceFilter) -> StoreResult<Vec<Place>>;

    /// One place; `NotFound` if absent.
    async fn place(&self, id: &PlaceId) -> StoreResult<Place>;
}

#[async_trait]
pub trait NeighbourhoodStore: Send + Sync {
    /// All neighbourhoods, ordered by id.
    async fn neighbourhoods(&self) -> StoreResult<Vec<Neighbourhood>>;
}

#[async_trait]
pub trait PopulationStore: Send + Sync {
    /// All population units, ordered by id.
    async fn population_units(&self) -> StoreResult<Vec<PopulationUnit>>;
}

#[async_trait]
pub trait WalkNetworkStore: Send + Sync {
    /// The walk network of every source merged into one
    /// ([`WalkNetwork::merge`], sources in id order).
    async fn walk_network(&self) -> StoreResult<WalkNetwork>;
}

#[async_trait]
pub trait BasemapStore: Send + Sync {
    /// Basemap features whose bounding box meets `bbox` (all when `None`),
    /// in import order: by source id (bytewise), then as the source
    /// listed them.
    async fn basemap_features(&self, bbox: Option<Bbox>) -> StoreResult<Vec<BasemapFeature>>;
}

/// The commons registry: accounts, credentials, groups, resources with
/// their revisions, reports. Every write is durable when it returns.
#[async_trait]
pub trait CommonsStore: Send + Sync {
    /// `Conflict` if the e-mail address is taken.
    async fn insert_account(&self, new: NewAccount) -> StoreResult<Account>;
    async fn account(&self, id: UserId) -> StoreResult<Account>;
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>>;
    /// Gives account `id` a role; `NotFound` if there is none. With
    /// `keep_an_admin`, `Conflict` ([`LAST_ADMIN`]) if that would take
    /// the role from the last admin, decided in the same transaction as the
    /// change, so two admins stepping back at once leave one of them.
    async fn set_role(&self, id: UserId, role: Role, keep_an_admin: bool) -> StoreResult<()>;
    /// The accounts that moderate (moderators and admins), by id.
    async fn staff(&self) -> StoreResult<Vec<Account>>;
    /// Replaces `user`'s password hash and revokes, in the same
    /// transaction, every live credential of theirs but `keep` (the
    /// session the change was made in): whoever held the old password
    /// loses what they signed in to, or made, with it; reset links still
    /// open for the account are void. Returns how many credentials were
    /// revoked; `NotFound` if there is no such account, or it is erased.
    async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<i64>,
        at: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// Erases what says who the account was, in one transaction: its
    /// e-mail address and name give way to [`erased_email`] and
    /// [`ERASED_NAME`], its password hash is emptied (no password matches
    /// it), its sessions and tokens are deleted, and it stewards no group
    /// any more. The id stays, so the revisions, decisions and reports it
    /// made still say an account made them. `NotFound` if there is none;
    /// with `keep_an_admin`, `Conflict` ([`LAST_ADMIN`]) if it is the last
    /// admin's, decided as in [`CommonsStore::set_role`].
    async fn erase_account(&self, user: UserId, keep_an_admin: bool) -> StoreResult<()>;

    async fn insert_credential(&self, new: NewCredential) -> StoreResult<Credential>;
    /// The credential whose secret hashes to `secret_hash`, live or not.
    async fn credential(&self, secret_hash: &str) -> StoreResult<Option<Credential>>;
    /// Every credential of `user`, newest first.
    async fn credentials_of(&self, user: UserId) -> StoreResult<Vec<Credential>>;
    /// Revokes credential `id` of `user`; `NotFound` if it is not theirs.
    async fn revoke_credential(&self, user: UserId, id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    /// Deletes the sessions and tokens that ended (expired or revoked) at
    /// or before `before` ([`Credential::ended_by`]): none can be used
    /// again, and whose they were and when is kept no longer than it
    /// serves. Returns how many went.
    ///
    /// [`Credential::ended_by`]: crate::commons::Credential::ended_by
    async fn forget_ended_credentials(&self, before: DateTime<Utc>) -> StoreResult<u64>;

    /// `Conflict` if the name is taken. `steward` becomes its first steward.
    async fn insert_group(
        &self,
        name: &str,
        description: &str,
        steward: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<Group>;
    async fn group(&self, id: GroupId) -> StoreResult<Group>;
    /// All groups, ordered by id.
    async fn groups(&self) -> StoreResult<Vec<Group>>;
    async fn add_steward(&self, group: GroupId, user: UserId) -> StoreResult<()>;
    /// Renames a group and replaces its description; `Conflict` if another
    /// group has the name, `NotFound` if there is no such group.
    async fn update_group(&self, id: GroupId, name: &str, description: &str) -> StoreResult<()>;
    /// Ends `user`'s stewardship of `group`; `NotFound` if they do not
    /// steward it. With `keep_one`, `Conflict` if they are its last
    /// steward, decided in the same transaction as the removal, so two
    /// stewards stepping down at once leave one of them.
    async fn remove_steward(&self, group: GroupId, user: UserId, keep_one: bool)
    -> StoreResult<()>;

    /// Stores a new resource and returns it with its id.
    async fn insert_resource(&self, resource: Resource) -> StoreResult<Resource>;
    async fn resource(&self, id: ResourceId) -> StoreResult<Resource>;
    /// All resources, ordered by id.
    async fn resources(&self) -> StoreResult<Vec<Resource>>;
    /// Saves `resource` if the stored one still has version
    /// `expected_version`; otherwise `Conflict` and nothing changes.
    async fn save_resource(&self, resource: &Resource, expected_version: u64) -> StoreResult<()>;

    async fn insert_report(&self, new: NewReport) -> StoreResult<Report>;
    /// All reports, ordered by id.
    async fn reports(&self) -> StoreResult<Vec<Report>>;
    /// Closes a report; `Conflict` if it was already closed.
    async fn resolve_report(&self, id: i64, resolution: Resolution) -> StoreResult<Report>;

    /// Counts one attempt at `key` (a rate limit's bucket, hashed by the
    /// caller) in its window of `window_secs`, opened by its first attempt
    /// (again by the first after it ends), for every process using this
    /// store. `None` when
    /// the store serves one process only (the embedded store): a limiter
    /// in that process's memory counts the same, without a write.
    async fn count_attempt(&self, key: &str, window_secs: u32) -> StoreResult<Option<Attempts>> {
        let _ = (key, window_secs);
        Ok(None)
    }
}

/// Invitations to steward a group ([`crate::commons::invitation`]).
#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Stores a new invitation; `NotFound` if there is no such group,
    /// `Conflict` if the secret is in use, or if the group already has
    /// [`OPEN_INVITATIONS_PER_GROUP`] open at `new.created_at` (with
    /// [`too_many_open_words`]), counted in the insert's own transaction.
    ///
    /// [`OPEN_INVITATIONS_PER_GROUP`]: crate::commons::invitation::OPEN_INVITATIONS_PER_GROUP
    /// [`too_many_open_words`]: crate::commons::invitation::too_many_open_words
    async fn insert_invitation(&self, new: NewInvitation) -> StoreResult<Invitation>;
    /// The invitation whose secret hashes to `secret_hash`, open or not.
    async fn invitation(&self, secret_hash: &str) -> StoreResult<Option<Invitation>>;
    /// Every invitation to `group`, newest first.
    async fn invitations_of(&self, group: GroupId) -> StoreResult<Vec<Invitation>>;
    /// Withdraws invitation `id` to `group`: `NotFound` if there is no such
    /// invitation to that group, `Conflict` if it is no longer open at `at`.
    async fn withdraw_invitation(
        &self,
        group: GroupId,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Accepts the invitation whose secret hashes to `secret_hash` for
    /// `user`, in one transaction: it is used up and `user` stewards its
    /// group (kept where they were if they already do). `NotFound` if there
    /// is no such invitation; `Conflict` (with [`OneTimeLink::words`]) if it is
    /// not open at `at`, decided in the same transaction, so of two people
    /// accepting one link at once only one becomes a steward.
    ///
    /// [`OneTimeLink::words`]: crate::commons::OneTimeLink::words
    async fn accept_invitation(
        &self,
        secret_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<GroupId>;
    /// Deletes the invitations closed (accepted, withdrawn or expired) at
    /// or before `before` ([`OneTimeLink::closed_by`]). Returns how many.
    ///
    /// [`OneTimeLink::closed_by`]: crate::commons::OneTimeLink::closed_by
    async fn forget_closed_invitations(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

/// Password reset links ([`crate::commons::password_reset`]).
#[async_trait]
pub trait PasswordResetStore: Send + Sync {
    /// Stores a new link and, in the same transaction, withdraws the
    /// account's links still open at its `created_at`: one works at a time.
    /// `NotFound` if there is no such account, `Conflict` if the secret is
    /// in use.
    async fn insert_password_reset(&self, new: NewPasswordReset) -> StoreResult<PasswordReset>;
    /// The link whose secret hashes to `secret_hash`, open or not.
    async fn password_reset(&self, secret_hash: &str) -> StoreResult<Option<PasswordReset>>;
    /// Every link still open at `at`, newest first.
    async fn open_password_resets(&self, at: DateTime<Utc>) -> StoreResult<Vec<PasswordReset>>;
    /// Withdraws link `id`: `NotFound` if there is none, `Conflict` (with
    /// [`OneTimeLink::words`]) if it is no longer open at `at`.
    ///
    /// [`OneTimeLink::words`]: crate::commons::OneTimeLink::words
    async fn withdraw_password_reset(&self, id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    /// Uses the link whose secret hashes to `secret_hash`, in one
    /// transaction: it is used up, its account's password hash becomes
    /// `password_hash`, and every live credential of the account ends at
    /// `at`. Returns the account and how many credentials ended.
    /// `NotFound` if there is no such link or its account was erased
    /// since; `Conflict` (with [`OneTimeLink::words`]) if it is not open at
    /// `at`, decided in the same transaction, so a link sets one password.
    ///
    /// [`OneTimeLink::words`]: crate::commons::OneTimeLink::words
    async fn use_password_reset(
        &self,
        secret_hash: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<(UserId, u64)>;
    /// Deletes the links closed (used, withdrawn or expired) at or before
    /// `before` ([`OneTimeLink::closed_by`]). Returns how many.
    ///
    /// [`OneTimeLink::closed_by`]: crate::commons::OneTimeLink::closed_by
    async fn forget_closed_password_resets(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

/// Why a guarded write changed no link: there is none (`NotFound`), or
/// `found` is no longer open at `at` (`Conflict`, saying why).
pub fn not_open<L: OneTimeLink>(found: Option<&L>, at: DateTime<Utc>) -> StoreError {
    match found {
        None => StoreError::NotFound {
            what: L::WHAT.into(),
        },
        Some(l) => StoreError::Conflict(
            l.closed_words(at)
                .unwrap_or("this link is no longer open")
                .into(),
        ),
    }
}

/// What an erased account's e-mail address becomes: unique, and no
/// address anyone can sign up or in with (it has no `@`).
pub fn erased_email(user: UserId) -> String {
    format!("erased-{}", user.0)
}

/// What an erased account's name becomes.
pub const ERASED_NAME: &str = "erased account";

/// Why [`CommonsStore::remove_steward`] refuses to leave a group without
/// a steward (words a person reads).
pub const LAST_STEWARD: &str =
    "a group keeps at least one steward: add another before the last one steps down";

/// Why [`CommonsStore::set_role`] and [`CommonsStore::erase_account`],
/// asked to keep an admin, refuse to take the role from the last one
/// (words a person reads).
pub const LAST_ADMIN: &str = "the last admin stays one: make another admin first";

/// Would `user` taking `role` leave none of `admins` (every admin's id)?
pub fn ends_the_last_admin(admins: &[UserId], user: UserId, role: Role) -> bool {
    role != Role::Admin && admins == [user]
}

/// Attempts counted in a rate limit's window ([`CommonsStore::count_attempt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// This window's attempts, the one just counted included.
    pub count: u32,
    /// Whole seconds until the window ends (at least 1).
    pub resets_in: u64,
}

/// A whole store.
pub trait Store:
    SourceStore
    + PlaceStore
    + NeighbourhoodStore
    + PopulationStore
    + WalkNetworkStore
    + BasemapStore
    + CommonsStore
    + InvitationStore
    + PasswordResetStore
{
}

impl<T> Store for T where
    T: SourceStore
        + PlaceStore
        + NeighbourhoodStore
        + PopulationStore
        + WalkNetworkStore
        + BasemapStore
        + CommonsStore
        + InvitationStore
        + PasswordResetStore
{
}
