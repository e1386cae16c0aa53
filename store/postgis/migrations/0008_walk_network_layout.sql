-- The walk network in a compact layout too (learnscape core/src/walk_packed.rs):
-- ids and 1e-7 degree positions as varint differences, and lengths measured
-- again on reading. On the merged extract the two arrays shrink from 37 MB to
-- 7.6 MB, all of which an import writes through TOAST and WAL. Rows written
-- before keep layout 1, the fixed records, and read as they did.
ALTER TABLE walk_networks ADD COLUMN layout SMALLINT NOT NULL DEFAULT 1;

COMMENT ON COLUMN walk_networks.layout IS
    'How nodes and segments are laid out: 1, fixed records; 2, compact (what imports write).';
COMMENT ON COLUMN walk_networks.nodes IS
    'Layout 1: packed little-endian, 24 bytes a node: OSM node id (int64), lon, lat (float64). '
    'Layout 2: for each node, its id, lon and lat (in 1e-7 degrees) minus those of the node before, '
    'as zigzag LEB128 varints.';
COMMENT ON COLUMN walk_networks.segments IS
    'Layout 1: packed little-endian, 24 bytes a segment: from, to (uint32 indexes into nodes), '
    'length in metres (float64), OSM way id (int64). '
    'Layout 2: a flags byte (1: lengths stored), then for each segment from minus the segment before''s to, '
    'to minus from, and the way id minus the one before, as zigzag LEB128 varints, then the length '
    '(float64) when flagged; otherwise the length is the haversine distance between the two nodes.';
