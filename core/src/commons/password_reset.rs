//! Password reset links: this map sends no e-mail, so someone who forgot
//! their password asks an admin, who makes a link for their account and
//! gives it to them by hand (in person, by phone, in the group's chat).
//! Whoever opens it sets a new password and is signed in; every other
//! session and token of the account ends. A link works once, for
//! [`RESET_LIFETIME`]. Admins see the open links and may withdraw one; a
//! newer link for the same account, or a new password set any way,
//! withdraws it too.

use super::account::UserId;
use super::one_time::{Closed, OneTimeLink};
use chrono::{DateTime, Duration, Utc};

/// How long a reset link can be used: long enough to be handed on by a
/// person rather than a mail server, short enough not to lie around.
pub const RESET_LIFETIME: Duration = Duration::days(2);

#[derive(Debug, Clone, PartialEq)]
pub struct PasswordReset {
    pub id: i64,
    /// The account whose password it sets.
    pub account: UserId,
    /// Hex SHA-256 of the secret in the link; the secret is never stored.
    pub secret_hash: String,
    /// The admin who made it.
    pub made_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    /// When an admin withdrew it, or a newer link for the same account or
    /// a new password made it void.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl OneTimeLink for PasswordReset {
    const WHAT: &'static str = "password reset";

    fn used_at(&self) -> Option<DateTime<Utc>> {
        self.used_at
    }
    fn withdrawn_at(&self) -> Option<DateTime<Utc>> {
        self.withdrawn_at
    }
    fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }
    fn words(closed: Closed) -> &'static str {
        match closed {
            Closed::Used => {
                "this link has set a password already: sign in with it, or ask for a new link"
            }
            Closed::Withdrawn => {
                "this link was withdrawn (or a newer one made, or the password changed since): ask for a new one if you still need it"
            }
            Closed::Expired => "this link has expired: ask whoever runs the map for a new one",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPasswordReset {
    pub account: UserId,
    pub secret_hash: String,
    pub made_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl NewPasswordReset {
    /// As stored under `id`: open.
    pub fn stored(self, id: i64) -> PasswordReset {
        PasswordReset {
            id,
            account: self.account,
            secret_hash: self.secret_hash,
            made_by: self.made_by,
            created_at: self.created_at,
            expires_at: self.expires_at,
            used_at: None,
            withdrawn_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_link_is_open_until_used_withdrawn_or_expired() {
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time");
        let open = NewPasswordReset {
            account: UserId(2),
            secret_hash: String::new(),
            made_by: UserId(1),
            created_at: t0,
            expires_at: t0 + RESET_LIFETIME,
        }
        .stored(1);
        assert!(open.is_open(t0) && open.closed_words(t0).is_none());
        assert_eq!(open.closed(t0 + RESET_LIFETIME), Some(Closed::Expired));
        let used = PasswordReset {
            used_at: Some(t0),
            withdrawn_at: Some(t0),
            ..open.clone()
        };
        assert_eq!(used.closed(t0), Some(Closed::Used), "used says more");
        let withdrawn = PasswordReset {
            withdrawn_at: Some(t0),
            ..open
        };
        assert_eq!(
            withdrawn.closed_words(t0),
            Some(PasswordReset::words(Closed::Withdrawn))
        );
    }
}
