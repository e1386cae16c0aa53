//! Conformance checks of the commons part of a store.

use crate::commons::invitation::{
    Invitation, NewInvitation, OPEN_INVITATIONS_PER_GROUP, too_many_open_words,
};
use crate::commons::one_time::{Closed, OneTimeLink};
use crate::commons::report::Resolution;
use crate::commons::{Account, Actor, ResourceContent};
use crate::commons::{
    CredentialKind, GroupId, Licence, Location, NewAccount, NewCredential, NewReport, ReportKind,
    Role, UserId, rules,
};
use crate::store::{StoreError, StoreResult};
use crate::{Category, LonLat, Store};
use chrono::{Duration, TimeZone, Utc};
use std::task::Poll;

pub(crate) fn at(minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, minute, 0)
        .single()
        .unwrap_or_default()
}

/// Runs two futures at once (each store's pool gives them their own
/// connections) and waits for both; core has no async runtime to join with.
pub(crate) async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            ra = Some(v);
        }
        if rb.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            rb = Some(v);
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

pub(crate) fn new_account(email: &str, role: Role) -> NewAccount {
    NewAccount {
        email: email.into(),
        display_name: format!("Person {email}"),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        created_at: at(0),
    }
}

/// A new member's account, as most checks begin.
pub(crate) async fn member(store: &dyn Store, email: &str) -> Account {
    store
        .insert_account(new_account(email, Role::Member))
        .await
        .expect(email)
}

fn content(name: &str) -> ResourceContent {
    ResourceContent {
        name: name.into(),
        category: Category::Makerspace,
        location: Location::Outline(vec![
            LonLat::new(9.52, 47.14),
            LonLat::new(9.521, 47.14),
            LonLat::new(9.521, 47.141),
            LonLat::new(9.52, 47.14),
        ]),
        offers: "Werkzeug zum Ausleihen".into(),
        opening_hours: Some("Sa 10:00-14:00".into()),
        access_terms: "alle".into(),
        contact: "werkstatt@example.org".into(),
        website: Some("https://example.org".into()),
        sensitive: true,
        licence: Licence::Odbl,
    }
}

pub async fn accounts_are_unique_by_email_and_read_back(store: &dyn Store) {
    let a = member(store, "ana@example.org").await;
    assert_eq!(store.account(a.id).await.expect("read"), a);
    assert_eq!(
        store
            .account_by_email("ana@example.org")
            .await
            .expect("by email"),
        Some(a.clone())
    );
    assert_eq!(
        store
            .account_by_email("nobody@example.org")
            .await
            .expect("by email"),
        None
    );
    assert!(matches!(
        store
            .insert_account(new_account("ana@example.org", Role::Admin))
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(store.staff().await.expect("staff").is_empty());
    store
        .set_role(a.id, Role::Moderator, true)
        .await
        .expect("role");
    assert_eq!(
        store.account(a.id).await.expect("read").role,
        Role::Moderator
    );
    // Those who moderate, by id: moderators and admins, not members.
    let admin = store
        .insert_account(new_account("admin@example.org", Role::Admin))
        .await
        .expect("admin");
    member(store, "bo@example.org").await;
    let ids = |all: Vec<Account>| all.into_iter().map(|x| x.id).collect::<Vec<_>>();
    assert_eq!(ids(store.staff().await.expect("staff")), [a.id, admin.id]);
    store
        .set_role(a.id, Role::Member, true)
        .await
        .expect("back");
    assert_eq!(ids(store.staff().await.expect("staff")), [admin.id]);
}

pub async fn credentials_are_found_by_hash_and_revoked_only_by_their_owner(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let b = member(store, "b@example.org").await;
    let c = store
        .insert_credential(NewCredential {
            kind: CredentialKind::Session,
            user: a.id,
            secret_hash: "ab".repeat(32),
            label: "browser".into(),
            csrf: Some("csrf-token".into()),
            created_at: at(1),
            expires_at: Some(at(1) + Duration::days(14)),
        })
        .await
        .expect("credential");
    assert_eq!(
        store.credential(&"ab".repeat(32)).await.expect("find"),
        Some(c.clone())
    );
    assert_eq!(
        store.credential(&"cd".repeat(32)).await.expect("find"),
        None
    );
    assert!(c.is_live(at(2)));
    assert!(matches!(
        store.revoke_credential(b.id, c.id, at(3)).await,
        Err(StoreError::NotFound { .. })
    ));
    store
        .revoke_credential(a.id, c.id, at(3))
        .await
        .expect("revoke");
    let revoked = store
        .credential(&"ab".repeat(32))
        .await
        .expect("find")
        .expect("kept");
    assert_eq!(revoked.revoked_at, Some(at(3)));
    assert!(!revoked.is_live(at(4)));
    assert_eq!(store.credentials_of(a.id).await.expect("list").len(), 1);
    assert!(store.credentials_of(b.id).await.expect("list").is_empty());
}

pub async fn a_new_password_ends_every_other_live_credential(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let b = member(store, "b@example.org").await;
    let credential = |user, n: u8, kind, expires| NewCredential {
        kind,
        user,
        secret_hash: format!("{n:02x}").repeat(32),
        label: format!("credential {n}"),
        csrf: None,
        created_at: at(1),
        expires_at: expires,
    };
    let later = Some(at(1) + Duration::days(14));
    let current = store
        .insert_credential(credential(a.id, 1, CredentialKind::Session, later))
        .await
        .expect("current");
    store
        .insert_credential(credential(a.id, 2, CredentialKind::Session, later))
        .await
        .expect("other");
    store
        .insert_credential(credential(a.id, 3, CredentialKind::Token, None))
        .await
        .expect("token");
    // Already over: neither counted nor stamped again.
    store
        .insert_credential(credential(a.id, 4, CredentialKind::Token, Some(at(2))))
        .await
        .expect("expired");
    let revoked = store
        .insert_credential(credential(a.id, 5, CredentialKind::Token, later))
        .await
        .expect("revoked");
    store
        .revoke_credential(a.id, revoked.id, at(3))
        .await
        .expect("revoke");
    store
        .insert_credential(credential(b.id, 6, CredentialKind::Session, later))
        .await
        .expect("b's");

    let n = store
        .set_password(a.id, "$argon2id$new", Some(current.id), at(10))
        .await
        .expect("set");
    assert_eq!(n, 2, "the other session and the live token");
    assert_eq!(
        store.account(a.id).await.expect("a").password_hash,
        "$argon2id$new"
    );
    assert_eq!(
        store.account(b.id).await.expect("b").password_hash,
        new_account("b", Role::Member).password_hash
    );
    let revoked_at = |n: u8| async move {
        store
            .credential(&format!("{n:02x}").repeat(32))
            .await
            .expect("find")
            .expect("kept")
            .revoked_at
    };
    assert_eq!(revoked_at(1).await, None, "the session it was made in");
    assert_eq!(revoked_at(2).await, Some(at(10)));
    assert_eq!(revoked_at(3).await, Some(at(10)));
    assert_eq!(revoked_at(4).await, None, "expired before");
    assert_eq!(revoked_at(5).await, Some(at(3)), "revoked before");
    assert_eq!(revoked_at(6).await, None, "another account's");

    // Without a session to keep (an administrator's reset), all go.
    let n = store
        .set_password(a.id, "$argon2id$newer", None, at(11))
        .await
        .expect("reset");
    assert_eq!(n, 1);
    assert_eq!(revoked_at(1).await, Some(at(11)));
    assert!(matches!(
        store.set_password(UserId(999_999), "x", None, at(12)).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn an_erased_account_keeps_only_its_id(store: &dyn Store) {
    let a = store
        .insert_account(new_account("ana@example.org", Role::Admin))
        .await
        .expect("a");
    let b = member(store, "bo@example.org").await;
    let session = |user, n: u8| NewCredential {
        kind: CredentialKind::Session,
        user,
        secret_hash: format!("{n:02x}").repeat(32),
        label: "browser session".into(),
        csrf: None,
        created_at: at(1),
        expires_at: None,
    };
    store
        .insert_credential(session(a.id, 1))
        .await
        .expect("a's");
    store
        .insert_credential(session(b.id, 2))
        .await
        .expect("b's");
    let shared = store
        .insert_group("Gemeinsam", "", a.id, at(1))
        .await
        .expect("shared");
    store.add_steward(shared.id, b.id).await.expect("b too");
    let hers = store
        .insert_group("Nur Ana", "", a.id, at(1))
        .await
        .expect("hers");

    // Ana is the only admin: erased without keeping one (as the server's
    // machine could), to see that the role goes too.
    store.erase_account(a.id, false).await.expect("erase");
    let erased = store.account(a.id).await.expect("still there");
    assert_eq!(erased.email, crate::store::erased_email(a.id));
    assert!(!erased.email.contains('@'));
    assert_eq!(erased.display_name, crate::store::ERASED_NAME);
    assert_eq!(erased.password_hash, "");
    assert_eq!(erased.role, Role::Member);
    assert_eq!(erased.created_at, a.created_at);
    assert_eq!(
        store
            .account_by_email("ana@example.org")
            .await
            .expect("by email"),
        None
    );
    assert!(store.credentials_of(a.id).await.expect("list").is_empty());
    assert!(
        matches!(
            store.set_password(a.id, "back", None, at(2)).await,
            Err(StoreError::NotFound { .. })
        ),
        "no password opens an erased account again"
    );
    assert_eq!(
        store.credential(&"01".repeat(32)).await.expect("find"),
        None
    );
    assert_eq!(
        store.group(shared.id).await.expect("shared").stewards,
        [b.id]
    );
    assert!(
        store
            .group(hers.id)
            .await
            .expect("hers")
            .stewards
            .is_empty()
    );
    // Bo keeps everything; the address is free to sign up with again.
    assert_eq!(store.account(b.id).await.expect("b"), b);
    assert_eq!(store.credentials_of(b.id).await.expect("list").len(), 1);
    store
        .insert_account(new_account("ana@example.org", Role::Member))
        .await
        .expect("the address again");
    assert!(matches!(
        store.erase_account(UserId(999_999), true).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn groups_keep_their_stewards(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let b = member(store, "b@example.org").await;
    let g = store
        .insert_group(
            "Repair Café Vaduz",
            "Reparieren statt wegwerfen",
            a.id,
            at(1),
        )
        .await
        .expect("group");
    assert!(matches!(
        store
            .insert_group("Repair Café Vaduz", "", b.id, at(2))
            .await,
        Err(StoreError::Conflict(_))
    ));
    store.add_steward(g.id, b.id).await.expect("steward");
    store.add_steward(g.id, b.id).await.expect("twice is once");
    let read = store.group(g.id).await.expect("read");
    assert_eq!(read.stewards, vec![a.id, b.id]);
    assert_eq!(store.groups().await.expect("groups"), vec![read]);
}

pub async fn a_group_is_renamed_and_never_loses_its_last_steward_by_stepping_down(
    store: &dyn Store,
) {
    let a = member(store, "a@example.org").await;
    let b = member(store, "b@example.org").await;
    let g = store
        .insert_group("Repair Café", "", a.id, at(1))
        .await
        .expect("g");
    let other = store
        .insert_group("Saatgut", "Samen tauschen", a.id, at(1))
        .await
        .expect("other");
    assert!(matches!(
        store.update_group(g.id, "Saatgut", "").await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.group(g.id).await.expect("unchanged").name,
        "Repair Café"
    );
    store
        .update_group(g.id, "Repair Café Vaduz", "Jeden Samstag")
        .await
        .expect("rename");
    store
        .update_group(g.id, "Repair Café Vaduz", "Jeden ersten Samstag")
        .await
        .expect("its own name is not taken");
    let read = store.group(g.id).await.expect("read");
    assert_eq!(
        (
            read.name.as_str(),
            read.description.as_str(),
            read.created_at
        ),
        ("Repair Café Vaduz", "Jeden ersten Samstag", g.created_at)
    );
    assert_eq!(store.group(other.id).await.expect("other"), other);
    assert!(matches!(
        store.update_group(GroupId(999_999), "Nirgends", "").await,
        Err(StoreError::NotFound { .. })
    ));

    let stewards = |id| async move { store.group(id).await.expect("read").stewards };
    assert!(matches!(
        store.remove_steward(g.id, b.id, true).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.remove_steward(GroupId(999_999), a.id, false).await,
        Err(StoreError::NotFound { .. })
    ));
    store.add_steward(g.id, b.id).await.expect("b");
    store
        .remove_steward(g.id, a.id, true)
        .await
        .expect("a steps down");
    assert_eq!(stewards(g.id).await, [b.id]);
    assert!(matches!(
        store.remove_steward(g.id, b.id, true).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(stewards(g.id).await, [b.id], "the last one stays");
    // A moderator may end the last stewardship (`keep_one` false).
    store
        .remove_steward(g.id, b.id, false)
        .await
        .expect("ended");
    assert!(stewards(g.id).await.is_empty());
    assert_eq!(stewards(other.id).await, [a.id]);

    // Both stewards step down at once, a few times over: one stays.
    for round in 0..5 {
        store.add_steward(other.id, b.id).await.expect("b again");
        let (by_a, by_b) = both(
            store.remove_steward(other.id, a.id, true),
            store.remove_steward(other.id, b.id, true),
        )
        .await;
        let left = stewards(other.id).await;
        assert_eq!(left.len(), 1, "round {round}: {by_a:?} {by_b:?}");
        assert!(
            matches!(
                (&by_a, &by_b),
                (Ok(()), Err(StoreError::Conflict(_))) | (Err(StoreError::Conflict(_)), Ok(()))
            ),
            "round {round}: {by_a:?} {by_b:?}"
        );
        if left == [b.id] {
            store.add_steward(other.id, a.id).await.expect("a again");
            store
                .remove_steward(other.id, b.id, true)
                .await
                .expect("b off");
        }
    }
}

pub async fn the_last_admin_stays_one_even_when_two_step_back_at_once(store: &dyn Store) {
    let admin = |email: String| async move {
        store
            .insert_account(new_account(&email, Role::Admin))
            .await
            .expect("admin")
    };
    let role = |id| async move { store.account(id).await.expect("read").role };
    let a = admin("a@example.org".into()).await;
    let m = member(store, "m@example.org").await;
    for refused in [
        store.set_role(a.id, Role::Moderator, true).await,
        store.set_role(a.id, Role::Member, true).await,
        store.erase_account(a.id, true).await,
    ] {
        assert!(
            matches!(&refused, Err(StoreError::Conflict(why)) if why == crate::store::LAST_ADMIN),
            "{refused:?}"
        );
    }
    assert_eq!(store.account(a.id).await.expect("untouched"), a);
    store
        .set_role(a.id, Role::Admin, true)
        .await
        .expect("staying admin is no change");
    store
        .set_role(m.id, Role::Moderator, true)
        .await
        .expect("others' roles change as ever");
    for missing in [
        store.set_role(UserId(999_999), Role::Member, true).await,
        store.erase_account(UserId(999_999), true).await,
    ] {
        assert!(
            matches!(missing, Err(StoreError::NotFound { .. })),
            "{missing:?}"
        );
    }
    // Without `keep_an_admin` (the server's own command line) it may.
    store
        .set_role(a.id, Role::Member, false)
        .await
        .expect("may");
    assert!(
        store
            .staff()
            .await
            .expect("staff")
            .iter()
            .all(|s| s.role != Role::Admin)
    );
    store.set_role(a.id, Role::Admin, true).await.expect("back");

    // Two admins step back at once, a few times over, by a role change or
    // by erasing their account: one of them stays an admin.
    for round in 0..6 {
        let b = admin(format!("b{round}@example.org")).await;
        let (by_a, by_b) = if round % 2 == 0 {
            both(
                store.set_role(a.id, Role::Member, true),
                store.set_role(b.id, Role::Moderator, true),
            )
            .await
        } else {
            both(
                store.set_role(a.id, Role::Member, true),
                store.erase_account(b.id, true),
            )
            .await
        };
        let admins: Vec<UserId> = (store.staff().await.expect("staff").into_iter())
            .filter(|s| s.role == Role::Admin)
            .map(|s| s.id)
            .collect();
        assert_eq!(admins.len(), 1, "round {round}: {by_a:?} {by_b:?}");
        assert!(
            matches!(
                (&by_a, &by_b),
                (Ok(()), Err(StoreError::Conflict(_))) | (Err(StoreError::Conflict(_)), Ok(()))
            ),
            "round {round}: {by_a:?} {by_b:?}"
        );
        if admins == [b.id] {
            store
                .set_role(a.id, Role::Admin, true)
                .await
                .expect("a again");
            store
                .set_role(b.id, Role::Member, true)
                .await
                .expect("b off");
        }
        assert_eq!(role(a.id).await, Role::Admin, "round {round}");
    }
}

pub async fn an_invitation_makes_one_steward_and_is_used_up(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let b = member(store, "b@example.org").await;
    let c = member(store, "c@example.org").await;
    let g = store
        .insert_group("Saatgut", "", a.id, at(1))
        .await
        .expect("g");
    let other = store
        .insert_group("Werkstatt", "", c.id, at(1))
        .await
        .expect("other");
    let new = |n: u32, expires: u32| NewInvitation {
        group: g.id,
        secret_hash: format!("{n:064x}"),
        invited_by: a.id,
        created_at: at(1),
        expires_at: at(expires),
    };
    let invite = |n, expires| async move {
        store
            .insert_invitation(new(n, expires))
            .await
            .expect("invite")
    };
    let closed = |r: StoreResult<GroupId>, why: Closed| {
        assert!(
            matches!(&r, Err(StoreError::Conflict(w)) if w == Invitation::words(why)),
            "{why:?}: {r:?}"
        );
    };
    let stewards = |id| async move { store.group(id).await.expect("read").stewards };

    let first = invite(1, 30).await;
    assert_eq!(
        store.invitation(&first.secret_hash).await.expect("read"),
        Some(first.clone())
    );
    assert!(first.is_open(at(2)) && first.invited_by == a.id);
    assert!(matches!(
        store.insert_invitation(new(1, 30)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .insert_invitation(NewInvitation {
                group: GroupId(999_999),
                ..new(2, 30)
            })
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        store
            .invitation(&format!("{:064x}", 2))
            .await
            .expect("read"),
        None
    );

    // Bo accepts: he stewards the group, and the link is used up.
    assert_eq!(
        store
            .accept_invitation(&first.secret_hash, b.id, at(3))
            .await
            .expect("accept"),
        g.id
    );
    assert_eq!(stewards(g.id).await, [a.id, b.id]);
    let used = store.invitation(&first.secret_hash).await.expect("read");
    let used = used.expect("still there");
    assert_eq!(
        (used.accepted_by, used.accepted_at),
        (Some(b.id), Some(at(3)))
    );
    closed(
        store
            .accept_invitation(&first.secret_hash, c.id, at(4))
            .await,
        Closed::Used,
    );
    assert_eq!(stewards(g.id).await, [a.id, b.id], "c is not let in");
    assert!(matches!(
        store
            .accept_invitation(&format!("{:064x}", 99), c.id, at(4))
            .await,
        Err(StoreError::NotFound { .. })
    ));

    // Expired; withdrawn (only through its own group, only while open).
    let late = invite(3, 10).await;
    closed(
        store
            .accept_invitation(&late.secret_hash, c.id, at(10))
            .await,
        Closed::Expired,
    );
    let withdrawn = invite(4, 30).await;
    assert!(matches!(
        store
            .withdraw_invitation(other.id, withdrawn.id, at(5))
            .await,
        Err(StoreError::NotFound { .. })
    ));
    store
        .withdraw_invitation(g.id, withdrawn.id, at(5))
        .await
        .expect("withdraw");
    for (id, why) in [(withdrawn.id, Closed::Withdrawn), (first.id, Closed::Used)] {
        let again = store.withdraw_invitation(g.id, id, at(6)).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict(w)) if w == Invitation::words(why)),
            "{again:?}"
        );
    }
    closed(
        store
            .accept_invitation(&withdrawn.secret_hash, c.id, at(6))
            .await,
        Closed::Withdrawn,
    );
    assert_eq!(stewards(g.id).await, [a.id, b.id]);
    let ids: Vec<i64> = (store.invitations_of(g.id).await.expect("list").iter())
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, [withdrawn.id, late.id, first.id], "newest first");
    assert!(
        store
            .invitations_of(other.id)
            .await
            .expect("list")
            .is_empty()
    );

    // A steward accepting keeps their place.
    let own = invite(5, 30).await;
    store
        .accept_invitation(&own.secret_hash, a.id, at(6))
        .await
        .expect("own");
    assert_eq!(stewards(g.id).await, [a.id, b.id]);

    // Two people accept one link at once, a few times over: one gets in.
    for round in 0..5 {
        let x = member(store, &format!("x{round}@example.org")).await;
        let y = member(store, &format!("y{round}@example.org")).await;
        let link = invite(10 + round, 30).await;
        let (by_x, by_y) = both(
            store.accept_invitation(&link.secret_hash, x.id, at(7)),
            store.accept_invitation(&link.secret_hash, y.id, at(7)),
        )
        .await;
        let now = stewards(g.id).await;
        assert_eq!(
            usize::from(now.contains(&x.id)) + usize::from(now.contains(&y.id)),
            1,
            "round {round}: {by_x:?} {by_y:?}"
        );
        assert!(
            matches!(
                (&by_x, &by_y),
                (Ok(_), Err(StoreError::Conflict(_))) | (Err(StoreError::Conflict(_)), Ok(_))
            ),
            "round {round}: {by_x:?} {by_y:?}"
        );
    }
}

pub async fn a_group_never_has_more_open_invitations_than_the_limit(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let g = store
        .insert_group("Saatgut", "", a.id, at(1))
        .await
        .expect("g");
    let other = store
        .insert_group("Werkstatt", "", a.id, at(1))
        .await
        .expect("other");
    let mut n = 0u32;
    let mut new = |group, created, expires| {
        n += 1;
        NewInvitation {
            group,
            secret_hash: format!("{n:064x}"),
            invited_by: a.id,
            created_at: at(created),
            expires_at: at(expires),
        }
    };
    let too_many = |r: &StoreResult<Invitation>| matches!(r, Err(StoreError::Conflict(w)) if *w == too_many_open_words());

    // One that expires early, then the rest up to the limit.
    store
        .insert_invitation(new(g.id, 1, 5))
        .await
        .expect("early");
    let mut open = Vec::new();
    for _ in 1..OPEN_INVITATIONS_PER_GROUP {
        open.push(
            store
                .insert_invitation(new(g.id, 2, 30))
                .await
                .expect("under"),
        );
    }
    let r = store.insert_invitation(new(g.id, 3, 30)).await;
    assert!(too_many(&r), "{r:?}");
    // Another group's count is its own.
    store
        .insert_invitation(new(other.id, 3, 30))
        .await
        .expect("other group");
    // Once the early one has expired, there is room for one more.
    store
        .insert_invitation(new(g.id, 5, 30))
        .await
        .expect("after expiry");
    assert!(too_many(&store.insert_invitation(new(g.id, 6, 30)).await));
    let count = store.invitations_of(g.id).await.expect("list").len();
    assert_eq!(count, OPEN_INVITATIONS_PER_GROUP + 1, "nothing half made");

    // With one place left, two made at once: one is made, a few times over.
    for round in 0..4 {
        let freed = open.pop().expect("an open one");
        store
            .withdraw_invitation(g.id, freed.id, at(7))
            .await
            .expect("withdraw");
        let (x, y) = both(
            store.insert_invitation(new(g.id, 8, 30)),
            store.insert_invitation(new(g.id, 8, 30)),
        )
        .await;
        assert!(
            matches!((&x, &y), (Ok(_), Err(_)) | (Err(_), Ok(_))) && (too_many(&x) || too_many(&y)),
            "round {round}: {x:?} {y:?}"
        );
        let still_open = (store.invitations_of(g.id).await.expect("list").iter())
            .filter(|i| i.is_open(at(8)))
            .count();
        assert_eq!(still_open, OPEN_INVITATIONS_PER_GROUP, "round {round}");
    }
}

pub async fn a_resource_keeps_every_revision_and_saves_only_over_the_version_it_read(
    store: &dyn Store,
) {
    let a = member(store, "a@example.org").await;
    let m = store
        .insert_account(new_account("m@example.org", Role::Moderator))
        .await
        .expect("m");
    let g = store
        .insert_group("Werkstatt", "", a.id, at(1))
        .await
        .expect("group");
    let (steward, moderator) = (Actor::from(&a), Actor::from(&m));
    let new =
        rules::register(&steward, &g, content("Werkstatt"), "neu".into(), at(2)).expect("register");
    let stored = store.insert_resource(new).await.expect("insert");
    assert_ne!(stored.id.0, 0);
    assert_eq!(store.resource(stored.id).await.expect("read"), stored);

    let mut first = stored.clone();
    rules::decide(&mut first, &moderator, 1, true, "ok".into(), at(3)).expect("approve");
    let mut second = stored.clone();
    rules::edit(
        &mut second,
        &steward,
        &g,
        1,
        content("Werkstatt am Rhein"),
        "Name".into(),
        at(3),
    )
    .expect("edit");
    store
        .save_resource(&first, stored.version)
        .await
        .expect("first save wins");
    assert!(matches!(
        store.save_resource(&second, stored.version).await,
        Err(StoreError::Conflict(_))
    ));
    let read = store.resource(stored.id).await.expect("read");
    assert_eq!(read, first, "the losing save changed nothing");

    let mut third = read.clone();
    rules::edit(
        &mut third,
        &steward,
        &g,
        1,
        content("Werkstatt am Rhein"),
        "Name".into(),
        at(4),
    )
    .expect("edit");
    store
        .save_resource(&third, read.version)
        .await
        .expect("save");
    let read = store.resource(stored.id).await.expect("read");
    assert_eq!(read.revisions.len(), 2);
    assert_eq!(
        read.public().map(|r| r.content.name.as_str()),
        Some("Werkstatt")
    );
    assert_eq!(read.log.len(), 1);
    assert_eq!(read.revisions[1].content, content("Werkstatt am Rhein"));
    assert_eq!(store.resources().await.expect("all"), vec![read]);
}

pub async fn reports_are_closed_once(store: &dyn Store) {
    let a = member(store, "a@example.org").await;
    let g = store
        .insert_group("Werkstatt", "", a.id, at(1))
        .await
        .expect("group");
    let r = rules::register(&Actor::from(&a), &g, content("x"), String::new(), at(2))
        .expect("register");
    let r = store.insert_resource(r).await.expect("insert");
    let report = store
        .insert_report(NewReport {
            resource: r.id,
            kind: ReportKind::DoesNotExist,
            comment: "closed last year".into(),
            reporter: None,
            created_at: at(3),
        })
        .await
        .expect("report");
    assert_eq!(store.reports().await.expect("list"), vec![report.clone()]);
    let resolution = Resolution {
        by: a.id,
        at: at(4),
        note: "archived".into(),
    };
    let closed = store
        .resolve_report(report.id, resolution.clone())
        .await
        .expect("resolve");
    assert_eq!(closed.resolution, Some(resolution.clone()));
    assert!(matches!(
        store.resolve_report(report.id, resolution).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .insert_report(NewReport {
                resource: crate::commons::ResourceId(999_999),
                kind: ReportKind::WrongInformation,
                comment: String::new(),
                reporter: None,
                created_at: at(5),
            })
            .await,
        Err(StoreError::NotFound { .. })
    ));
}
