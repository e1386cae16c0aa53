//! The walkable street network of walk-model.md §1, as imported: OSM nodes
//! and the segments between consecutive nodes of walkable ways. The
//! accessibility engine compacts it into its own graph.

use crate::LonLat;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WalkNode {
    pub osm_id: i64,
    pub position: LonLat,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WalkSegment {
    /// Index into [`WalkNetwork::nodes`].
    pub from: u32,
    /// Index into [`WalkNetwork::nodes`].
    pub to: u32,
    /// Great-circle length on the walk model's sphere.
    pub length_m: f64,
    pub way_id: i64,
    /// Part of a flight of steps (`highway=steps` without a ramp a
    /// wheelchair can use): what a walk that avoids steps leaves out, and
    /// what directions tell as steps.
    #[serde(default)]
    pub steps: bool,
    /// What bars a wheelchair from it otherwise than steps, if anything: a
    /// way tagged `wheelchair=no` or too rough for one, or a node it
    /// touches that bars one (a turnstile, a stile, a raised kerb; see the
    /// importer's `node_bar` and `way_bar`).
    /// A walk that avoids steps leaves it out too; directions say what it
    /// is, never steps.
    #[serde(default)]
    pub barred: Option<Bar>,
}

impl WalkSegment {
    /// Whether a walk that avoids steps (a wheelchair, a pram) may take it.
    pub fn step_free(&self) -> bool {
        !self.steps && self.barred.is_none()
    }
}

/// What bars a wheelchair from a walk segment, as a resident is told it:
/// one in a wheelchair may get past a raised kerb with help, never over a
/// stile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bar {
    /// The way itself is tagged `wheelchair=no` (a steep or rough path, a
    /// narrow passage).
    Way,
    Turnstile,
    Stile,
    KissingGate,
    RaisedKerb,
    /// Another barrier tagged `wheelchair=no`, or one stored before the
    /// kind was kept.
    Other,
    /// The way's surface is said too rough for a wheelchair
    /// (`smoothness=bad` or worse).
    Rough,
}

impl Bar {
    pub const ALL: [Bar; 7] = [
        Bar::Way,
        Bar::Turnstile,
        Bar::Stile,
        Bar::KissingGate,
        Bar::RaisedKerb,
        Bar::Other,
        Bar::Rough,
    ];

    /// Its code in a packed walk network (1–7; 0 is none).
    pub fn code(self) -> u8 {
        match self {
            Bar::Way => 1,
            Bar::Turnstile => 2,
            Bar::Stile => 3,
            Bar::KissingGate => 4,
            Bar::RaisedKerb => 5,
            Bar::Other => 6,
            Bar::Rough => 7,
        }
    }

    pub fn from_code(code: u8) -> Option<Bar> {
        Bar::ALL.into_iter().find(|b| b.code() == code)
    }

    /// Its name in the API (`kissing_gate`), as serde writes it.
    pub fn name(self) -> &'static str {
        match self {
            Bar::Way => "way",
            Bar::Turnstile => "turnstile",
            Bar::Stile => "stile",
            Bar::KissingGate => "kissing_gate",
            Bar::RaisedKerb => "raised_kerb",
            Bar::Other => "other",
            Bar::Rough => "rough",
        }
    }
}

/// Walkable in both directions; `oneway` does not apply on foot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WalkNetwork {
    pub nodes: Vec<WalkNode>,
    pub segments: Vec<WalkSegment>,
}

impl WalkNetwork {
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    pub fn total_length_m(&self) -> f64 {
        // From +0.0: `Sum` for floats starts at -0.0, which an empty store
        // would print as "-0.0 km".
        self.segments
            .iter()
            .fold(0.0, |total, s| total + s.length_m)
    }

    /// Whether a walk that avoids steps has fewer segments to take: some
    /// segment is steps or barred to a wheelchair.
    pub fn has_barriers(&self) -> bool {
        self.segments.iter().any(|s| !s.step_free())
    }

    /// The network a walk that avoids steps has: the same nodes, without
    /// the segments of steps and those barred to a wheelchair.
    pub fn step_free(&self) -> WalkNetwork {
        WalkNetwork {
            nodes: self.nodes.clone(),
            segments: self
                .segments
                .iter()
                .filter(|s| s.step_free())
                .copied()
                .collect(),
        }
    }

    /// Joins networks from several sources into one. Nodes with the same
    /// OSM id are the same vertex, so overlapping extracts connect.
    pub fn merge(networks: impl IntoIterator<Item = WalkNetwork>) -> WalkNetwork {
        let mut merged = WalkNetwork::default();
        let mut index: HashMap<i64, u32> = HashMap::new();
        for network in networks {
            let mut remap = Vec::with_capacity(network.nodes.len());
            for node in &network.nodes {
                let next = merged.nodes.len() as u32;
                let id = *index.entry(node.osm_id).or_insert_with(|| {
                    merged.nodes.push(*node);
                    next
                });
                remap.push(id);
            }
            merged
                .segments
                .extend(network.segments.iter().map(|s| WalkSegment {
                    from: remap[s.from as usize],
                    to: remap[s.to as usize],
                    ..*s
                }));
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_network_is_zero_long_not_minus_zero() {
        let length = WalkNetwork::default().total_length_m();
        assert_eq!(length, 0.0);
        assert!(length.is_sign_positive(), "{length}");
        assert_eq!(format!("{:.1}", length / 1000.0), "0.0");
    }

    fn node(osm_id: i64, lon: f64) -> WalkNode {
        WalkNode {
            osm_id,
            position: LonLat::new(lon, 47.0),
        }
    }

    /// One segment, 76 m, of way `way_id` from OSM node `first` to the
    /// next, a thousandth of a degree further east.
    fn one_segment(first: i64, way_id: i64, steps: bool, barred: Option<Bar>) -> WalkNetwork {
        let lon = |id: i64| 9.0 + 0.001 * (id - 1) as f64;
        WalkNetwork {
            nodes: vec![node(first, lon(first)), node(first + 1, lon(first + 1))],
            segments: vec![WalkSegment {
                from: 0,
                to: 1,
                length_m: 76.0,
                way_id,
                steps,
                barred,
            }],
        }
    }

    #[test]
    fn merging_joins_networks_at_shared_osm_nodes() {
        let a = one_segment(1, 10, false, None);
        let b = one_segment(2, 11, true, None);
        let c = one_segment(3, 12, false, Some(Bar::Turnstile));
        let m = WalkNetwork::merge([a, b, c]);
        assert_eq!(m.nodes.len(), 4);
        assert_eq!(m.segments[1].from, 1, "node 2 is shared");
        assert_eq!(m.segments[1].to, 2);
        assert!((m.total_length_m() - 228.0).abs() < 1e-9);
        assert!(m.segments[1].steps, "steps stay steps");
        assert!(
            m.segments[2].barred == Some(Bar::Turnstile) && !m.segments[2].steps,
            "barred stays barred by what bars it, not steps"
        );
        let level = m.step_free();
        assert_eq!((level.nodes.len(), level.segments.len()), (4, 1));
        assert_eq!(
            level.segments[0].way_id, 10,
            "neither the steps nor the barred way"
        );
        assert!(m.has_barriers() && !level.has_barriers());
    }

    #[test]
    fn a_bar_reads_back_from_its_code_and_serde_names_it_as_the_api_does() {
        for bar in Bar::ALL {
            assert_eq!(Bar::from_code(bar.code()), Some(bar));
            let json = serde_json::to_value(bar).expect("a bar serialises");
            assert_eq!(json, serde_json::Value::from(bar.name()));
        }
        assert_eq!(Bar::from_code(0), None);
        assert_eq!(Bar::from_code(Bar::ALL.len() as u8 + 1), None);
    }
}
