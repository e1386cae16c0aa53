//! People, their credentials and the groups they steward.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupId(pub i64);

/// What an account may do beyond its own groups. Stewardship is per group
/// ([`Group::stewards`]), not a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Moderator,
    Admin,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "member" => Some(Role::Member),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Moderators and admins review entries and reports.
    pub fn moderates(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: UserId,
    /// Lower-cased; unique.
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// An argon2id PHC string; never leaves the server.
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// A browser session (cookie), with a CSRF token for writes.
    Session,
    /// An API token for scripts (`Authorization: Bearer`).
    Token,
}

impl CredentialKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Session => "session",
            CredentialKind::Token => "token",
        }
    }
}

/// A session or API token. Only the SHA-256 of the secret is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credential {
    pub id: i64,
    pub kind: CredentialKind,
    pub user: UserId,
    /// Hex SHA-256 of the secret the client holds.
    pub secret_hash: String,
    pub label: String,
    /// Sessions only: the token a cookie-authenticated write must echo.
    pub csrf: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Credential {
    /// Usable at `now`: not revoked and not expired.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now < e)
    }

    /// Ended (revoked or expired) at or before `t`.
    pub fn ended_by(&self, t: DateTime<Utc>) -> bool {
        self.revoked_at.is_some_and(|r| r <= t) || self.expires_at.is_some_and(|e| e <= t)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCredential {
    pub kind: CredentialKind,
    pub user: UserId,
    pub secret_hash: String,
    pub label: String,
    pub csrf: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A commoning group: it owns resources; its stewards edit them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub stewards: Vec<UserId>,
}
