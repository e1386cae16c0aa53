-- For basemap tiles (mvt.rs).
--
-- Geometries stored uncompressed. Coordinates barely compress (the table
-- was 80 MB either way on the merged extract), but pglz cost every read:
-- a tile reads each geometry it draws whole, and detoasting a compressed
-- one decompresses it each time, which was a third of a z10 or z12
-- tile's time. The COPY gets faster too (no compression attempt). Rows
-- written before this migration keep their compression until re-imported.
ALTER TABLE basemap ALTER COLUMN geom SET STORAGE EXTERNAL,
                    ALTER COLUMN geom_3857 SET STORAGE EXTERNAL;

-- Most features are drawn only from z12 or later (buildings, paths, minor
-- roads), yet their boxes fill every low-zoom search: a partial index of
-- what is drawn by z10 (a fifth of the rows) spares z10 and below reading
-- and discarding them. One for z12 as well gained z12 about a tenth and
-- cost the import a third more index building (half the rows draw by
-- z12), so there is none.
CREATE INDEX basemap_geom_z10 ON basemap USING gist (geom) WHERE minzoom <= 10;
