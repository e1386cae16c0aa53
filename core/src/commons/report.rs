//! Residents' reports about a registered resource.

use super::{ResourceId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    DoesNotExist,
    WrongInformation,
    BreaksTheRules,
}

impl ReportKind {
    pub fn parse(s: &str) -> Option<ReportKind> {
        match s {
            "does_not_exist" => Some(ReportKind::DoesNotExist),
            "wrong_information" => Some(ReportKind::WrongInformation),
            "breaks_the_rules" => Some(ReportKind::BreaksTheRules),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    pub resource: ResourceId,
    pub kind: ReportKind,
    pub comment: String,
    /// `None` for a resident without an account.
    pub reporter: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub resource: ResourceId,
    pub kind: ReportKind,
    pub comment: String,
    pub reporter: Option<UserId>,
    pub created_at: DateTime<Utc>,
    /// Who closed it, when, and what they said.
    pub resolution: Option<Resolution>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub by: UserId,
    pub at: DateTime<Utc>,
    pub note: String,
}
