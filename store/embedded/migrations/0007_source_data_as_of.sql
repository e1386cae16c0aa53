-- How current each source's data is, when its file says (an OSM
-- extract's replication timestamp), as RFC 3339; NULL when it does not,
-- and for rows written before.
ALTER TABLE sources ADD COLUMN data_as_of TEXT;
