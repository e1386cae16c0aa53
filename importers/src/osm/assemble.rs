//! Areas from OSM: closed ways, and multipolygon relations whose member ways
//! are joined end to end into rings. Nothing is guessed: a ring that does
//! not close or a node missing from the file fails the whole area.

use super::read::{NodePositions, RawWay, Role};
use geo::{Area, Contains};
use geo_types::{Coord, LineString, MultiPolygon, Point, Polygon};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum AssemblyError {
    NotClosed,
    MissingNodes,
    MissingMembers,
    RingNotClosed,
    Degenerate,
}

impl AssemblyError {
    pub fn reason(&self) -> &'static str {
        match self {
            AssemblyError::NotClosed => "way is not closed, so it is not an area",
            AssemblyError::MissingNodes => "outline references nodes missing from the file",
            AssemblyError::MissingMembers => "multipolygon references ways missing from the file",
            AssemblyError::RingNotClosed => "multipolygon rings do not close",
            AssemblyError::Degenerate => "area has no extent",
        }
    }
}

pub fn is_closed(refs: &[i64]) -> bool {
    refs.len() >= 4 && refs.first() == refs.last()
}

/// Coordinates of `refs`, or `MissingNodes`.
pub fn ring_coords(refs: &[i64], nodes: &NodePositions) -> Result<LineString<f64>, AssemblyError> {
    refs.iter()
        .map(|&id| {
            nodes
                .get(id)
                .map(|(x, y)| Coord { x, y })
                .ok_or(AssemblyError::MissingNodes)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(LineString::from)
}

pub fn closed_way_area(
    refs: &[i64],
    nodes: &NodePositions,
) -> Result<MultiPolygon<f64>, AssemblyError> {
    if !is_closed(refs) {
        return Err(AssemblyError::NotClosed);
    }
    let area = MultiPolygon(vec![Polygon::new(ring_coords(refs, nodes)?, vec![])]);
    if area.unsigned_area() == 0.0 {
        return Err(AssemblyError::Degenerate);
    }
    Ok(area)
}

/// Joins member ways into closed rings of node ids.
fn join_rings(mut parts: Vec<Vec<i64>>) -> Result<Vec<Vec<i64>>, AssemblyError> {
    let mut rings = Vec::new();
    while let Some(mut ring) = parts.pop() {
        while ring.first() != ring.last() || ring.len() < 2 {
            let end = *ring.last().ok_or(AssemblyError::RingNotClosed)?;
            let next = parts
                .iter()
                .position(|p| p.first() == Some(&end) || p.last() == Some(&end))
                .ok_or(AssemblyError::RingNotClosed)?;
            let mut part = parts.swap_remove(next);
            if part.first() != Some(&end) {
                part.reverse();
            }
            ring.extend_from_slice(&part[1..]);
        }
        if ring.len() < 4 {
            return Err(AssemblyError::Degenerate);
        }
        rings.push(ring);
    }
    Ok(rings)
}

/// A multipolygon relation's area: outer rings with their inner rings.
pub fn multipolygon_area(
    members: &[(i64, Role)],
    ways: &HashMap<i64, &RawWay>,
    nodes: &NodePositions,
) -> Result<MultiPolygon<f64>, AssemblyError> {
    let mut outer_parts = Vec::new();
    let mut inner_parts = Vec::new();
    for (id, role) in members {
        let way = ways.get(id).ok_or(AssemblyError::MissingMembers)?;
        if way.refs.is_empty() {
            continue;
        }
        match role {
            Role::Outer => outer_parts.push(way.refs.clone()),
            Role::Inner => inner_parts.push(way.refs.clone()),
        }
    }
    if outer_parts.is_empty() {
        return Err(AssemblyError::MissingMembers);
    }
    let outers = join_rings(outer_parts)?
        .iter()
        .map(|r| ring_coords(r, nodes))
        .collect::<Result<Vec<_>, _>>()?;
    let inners = join_rings(inner_parts)?
        .iter()
        .map(|r| ring_coords(r, nodes))
        .collect::<Result<Vec<_>, _>>()?;
    let mut polygons: Vec<Polygon<f64>> = outers
        .into_iter()
        .map(|r| Polygon::new(r, vec![]))
        .collect();
    // Each inner ring goes to the smallest outer ring that holds its first point.
    for inner in inners {
        let Some(probe) = inner.0.first().copied() else {
            continue;
        };
        let holder = polygons
            .iter()
            .enumerate()
            .filter(|(_, p)| p.contains(&Point::from(probe)) || p.exterior().0.contains(&probe))
            .min_by(|a, b| a.1.unsigned_area().total_cmp(&b.1.unsigned_area()))
            .map(|(i, _)| i);
        if let Some(i) = holder {
            polygons[i].interiors_push(inner);
        }
    }
    let area = MultiPolygon(polygons);
    if area.unsigned_area() == 0.0 {
        return Err(AssemblyError::Degenerate);
    }
    Ok(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ways_join_into_a_ring_whatever_their_direction() {
        let rings = join_rings(vec![vec![1, 2, 3], vec![5, 4, 3], vec![5, 6, 1]]).expect("closes");
        assert_eq!(rings.len(), 1);
        assert_eq!(rings[0].first(), rings[0].last());
        assert_eq!(rings[0].len(), 7);
    }

    #[test]
    fn an_open_chain_is_refused() {
        assert_eq!(
            join_rings(vec![vec![1, 2, 3], vec![3, 4]]),
            Err(AssemblyError::RingNotClosed)
        );
    }
}
