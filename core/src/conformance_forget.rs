//! Conformance: what can never be used again is forgotten, and nothing
//! else ([`crate::store::CommonsStore::forget_ended_credentials`] and the
//! links' counterparts).

use crate::Store;
use crate::commons::invitation::NewInvitation;
use crate::commons::password_reset::NewPasswordReset;
use crate::commons::{CredentialKind, NewCredential, Role, UserId};
use crate::conformance_commons::{at, member, new_account};
use chrono::{DateTime, Utc};

/// How many of each a store forgets: credentials, invitations, links.
async fn forget(store: &dyn Store, before: DateTime<Utc>) -> [u64; 3] {
    [
        store
            .forget_ended_credentials(before)
            .await
            .expect("credentials"),
        store
            .forget_closed_invitations(before)
            .await
            .expect("invitations"),
        store
            .forget_closed_password_resets(before)
            .await
            .expect("resets"),
    ]
}

pub async fn what_can_never_be_used_again_is_forgotten_and_nothing_else(store: &dyn Store) {
    let admin = store
        .insert_account(new_account("admin@example.org", Role::Admin))
        .await
        .expect("admin");
    let ana = member(store, "ana@example.org").await;
    let bo = member(store, "bo@example.org").await;
    let cy = member(store, "cy@example.org").await;
    let hash = |n: u32| format!("{n:064x}");

    // Sessions and tokens: live till 50, expired at 10, revoked at 12, at
    // 40, and live without an end.
    let credential = |n: u32, kind, expires: Option<u32>| NewCredential {
        kind,
        user: ana.id,
        secret_hash: hash(n),
        label: format!("credential {n}"),
        csrf: None,
        created_at: at(1),
        expires_at: expires.map(at),
    };
    for (n, kind, expires) in [
        (1, CredentialKind::Session, Some(50)),
        (2, CredentialKind::Session, Some(10)),
        (3, CredentialKind::Token, None),
        (4, CredentialKind::Token, None),
        (5, CredentialKind::Token, None),
    ] {
        store
            .insert_credential(credential(n, kind, expires))
            .await
            .expect("credential");
    }
    for (n, revoked) in [(3, 12), (4, 40)] {
        let c = store
            .credential(&hash(n))
            .await
            .expect("read")
            .expect("one");
        store
            .revoke_credential(ana.id, c.id, at(revoked))
            .await
            .expect("revoke");
    }

    // Invitations: open till 50, expired at 10, accepted at 5, withdrawn at 30.
    let group = store
        .insert_group("Saatgut", "", ana.id, at(1))
        .await
        .expect("group");
    let invite = |n: u32, expires: u32| NewInvitation {
        group: group.id,
        secret_hash: hash(n),
        invited_by: ana.id,
        created_at: at(1),
        expires_at: at(expires),
    };
    for (n, expires) in [(11, 50), (12, 10), (13, 50), (14, 50)] {
        store
            .insert_invitation(invite(n, expires))
            .await
            .expect("invite");
    }
    store
        .accept_invitation(&hash(13), bo.id, at(5))
        .await
        .expect("accept");
    let withdrawn = store
        .invitation(&hash(14))
        .await
        .expect("read")
        .expect("one");
    store
        .withdraw_invitation(group.id, withdrawn.id, at(30))
        .await
        .expect("withdraw");

    // Reset links (one open per account): Bo's used at 6, Cy's expired at
    // 10, Ana's open till 50, the admin's withdrawn at 30.
    let reset = |n: u32, account: UserId, expires: u32| NewPasswordReset {
        account,
        secret_hash: hash(n),
        made_by: admin.id,
        created_at: at(2),
        expires_at: at(expires),
    };
    for (n, account, expires) in [
        (21, bo.id, 50),
        (22, cy.id, 10),
        (23, ana.id, 50),
        (24, admin.id, 50),
    ] {
        store
            .insert_password_reset(reset(n, account, expires))
            .await
            .expect("reset");
    }
    store
        .use_password_reset(&hash(21), "$argon2id$new", at(6))
        .await
        .expect("use");
    let admins = store
        .password_reset(&hash(24))
        .await
        .expect("read")
        .expect("one");
    store
        .withdraw_password_reset(admins.id, at(30))
        .await
        .expect("withdraw");

    let kept = |ids: &'static [u32]| async move {
        let mut found = Vec::new();
        for &n in ids {
            let c = store.credential(&hash(n)).await.expect("read").is_some();
            let i = store.invitation(&hash(n)).await.expect("read").is_some();
            let r = store
                .password_reset(&hash(n))
                .await
                .expect("read")
                .is_some();
            if c || i || r {
                found.push(n);
            }
        }
        found
    };
    const ALL: &[u32] = &[1, 2, 3, 4, 5, 11, 12, 13, 14, 21, 22, 23, 24];

    // At 20: what ended by then goes, what ended later or not at all stays.
    assert_eq!(forget(store, at(20)).await, [2, 2, 2]);
    assert_eq!(kept(ALL).await, [1, 4, 5, 11, 14, 23, 24]);
    assert_eq!(forget(store, at(20)).await, [0, 0, 0], "twice is once");
    // What the forgotten links did stays done.
    assert_eq!(
        store.group(group.id).await.expect("read").stewards,
        [ana.id, bo.id]
    );
    assert_eq!(
        store.account(bo.id).await.expect("read").password_hash,
        "$argon2id$new"
    );

    // At 45 the later revocation and withdrawals; at 50 what expires then.
    assert_eq!(forget(store, at(45)).await, [1, 1, 1]);
    assert_eq!(forget(store, at(50)).await, [1, 1, 1]);
    assert_eq!(kept(ALL).await, [5]);
    assert!(store.account(ana.id).await.is_ok() && store.group(group.id).await.is_ok());
}
