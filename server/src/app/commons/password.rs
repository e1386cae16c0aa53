//! Passwords: the rule every new one meets, hashing off the async
//! threads, and changing one — by its owner, or by an administrator on the
//! server's machine for someone who forgot theirs (there is no e-mail to
//! send a reset link with). Either way, every other session and API token
//! of the account ends with the old password: whoever else knew it loses
//! what they signed in to, or made, with it.

use super::{Failure, secrets};
use crate::app::AppState;
use learnscape_core::commons::{Account, Credential, FieldError};
use learnscape_core::stamp;
use learnscape_core::{Store, StoreError};

/// The length every password needs, in characters.
pub const LENGTH: std::ops::RangeInclusive<usize> = 10..=200;

/// `field` names the password in the error.
pub fn check_new(field: &str, password: &str) -> Result<(), FieldError> {
    if LENGTH.contains(&password.chars().count()) {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("needs {} to {} characters", LENGTH.start(), LENGTH.end()),
        ))
    }
}

/// An argon2id hash, made on a blocking thread: it takes tens of
/// milliseconds of one core on purpose.
pub async fn hash(password: &str) -> Result<String, Failure> {
    let p = password.to_string();
    tokio::task::spawn_blocking(move || secrets::hash_password(&p))
        .await
        .map_err(|e| Failure::Store(StoreError::Backend(e.to_string())))?
        .map_err(|e| Failure::Store(StoreError::Backend(e)))
}

/// Whether `password` is the one `hash` was made of, on a blocking thread.
pub async fn verify(password: &str, hash: &str) -> bool {
    let (p, h) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || secrets::verify_password(&p, &h))
        .await
        .unwrap_or(false)
}

/// Counts one proof of `actor`'s password (a change or an erasure) toward
/// the sign-in limit, all under one key: a stolen session must not
/// guess the password faster than the sign-in form allows.
pub async fn count_guess(state: &AppState, actor: &Account) -> Result<(), Failure> {
    state
        .registry
        .limits
        .logins
        .check(&*state.store, &format!("password|{}", actor.id.0))
        .await
}

/// The owner changes their password, proving the current one; the
/// credential they asked with stays. Returns how many other sessions and
/// tokens ended.
pub async fn change(
    state: &AppState,
    actor: &Account,
    asked_with: &Credential,
    current: &str,
    new: &str,
) -> Result<u64, Failure> {
    count_guess(state, actor).await?;
    let mut errors = Vec::new();
    let current_ok = verify(current, &actor.password_hash).await;
    if !current_ok {
        errors.push(FieldError::new("current_password", "is not your password"));
    }
    if let Err(e) = check_new("new_password", new) {
        errors.push(e);
    } else if current_ok && new == current {
        errors.push(FieldError::new(
            "new_password",
            "is the password you have now",
        ));
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let hash = hash(new).await?;
    Ok(state
        .store
        .set_password(actor.id, &hash, Some(asked_with.id), stamp::now())
        .await?)
}

/// Sets a new password for the account with e-mail `email`, ending all
/// its sessions and tokens: `learnscape password`. Returns how many
/// ended; `NotFound` for an unknown address.
pub async fn reset(store: &dyn Store, email: &str, new: &str) -> Result<u64, Failure> {
    let email = email.trim().to_lowercase();
    let Some(account) = store.account_by_email(&email).await? else {
        return Err(Failure::NotFound(format!(
            "no account has the e-mail address {email}"
        )));
    };
    check_new("password", new).map_err(|e| Failure::Invalid(vec![e]))?;
    let hash = hash(new).await?;
    Ok(store
        .set_password(account.id, &hash, None, stamp::now())
        .await?)
}
