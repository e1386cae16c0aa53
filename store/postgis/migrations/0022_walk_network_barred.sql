-- Segments barred to a wheelchair otherwise than by steps (a way tagged
-- wheelchair=no, a turnstile, a raised kerb; learnscape
-- core/src/walk_packed.rs), so a walk avoiding steps avoids them too: the
-- compact layout lists them after the steps, and layout 3's extra byte
-- says either.
COMMENT ON COLUMN walk_networks.layout IS
    'How nodes and segments are laid out: 1, fixed records; 2, compact (what imports write); '
    '3, fixed records with one more byte a segment: 1 where it is steps, 2 where it is otherwise barred to a wheelchair, 3 both.';
COMMENT ON COLUMN walk_networks.segments IS
    'Layout 1: packed little-endian, 24 bytes a segment: from, to (uint32 indexes into nodes), '
    'length in metres (float64), OSM way id (int64). Layout 3: the same and a 25th byte, bit 1 for steps, '
    'bit 2 for a segment otherwise barred to a wheelchair. '
    'Layout 2: a flags byte (1: lengths stored; 2: steps listed; 4: barred segments listed), then when '
    'flagged 2 the number of segments that are steps and their indexes, each minus the one before, then '
    'when flagged 4 the segments barred to a wheelchair listed the same way, then for each segment from '
    'minus the segment before''s to, to minus from, and the way id minus the one before, as zigzag '
    'LEB128 varints, then the length (float64) when flagged 1; otherwise the length is the haversine '
    'distance between the two nodes.';
