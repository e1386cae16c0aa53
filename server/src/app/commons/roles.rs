//! Who moderates: admins give and take the roles (moderator, admin), by
//! an account's id or its e-mail address, and see who holds them. The
//! last admin stays one: neither a role change through the API nor an
//! erasure leaves the registry without an admin. (`learnscape role`, on
//! the server's own machine, can still change any role.)

use super::{Failure, account_named, write_allowed};
use crate::app::AppState;
use learnscape_core::commons::{Account, Role, UserId};

pub use learnscape_core::store::LAST_ADMIN;

fn admins_only(actor: &Account) -> Result<(), Failure> {
    if actor.role != Role::Admin {
        return Err(Failure::Forbidden(
            "only admins see and change roles".into(),
        ));
    }
    Ok(())
}

/// Everyone who moderates, admins first, then by name.
pub async fn staff(state: &AppState, actor: &Account) -> Result<Vec<Account>, Failure> {
    admins_only(actor)?;
    let mut all = state.store.staff().await?;
    all.sort_by_cached_key(|a| (a.role != Role::Admin, a.display_name.to_lowercase(), a.id));
    Ok(all)
}

pub async fn set_role(
    state: &AppState,
    actor: &Account,
    user: UserId,
    role: Role,
) -> Result<Account, Failure> {
    admins_only(actor)?;
    write_allowed(state, actor).await?;
    // The store keeps the last admin one, in the change's transaction.
    state.store.set_role(user, role, true).await?;
    Ok(state.store.account(user).await?)
}

/// [`set_role`] for the account with this e-mail address, as people know
/// one another.
pub async fn set_role_by_email(
    state: &AppState,
    actor: &Account,
    email: &str,
    role: Role,
) -> Result<Account, Failure> {
    admins_only(actor)?;
    let user = account_named(state, email).await?;
    set_role(state, actor, user.id, role).await
}
