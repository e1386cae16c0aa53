//! What invitations and password reset links have in common: a link given
//! to one person, holding a secret of which only the hash is stored, that
//! works once until it expires or is withdrawn. Stores use up such a link
//! in one guarded write and then say why it changed nothing.

use chrono::{DateTime, Utc};

/// Why a link can no longer be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Accepted (an invitation) or used (a reset link).
    Used,
    Withdrawn,
    Expired,
}

pub trait OneTimeLink {
    /// What it is, as a `NotFound` names it.
    const WHAT: &'static str;

    fn used_at(&self) -> Option<DateTime<Utc>>;
    fn withdrawn_at(&self) -> Option<DateTime<Utc>>;
    fn expires_at(&self) -> DateTime<Utc>;
    /// Why it is `closed`, in words a person reads.
    fn words(closed: Closed) -> &'static str;

    /// `None` while it can be used at `now`, else why not: being used says
    /// more than being withdrawn, and either more than the time.
    fn closed(&self, now: DateTime<Utc>) -> Option<Closed> {
        if self.used_at().is_some() {
            Some(Closed::Used)
        } else if self.withdrawn_at().is_some() {
            Some(Closed::Withdrawn)
        } else if now >= self.expires_at() {
            Some(Closed::Expired)
        } else {
            None
        }
    }

    /// Closed (used, withdrawn or expired) at or before `t`.
    fn closed_by(&self, t: DateTime<Utc>) -> bool {
        self.used_at().is_some_and(|u| u <= t)
            || self.withdrawn_at().is_some_and(|w| w <= t)
            || self.expires_at() <= t
    }

    fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.closed(now).is_none()
    }

    fn closed_words(&self, now: DateTime<Utc>) -> Option<&'static str> {
        self.closed(now).map(Self::words)
    }
}
