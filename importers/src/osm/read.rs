//! Pass over a PBF file: blobs are read in order and decoded in parallel;
//! each block yields every node's position and the ways and relations the
//! importer may need, with tags kept only where they matter.

use super::addresses::is_address;
pub use super::nodes::NodePositions;
use super::tags::{Tags, basemap_class, is_walkable, node_bar, place_label_class};
use crate::ImportError;
use crate::category_rules::CategoryRules;
use crate::progress::Progress;
use chrono::{DateTime, Utc};
use learnscape_core::Bar;
use osmpbf::{BlobDecode, BlobReader, PrimitiveBlock, RelMemberType};
use rayon::prelude::*;
use std::path::Path;

/// A node with tags that may make it a place, a label or an address.
#[derive(Debug)]
pub struct TaggedNode {
    pub id: i64,
    pub lon: f64,
    pub lat: f64,
    pub tags: Tags,
}

#[derive(Debug)]
pub struct RawWay {
    pub id: i64,
    pub refs: Vec<i64>,
    /// Only for ways that are walkable, a place, drawn on the basemap or
    /// an address;
    /// other ways are kept for their nodes (they may be relation members).
    pub tags: Option<Tags>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Outer,
    Inner,
}

#[derive(Debug)]
pub struct RawRelation {
    pub id: i64,
    pub tags: Tags,
    /// Way members; node and relation members play no part in an area.
    pub ways: Vec<(i64, Role)>,
}

#[derive(Debug, Default)]
pub struct Extract {
    /// The header's replication timestamp: how current the data is.
    pub as_of: Option<DateTime<Utc>>,
    pub nodes: NodePositions,
    pub tagged_nodes: Vec<TaggedNode>,
    /// Nodes that bar a wheelchair, by OSM id, and what bars there
    /// (`node_bar`).
    pub barriers: Vec<(i64, Bar)>,
    pub ways: Vec<RawWay>,
    pub relations: Vec<RawRelation>,
}

impl Extract {
    fn append(&mut self, mut other: Extract) {
        self.nodes.append(&mut other.nodes);
        self.tagged_nodes.append(&mut other.tagged_nodes);
        self.barriers.append(&mut other.barriers);
        self.ways.append(&mut other.ways);
        self.relations.append(&mut other.relations);
    }
}

/// Required features a reader must understand (PBF format spec).
const SUPPORTED_FEATURES: &[&str] = &["OsmSchema-V0.6", "DenseNodes"];

pub fn read_extract(
    path: &Path,
    rules: &CategoryRules,
    progress: &dyn Progress,
) -> Result<Extract, ImportError> {
    let corrupt = |detail: String| ImportError::Malformed {
        file: path.display().to_string(),
        location: None,
        detail,
    };
    let reader = BlobReader::from_path(path).map_err(|e| ImportError::Io {
        file: path.display().to_string(),
        detail: e.to_string(),
    })?;
    let mut blobs = Vec::new();
    for (index, blob) in reader.enumerate() {
        let blob = blob.map_err(|e| {
            corrupt(format!(
                "blob {index}: {e} (the file is truncated or not an OSM PBF file)"
            ))
        })?;
        blobs.push(blob);
    }
    let Some(first) = blobs.first() else {
        return Err(corrupt(
            "the file holds no PBF blobs: it is empty or not an OSM PBF file".into(),
        ));
    };
    let as_of = match first.decode() {
        Ok(BlobDecode::OsmHeader(header)) => {
            if let Some(missing) = header
                .required_features()
                .iter()
                .find(|f| !SUPPORTED_FEATURES.contains(&f.as_str()))
            {
                return Err(corrupt(format!(
                    "the file requires the PBF feature {missing:?}, which learnscape does not read"
                )));
            }
            header
                .osmosis_replication_timestamp()
                .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        }
        Ok(_) => {
            return Err(corrupt(
                "the first blob is not an OSMHeader: not an OSM PBF file".into(),
            ));
        }
        Err(e) => return Err(corrupt(format!("blob 0: {e}"))),
    };

    progress.start("decoding PBF blocks", blobs.len() as u64);
    let parts: Vec<Result<Extract, ImportError>> = blobs
        .par_iter()
        .enumerate()
        .skip(1)
        .map(|(index, blob)| {
            let decoded =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match blob.decode() {
                    Ok(BlobDecode::OsmData(block)) => Ok(Some(extract_block(&block, rules))),
                    Ok(BlobDecode::OsmHeader(_)) => Err("a second OSMHeader blob".to_string()),
                    Ok(BlobDecode::Unknown(_)) => Ok(None),
                    Err(e) => Err(e.to_string()),
                }));
            progress.inc(1);
            match decoded {
                Ok(Ok(Some(extract))) => Ok(extract),
                Ok(Ok(None)) => Ok(Extract::default()),
                Ok(Err(detail)) => Err(corrupt(format!("blob {index}: {detail}"))),
                Err(_) => Err(corrupt(format!(
                    "blob {index}: the block's contents are inconsistent"
                ))),
            }
        })
        .collect();
    progress.finish();
    let mut extract = Extract {
        as_of,
        ..Extract::default()
    };
    for part in parts {
        extract.append(part?);
    }
    extract.nodes.finish();
    Ok(extract)
}

fn extract_block(block: &PrimitiveBlock, rules: &CategoryRules) -> Extract {
    let mut out = Extract::default();
    for group in block.groups() {
        for node in group.dense_nodes() {
            out.nodes
                .push(node.id(), node.decimicro_lon(), node.decimicro_lat());
            let tags = node.tags();
            if tags.len() > 0 {
                keep_tagged_node(&mut out, node.id(), node.lon(), node.lat(), tags, rules);
            }
        }
        for node in group.nodes() {
            out.nodes
                .push(node.id(), node.decimicro_lon(), node.decimicro_lat());
            let tags = node.tags();
            if tags.len() > 0 {
                keep_tagged_node(&mut out, node.id(), node.lon(), node.lat(), tags, rules);
            }
        }
        for way in group.ways() {
            let tags = Tags::from_iter(way.tags());
            let get = |k: &str| tags.get(k);
            let wanted = is_walkable(get)
                || rules.classify(get).is_some()
                || basemap_class(get).is_some()
                || is_address(get);
            out.ways.push(RawWay {
                id: way.id(),
                refs: way.refs().collect(),
                tags: wanted.then_some(tags),
            });
        }
        for relation in group.relations() {
            let tags = Tags::from_iter(relation.tags());
            let get = |k: &str| tags.get(k);
            if get("type") != Some("multipolygon") {
                continue;
            }
            if rules.classify(get).is_none() && basemap_class(get).is_none() && !is_address(get) {
                continue;
            }
            let ways = relation
                .members()
                .filter(|m| m.member_type == RelMemberType::Way)
                .map(|m| {
                    let role = match m.role() {
                        Ok("inner") => Role::Inner,
                        _ => Role::Outer,
                    };
                    (m.member_id, role)
                })
                .collect();
            out.relations.push(RawRelation {
                id: relation.id(),
                tags,
                ways,
            });
        }
    }
    out
}

fn keep_tagged_node<'a>(
    out: &mut Extract,
    id: i64,
    lon: f64,
    lat: f64,
    tags: impl Iterator<Item = (&'a str, &'a str)>,
    rules: &CategoryRules,
) {
    let tags = Tags::from_iter(tags);
    let get = |k: &str| tags.get(k);
    if let Some(bar) = node_bar(get) {
        out.barriers.push((id, bar));
    }
    if rules.classify(get).is_some() || place_label_class(get).is_some() || is_address(get) {
        out.tagged_nodes.push(TaggedNode { id, lon, lat, tags });
    }
}
