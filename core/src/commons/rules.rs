//! Who may do what to a resource, and what each action does to it. Pure:
//! the caller loads the aggregate, applies a rule, and saves it over the
//! version it read.

use super::{
    Account, Group, ModerationAction, ModerationEvent, Resource, ResourceContent, ResourceId,
    Revision, RevisionState, Role, UserId,
};
use chrono::{DateTime, Utc};

/// The authenticated account behind a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: UserId,
    pub role: Role,
}

impl From<&Account> for Actor {
    fn from(a: &Account) -> Self {
        Actor {
            id: a.id,
            role: a.role,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommonsError {
    #[error("{0}")]
    Forbidden(String),
    /// The edit was based on an older revision than the newest.
    #[error(
        "the resource has changed: your edit is based on revision {based_on}, the newest is {current}"
    )]
    StaleRevision { based_on: u32, current: u32 },
    #[error("{0}")]
    Conflict(String),
}

impl Actor {
    pub fn is_steward(&self, group: &Group) -> bool {
        group.stewards.contains(&self.id)
    }

    /// Stewards of the owning group, moderators and admins.
    pub fn may_edit(&self, group: &Group) -> bool {
        self.role.moderates() || self.is_steward(group)
    }

    /// May see contact details and unpublished revisions.
    pub fn may_see_private(&self, group: &Group) -> bool {
        self.may_edit(group)
    }
}

fn forbid(what: &str) -> CommonsError {
    CommonsError::Forbidden(format!("you may not {what}"))
}

/// A new resource, its first revision pending review.
pub fn register(
    actor: &Actor,
    group: &Group,
    content: ResourceContent,
    comment: String,
    now: DateTime<Utc>,
) -> Result<Resource, CommonsError> {
    if !actor.may_edit(group) {
        return Err(forbid("register resources for a group you do not steward"));
    }
    Ok(Resource {
        id: ResourceId(0),
        group: group.id,
        created_at: now,
        archived: false,
        revisions: vec![Revision {
            number: 1,
            content,
            author: actor.id,
            created_at: now,
            comment,
            state: RevisionState::Pending,
        }],
        log: Vec::new(),
        version: 1,
    })
}

/// Adds a revision based on `based_on`, which must be the newest. An
/// unreviewed older revision is superseded; the last approved one stays
/// public until this one is approved.
pub fn edit(
    resource: &mut Resource,
    actor: &Actor,
    group: &Group,
    based_on: u32,
    content: ResourceContent,
    comment: String,
    now: DateTime<Utc>,
) -> Result<(), CommonsError> {
    if !actor.may_edit(group) {
        return Err(forbid("edit resources of a group you do not steward"));
    }
    if resource.archived {
        return Err(CommonsError::Conflict(
            "the resource is archived and cannot be edited".into(),
        ));
    }
    let current = resource.head().map_or(0, |r| r.number);
    if based_on != current {
        return Err(CommonsError::StaleRevision { based_on, current });
    }
    if let Some(head) = resource.revisions.last_mut()
        && head.state == RevisionState::Pending
    {
        head.state = RevisionState::Superseded;
    }
    resource.revisions.push(Revision {
        number: current + 1,
        content,
        author: actor.id,
        created_at: now,
        comment,
        state: RevisionState::Pending,
    });
    resource.version += 1;
    Ok(())
}

/// A moderator approves or rejects the pending revision `revision`.
pub fn decide(
    resource: &mut Resource,
    actor: &Actor,
    revision: u32,
    approve: bool,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(), CommonsError> {
    if !actor.role.moderates() {
        return Err(forbid(
            "moderate: only moderators and admins review entries",
        ));
    }
    if resource.archived {
        return Err(CommonsError::Conflict("the resource is archived".into()));
    }
    let current = resource.head().map_or(0, |r| r.number);
    let Some(r) = resource.revisions.iter_mut().find(|r| r.number == revision) else {
        return Err(CommonsError::Conflict(format!(
            "there is no revision {revision}"
        )));
    };
    if r.state != RevisionState::Pending {
        return Err(if revision != current {
            CommonsError::StaleRevision {
                based_on: revision,
                current,
            }
        } else {
            CommonsError::Conflict(format!("revision {revision} was already reviewed"))
        });
    }
    r.state = if approve {
        RevisionState::Approved
    } else {
        RevisionState::Rejected
    };
    resource.log.push(ModerationEvent {
        revision,
        actor: actor.id,
        action: if approve {
            ModerationAction::Approve
        } else {
            ModerationAction::Reject
        },
        reason,
        at: now,
    });
    resource.version += 1;
    Ok(())
}

/// Logs a decision about the entry as a whole (at its head revision) and
/// bumps its version.
fn log_whole_entry(
    resource: &mut Resource,
    actor: &Actor,
    action: ModerationAction,
    reason: String,
    now: DateTime<Utc>,
) {
    resource.log.push(ModerationEvent {
        revision: resource.head().map_or(0, |r| r.number),
        actor: actor.id,
        action,
        reason,
        at: now,
    });
    resource.version += 1;
}

/// Takes a resource off the map for good (a steward closing it, or a
/// moderator acting on a report). Its history stays.
pub fn archive(
    resource: &mut Resource,
    actor: &Actor,
    group: &Group,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(), CommonsError> {
    if !actor.may_edit(group) {
        return Err(forbid("archive resources of a group you do not steward"));
    }
    if resource.archived {
        return Err(CommonsError::Conflict(
            "the resource is already archived".into(),
        ));
    }
    if let Some(head) = resource.revisions.last_mut()
        && head.state == RevisionState::Pending
    {
        head.state = RevisionState::Superseded;
    }
    resource.archived = true;
    log_whole_entry(resource, actor, ModerationAction::Archive, reason, now);
    Ok(())
}

/// Brings an archived resource back: public again as last approved, its
/// history going on, and what waited for review when it was archived
/// waiting again. An archive is undone by whom it concerns: what the
/// group archived (a steward did), its stewards or a moderator restore;
/// what a moderator archived (acting on a report, say), only a moderator.
pub fn restore(
    resource: &mut Resource,
    actor: &Actor,
    group: &Group,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(), CommonsError> {
    if !actor.may_edit(group) {
        return Err(forbid("restore resources of a group you do not steward"));
    }
    if !resource.archived {
        return Err(CommonsError::Conflict(
            "the resource is not archived".into(),
        ));
    }
    let archived_by = resource
        .log
        .iter()
        .rev()
        .find(|e| e.action == ModerationAction::Archive)
        .map(|e| e.actor);
    let by_the_group = archived_by.is_some_and(|who| group.stewards.contains(&who));
    if !by_the_group && !actor.role.moderates() {
        return Err(forbid(
            "restore what a moderator archived (only moderators may)",
        ));
    }
    // The archive superseded the revision that waited for review (nothing
    // else leaves a superseded revision the newest): it waits again.
    if let Some(head) = resource.revisions.last_mut()
        && head.state == RevisionState::Superseded
    {
        head.state = RevisionState::Pending;
    }
    resource.archived = false;
    log_whole_entry(resource, actor, ModerationAction::Restore, reason, now);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commons::{GroupId, Licence, Location, ResourceStatus};
    use crate::{Category, LonLat};

    fn content(name: &str) -> ResourceContent {
        ResourceContent {
            name: name.into(),
            category: Category::Makerspace,
            location: Location::Point(LonLat::new(9.52, 47.14)),
            offers: "tools".into(),
            opening_hours: Some("Sa 10:00-14:00".into()),
            access_terms: "free for members".into(),
            contact: "repair@example.org".into(),
            website: None,
            sensitive: false,
            licence: Licence::Cc0,
        }
    }

    fn setup() -> (Actor, Actor, Actor, Group) {
        let steward = Actor {
            id: UserId(1),
            role: Role::Member,
        };
        let stranger = Actor {
            id: UserId(2),
            role: Role::Member,
        };
        let moderator = Actor {
            id: UserId(3),
            role: Role::Moderator,
        };
        let group = Group {
            id: GroupId(1),
            name: "Repair Café".into(),
            description: String::new(),
            created_at: Utc::now(),
            stewards: vec![steward.id],
        };
        (steward, stranger, moderator, group)
    }

    #[test]
    fn a_resource_goes_from_pending_to_approved_and_an_edit_keeps_the_approved_version_public() {
        let (steward, _, moderator, group) = setup();
        let now = Utc::now();
        let mut r =
            register(&steward, &group, content("Werkstatt"), "new".into(), now).expect("register");
        assert_eq!(r.status(), ResourceStatus::Pending);
        assert!(r.public().is_none());
        decide(&mut r, &moderator, 1, true, String::new(), now).expect("approve");
        assert_eq!(r.status(), ResourceStatus::Approved);
        edit(
            &mut r,
            &steward,
            &group,
            1,
            content("Werkstatt am Rhein"),
            "renamed".into(),
            now,
        )
        .expect("edit");
        assert_eq!(
            r.public().map(|p| p.content.name.as_str()),
            Some("Werkstatt")
        );
        assert_eq!(r.status(), ResourceStatus::Approved);
        assert_eq!(r.pending().map(|p| p.number), Some(2));
        decide(&mut r, &moderator, 2, true, String::new(), now).expect("approve");
        assert_eq!(
            r.public().map(|p| p.content.name.as_str()),
            Some("Werkstatt am Rhein")
        );
        archive(&mut r, &steward, &group, "closed".into(), now).expect("archive");
        assert_eq!(r.status(), ResourceStatus::Archived);
        assert!(r.public().is_none());
        assert_eq!(r.log.len(), 3);
    }

    #[test]
    fn an_archive_is_undone_by_whom_it_concerns() {
        let (steward, stranger, moderator, group) = setup();
        let now = Utc::now();
        let mut r =
            register(&steward, &group, content("Werkstatt"), String::new(), now).expect("register");
        decide(&mut r, &moderator, 1, true, String::new(), now).expect("approve");
        assert!(matches!(
            restore(&mut r, &steward, &group, String::new(), now),
            Err(CommonsError::Conflict(_))
        ));
        // The group closed it, and opens it again.
        archive(&mut r, &steward, &group, "closed".into(), now).expect("archive");
        assert!(matches!(
            restore(&mut r, &stranger, &group, String::new(), now),
            Err(CommonsError::Forbidden(_))
        ));
        restore(&mut r, &steward, &group, "open again".into(), now).expect("restore");
        assert_eq!(r.status(), ResourceStatus::Approved);
        assert_eq!(
            r.public().map(|p| p.content.name.as_str()),
            Some("Werkstatt")
        );
        assert_eq!(
            r.log.last().map(|e| e.action),
            Some(ModerationAction::Restore)
        );
        // A moderator took it down: the group cannot put it back.
        archive(&mut r, &moderator, &group, "reported".into(), now).expect("taken down");
        assert!(matches!(
            restore(&mut r, &steward, &group, String::new(), now),
            Err(CommonsError::Forbidden(_))
        ));
        assert!(r.public().is_none());
        restore(&mut r, &moderator, &group, "checked".into(), now).expect("by a moderator");
        assert!(r.public().is_some());
    }

    #[test]
    fn what_waited_for_review_when_archived_waits_again_when_restored() {
        let (steward, _, moderator, group) = setup();
        let now = Utc::now();
        let mut r =
            register(&steward, &group, content("Werkstatt"), String::new(), now).expect("register");
        decide(&mut r, &moderator, 1, true, String::new(), now).expect("approve");
        edit(
            &mut r,
            &steward,
            &group,
            1,
            content("Werkstatt 2"),
            String::new(),
            now,
        )
        .expect("edit");
        archive(&mut r, &steward, &group, String::new(), now).expect("archive");
        assert!(r.pending().is_none(), "out of the queue while archived");
        restore(&mut r, &steward, &group, String::new(), now).expect("restore");
        assert_eq!(r.pending().map(|p| p.number), Some(2));
        assert_eq!(
            r.public().map(|p| p.content.name.as_str()),
            Some("Werkstatt")
        );
        // Never approved: it is back in the queue, not public and unreviewed.
        let mut new =
            register(&steward, &group, content("Neu"), String::new(), now).expect("register");
        archive(&mut new, &steward, &group, String::new(), now).expect("archive");
        restore(&mut new, &steward, &group, String::new(), now).expect("restore");
        assert_eq!(new.pending().map(|p| p.number), Some(1));
        assert_eq!(new.status(), ResourceStatus::Pending);
        assert!(new.public().is_none());
    }

    #[test]
    fn stale_edits_wrong_roles_and_double_decisions_are_refused() {
        let (steward, stranger, moderator, group) = setup();
        let now = Utc::now();
        assert!(matches!(
            register(&stranger, &group, content("x"), String::new(), now),
            Err(CommonsError::Forbidden(_))
        ));
        let mut r = register(&steward, &group, content("x"), String::new(), now).expect("register");
        edit(
            &mut r,
            &steward,
            &group,
            1,
            content("y"),
            String::new(),
            now,
        )
        .expect("edit");
        assert_eq!(
            edit(
                &mut r,
                &steward,
                &group,
                1,
                content("z"),
                String::new(),
                now
            ),
            Err(CommonsError::StaleRevision {
                based_on: 1,
                current: 2
            })
        );
        assert_eq!(r.revisions[0].state, RevisionState::Superseded);
        assert!(matches!(
            decide(&mut r, &steward, 2, true, String::new(), now),
            Err(CommonsError::Forbidden(_))
        ));
        decide(&mut r, &moderator, 2, false, "no".into(), now).expect("reject");
        assert_eq!(r.status(), ResourceStatus::Rejected);
        assert!(matches!(
            decide(&mut r, &moderator, 2, true, String::new(), now),
            Err(CommonsError::Conflict(_))
        ));
        assert!(matches!(
            edit(
                &mut r,
                &stranger,
                &group,
                2,
                content("w"),
                String::new(),
                now
            ),
            Err(CommonsError::Forbidden(_))
        ));
        // A moderator may edit any group's resource.
        edit(
            &mut r,
            &moderator,
            &group,
            2,
            content("v"),
            String::new(),
            now,
        )
        .expect("moderator edit");
    }
}
