-- Steps in the walk network (learnscape core/src/walk_packed.rs), so a walk
-- can avoid them: the compact layout lists the segments that are steps, and
-- a network off OSM's grid with steps is written in layout 3.
COMMENT ON COLUMN walk_networks.layout IS
    'How nodes and segments are laid out: 1, fixed records; 2, compact (what imports write); '
    '3, fixed records with one more byte a segment, 1 where it is steps.';
COMMENT ON COLUMN walk_networks.segments IS
    'Layout 1: packed little-endian, 24 bytes a segment: from, to (uint32 indexes into nodes), '
    'length in metres (float64), OSM way id (int64). Layout 3: the same and a 25th byte, 1 for steps. '
    'Layout 2: a flags byte (1: lengths stored; 2: steps listed), then when flagged 2 the number of '
    'segments that are steps and their indexes, each minus the one before, then for each segment from '
    'minus the segment before''s to, to minus from, and the way id minus the one before, as zigzag '
    'LEB128 varints, then the length (float64) when flagged 1; otherwise the length is the haversine '
    'distance between the two nodes.';
