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

-- Most features are drawn only from z14 (buildings, paths), yet their
-- boxes fill every low-zoom search: partial indexes of what is
-- drawn by z10 (a fifth of the rows on the merged extract) and by z12
-- (half) spare those zooms reading and discarding the rest. Building them
-- adds about two thirds to the import's index work (5-10 % of the
-- import); tiles are served far more often than data is imported.
CREATE INDEX basemap_geom_z10 ON basemap USING gist (geom) WHERE minzoom <= 10;
CREATE INDEX basemap_geom_z12 ON basemap USING gist (geom) WHERE minzoom <= 12;
