//! The commons registry's use cases: accounts and sessions, groups,
//! resources with revisions and moderation, reports, exports — and their
//! live effect: a resource that becomes public (or stops being public)
//! updates the place index, the tiles and the accessibility figures
//! before the request that caused it is answered.

pub mod erase;
pub mod forget;
pub mod groups;
pub mod input;
pub mod invitations;
pub mod limits;
pub mod password;
pub mod password_resets;
pub mod roles;
pub mod secrets;
pub mod view;

use crate::app::AppState;
use chrono::{DateTime, Duration, Utc};
use input::ResourceInput;
use learnscape_core::commons::duplicate::{Known, likely_duplicates};
use learnscape_core::commons::report::Resolution;
use learnscape_core::commons::{
    Account, Actor, CommonsError, Credential, CredentialKind, FieldError, Group, GroupId,
    NewAccount, NewCredential, NewReport, Report, ReportKind, Resource, ResourceId, Role, UserId,
    rules,
};
use learnscape_core::{Place, PlaceFilter, PlaceId, Store, StoreError, stamp};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::RwLock;

/// Sessions last two weeks; tokens as long as asked, at most a year.
const SESSION_DAYS: i64 = 14;
const MAX_TOKEN_DAYS: i64 = 365;

/// Why a registry request failed; the routes turn it into a status.
#[derive(Debug)]
pub enum Failure {
    /// No credential, or one that is malformed, unknown, expired or revoked.
    Unauthenticated(String),
    Forbidden(String),
    Invalid(Vec<FieldError>),
    Stale {
        based_on: u32,
        current: u32,
    },
    Conflict(String),
    NotFound(String),
    /// Over a rate limit: retry after this many seconds.
    TooMany(u64),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what } => Failure::NotFound(format!("{what} not found")),
            StoreError::Conflict(c) => Failure::Conflict(c),
            other => Failure::Store(other),
        }
    }
}

impl From<CommonsError> for Failure {
    fn from(e: CommonsError) -> Self {
        match e {
            CommonsError::Forbidden(m) => Failure::Forbidden(m),
            CommonsError::StaleRevision { based_on, current } => {
                Failure::Stale { based_on, current }
            }
            CommonsError::Conflict(m) => Failure::Conflict(m),
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> Failure {
    Failure::Invalid(vec![FieldError::new(field, message)])
}

/// The account an `email` field names, as a person typed it, or a 422
/// naming the field.
async fn account_named(state: &AppState, email: &str) -> Result<Account, Failure> {
    state
        .store
        .account_by_email(&email.trim().to_lowercase())
        .await?
        .ok_or_else(|| invalid("email", "no account has this e-mail address"))
}

/// The registry's in-process state: limits, and the public places of
/// resources as currently applied to the index, tiles and measures.
#[derive(Debug, Default)]
pub struct Registry {
    pub limits: limits::Limits,
    public: RwLock<BTreeMap<ResourceId, Place>>,
    /// One live-effect update at a time, in commit order.
    effects: tokio::sync::Mutex<()>,
}

impl Registry {
    /// The public places of approved resources in `store`, for start-up.
    pub async fn load(store: &dyn Store) -> Result<(Self, Vec<Place>), StoreError> {
        let places: BTreeMap<ResourceId, Place> = store
            .resources()
            .await?
            .iter()
            .filter_map(|r| r.public_place().map(|p| (r.id, p)))
            .collect();
        let list = places.values().cloned().collect();
        Ok((
            Self {
                public: RwLock::new(places),
                ..Self::default()
            },
            list,
        ))
    }

    pub fn public_places(&self, filter: &PlaceFilter) -> Vec<Place> {
        self.public
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .filter(|p| filter.matches(p))
            .cloned()
            .collect()
    }

    pub fn public_place(&self, id: &PlaceId) -> Option<Place> {
        self.public
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .find(|p| &p.id == id)
            .cloned()
    }
}

// ---- accounts and credentials ------------------------------------------

pub async fn create_account(
    state: &AppState,
    email: &str,
    password: &str,
    display_name: &str,
    addr: &str,
) -> Result<Account, Failure> {
    state
        .registry
        .limits
        .writes
        .check(&*state.store, &format!("signup:{addr}"))
        .await?;
    let email = email.trim().to_lowercase();
    let mut errors = Vec::new();
    if email.len() > 200
        || !email.contains('@')
        || email.starts_with('@')
        || email.ends_with('@')
        || email.contains(char::is_whitespace)
    {
        errors.push(FieldError::new("email", "is not an e-mail address"));
    }
    if let Err(e) = password::check_new("password", password) {
        errors.push(e);
    }
    let name = display_name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        errors.push(FieldError::new("display_name", "needs 1 to 80 characters"));
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let password_hash = password::hash(password).await?;
    Ok(state
        .store
        .insert_account(NewAccount {
            email,
            display_name: name.to_string(),
            role: Role::Member,
            password_hash,
            created_at: stamp::now(),
        })
        .await?)
}

/// A new browser session: (secret for the cookie, CSRF token, account).
pub async fn login(
    state: &AppState,
    email: &str,
    password: &str,
    addr: &str,
) -> Result<(String, String, Account), Failure> {
    let email = email.trim().to_lowercase();
    state
        .registry
        .limits
        .logins
        .check(&*state.store, &format!("{addr}|{email}"))
        .await?;
    let account = state.store.account_by_email(&email).await?;
    // An unknown address is checked against a stand-in hash, so the answer
    // takes as long and says nothing about which addresses have accounts.
    let hash = account.as_ref().map_or_else(
        || secrets::stand_in_hash().to_string(),
        |a| a.password_hash.clone(),
    );
    let ok = password::verify(password, &hash).await;
    let Some(account) = account.filter(|_| ok) else {
        return Err(Failure::Unauthenticated(
            "wrong e-mail address or password".into(),
        ));
    };
    let (secret, csrf) = start_session(state, &account).await?;
    Ok((secret, csrf, account))
}

/// A new browser session for `account`: its secret (the cookie) and the
/// CSRF token its writes echo.
async fn start_session(state: &AppState, account: &Account) -> Result<(String, String), Failure> {
    let secret = secrets::new_secret();
    let csrf = secrets::new_secret();
    let now = stamp::now();
    state
        .store
        .insert_credential(NewCredential {
            kind: CredentialKind::Session,
            user: account.id,
            secret_hash: secrets::secret_hash(&secret),
            label: "browser session".into(),
            csrf: Some(csrf.clone()),
            created_at: now,
            expires_at: Some(now + Duration::days(SESSION_DAYS)),
        })
        .await?;
    Ok((secret, csrf))
}

/// How a request presented itself.
#[derive(Debug, Default)]
pub struct Presented<'a> {
    pub bearer: Option<&'a str>,
    pub cookie: Option<&'a str>,
    pub csrf_header: Option<&'a str>,
    /// POST, PUT, PATCH, DELETE: a cookie alone is not enough (CSRF).
    pub writes: bool,
}

/// The account behind a request's credential.
pub async fn authenticate(
    state: &AppState,
    p: &Presented<'_>,
) -> Result<(Account, Credential), Failure> {
    let (secret, kind) = match (p.bearer, p.cookie) {
        (Some(b), _) => (b, CredentialKind::Token),
        (None, Some(c)) => (c, CredentialKind::Session),
        (None, None) => {
            return Err(Failure::Unauthenticated(
                "sign in, or send an API token as `Authorization: Bearer …`".into(),
            ));
        }
    };
    if !secrets::well_formed(secret) {
        return Err(Failure::Unauthenticated(
            "the credential is malformed".into(),
        ));
    }
    let Some(cred) = state
        .store
        .credential(&secrets::secret_hash(secret))
        .await?
    else {
        return Err(Failure::Unauthenticated(
            "the credential is not known".into(),
        ));
    };
    if cred.kind != kind {
        return Err(Failure::Unauthenticated(
            "the credential is not known".into(),
        ));
    }
    if cred.revoked_at.is_some() {
        return Err(Failure::Unauthenticated(
            "the credential was revoked".into(),
        ));
    }
    if !cred.is_live(stamp::now()) {
        return Err(Failure::Unauthenticated(
            "the credential has expired; sign in again".into(),
        ));
    }
    if kind == CredentialKind::Session && p.writes {
        let expected = cred.csrf.as_deref().unwrap_or("");
        if !p
            .csrf_header
            .is_some_and(|h| !expected.is_empty() && secrets::same(h, expected))
        {
            return Err(Failure::Forbidden(
                "a write from a browser session needs its X-CSRF-Token header".into(),
            ));
        }
    }
    let account = state.store.account(cred.user).await?;
    Ok((account, cred))
}

pub async fn logout(state: &AppState, cred: &Credential) -> Result<(), Failure> {
    Ok(state
        .store
        .revoke_credential(cred.user, cred.id, stamp::now())
        .await?)
}

/// A new API token: (the secret, shown once; its record).
pub async fn create_token(
    state: &AppState,
    actor: &Account,
    label: &str,
    days: Option<i64>,
) -> Result<(String, Credential), Failure> {
    write_allowed(state, actor).await?;
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 80 {
        return Err(invalid("label", "needs 1 to 80 characters"));
    }
    let days = days.unwrap_or(90);
    if !(1..=MAX_TOKEN_DAYS).contains(&days) {
        return Err(invalid(
            "expires_in_days",
            format!("must be 1 to {MAX_TOKEN_DAYS}"),
        ));
    }
    let secret = secrets::new_secret();
    let now = stamp::now();
    let cred = state
        .store
        .insert_credential(NewCredential {
            kind: CredentialKind::Token,
            user: actor.id,
            secret_hash: secrets::secret_hash(&secret),
            label: label.to_string(),
            csrf: None,
            created_at: now,
            expires_at: Some(now + Duration::days(days)),
        })
        .await?;
    Ok((secret, cred))
}

pub async fn revoke_token(state: &AppState, actor: &Account, id: i64) -> Result<(), Failure> {
    write_allowed(state, actor).await?;
    Ok(state
        .store
        .revoke_credential(actor.id, id, stamp::now())
        .await?)
}

async fn write_allowed(state: &AppState, actor: &Account) -> Result<(), Failure> {
    state
        .registry
        .limits
        .writes
        .check(&*state.store, &format!("user:{}", actor.id.0))
        .await
}

// ---- resources -------------------------------------------------------------

/// A likely duplicate of a new entry: the place id and how far it is.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub place: PlaceId,
    pub name: String,
    pub meters: f64,
}

async fn duplicates(
    state: &AppState,
    content: &learnscape_core::commons::ResourceContent,
    except: Option<ResourceId>,
) -> Result<Vec<Duplicate>, Failure> {
    let p = content.location.point();
    // A box a little wider than the duplicate radius at any latitude.
    let d = 1.5 * learnscape_core::commons::duplicate::DUPLICATE_RADIUS_M / 111_320.0;
    let d_lon = d / p.lat.to_radians().cos().max(0.01);
    let filter = PlaceFilter {
        categories: vec![content.category],
        bbox: Some(learnscape_core::Bbox::new(
            p.lon - d_lon,
            p.lat - d,
            p.lon + d_lon,
            p.lat + d,
        )),
        ..PlaceFilter::default()
    };
    let mut near = state.store.places(&filter).await?;
    near.extend(state.registry.public_places(&filter));
    let except = except.map(Resource::place_id);
    let known = near
        .iter()
        .filter(|pl| Some(&pl.id) != except.as_ref())
        .map(|pl| Known {
            id: pl.id.0.as_str(),
            name: pl.name.as_deref(),
            category: pl.category,
            point: pl.representative_point,
        });
    Ok(likely_duplicates(&content.name, content.category, p, known)
        .into_iter()
        .filter_map(|(id, m)| {
            let place = near.iter().find(|pl| pl.id.0 == id)?;
            Some(Duplicate {
                place: place.id.clone(),
                name: place.name.clone().unwrap_or_default(),
                meters: m,
            })
        })
        .collect())
}

pub async fn register_resource(
    state: &AppState,
    actor: &Account,
    input: &ResourceInput,
) -> Result<(Resource, Vec<Duplicate>), Failure> {
    write_allowed(state, actor).await?;
    let group_id = input.group.ok_or_else(|| invalid("group", "is required"))?;
    let content = input
        .content(Some(state.tiles.bounds()))
        .map_err(Failure::Invalid)?;
    let group = state
        .store
        .group(GroupId(group_id))
        .await
        .map_err(|e| match e {
            StoreError::NotFound { .. } => {
                invalid("group", format!("there is no group {group_id}"))
            }
            other => other.into(),
        })?;
    let dups = duplicates(state, &content, None).await?;
    let resource = rules::register(
        &Actor::from(actor),
        &group,
        content,
        input.comment.trim().to_string(),
        stamp::now(),
    )?;
    Ok((state.store.insert_resource(resource).await?, dups))
}

/// Loads, applies `change`, saves over the version read; a concurrent save
/// makes it try again on the newer state (where a stale edit then fails).
async fn update(
    state: &AppState,
    id: ResourceId,
    change: impl Fn(&mut Resource, &Group) -> Result<(), Failure>,
) -> Result<Resource, Failure> {
    for _ in 0..5 {
        let mut resource = state.store.resource(id).await?;
        let group = state.store.group(resource.group).await?;
        let read = resource.version;
        change(&mut resource, &group)?;
        match state.store.save_resource(&resource, read).await {
            Ok(()) => {
                apply_public(state, &resource).await;
                return Ok(resource);
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Failure::Conflict(
        "the resource is changing too often; try again".into(),
    ))
}

pub async fn edit_resource(
    state: &AppState,
    actor: &Account,
    id: ResourceId,
    input: &ResourceInput,
) -> Result<(Resource, Vec<Duplicate>), Failure> {
    write_allowed(state, actor).await?;
    let based_on = input.base_revision.ok_or_else(|| {
        invalid(
            "base_revision",
            "is required: the revision your edit is based on",
        )
    })?;
    let content = input
        .content(Some(state.tiles.bounds()))
        .map_err(Failure::Invalid)?;
    let dups = duplicates(state, &content, Some(id)).await?;
    let who = Actor::from(actor);
    let comment = input.comment.trim().to_string();
    let r = update(state, id, |r, g| {
        Ok(rules::edit(
            r,
            &who,
            g,
            based_on,
            content.clone(),
            comment.clone(),
            stamp::now(),
        )?)
    })
    .await?;
    Ok((r, dups))
}

pub async fn decide(
    state: &AppState,
    actor: &Account,
    id: ResourceId,
    revision: u32,
    approve: bool,
    reason: &str,
) -> Result<Resource, Failure> {
    write_allowed(state, actor).await?;
    if reason.chars().count() > 2000 {
        return Err(invalid("reason", "is longer than 2000 characters"));
    }
    let who = Actor::from(actor);
    update(state, id, |r, _| {
        Ok(rules::decide(
            r,
            &who,
            revision,
            approve,
            reason.trim().to_string(),
            stamp::now(),
        )?)
    })
    .await
}

/// A rule that takes an entry off the map or puts it back (`rules::archive`,
/// `rules::restore`): who may, and what the log says.
type WholeEntryRule =
    fn(&mut Resource, &Actor, &Group, String, DateTime<Utc>) -> Result<(), CommonsError>;

async fn apply_rule(
    state: &AppState,
    actor: &Account,
    id: ResourceId,
    reason: &str,
    rule: WholeEntryRule,
) -> Result<Resource, Failure> {
    write_allowed(state, actor).await?;
    let who = Actor::from(actor);
    update(state, id, |r, g| {
        Ok(rule(r, &who, g, reason.trim().to_string(), stamp::now())?)
    })
    .await
}

pub async fn archive(
    state: &AppState,
    actor: &Account,
    id: ResourceId,
    reason: &str,
) -> Result<Resource, Failure> {
    apply_rule(state, actor, id, reason, rules::archive).await
}

/// Brings an archived resource back onto the map, as last approved
/// (`rules::restore` says who may).
pub async fn restore(
    state: &AppState,
    actor: &Account,
    id: ResourceId,
    reason: &str,
) -> Result<Resource, Failure> {
    apply_rule(state, actor, id, reason, rules::restore).await
}

/// Applies a resource another process wrote (`app::follow`).
pub(crate) async fn apply_changed(state: &AppState, id: ResourceId) {
    match state.store.resource(id).await {
        Ok(resource) => apply_public(state, &resource).await,
        Err(e) => {
            tracing::warn!(error = %e, resource = id.0, "cannot read a changed resource; reading all");
            resync(state).await;
        }
    }
}

/// Applies every resource the store holds: after notifications may have
/// been missed. Resources whose public state is unchanged cost a compare.
pub(crate) async fn resync(state: &AppState) {
    loop {
        match state.store.resources().await {
            Ok(all) => {
                for resource in &all {
                    apply_public(state, resource).await;
                }
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read resources to catch up; retrying");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    }
}

/// Makes the index, the tiles and the measures show what `resource` now
/// makes public, before the request is answered.
async fn apply_public(state: &AppState, saved: &Resource) {
    let _one_at_a_time = state.registry.effects.lock().await;
    // Two changes saved in one order may reach this lock in the other:
    // apply what the store holds now, so the last committed state wins.
    let latest = state.store.resource(saved.id).await;
    let resource = latest.as_ref().unwrap_or(saved);
    let after = resource.public_place();
    let before = state
        .registry
        .public
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .get(&resource.id)
        .cloned();
    if before == after {
        return;
    }
    let (access, tiles) = (state.access.clone(), state.tiles.clone());
    let work = {
        let (before, after) = (before.clone(), after.clone());
        move || {
            let moved = access.replace_facility(before.as_ref(), after.as_ref());
            if let Some(a) = &after {
                tiles.upsert_place(a.clone());
            } else if let Some(b) = &before {
                tiles.remove_place(&b.id);
            }
            access.refigure(&moved.iter().map(|m| m.category).collect::<Vec<_>>());
            tiles.refresh_figures(access.neighbourhood_features(), &access, &moved);
        }
    };
    if let Err(e) = tokio::task::spawn_blocking(work).await {
        tracing::error!(error = %e, resource = resource.id.0, "updating the map after a change failed");
    }
    let mut public = state
        .registry
        .public
        .write()
        .unwrap_or_else(|p| p.into_inner());
    match after {
        Some(p) => public.insert(resource.id, p),
        None => public.remove(&resource.id),
    };
}

/// May `viewer` see the resource's unpublished revisions and contact?
pub async fn privileged(
    state: &AppState,
    viewer: Option<&Account>,
    resource: &Resource,
) -> Result<bool, Failure> {
    let Some(v) = viewer else { return Ok(false) };
    if v.role.moderates() {
        return Ok(true);
    }
    Ok(state
        .store
        .group(resource.group)
        .await?
        .stewards
        .contains(&v.id))
}

/// Who made `resource`'s revisions and decisions, each once, for the
/// history its group's stewards and moderators read (an erased account
/// goes by its erased name).
pub async fn history_people(
    state: &AppState,
    resource: &Resource,
) -> Result<Vec<Account>, Failure> {
    let ids: BTreeSet<i64> = resource
        .revisions
        .iter()
        .map(|v| v.author.0)
        .chain(resource.log.iter().map(|e| e.actor.0))
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(state.store.account(UserId(id)).await?);
    }
    Ok(out)
}

// ---- reports and the moderation queue --------------------------------------

pub async fn report(
    state: &AppState,
    reporter: Option<&Account>,
    addr: &str,
    id: ResourceId,
    kind: &str,
    comment: &str,
) -> Result<Report, Failure> {
    let key = reporter.map_or_else(|| format!("addr:{addr}"), |a| format!("user:{}", a.id.0));
    state
        .registry
        .limits
        .writes
        .check(&*state.store, &key)
        .await?;
    let kind = ReportKind::parse(kind).ok_or_else(|| {
        invalid(
            "kind",
            "must be does_not_exist, wrong_information or breaks_the_rules",
        )
    })?;
    if comment.chars().count() > 2000 {
        return Err(invalid("comment", "is longer than 2000 characters"));
    }
    let resource = state.store.resource(id).await?;
    if resource.public().is_none() && !privileged(state, reporter, &resource).await? {
        return Err(Failure::NotFound(format!("resource {} not found", id.0)));
    }
    Ok(state
        .store
        .insert_report(NewReport {
            resource: id,
            kind,
            comment: comment.trim().to_string(),
            reporter: reporter.map(|a| a.id),
            created_at: stamp::now(),
        })
        .await?)
}

pub async fn resolve_report(
    state: &AppState,
    actor: &Account,
    id: i64,
    note: &str,
) -> Result<Report, Failure> {
    write_allowed(state, actor).await?;
    if !actor.role.moderates() {
        return Err(Failure::Forbidden("only moderators close reports".into()));
    }
    Ok(state
        .store
        .resolve_report(
            id,
            Resolution {
                by: actor.id,
                at: stamp::now(),
                note: note.trim().to_string(),
            },
        )
        .await?)
}

/// Resources with a revision awaiting review, and open reports.
pub async fn queue(
    state: &AppState,
    actor: &Account,
) -> Result<(Vec<Resource>, Vec<Report>), Failure> {
    if !actor.role.moderates() {
        return Err(Failure::Forbidden("only moderators see the queue".into()));
    }
    let pending = state
        .store
        .resources()
        .await?
        .into_iter()
        .filter(|r| !r.archived && r.pending().is_some())
        .collect();
    let reports = state
        .store
        .reports()
        .await?
        .into_iter()
        .filter(|r| r.resolution.is_none())
        .collect();
    Ok((pending, reports))
}

/// Every resource of the groups `actor` stewards (all statuses).
pub async fn my_resources(
    state: &AppState,
    actor: &Account,
) -> Result<Vec<(Resource, Group)>, Failure> {
    let groups: BTreeMap<GroupId, Group> = state
        .store
        .groups()
        .await?
        .into_iter()
        .filter(|g| g.stewards.contains(&actor.id))
        .map(|g| (g.id, g))
        .collect();
    Ok(state
        .store
        .resources()
        .await?
        .into_iter()
        .filter_map(|r| groups.get(&r.group).cloned().map(|g| (r, g)))
        .collect())
}
