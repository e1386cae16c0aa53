//! The commons registry: accounts and groups, resources that groups
//! register with every revision kept, moderation, and residents' reports.
//!
//! The rules (who may do what, which status follows which, stale edits) are
//! pure functions here; stores persist the aggregates and the server runs
//! the side effects (index, tiles, measures).

pub mod account;
pub mod duplicate;
pub mod invitation;
pub mod one_time;
pub mod password_reset;
pub mod report;
pub mod resource;
pub mod rules;
pub mod validate;

pub use account::{
    Account, Credential, CredentialKind, Group, GroupId, NewAccount, NewCredential, Role, UserId,
};
pub use invitation::{Invitation, NewInvitation};
pub use one_time::{Closed, OneTimeLink};
pub use password_reset::{NewPasswordReset, PasswordReset};
pub use report::{NewReport, Report, ReportKind};
pub use resource::{
    Licence, Location, ModerationAction, ModerationEvent, Resource, ResourceContent, ResourceId,
    ResourceStatus, Revision, RevisionState, coarse_cell_centre, coarse_cell_centre_of,
};
pub use rules::{Actor, CommonsError};
pub use validate::FieldError;
