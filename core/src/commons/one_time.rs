//! What invitations and password reset links have in common: a link given
//! to one person, holding a secret of which only the hash is stored, that
//! works once until it expires or is closed otherwise. Stores use up such
//! a link in one guarded write and then say why it changed nothing.

use chrono::{DateTime, Utc};

pub trait OneTimeLink {
    /// What it is, as a `NotFound` names it.
    const WHAT: &'static str;

    /// `None` while it can be used at `now`, else why not (words a person
    /// reads).
    fn closed_words(&self, now: DateTime<Utc>) -> Option<&'static str>;
}
