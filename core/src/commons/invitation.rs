//! Invitations to steward a group: a steward makes a link and gives it to
//! one person (in the group's chat, on paper); whoever opens it signs in
//! or up and becomes a steward. No address has to be known beforehand, and
//! no e-mail is sent. A link is for one person: accepting it uses it up.

use super::account::{GroupId, UserId};
use super::one_time::{Closed, OneTimeLink};
use chrono::{DateTime, Duration, Utc};

/// How long an invitation link can be accepted.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// At most this many open invitations per group: links are for people a
/// group knows, not for posting. Stores enforce it as they insert one, so
/// that several made at once cannot pass it.
pub const OPEN_INVITATIONS_PER_GROUP: usize = 20;

/// Why a group may not make another invitation now.
pub fn too_many_open_words() -> String {
    format!(
        "the group has {OPEN_INVITATIONS_PER_GROUP} open invitations: withdraw those nobody will accept first"
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub id: i64,
    pub group: GroupId,
    /// Hex SHA-256 of the secret in the link; the secret is never stored.
    pub secret_hash: String,
    pub invited_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_by: Option<UserId>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl OneTimeLink for Invitation {
    const WHAT: &'static str = "invitation";

    fn used_at(&self) -> Option<DateTime<Utc>> {
        self.accepted_at
    }
    fn withdrawn_at(&self) -> Option<DateTime<Utc>> {
        self.withdrawn_at
    }
    fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }
    fn words(closed: Closed) -> &'static str {
        match closed {
            Closed::Used => "this invitation has been accepted already: ask for a new link",
            Closed::Withdrawn => "this invitation was withdrawn: ask for a new link",
            Closed::Expired => "this invitation has expired: ask for a new link",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewInvitation {
    pub group: GroupId,
    pub secret_hash: String,
    pub invited_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl NewInvitation {
    /// As stored under `id`: open, nobody has answered it yet.
    pub fn stored(self, id: i64) -> Invitation {
        Invitation {
            id,
            group: self.group,
            secret_hash: self.secret_hash,
            invited_by: self.invited_by,
            created_at: self.created_at,
            expires_at: self.expires_at,
            accepted_by: None,
            accepted_at: None,
            withdrawn_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_open_until_accepted_withdrawn_or_expired() {
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let open = Invitation {
            id: 1,
            group: GroupId(1),
            secret_hash: String::new(),
            invited_by: UserId(1),
            created_at: t0,
            expires_at: t0 + INVITATION_LIFETIME,
            accepted_by: None,
            accepted_at: None,
            withdrawn_at: None,
        };
        assert!(open.is_open(t0));
        assert_eq!(open.closed(t0 + INVITATION_LIFETIME), Some(Closed::Expired));
        let accepted = Invitation {
            accepted_by: Some(UserId(2)),
            accepted_at: Some(t0),
            ..open.clone()
        };
        assert_eq!(accepted.closed(t0), Some(Closed::Used));
        let withdrawn = Invitation {
            withdrawn_at: Some(t0),
            ..open
        };
        assert_eq!(withdrawn.closed(t0), Some(Closed::Withdrawn));
    }
}
