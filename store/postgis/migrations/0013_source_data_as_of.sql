-- How current each source's data is, when its file says (an OSM
-- extract's replication timestamp); NULL when it does not, and for rows
-- written before.
ALTER TABLE sources ADD COLUMN data_as_of TIMESTAMPTZ;
COMMENT ON COLUMN sources.data_as_of IS
    'How current the file''s data is, when the file says: an OSM extract''s osmosis_replication_timestamp. '
    'NULL when it does not say.';
