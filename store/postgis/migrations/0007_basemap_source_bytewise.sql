-- A basemap row's source compares as bytes ("C"), whatever collation the
-- database was created with: tiles draw each layer's features by (source,
-- ordinal) (mvt.rs), and the embedded store and reads (rows.rs) order
-- sources as bytes. Under a language's collation, such as en_US, "alpha"
-- came before "Zeta" in PostGIS tiles only. Only the collation changes,
-- so the rows are not rewritten; the index on the column is rebuilt.
ALTER TABLE basemap ALTER COLUMN source TYPE TEXT COLLATE "C";
