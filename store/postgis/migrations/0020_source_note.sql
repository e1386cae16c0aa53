-- What the operator says of each source's data that its figures should be
-- read with (how it was made, what it misses); '' when nothing.
ALTER TABLE sources ADD COLUMN note TEXT NOT NULL DEFAULT '';
COMMENT ON COLUMN sources.note IS
    'What the operator says of the file''s data that figures drawn from it should be read with '
    '(how it was made, what it misses); empty when nothing.';
