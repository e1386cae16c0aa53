-- What the operator says of each source's data that its figures should be
-- read with (how it was made, what it misses); '' when nothing.
ALTER TABLE sources ADD COLUMN note TEXT NOT NULL DEFAULT '';
