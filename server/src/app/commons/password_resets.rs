//! Setting a forgotten password by a link. This map sends no e-mail, so an
//! admin makes the link for the account (found by its e-mail address) and
//! hands it on in person, by phone or in the group's chat. Whoever opens
//! it reads whose password it sets, chooses a new one and is signed in;
//! every other session and token of the account ends, as with any new
//! password. A link holds a secret of which only the hash is stored; it
//! works once, for [`RESET_LIFETIME`]; admins see the open links and may
//! withdraw one, as may the account's owner, and a newer link or a new
//! password withdraws it too.

use super::{Failure, account_named, password, secrets, start_session, write_allowed};
use crate::app::AppState;
use learnscape_core::commons::password_reset::{NewPasswordReset, PasswordReset, RESET_LIFETIME};
use learnscape_core::commons::{Account, Role};
use learnscape_core::stamp;

fn admins_only(actor: &Account) -> Result<(), Failure> {
    if actor.role != Role::Admin {
        return Err(Failure::Forbidden(
            "only admins make, see and withdraw password reset links".into(),
        ));
    }
    Ok(())
}

/// An open link as admins see it: for whom, and who made it.
#[derive(Debug)]
pub struct OpenLink {
    pub link: PasswordReset,
    pub account: Account,
    pub made_by: Account,
}

/// Every link that can still be used, newest first. Admins only.
pub async fn open_links(state: &AppState, actor: &Account) -> Result<Vec<OpenLink>, Failure> {
    admins_only(actor)?;
    let mut out = Vec::new();
    for link in state.store.open_password_resets(stamp::now()).await? {
        out.push(OpenLink {
            account: state.store.account(link.account).await?,
            made_by: state.store.account(link.made_by).await?,
            link,
        });
    }
    Ok(out)
}

/// The links open for `account`'s own password, each with the admin who
/// made it: its owner sees them when signed in, so a link they did not ask
/// for does not go unnoticed (a new password withdraws it).
pub async fn open_for(
    state: &AppState,
    account: &Account,
) -> Result<Vec<(PasswordReset, Account)>, Failure> {
    let mut out = Vec::new();
    for link in state.store.open_password_resets(stamp::now()).await? {
        if link.account == account.id {
            let by = state.store.account(link.made_by).await?;
            out.push((link, by));
        }
    }
    Ok(out)
}

/// Withdraws link `id` (one handed to the wrong person, or not needed
/// any more). Admins withdraw any; an account's owner withdraws those
/// open for their own password (one they did not ask for, without
/// having to change a password they still know).
pub async fn withdraw(state: &AppState, actor: &Account, id: i64) -> Result<(), Failure> {
    if actor.role != Role::Admin {
        let own = open_for(state, actor).await?;
        if !own.iter().any(|(link, _)| link.id == id) {
            return Err(Failure::Forbidden(
                "only admins withdraw a password reset link other than one open for your own account"
                    .into(),
            ));
        }
    }
    write_allowed(state, actor).await?;
    Ok(state
        .store
        .withdraw_password_reset(id, stamp::now())
        .await?)
}

/// A new link for the account with e-mail `email`, and the secret it
/// holds (shown once: only its hash is kept). Admins only.
pub async fn make(
    state: &AppState,
    actor: &Account,
    email: &str,
) -> Result<(PasswordReset, Account, String), Failure> {
    admins_only(actor)?;
    write_allowed(state, actor).await?;
    let account = account_named(state, email).await?;
    let secret = secrets::new_secret();
    let now = stamp::now();
    let reset = state
        .store
        .insert_password_reset(NewPasswordReset {
            account: account.id,
            secret_hash: secrets::secret_hash(&secret),
            made_by: actor.id,
            created_at: now,
            expires_at: now + RESET_LIFETIME,
        })
        .await?;
    Ok((reset, account, secret))
}

/// Whose password a link sets, for the person who opened it: the open
/// link and its account, or 404 (unknown, not a secret, or an account
/// erased since) or 409 (saying why the link is closed).
pub async fn preview(state: &AppState, secret: &str) -> Result<(PasswordReset, Account), Failure> {
    let reset = secrets::open_link(secret, |hash| async move {
        state.store.password_reset(&hash).await
    })
    .await?;
    let account = state.store.account(reset.account).await?;
    if account.password_hash.is_empty() {
        return Err(Failure::NotFound("this account has been erased".into()));
    }
    Ok((reset, account))
}

/// What using a link gives: a session (its secret and CSRF token) for the
/// account, and how many other sessions and tokens ended.
pub struct SignedIn {
    pub secret: String,
    pub csrf: String,
    pub account: Account,
    pub ended: u64,
}

/// Without the secrets, which no log should hold.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("account", &self.account.id)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

/// Sets `new` as the password of the account the link is for, uses the
/// link up and signs its holder in.
pub async fn set_password(state: &AppState, secret: &str, new: &str) -> Result<SignedIn, Failure> {
    password::check_new("new_password", new).map_err(|e| Failure::Invalid(vec![e]))?;
    // Closed and unknown links are told before any hashing is spent.
    let (reset, _) = preview(state, secret).await?;
    let hash = password::hash(new).await?;
    let (user, ended) = state
        .store
        .use_password_reset(&reset.secret_hash, &hash, stamp::now())
        .await?;
    let account = state.store.account(user).await?;
    let (secret, csrf) = start_session(state, &account).await?;
    Ok(SignedIn {
        secret,
        csrf,
        account,
        ended,
    })
}
