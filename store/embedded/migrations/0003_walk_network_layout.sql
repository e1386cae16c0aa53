-- The walk network in a compact layout too (learnscape_core::walk_packed):
-- 37 MB of fixed records on the merged extract become 7.6 MB. Rows written
-- before keep layout 1 and read as they did.
ALTER TABLE walk_networks ADD COLUMN layout INTEGER NOT NULL DEFAULT 1;
