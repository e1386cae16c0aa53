-- What read each source (the importer's edition and the options the file
-- was read with), so that `serve --dataset` re-imports an unchanged file
-- that a newer learnscape or other options would read differently. Rows
-- written before say '' and are read again.
ALTER TABLE sources ADD COLUMN reader TEXT NOT NULL DEFAULT '';
