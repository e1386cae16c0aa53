//! Resources, groups, accounts and reports as JSON — the public view
//! (approved revision only, no contact, sensitive places coarse) and the
//! private one for the owning group and moderators — and the exports.

use super::Duplicate;
use crate::geojson_out::{geometry, round};
use learnscape_core::commons::{
    Account, Credential, Group, Location, Report, Resource, ResourceContent, Revision,
    coarse_cell_centre_of,
};
use serde_json::{Map, Value, json};

/// The attribution every export and public answer carries.
pub const ATTRIBUTION: &str = "Commons registry entries © their groups, each under its licence (CC0 1.0 or ODbL 1.0); map data © OpenStreetMap contributors (ODbL 1.0)";

fn location_json(loc: &Location) -> Value {
    match loc {
        Location::Point(p) => json!({"type": "Point", "coordinates": [round(p.lon), round(p.lat)]}),
        Location::Outline(ring) => {
            json!({"type": "Polygon", "coordinates": [ring.iter().map(|p| json!([round(p.lon), round(p.lat)])).collect::<Vec<_>>()]})
        }
    }
}

/// The content as its owners see it (everything) or as the public does.
pub fn content_json(c: &ResourceContent, private: bool) -> Value {
    let location = if private || !c.sensitive {
        location_json(&c.location)
    } else {
        location_json(&Location::Point(coarse_cell_centre_of(&c.location)))
    };
    let mut m = json!({
        "name": c.name,
        "category": c.category.as_str(),
        "location": location,
        "offers": c.offers,
        "opening_hours": c.opening_hours,
        "access_terms": c.access_terms,
        "website": c.website,
        "sensitive": c.sensitive,
        "licence": match c.licence { learnscape_core::commons::Licence::Cc0 => "CC0", learnscape_core::commons::Licence::Odbl => "ODbL" },
    });
    if private {
        m["contact"] = json!(c.contact);
    }
    m
}

fn revision_json(r: &Revision, private: bool) -> Value {
    json!({
        "number": r.number,
        "state": r.state,
        "author": r.author.0,
        "created_at": r.created_at.to_rfc3339(),
        "comment": r.comment,
        "content": content_json(&r.content, private),
    })
}

/// Fields whose values differ between two contents (for reviewing an edit).
pub fn changes(old: Option<&ResourceContent>, new: &ResourceContent) -> Vec<String> {
    let new = content_json(new, true);
    let old = old.map(|o| content_json(o, true));
    let (Some(Value::Object(n)), o) = (Some(new), old) else {
        return Vec::new();
    };
    n.iter()
        .filter(|(k, v)| o.as_ref().and_then(|o| o.get(k.as_str())) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// One resource; `private` for its group's stewards and moderators.
pub fn resource_json(r: &Resource, group: &Group, private: bool) -> Value {
    let place_id = Resource::place_id(r.id).0;
    if !private {
        let Some(public) = r.public() else {
            return Value::Null;
        };
        return json!({
            "id": r.id.0,
            "place_id": place_id,
            "group": {"id": group.id.0, "name": group.name},
            "status": r.status().as_str(),
            "revision": public.number,
            "updated_at": public.created_at.to_rfc3339(),
            "content": content_json(&public.content, false),
            "attribution": ATTRIBUTION,
        });
    }
    let approved = r.approved();
    json!({
        "id": r.id.0,
        "place_id": place_id,
        "group": {"id": group.id.0, "name": group.name},
        "status": r.status().as_str(),
        "created_at": r.created_at.to_rfc3339(),
        "head_revision": r.head().map(|h| h.number),
        "approved_revision": approved.map(|a| a.number),
        "pending_revision": r.pending().map(|p| p.number),
        "content": r.head().map(|h| content_json(&h.content, true)),
        "public_content": r.public().map(|p| content_json(&p.content, true)),
        "pending_changes": r.pending().map(|p| changes(approved.map(|a| &a.content), &p.content)),
        "revisions": r.revisions.iter().map(|v| revision_json(v, true)).collect::<Vec<_>>(),
        "moderation": r.log.iter().map(|e| json!({
            "revision": e.revision, "actor": e.actor.0, "action": e.action,
            "reason": e.reason, "at": e.at.to_rfc3339(),
        })).collect::<Vec<_>>(),
    })
}

/// The public history: approved revisions, without contact details.
pub fn public_history(r: &Resource) -> Value {
    json!({
        "id": r.id.0,
        "revisions": r.revisions.iter()
            .filter(|v| v.state == learnscape_core::commons::RevisionState::Approved)
            .map(|v| revision_json(v, false)).collect::<Vec<_>>(),
    })
}

pub fn duplicates_json(d: &[Duplicate]) -> Value {
    json!(d.iter().map(|d| json!({"place_id": d.place.0, "name": d.name, "meters": (d.meters * 10.0).round() / 10.0})).collect::<Vec<_>>())
}

pub fn account_json(a: &Account) -> Value {
    json!({"id": a.id.0, "email": a.email, "display_name": a.display_name, "role": a.role.as_str(), "created_at": a.created_at.to_rfc3339()})
}

pub fn credential_json(c: &Credential) -> Value {
    json!({
        "id": c.id, "kind": c.kind.as_str(), "label": c.label,
        "created_at": c.created_at.to_rfc3339(),
        "expires_at": c.expires_at.map(|t| t.to_rfc3339()),
        "revoked_at": c.revoked_at.map(|t| t.to_rfc3339()),
    })
}

/// A group for its stewards and moderators: `stewards` are its stewards'
/// accounts, named (never their addresses).
pub fn group_json(g: &Group, stewards: &[Account]) -> Value {
    let named: Vec<Value> = stewards
        .iter()
        .map(|a| json!({"id": a.id.0, "display_name": a.display_name}))
        .collect();
    json!({"id": g.id.0, "name": g.name, "description": g.description, "created_at": g.created_at.to_rfc3339(), "stewards": g.stewards.iter().map(|s| s.0).collect::<Vec<_>>(), "steward_accounts": named})
}

pub fn report_json(r: &Report) -> Value {
    json!({
        "id": r.id, "resource": r.resource.0, "kind": r.kind, "comment": r.comment,
        "created_at": r.created_at.to_rfc3339(),
        "resolution": r.resolution.as_ref().map(|x| json!({"by": x.by.0, "at": x.at.to_rfc3339(), "note": x.note})),
    })
}

/// Approved resources as a GeoJSON FeatureCollection (RFC 7946).
pub fn export_geojson(items: &[(Resource, Group)]) -> Value {
    let features: Vec<Value> = items
        .iter()
        .filter_map(|(r, g)| {
            let place = r.public_place()?;
            let public = r.public()?;
            let mut props: Map<String, Value> = match content_json(&public.content, false) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            props.remove("location");
            props.insert("id".into(), json!(r.id.0));
            props.insert("group".into(), json!(g.name));
            props.insert("revision".into(), json!(public.number));
            props.insert("updated_at".into(), json!(public.created_at.to_rfc3339()));
            Some(json!({
                "type": "Feature",
                "id": r.id.0,
                "geometry": geometry(&place.shape.to_geometry()),
                "properties": props,
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features})
}

/// The same as CSV: one row per approved resource at its public point.
pub fn export_csv(items: &[(Resource, Group)]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "name",
        "category",
        "lon",
        "lat",
        "group",
        "offers",
        "opening_hours",
        "access_terms",
        "website",
        "licence",
        "revision",
        "updated_at",
        "attribution",
    ])?;
    for (r, g) in items {
        let (Some(place), Some(public)) = (r.public_place(), r.public()) else {
            continue;
        };
        let c = &public.content;
        w.write_record([
            r.id.0.to_string(),
            c.name.clone(),
            c.category.as_str().to_string(),
            format!("{:.6}", place.representative_point.lon),
            format!("{:.6}", place.representative_point.lat),
            g.name.clone(),
            c.offers.clone(),
            c.opening_hours.clone().unwrap_or_default(),
            c.access_terms.clone(),
            c.website.clone().unwrap_or_default(),
            c.licence.label().to_string(),
            public.number.to_string(),
            public.created_at.to_rfc3339(),
            ATTRIBUTION.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
