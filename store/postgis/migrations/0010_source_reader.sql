-- What read each source (the importer's edition and the options the file
-- was read with), so that `serve --dataset` re-imports an unchanged file
-- that a newer learnscape or other options would read differently. Rows
-- written before say '' and are read again.
ALTER TABLE sources ADD COLUMN reader TEXT NOT NULL DEFAULT '';
COMMENT ON COLUMN sources.reader IS
    'What read the file: the importer''s edition and the options it was read with (name field, population field, …). '
    '`learnscape serve --dataset` re-imports a file when this, its attribution or its SHA-256 differs.';
COMMENT ON COLUMN sources.sha256 IS 'SHA-256 of the file: `learnscape serve --dataset` skips re-importing a file that is unchanged and read the same way (reader).';
