//! A registered resource: every change a revision, moderated before it is
//! public, the whole history kept.

use super::{GroupId, UserId};
use crate::{Category, LonLat};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResourceId(pub i64);

impl ResourceId {
    /// The source under which an approved resource joins the places.
    pub const SOURCE: &'static str = "commons";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Licence {
    Cc0,
    Odbl,
}

impl Licence {
    pub const fn label(self) -> &'static str {
        match self {
            Licence::Cc0 => "CC0 1.0",
            Licence::Odbl => "ODbL 1.0",
        }
    }
}

/// Where a resource is: a point, or an outline (one closed ring).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "coordinates")]
pub enum Location {
    Point(LonLat),
    Outline(Vec<LonLat>),
}

impl Location {
    /// The point that stands for it: the point itself, or the outline's
    /// vertex mean (outlines are small: validation caps their size).
    pub fn point(&self) -> LonLat {
        match self {
            Location::Point(p) => *p,
            Location::Outline(ring) => {
                let n = ring.len().saturating_sub(1).max(1) as f64;
                let (sx, sy) = ring
                    .iter()
                    .take(ring.len().saturating_sub(1).max(1))
                    .fold((0.0, 0.0), |(x, y), p| (x + p.lon, y + p.lat));
                LonLat::new(sx / n, sy / n)
            }
        }
    }
}

/// What a group says about its resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceContent {
    pub name: String,
    pub category: Category,
    pub location: Location,
    /// What it offers (tools, seeds, a room for study circles…).
    pub offers: String,
    /// OSM `opening_hours` syntax.
    pub opening_hours: Option<String>,
    /// Who may use it and on what terms.
    pub access_terms: String,
    /// Seen only by moderators and the owning group.
    pub contact: String,
    pub website: Option<String>,
    /// Shown publicly only as a fixed coarse grid cell.
    pub sensitive: bool,
    pub licence: Licence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionState {
    Pending,
    Approved,
    Rejected,
    /// A newer revision arrived before this one was reviewed.
    Superseded,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// 1, 2, 3… per resource.
    pub number: u32,
    pub content: ResourceContent,
    pub author: UserId,
    pub created_at: DateTime<Utc>,
    pub comment: String,
    pub state: RevisionState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    Approve,
    Reject,
    Archive,
    /// Back from the archive: public again as last approved.
    Restore,
}

/// One line of the moderation log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModerationEvent {
    pub revision: u32,
    pub actor: UserId,
    pub action: ModerationAction,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// The status a resource shows to its group and to moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceStatus {
    Pending,
    Approved,
    Rejected,
    Archived,
}

impl ResourceStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            ResourceStatus::Pending => "pending",
            ResourceStatus::Approved => "approved",
            ResourceStatus::Rejected => "rejected",
            ResourceStatus::Archived => "archived",
        }
    }

    /// Only approved resources are shown to the public.
    pub const fn is_public(self) -> bool {
        matches!(self, ResourceStatus::Approved)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// `ResourceId(0)` until the store assigns one.
    pub id: ResourceId,
    pub group: GroupId,
    pub created_at: DateTime<Utc>,
    pub archived: bool,
    /// Oldest first; never empty.
    pub revisions: Vec<Revision>,
    pub log: Vec<ModerationEvent>,
    /// Bumped on every change: the store saves only over the version it
    /// read, so two concurrent changes cannot both win.
    pub version: u64,
}

impl Resource {
    /// The newest revision.
    pub fn head(&self) -> Option<&Revision> {
        self.revisions.last()
    }

    /// The newest approved revision: what the public sees, unless archived.
    pub fn approved(&self) -> Option<&Revision> {
        self.revisions
            .iter()
            .rev()
            .find(|r| r.state == RevisionState::Approved)
    }

    /// The revision shown publicly: the newest approved one, while the
    /// resource's status is public.
    pub fn public(&self) -> Option<&Revision> {
        self.status().is_public().then(|| self.approved()).flatten()
    }

    pub fn status(&self) -> ResourceStatus {
        if self.archived {
            ResourceStatus::Archived
        } else if self.approved().is_some() {
            ResourceStatus::Approved
        } else if self
            .head()
            .is_some_and(|r| r.state == RevisionState::Rejected)
        {
            ResourceStatus::Rejected
        } else {
            ResourceStatus::Pending
        }
    }

    /// The revision awaiting review, if any (at most one: a new edit
    /// supersedes an unreviewed one).
    pub fn pending(&self) -> Option<&Revision> {
        self.head().filter(|r| r.state == RevisionState::Pending)
    }
}

/// The fixed coarse cell a sensitive resource is shown in: about 1 km, the
/// same cell every time (never a fresh random offset, which repeated
/// requests would average away).
pub fn coarse_cell_centre(p: LonLat) -> LonLat {
    const LAT_STEP: f64 = 0.01;
    const LON_STEP: f64 = 0.015;
    let snap = |v: f64, step: f64| ((v / step).floor() + 0.5) * step;
    LonLat::new(snap(p.lon, LON_STEP), snap(p.lat, LAT_STEP))
}

impl Resource {
    /// The place id an approved resource has among the places.
    pub fn place_id(id: ResourceId) -> crate::PlaceId {
        crate::PlaceId::new(
            &crate::SourceId(ResourceId::SOURCE.into()),
            &id.0.to_string(),
        )
    }

    /// What the public sees of this resource as a place — on the map, in
    /// searches and in the analysis — or `None` unless it is approved. A
    /// sensitive resource is only its coarse cell's centre; contact details
    /// are never part of it.
    pub fn public_place(&self) -> Option<crate::Place> {
        let r = self.public()?;
        let c = &r.content;
        let shape = match (&c.location, c.sensitive) {
            (loc, true) => crate::Shape::Point(coarse_cell_centre(loc.point())),
            (Location::Point(p), false) => crate::Shape::Point(*p),
            (Location::Outline(ring), false) => {
                let line: geo_types::LineString<f64> =
                    ring.iter().map(|p| (p.lon, p.lat)).collect();
                crate::Shape::Area(geo_types::MultiPolygon(vec![geo_types::Polygon::new(
                    line,
                    Vec::new(),
                )]))
            }
        };
        let representative_point = shape
            .representative_point()
            .unwrap_or_else(|| c.location.point());
        let mut attributes = std::collections::BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            if !v.is_empty() {
                attributes.insert(k.to_string(), v.to_string());
            }
        };
        put("offers", &c.offers);
        put("access_terms", &c.access_terms);
        put("opening_hours", c.opening_hours.as_deref().unwrap_or(""));
        put("website", c.website.as_deref().unwrap_or(""));
        put("licence", c.licence.label());
        put("revision", &r.number.to_string());
        if c.sensitive {
            put("location_precision", "about 1 km (sensitive)");
        }
        Some(crate::Place {
            id: Self::place_id(self.id),
            source: crate::SourceId(ResourceId::SOURCE.into()),
            source_ref: self.id.0.to_string(),
            category: c.category,
            name: Some(c.name.clone()),
            shape,
            representative_point,
            attributes,
        })
    }
}

/// The coarse cell centre of a location's point.
pub fn coarse_cell_centre_of(loc: &Location) -> LonLat {
    coarse_cell_centre(loc.point())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coarse_cell_is_fixed_and_near() {
        let p = LonLat::new(9.52157, 47.14102);
        let c = coarse_cell_centre(p);
        assert_eq!(c, coarse_cell_centre(LonLat::new(9.5245, 47.1449)));
        assert!((c.lon - p.lon).abs() <= 0.0075 && (c.lat - p.lat).abs() <= 0.005);
        assert_ne!(c, p);
    }
}
