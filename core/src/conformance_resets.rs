//! Conformance: password reset links ([`crate::store::PasswordResetStore`]).

use crate::Store;
use crate::commons::one_time::{Closed, OneTimeLink};
use crate::commons::password_reset::{NewPasswordReset, PasswordReset};
use crate::commons::{CredentialKind, NewCredential, Role, UserId};
use crate::conformance_commons::{at, both, member, new_account};
use crate::store::{StoreError, StoreResult};

pub async fn a_reset_link_sets_one_password_once(store: &dyn Store) {
    let admin = store
        .insert_account(new_account("admin@example.org", Role::Admin))
        .await
        .expect("admin");
    let bo = member(store, "bo@example.org").await;
    let session = |n: u8| NewCredential {
        kind: CredentialKind::Session,
        user: bo.id,
        secret_hash: format!("{n:02x}").repeat(32),
        label: "browser session".into(),
        csrf: None,
        created_at: at(1),
        expires_at: None,
    };
    let new = |n: u32, account: UserId, created: u32, expires: u32| NewPasswordReset {
        account,
        secret_hash: format!("{n:064x}"),
        made_by: admin.id,
        created_at: at(created),
        expires_at: at(expires),
    };
    let make = |n, created, expires| async move {
        store
            .insert_password_reset(new(n, bo.id, created, expires))
            .await
            .expect("make")
    };
    let closed = |r: StoreResult<(UserId, u64)>, why: Closed| {
        assert!(
            matches!(&r, Err(StoreError::Conflict(w)) if w == PasswordReset::words(why)),
            "{why:?}: {r:?}"
        );
    };
    let password = |user| async move { store.account(user).await.expect("read").password_hash };
    let before = password(bo.id).await;

    let first = make(1, 2, 30).await;
    assert_eq!(
        store
            .password_reset(&first.secret_hash)
            .await
            .expect("read"),
        Some(first.clone())
    );
    assert!(first.is_open(at(2)) && first.made_by == admin.id);
    assert!(matches!(
        store.insert_password_reset(new(1, bo.id, 2, 30)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .insert_password_reset(new(2, UserId(999_999), 2, 30))
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        store
            .password_reset(&format!("{:064x}", 2))
            .await
            .expect("read"),
        None
    );

    // A newer link replaces the first; one for someone else does not.
    let other = store
        .insert_password_reset(new(3, admin.id, 3, 30))
        .await
        .expect("admin's own");
    let second = make(4, 4, 30).await;
    let replaced = store
        .password_reset(&first.secret_hash)
        .await
        .expect("read");
    assert_eq!(replaced.and_then(|r| r.withdrawn_at), Some(at(4)));
    let theirs = store
        .password_reset(&other.secret_hash)
        .await
        .expect("read");
    assert!(theirs.is_some_and(|r| r.is_open(at(5))));
    closed(
        store
            .use_password_reset(&first.secret_hash, "replaced", at(5))
            .await,
        Closed::Withdrawn,
    );
    assert_eq!(password(bo.id).await, before);
    let ids =
        |links: Vec<crate::commons::PasswordReset>| links.iter().map(|r| r.id).collect::<Vec<_>>();
    let open = store.open_password_resets(at(5)).await.expect("open");
    assert_eq!(ids(open), [second.id, other.id], "open ones, newest first");
    assert!(
        store
            .open_password_resets(at(30))
            .await
            .expect("open")
            .is_empty()
    );

    // An admin withdraws one: only while it is open.
    store
        .withdraw_password_reset(other.id, at(5))
        .await
        .expect("withdraw");
    closed(
        store
            .use_password_reset(&other.secret_hash, "withdrawn", at(6))
            .await,
        Closed::Withdrawn,
    );
    let again = store.withdraw_password_reset(other.id, at(6)).await;
    assert!(
        matches!(&again, Err(StoreError::Conflict(w)) if w == PasswordReset::words(Closed::Withdrawn)),
        "{again:?}"
    );
    assert!(matches!(
        store.withdraw_password_reset(999_999, at(6)).await,
        Err(StoreError::NotFound { .. })
    ));
    let open = store.open_password_resets(at(5)).await.expect("open");
    assert_eq!(ids(open), [second.id]);

    // The newest sets the password once and ends every session.
    store.insert_credential(session(1)).await.expect("one");
    store.insert_credential(session(2)).await.expect("two");
    assert_eq!(
        store
            .use_password_reset(&second.secret_hash, "new-hash", at(6))
            .await
            .expect("use"),
        (bo.id, 2)
    );
    assert_eq!(password(bo.id).await, "new-hash");
    let sessions = store.credentials_of(bo.id).await.expect("list");
    assert!(sessions.iter().all(|c| c.revoked_at == Some(at(6))));
    let used = store
        .password_reset(&second.secret_hash)
        .await
        .expect("read");
    assert_eq!(used.and_then(|r| r.used_at), Some(at(6)));
    closed(
        store
            .use_password_reset(&second.secret_hash, "again", at(7))
            .await,
        Closed::Used,
    );
    let used = store.withdraw_password_reset(second.id, at(7)).await;
    assert!(
        matches!(&used, Err(StoreError::Conflict(w)) if w == PasswordReset::words(Closed::Used)),
        "{used:?}"
    );
    assert_eq!(password(bo.id).await, "new-hash");
    assert!(matches!(
        store
            .use_password_reset(&format!("{:064x}", 99), "x", at(7))
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // A new password set another way voids an open link.
    let open = make(7, 7, 30).await;
    store
        .set_password(bo.id, "changed by bo", None, at(8))
        .await
        .expect("change");
    closed(
        store
            .use_password_reset(&open.secret_hash, "late", at(9))
            .await,
        Closed::Withdrawn,
    );
    assert_eq!(password(bo.id).await, "changed by bo");

    // Expired; and an account erased since, which no link opens again.
    let late = make(5, 7, 10).await;
    closed(
        store
            .use_password_reset(&late.secret_hash, "late", at(10))
            .await,
        Closed::Expired,
    );
    let cy = member(store, "cy@example.org").await;
    let for_cy = store
        .insert_password_reset(new(6, cy.id, 8, 30))
        .await
        .expect("cy's");
    store.erase_account(cy.id, true).await.expect("erase");
    assert!(matches!(
        store
            .use_password_reset(&for_cy.secret_hash, "back", at(9))
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(password(cy.id).await, "");
    let unused = store
        .password_reset(&for_cy.secret_hash)
        .await
        .expect("read");
    assert_eq!(unused.and_then(|r| r.used_at), None, "nothing half done");

    // Two people use one link at once, a few times over: one sets it.
    for round in 0..5 {
        let link = make(10 + round, 11, 30).await;
        let (x, y) = both(
            store.use_password_reset(&link.secret_hash, "by x", at(12)),
            store.use_password_reset(&link.secret_hash, "by y", at(12)),
        )
        .await;
        let set = password(bo.id).await;
        let won = match (&x, &y) {
            (Ok(_), Err(StoreError::Conflict(_))) => "by x",
            (Err(StoreError::Conflict(_)), Ok(_)) => "by y",
            _ => panic!("round {round}: {x:?} {y:?}"),
        };
        assert_eq!(set, won, "round {round}");
    }
}
