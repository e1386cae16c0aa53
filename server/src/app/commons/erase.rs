//! Erasing one's own account: what says who they were goes (e-mail
//! address, name, password, sessions, tokens, stewardships); what the
//! commons hold stays — the groups, their resources, and every revision
//! and decision, now made by "an erased account".

use super::{Failure, password};
use crate::app::AppState;
use learnscape_core::commons::{Account, FieldError};
use learnscape_core::store::StoreError;

/// Erases `actor`'s account once they prove their password, unless it is
/// the last admin (409). Returns the names of the groups it was the only
/// steward of, which only moderators can now change (the person is told
/// before they confirm).
pub async fn erase(
    state: &AppState,
    actor: &Account,
    given_password: &str,
) -> Result<Vec<String>, Failure> {
    password::count_guess(state, actor).await?;
    if !password::verify(given_password, &actor.password_hash).await {
        return Err(Failure::Invalid(vec![FieldError::new(
            "password",
            "is not your password",
        )]));
    }
    let orphaned = state
        .store
        .groups()
        .await?
        .into_iter()
        .filter(|g| g.stewards == [actor.id])
        .map(|g| g.name)
        .collect();
    match state.store.erase_account(actor.id, true).await {
        Err(StoreError::Conflict(_)) => Err(Failure::Conflict(
            "you are the last admin: make another admin first, then erase your account".into(),
        )),
        done => done.map_err(Failure::from),
    }?;
    Ok(orphaned)
}
