//! Every node's position, looked up by id while ways and relations are
//! assembled: millions of lookups on a city extract, for the walk network,
//! the basemap and the places alike.

/// Node positions in decimicrodegrees (1e-7°, OSM's own precision), sorted
/// by id once the whole file is read.
#[derive(Debug, Default)]
pub struct NodePositions {
    ids: Vec<i64>,
    /// (lon, lat) of the node with the same position in `ids`.
    positions: Vec<[i32; 2]>,
    index: IdIndex,
}

impl NodePositions {
    pub fn push(&mut self, id: i64, lon: i32, lat: i32) {
        self.ids.push(id);
        self.positions.push([lon, lat]);
    }

    pub fn append(&mut self, other: &mut NodePositions) {
        self.ids.append(&mut other.ids);
        self.positions.append(&mut other.positions);
    }

    /// Sorts by id and builds the lookup index: call once every node is in.
    pub fn finish(&mut self) {
        if !self.ids.is_sorted() {
            let mut order: Vec<usize> = (0..self.ids.len()).collect();
            order.sort_unstable_by_key(|&i| self.ids[i]);
            self.ids = order.iter().map(|&i| self.ids[i]).collect();
            self.positions = order.iter().map(|&i| self.positions[i]).collect();
        }
        self.index = IdIndex::new(&self.ids);
    }

    /// Position of a node, `None` when the file does not contain it.
    pub fn get(&self, id: i64) -> Option<(f64, f64)> {
        self.index_of(id).map(|i| self.at(i))
    }

    /// Where a node sits in these arrays, `None` when the file lacks it.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        let (start, end) = self.index.range(id, self.ids.len());
        let ids = self.ids.get(start..end)?;
        ids.binary_search(&id).ok().map(|i| start + i)
    }

    /// Position (lon, lat) of the node at `index`.
    pub fn at(&self, index: usize) -> (f64, f64) {
        let [lon, lat] = self.positions[index];
        (f64::from(lon) * 1e-7, f64::from(lat) * 1e-7)
    }

    /// OSM id of the node at `index`.
    pub fn id_at(&self, index: usize) -> i64 {
        self.ids[index]
    }

    pub fn count(&self) -> usize {
        self.ids.len()
    }
}

/// Where each run of ids starts in the sorted ids. Ids are put in buckets
/// by `(id - min) >> shift`, with about as many buckets as nodes, so a
/// lookup reads the bucket's bounds and searches a handful of ids: two
/// dependent memory reads, where a binary search over a city's two million
/// ids took twenty, most of them cache misses (in `perf`, the largest
/// single cost of building the basemap).
#[derive(Debug, Default)]
struct IdIndex {
    min: i64,
    shift: u32,
    /// `starts[b]..starts[b + 1]` holds bucket `b`'s ids. Empty when the
    /// nodes do not fit `u32` positions: lookups then search every id.
    starts: Vec<u32>,
}

impl IdIndex {
    fn new(sorted: &[i64]) -> IdIndex {
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return IdIndex::default();
        };
        if u32::try_from(sorted.len()).is_err() {
            return IdIndex::default();
        }
        // The smallest shift that leaves no more buckets than nodes.
        let mut shift = 0;
        while bucket_of(max, min, shift) >= sorted.len() as u64 {
            shift += 1;
        }
        let buckets = bucket_of(max, min, shift) as usize + 1;
        let mut starts = Vec::with_capacity(buckets + 1);
        let mut next = 0;
        for bucket in 0..=buckets {
            while next < sorted.len() && bucket_of(sorted[next], min, shift) < bucket as u64 {
                next += 1;
            }
            starts.push(next as u32);
        }
        IdIndex { min, shift, starts }
    }

    /// The part of the sorted ids (`len` of them) that may hold `id`.
    fn range(&self, id: i64, len: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, len);
        }
        if id < self.min {
            return (0, 0);
        }
        match usize::try_from(bucket_of(id, self.min, self.shift)) {
            Ok(b) if b + 1 < self.starts.len() => {
                (self.starts[b] as usize, self.starts[b + 1] as usize)
            }
            _ => (0, 0),
        }
    }
}

/// The bucket of `id` (at least `min`).
fn bucket_of(id: i64, min: i64, shift: u32) -> u64 {
    id.abs_diff(min).checked_shr(shift).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nodes(ids: &[i64]) -> NodePositions {
        let mut nodes = NodePositions::default();
        for (i, &id) in ids.iter().enumerate() {
            nodes.push(id, i as i32, -(i as i32));
        }
        nodes.finish();
        nodes
    }

    #[test]
    fn finds_what_the_file_holds_and_nothing_else() {
        let n = nodes(&[30, 10, -5, 1_000_000_000_000, 20]);
        assert_eq!(n.get(10), Some((1e-7, -1e-7)));
        assert_eq!(n.get(-5), Some((2e-7, -2e-7)));
        assert_eq!(n.get(1_000_000_000_000), Some((3e-7, -3e-7)));
        assert_eq!(n.index_of(30).map(|i| n.id_at(i)), Some(30));
        for missing in [
            -6,
            0,
            11,
            31,
            999_999_999_999,
            1_000_000_000_001,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(n.index_of(missing), None, "{missing}");
        }
    }

    #[test]
    fn the_extremes_of_i64_are_ids_like_any_other() {
        let n = nodes(&[i64::MIN, 0, i64::MAX]);
        for id in [i64::MIN, 0, i64::MAX] {
            assert_eq!(n.index_of(id).map(|i| n.id_at(i)), Some(id));
        }
        assert_eq!(n.index_of(1), None);
    }

    #[test]
    fn an_empty_file_finds_nothing() {
        assert_eq!(nodes(&[]).index_of(0), None);
    }

    proptest! {
        // Against a plain binary search, on ids clustered as in real
        // extracts (runs of consecutive ids far apart) and scattered.
        #[test]
        fn agrees_with_a_binary_search(
            runs in prop::collection::vec((-1_000_000i64..20_000_000_000, 1usize..50), 1..40),
            probes in prop::collection::vec(-1_000_001i64..20_000_000_050, 0..200),
        ) {
            let mut ids: Vec<i64> = runs.iter().flat_map(|&(s, n)| s..s + n as i64).collect();
            let n = nodes(&ids);
            ids.sort_unstable();
            for probe in probes.into_iter().chain(ids.iter().copied()) {
                let found = n.index_of(probe).map(|i| n.id_at(i));
                let expected = ids.binary_search(&probe).ok().map(|_| probe);
                prop_assert_eq!(found, expected);
            }
        }
    }
}
