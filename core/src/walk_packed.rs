//! The walk network as two packed arrays, the layout both stores keep it
//! in: it is always read whole into the routing graph, so a blob per
//! source beats a million rows.
//!
//! Two layouts, named by the `layout` column beside the arrays:
//! - [`Layout::Fixed`], little-endian records. Node: OSM id (i64), lon
//!   (f64), lat (f64). Segment: from (u32), to (u32), length in metres
//!   (f64), way id (i64). What every store wrote before the compact layout,
//!   and what a network with a position off OSM's grid is still written in.
//! - [`Layout::Compact`], what an OSM import writes: 37 MB of fixed records
//!   on the merged extract become 7.6 MB, which the PostGIS store's COPY
//!   writes through TOAST and WAL at about 140 MB/s. Nodes: the id, lon and
//!   lat as zigzag varints of their difference from the node before, lon
//!   and lat in 1e-7° (OSM's own precision: every position read from an
//!   OSM file is such a value times 1e-7). Segments: a flags byte, then
//!   `from` as the difference from the segment before's `to`, `to` as the
//!   difference from `from`, the way id as the difference from the one
//!   before, all zigzag varints, and the length as an f64 only when some
//!   segment's length is not the haversine distance of its two ends (an
//!   import measures every segment so, and reading computes it again, bit
//!   for bit, from the same positions). With [`WITH_STEPS`] in the flags,
//!   the flags byte is followed by the number of segments that are steps and
//!   their indices, each as the difference from the one before (steps are
//!   few: a list beats a bit per segment); with [`WITH_BARRED`], then by
//!   those barred to a wheelchair, listed the same way; with [`WITH_BARS`],
//!   then by what bars each of those, a byte each ([`Bar::code`]; written
//!   before it, a barred segment reads as [`Bar::Other`]).
//! - [`Layout::FixedSteps`]: the fixed records with one more byte per
//!   segment: bit 1 where it is steps, bit 2 where it is barred, and above
//!   them what bars it ([`Bar::code`], 0 where not kept); what a network
//!   off OSM's grid with either is written in (no import writes one; tests
//!   may).

use crate::units::haversine_m;
use crate::{Bar, LonLat, StoreError, WalkNetwork, WalkNode, WalkSegment};

/// How a stored network's arrays are laid out; the code is what the
/// stores' `layout` column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Fixed,
    Compact,
    FixedSteps,
}

impl Layout {
    pub fn code(self) -> i16 {
        match self {
            Layout::Fixed => 1,
            Layout::Compact => 2,
            Layout::FixedSteps => 3,
        }
    }

    pub fn from_code(code: i64) -> Result<Layout, StoreError> {
        match code {
            1 => Ok(Layout::Fixed),
            2 => Ok(Layout::Compact),
            3 => Ok(Layout::FixedSteps),
            other => Err(StoreError::Corrupt(format!(
                "walk network layout {other} is unknown (written by a newer learnscape?)"
            ))),
        }
    }
}

/// A network's two arrays and the layout they are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub layout: Layout,
    pub nodes: Vec<u8>,
    pub segments: Vec<u8>,
}

const NODE_BYTES: usize = 24;
const SEGMENT_BYTES: usize = 24;
/// Compact segments flag: every segment carries its length.
const WITH_LENGTHS: u8 = 1;
/// Compact segments flag: the indices of the segments that are steps follow.
const WITH_STEPS: u8 = 2;
/// Compact segments flag: the indices of the segments barred to a
/// wheelchair follow (after those of steps).
const WITH_BARRED: u8 = 4;
/// Compact segments flag: what bars each segment barred to a wheelchair
/// follows, a byte each in the order of their list.
const WITH_BARS: u8 = 8;
/// Fixed records' extra byte: the segment is steps.
const STEPS_BIT: u8 = 1;
/// Fixed records' extra byte: the segment is barred to a wheelchair.
const BARRED_BIT: u8 = 2;
/// Fixed records' extra byte: what bars it is [`Bar::code`] shifted by
/// this many bits.
const BAR_SHIFT: u8 = 2;

/// The network packed compactly when every position lies on OSM's 1e-7°
/// grid, in fixed records otherwise.
pub fn pack(network: &WalkNetwork) -> Packed {
    match on_grid(network) {
        Some(grid) => Packed {
            layout: Layout::Compact,
            nodes: compact_nodes(network, &grid),
            segments: compact_segments(network),
        },
        None if network.has_barriers() => Packed {
            layout: Layout::FixedSteps,
            nodes: fixed_nodes(network),
            segments: fixed_segments(network, true),
        },
        None => pack_fixed(network),
    }
}

/// The network in fixed records, as every store wrote it before the
/// compact layout (and as tests write such rows).
pub fn pack_fixed(network: &WalkNetwork) -> Packed {
    Packed {
        layout: Layout::Fixed,
        nodes: fixed_nodes(network),
        segments: fixed_segments(network, false),
    }
}

/// Inverse of [`pack`]; `Corrupt` when the arrays do not hold a network.
pub fn unpack(layout: Layout, nodes: &[u8], segments: &[u8]) -> Result<WalkNetwork, StoreError> {
    let network = match layout {
        Layout::Fixed => unpack_fixed(nodes, segments, false)?,
        Layout::FixedSteps => unpack_fixed(nodes, segments, true)?,
        Layout::Compact => unpack_compact(nodes, segments)?,
    };
    let count = network.nodes.len() as u32;
    if network
        .segments
        .iter()
        .any(|s| s.from >= count || s.to >= count)
    {
        return Err(corrupt("a walk segment points past the node array"));
    }
    Ok(network)
}

fn corrupt(detail: &str) -> StoreError {
    StoreError::Corrupt(detail.into())
}

/// Each node's position in 1e-7°, when every one reads back bit for bit.
fn on_grid(network: &WalkNetwork) -> Option<Vec<[i32; 2]>> {
    let grid = |degrees: f64| -> Option<i32> {
        let units = (degrees * 1e7).round();
        if !units.is_finite() || units < f64::from(i32::MIN) || units > f64::from(i32::MAX) {
            return None;
        }
        let units = units as i32;
        (degrees_of(units).to_bits() == degrees.to_bits()).then_some(units)
    };
    network
        .nodes
        .iter()
        .map(|n| Some([grid(n.position.lon)?, grid(n.position.lat)?]))
        .collect()
}

fn degrees_of(units: i32) -> f64 {
    f64::from(units) * 1e-7
}

fn fixed_nodes(network: &WalkNetwork) -> Vec<u8> {
    let mut out = Vec::with_capacity(network.nodes.len() * NODE_BYTES);
    for n in &network.nodes {
        out.extend_from_slice(&n.osm_id.to_le_bytes());
        out.extend_from_slice(&n.position.lon.to_le_bytes());
        out.extend_from_slice(&n.position.lat.to_le_bytes());
    }
    out
}

fn fixed_segments(network: &WalkNetwork, with_steps: bool) -> Vec<u8> {
    let bytes = SEGMENT_BYTES + usize::from(with_steps);
    let mut out = Vec::with_capacity(network.segments.len() * bytes);
    for s in &network.segments {
        out.extend_from_slice(&s.from.to_le_bytes());
        out.extend_from_slice(&s.to.to_le_bytes());
        out.extend_from_slice(&s.length_m.to_le_bytes());
        out.extend_from_slice(&s.way_id.to_le_bytes());
        if with_steps {
            let steps = if s.steps { STEPS_BIT } else { 0 };
            let barred = s
                .barred
                .map_or(0, |bar| BARRED_BIT | bar.code() << BAR_SHIFT);
            out.push(steps | barred);
        }
    }
    out
}

fn compact_nodes(network: &WalkNetwork, grid: &[[i32; 2]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(network.nodes.len() * 8);
    let (mut id, mut lon, mut lat) = (0i64, 0i32, 0i32);
    for (n, &[x, y]) in network.nodes.iter().zip(grid) {
        put_signed(&mut out, n.osm_id.wrapping_sub(id));
        put_signed(&mut out, i64::from(x) - i64::from(lon));
        put_signed(&mut out, i64::from(y) - i64::from(lat));
        (id, lon, lat) = (n.osm_id, x, y);
    }
    out
}

fn compact_segments(network: &WalkNetwork) -> Vec<u8> {
    let measured = |s: &WalkSegment| -> Option<f64> {
        let a = network.nodes.get(s.from as usize)?.position;
        let b = network.nodes.get(s.to as usize)?.position;
        Some(haversine_m(a, b))
    };
    let with_lengths = network
        .segments
        .iter()
        .any(|s| measured(s).map(f64::to_bits) != Some(s.length_m.to_bits()));
    let listed = |is: fn(&WalkSegment) -> bool| -> Vec<usize> {
        (network.segments.iter().enumerate())
            .filter(|(_, s)| is(s))
            .map(|(i, _)| i)
            .collect()
    };
    let steps = listed(|s| s.steps);
    let barred = listed(|s| s.barred.is_some());
    let mut out = Vec::with_capacity(1 + network.segments.len() * 4);
    let mut flags = if with_lengths { WITH_LENGTHS } else { 0 };
    for (list, flag) in [(&steps, WITH_STEPS), (&barred, WITH_BARRED)] {
        if !list.is_empty() {
            flags |= flag;
        }
    }
    if !barred.is_empty() {
        flags |= WITH_BARS;
    }
    out.push(flags);
    for list in [&steps, &barred] {
        put_list(&mut out, list);
    }
    out.extend((barred.iter()).filter_map(|&i| network.segments[i].barred.map(Bar::code)));
    let (mut to, mut way) = (0u32, 0i64);
    for s in &network.segments {
        put_signed(&mut out, i64::from(s.from) - i64::from(to));
        put_signed(&mut out, i64::from(s.to) - i64::from(s.from));
        put_signed(&mut out, s.way_id.wrapping_sub(way));
        if with_lengths {
            out.extend_from_slice(&s.length_m.to_le_bytes());
        }
        (to, way) = (s.to, s.way_id);
    }
    out
}

fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

fn unpack_fixed(
    nodes: &[u8],
    segments: &[u8],
    with_steps: bool,
) -> Result<WalkNetwork, StoreError> {
    let segment_bytes = SEGMENT_BYTES + usize::from(with_steps);
    if !nodes.len().is_multiple_of(NODE_BYTES) || !segments.len().is_multiple_of(segment_bytes) {
        return Err(corrupt("walk network arrays have a partial record"));
    }
    let nodes = nodes
        .chunks_exact(NODE_BYTES)
        .map(|c| WalkNode {
            osm_id: i64::from_le_bytes(array(&c[0..])),
            position: LonLat::new(
                f64::from_le_bytes(array(&c[8..])),
                f64::from_le_bytes(array(&c[16..])),
            ),
        })
        .collect();
    let segments = segments
        .chunks_exact(segment_bytes)
        .map(|c| {
            let extra = if with_steps { c[SEGMENT_BYTES] } else { 0 };
            let unknown =
                || corrupt("a walk segment is marked in a way this learnscape does not know");
            let code = extra >> BAR_SHIFT;
            let barred = match (extra & BARRED_BIT != 0, code) {
                (false, 0) => None,
                (false, _) => return Err(unknown()),
                (true, 0) => Some(Bar::Other),
                (true, code) => Some(Bar::from_code(code).ok_or_else(unknown)?),
            };
            Ok(WalkSegment {
                from: u32::from_le_bytes(array(&c[0..])),
                to: u32::from_le_bytes(array(&c[4..])),
                length_m: f64::from_le_bytes(array(&c[8..])),
                way_id: i64::from_le_bytes(array(&c[16..])),
                steps: extra & STEPS_BIT != 0,
                barred,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(WalkNetwork { nodes, segments })
}

fn unpack_compact(nodes: &[u8], segments: &[u8]) -> Result<WalkNetwork, StoreError> {
    let mut network = WalkNetwork::default();
    let mut input = Reader(nodes);
    let (mut id, mut lon, mut lat) = (0i64, 0i32, 0i32);
    let off_grid = || corrupt("a walk node's position is off the globe");
    while !input.0.is_empty() {
        id = id.wrapping_add(input.signed()?);
        lon = i32::try_from(i64::from(lon) + input.signed()?).map_err(|_| off_grid())?;
        lat = i32::try_from(i64::from(lat) + input.signed()?).map_err(|_| off_grid())?;
        network.nodes.push(WalkNode {
            osm_id: id,
            position: LonLat::new(degrees_of(lon), degrees_of(lat)),
        });
    }
    let mut input = Reader(segments);
    let flags = input.byte()?;
    if flags & !(WITH_LENGTHS | WITH_STEPS | WITH_BARRED | WITH_BARS) != 0 {
        return Err(corrupt(
            "walk segments carry flags this learnscape does not know",
        ));
    }
    let with_lengths = flags & WITH_LENGTHS != 0;
    let steps = if flags & WITH_STEPS != 0 {
        input.list(segments.len(), "steps")?
    } else {
        Vec::new()
    };
    let barred = if flags & WITH_BARRED != 0 {
        input.list(segments.len(), "segments barred to a wheelchair")?
    } else {
        Vec::new()
    };
    let bars = if flags & WITH_BARS != 0 {
        let unknown = || corrupt("a walk segment is barred by what this learnscape does not know");
        (barred.iter())
            .map(|_| Bar::from_code(input.byte()?).ok_or_else(unknown))
            .collect::<Result<Vec<Bar>, _>>()?
    } else {
        vec![Bar::Other; barred.len()]
    };
    let (mut to, mut way) = (0u32, 0i64);
    let past_the_nodes = || corrupt("a walk segment points past the node array");
    while !input.0.is_empty() {
        let from = u32::try_from(i64::from(to) + input.signed()?).map_err(|_| past_the_nodes())?;
        to = u32::try_from(i64::from(from) + input.signed()?).map_err(|_| past_the_nodes())?;
        way = way.wrapping_add(input.signed()?);
        let length_m = if with_lengths {
            f64::from_le_bytes(input.take::<8>()?)
        } else {
            let end = |i: u32| network.nodes.get(i as usize).map(|n| n.position);
            match (end(from), end(to)) {
                (Some(a), Some(b)) => haversine_m(a, b),
                _ => return Err(past_the_nodes()),
            }
        };
        network.segments.push(WalkSegment {
            from,
            to,
            length_m,
            way_id: way,
            steps: false,
            barred: None,
        });
    }
    let past =
        || corrupt("a walk network's list of steps or barred segments points past its segments");
    for i in steps {
        network.segments.get_mut(i).ok_or_else(past)?.steps = true;
    }
    for (i, bar) in barred.into_iter().zip(bars) {
        network.segments.get_mut(i).ok_or_else(past)?.barred = Some(bar);
    }
    Ok(network)
}

/// A list of segment indices, rising: how many, then each as the
/// difference from the one before. Nothing when it is empty (its flag
/// says so).
fn put_list(out: &mut Vec<u8>, list: &[usize]) {
    if list.is_empty() {
        return;
    }
    put_signed(out, list.len() as i64);
    let mut before = 0;
    for &i in list {
        put_signed(out, (i - before) as i64);
        before = i;
    }
}

/// Zigzag (small magnitudes of either sign in few bytes), then LEB128.
fn put_signed(out: &mut Vec<u8>, value: i64) {
    let mut v = ((value << 1) ^ (value >> 63)) as u64;
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, StoreError> {
        let (&first, rest) = self
            .0
            .split_first()
            .ok_or_else(|| corrupt("walk network array ends inside a record"))?;
        self.0 = rest;
        Ok(first)
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], StoreError> {
        if self.0.len() < N {
            return Err(corrupt("walk network array ends inside a record"));
        }
        let (bytes, rest) = self.0.split_at(N);
        self.0 = rest;
        Ok(array(bytes))
    }

    /// A list [`put_list`] wrote; `bound` caps the count read before the
    /// list is found short (no list is longer than the array it is in).
    fn list(&mut self, bound: usize, what: &str) -> Result<Vec<usize>, StoreError> {
        let bad = || corrupt(&format!("a walk network's list of {what} is out of order"));
        let count = usize::try_from(self.signed()?).map_err(|_| bad())?;
        let mut list = Vec::new();
        let mut at = 0usize;
        for k in 0..count.min(bound) {
            let gap = usize::try_from(self.signed()?).map_err(|_| bad())?;
            if k > 0 && gap == 0 {
                return Err(bad());
            }
            at = at.checked_add(gap).ok_or_else(bad)?;
            list.push(at);
        }
        if list.len() != count {
            return Err(bad());
        }
        Ok(list)
    }

    fn signed(&mut self) -> Result<i64, StoreError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(((v >> 1) as i64) ^ -((v & 1) as i64));
            }
        }
        Err(corrupt("a walk network number runs past 64 bits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn node(osm_id: i64, lon: f64, lat: f64) -> WalkNode {
        WalkNode {
            osm_id,
            position: LonLat::new(lon, lat),
        }
    }

    /// A network as an import builds it: positions on the 1e-7° grid,
    /// every length measured between the segment's ends.
    fn imported(points: &[(i64, i32, i32)], pairs: &[(u32, u32, i64)]) -> WalkNetwork {
        let nodes: Vec<WalkNode> = points
            .iter()
            .map(|&(id, x, y)| node(id, degrees_of(x), degrees_of(y)))
            .collect();
        let segments = pairs
            .iter()
            .map(|&(from, to, way_id)| WalkSegment {
                from,
                to,
                length_m: haversine_m(nodes[from as usize].position, nodes[to as usize].position),
                way_id,
                steps: false,
                barred: None,
            })
            .collect();
        WalkNetwork { nodes, segments }
    }

    fn round_trip(network: &WalkNetwork) -> (Packed, WalkNetwork) {
        let packed = pack(network);
        let back = unpack(packed.layout, &packed.nodes, &packed.segments).expect("unpack");
        (packed, back)
    }

    fn village() -> WalkNetwork {
        imported(
            &[
                (7, 95_209_000, 471_410_000),
                (-3, 95_210_123, 471_409_999),
                (8, -1_799_999_999, 899_999_999),
            ],
            &[(0, 1, 42), (1, 2, 42), (2, 0, -9)],
        )
    }

    #[test]
    fn an_imported_network_is_packed_compactly_without_its_lengths() {
        let network = village();
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.layout, Layout::Compact);
        assert_eq!(packed.segments[0], 0, "no lengths stored");
        assert_eq!(back, network);
        assert!(packed.nodes.len() + packed.segments.len() < 40);
    }

    #[test]
    fn a_length_that_is_not_measured_between_the_ends_is_kept() {
        let mut network = village();
        network.segments[1].length_m = 12.5;
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.layout, Layout::Compact);
        assert_eq!(packed.segments[0], WITH_LENGTHS);
        assert_eq!(back, network);
    }

    #[test]
    fn a_position_off_the_grid_keeps_the_fixed_records() {
        for lon in [9.52090001234, -0.0, f64::NAN] {
            let mut network = village();
            network.nodes[1].position.lon = lon;
            let (packed, back) = round_trip(&network);
            assert_eq!(packed.layout, Layout::Fixed, "{lon}");
            assert_eq!(back.nodes[1].position.lon.to_bits(), lon.to_bits());
            assert_eq!(back.segments, network.segments);
        }
    }

    #[test]
    fn steps_are_kept_in_either_layout() {
        let mut network = village();
        network.segments[1].steps = true;
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.layout, Layout::Compact);
        assert_eq!(packed.segments[0], WITH_STEPS);
        assert_eq!(back, network);
        network.nodes[1].position.lon = 9.52090001234;
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.layout, Layout::FixedSteps);
        assert_eq!(back, network);
        // A list of steps out of order, or past the segments.
        let packed = pack(&village());
        // (zigzag varints: 4 is two, 0 is zero, 10 is five)
        let mut listed = vec![WITH_STEPS, 4, 0, 0];
        listed.extend_from_slice(&packed.segments[1..]);
        assert!(unpack(Layout::Compact, &packed.nodes, &listed).is_err());
        let mut past = vec![WITH_STEPS, 2, 10];
        past.extend_from_slice(&packed.segments[1..]);
        assert!(unpack(Layout::Compact, &packed.nodes, &past).is_err());
    }

    #[test]
    fn segments_barred_to_a_wheelchair_are_kept_in_either_layout() {
        let mut network = village();
        network.segments[0].barred = Some(Bar::RaisedKerb);
        network.segments[2].barred = Some(Bar::Way);
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.segments[0], WITH_BARRED | WITH_BARS);
        assert_eq!(back, network);
        network.segments[2].steps = true;
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.segments[0], WITH_STEPS | WITH_BARRED | WITH_BARS);
        assert_eq!(back, network);
        // Written before what bars each was kept: the list alone, each
        // barred by something not said.
        let old = [WITH_BARRED, 4, 0, 4];
        let mut listed = old.to_vec();
        listed.extend_from_slice(&pack(&village()).segments[1..]);
        let back = unpack(Layout::Compact, &packed.nodes, &listed).expect("unpack");
        let bars: Vec<_> = back.segments.iter().map(|s| s.barred).collect();
        assert_eq!(bars, [Some(Bar::Other), None, Some(Bar::Other)]);
        // A bar this learnscape does not know.
        let past_known = Bar::ALL.len() as u8 + 1;
        let mut unknown = vec![WITH_BARRED | WITH_BARS, 4, 0, 4, 1, past_known];
        unknown.extend_from_slice(&pack(&village()).segments[1..]);
        assert!(unpack(Layout::Compact, &packed.nodes, &unknown).is_err());
        network.nodes[1].position.lon = 9.52090001234;
        let (packed, back) = round_trip(&network);
        assert_eq!(packed.layout, Layout::FixedSteps);
        assert_eq!(back, network);
        // Marked barred before what bars it was kept.
        let mut marked = packed.segments.clone();
        marked[SEGMENT_BYTES] = BARRED_BIT;
        let back = unpack(Layout::FixedSteps, &packed.nodes, &marked).expect("unpack");
        assert_eq!(back.segments[0].barred, Some(Bar::Other));
        // Marking bytes this learnscape does not know: a bar on a segment
        // not barred, a bar past the known ones.
        for byte in [4, BARRED_BIT | past_known << BAR_SHIFT] {
            marked[SEGMENT_BYTES] = byte;
            assert!(
                unpack(Layout::FixedSteps, &packed.nodes, &marked).is_err(),
                "{byte}"
            );
        }
        // A barred list past the segments.
        let packed = pack(&village());
        let mut past = vec![WITH_BARRED, 2, 10];
        past.extend_from_slice(&packed.segments[1..]);
        assert!(unpack(Layout::Compact, &packed.nodes, &past).is_err());
    }

    #[test]
    fn fixed_records_written_before_the_compact_layout_still_read() {
        let network = village();
        let Packed {
            nodes, segments, ..
        } = pack_fixed(&network);
        assert_eq!(nodes.len(), 3 * NODE_BYTES);
        let back = unpack(Layout::Fixed, &nodes, &segments).expect("unpack");
        assert_eq!(back, network);
        assert!(unpack(Layout::Fixed, &nodes[..nodes.len() - 1], &segments).is_err());
        assert!(unpack(Layout::Fixed, &nodes[..NODE_BYTES], &segments).is_err());
    }

    #[test]
    fn torn_or_foreign_arrays_are_refused() {
        let packed = pack(&village());
        let refused = |nodes: &[u8], segments: &[u8]| {
            unpack(Layout::Compact, nodes, segments).expect_err("refused")
        };
        // A number cut short, a node cut short, no flags byte.
        refused(&packed.nodes[..packed.nodes.len() - 1], &packed.segments);
        refused(&packed.nodes, &packed.segments[..packed.segments.len() - 1]);
        refused(&packed.nodes, &[]);
        // Segments pointing past the two nodes that are left.
        let two = pack(&WalkNetwork {
            nodes: village().nodes[..2].to_vec(),
            segments: vec![],
        });
        refused(&two.nodes, &packed.segments);
        // Eleven continuation bytes.
        refused(&[0xff; 11], &[0]);
        assert!(Layout::from_code(4).is_err());
        assert_eq!(
            Layout::from_code(i64::from(Layout::Compact.code())).ok(),
            Some(Layout::Compact)
        );
    }

    proptest! {
        #[test]
        fn any_imported_network_survives_packing(
            points in prop::collection::vec((any::<i64>(), -1_800_000_000i32..=1_800_000_000, -900_000_000i32..=900_000_000), 1..60),
            pairs in prop::collection::vec((any::<u32>(), any::<u32>(), any::<i64>()), 0..80),
            steps in prop::collection::vec(any::<bool>(), 80),
            barred in prop::collection::vec(0u8..=Bar::ALL.len() as u8, 80),
        ) {
            let n = points.len() as u32;
            let pairs: Vec<(u32, u32, i64)> = pairs.into_iter().map(|(a, b, w)| (a % n, b % n, w)).collect();
            let mut network = imported(&points, &pairs);
            for ((s, &step), &bar) in network.segments.iter_mut().zip(&steps).zip(&barred) {
                s.steps = step;
                s.barred = Bar::from_code(bar);
            }
            let (packed, back) = round_trip(&network);
            prop_assert_eq!(packed.layout, Layout::Compact);
            prop_assert_eq!(back, network);
        }
    }
}
