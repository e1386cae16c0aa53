//! Forgetting what can never be used again: sessions and tokens that
//! ended, invitations and password-reset links that closed. Each names a
//! person and holds a secret's hash; once it cannot be used, keeping it
//! serves nobody for long (storage limitation, GDPR art. 5(1)(e)). A
//! month's grace keeps recent history readable: a steward still sees that
//! last week's invitation was accepted, an admin that a link was used.

use chrono::{DateTime, Duration, Utc};
use learnscape_core::{Store, StoreResult};
use std::sync::Arc;

/// How long an ended credential or a closed link is kept.
pub const KEPT_AFTER_END: Duration = Duration::days(30);

/// How often a running server forgets (at start, then this often).
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// How many of each went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub credentials: u64,
    pub invitations: u64,
    pub password_resets: u64,
}

/// Deletes what ended more than [`KEPT_AFTER_END`] before `now`.
pub async fn forget_spent(store: &dyn Store, now: DateTime<Utc>) -> StoreResult<Forgotten> {
    let before = now - KEPT_AFTER_END;
    Ok(Forgotten {
        credentials: store.forget_ended_credentials(before).await?,
        invitations: store.forget_closed_invitations(before).await?,
        password_resets: store.forget_closed_password_resets(before).await?,
    })
}

/// Runs [`forget_spent`] now and every [`EVERY`] for as long as the server
/// runs. Several processes on one database each do it; deleting twice is
/// deleting once. A failure (the database away) waits for the next turn.
pub async fn keep_forgetting(store: Arc<dyn Store>) {
    let mut turns = tokio::time::interval(EVERY);
    turns.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        turns.tick().await;
        match forget_spent(store.as_ref(), Utc::now()).await {
            Ok(f) if f != Forgotten::default() => tracing::info!(
                credentials = f.credentials,
                invitations = f.invitations,
                password_resets = f.password_resets,
                "forgot sessions, tokens and links that ended over 30 days ago"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(
                error = %e,
                "could not forget ended sessions and links; trying again in 6 hours"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use learnscape_core::commons::{CredentialKind, NewAccount, NewCredential, Role};
    use learnscape_core::memory_store::MemoryStore;
    use learnscape_core::store::CommonsStore;

    #[tokio::test]
    async fn keeps_a_month_after_the_end_and_not_a_second_more() {
        let store = MemoryStore::default();
        let now = Utc::now();
        let ana = store
            .insert_account(NewAccount {
                email: "ana@example.org".into(),
                display_name: "Ana".into(),
                role: Role::Member,
                password_hash: "x".into(),
                created_at: now - Duration::days(90),
            })
            .await
            .expect("account");
        for (n, ended_days_ago) in [(1, 31), (2, 29)] {
            store
                .insert_credential(NewCredential {
                    kind: CredentialKind::Session,
                    user: ana.id,
                    secret_hash: format!("{n:064x}"),
                    label: "browser".into(),
                    csrf: None,
                    created_at: now - Duration::days(60),
                    expires_at: Some(now - Duration::days(ended_days_ago)),
                })
                .await
                .expect("session");
        }
        let forgotten = forget_spent(&store, now).await.expect("forget");
        assert_eq!(
            forgotten,
            Forgotten {
                credentials: 1,
                ..Forgotten::default()
            }
        );
        assert!(
            store
                .credential(&format!("{:064x}", 1))
                .await
                .expect("read")
                .is_none()
        );
        assert!(
            store
                .credential(&format!("{:064x}", 2))
                .await
                .expect("read")
                .is_some()
        );
    }
}
