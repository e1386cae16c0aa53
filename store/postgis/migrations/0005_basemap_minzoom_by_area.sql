-- A polygon is drawn from the zoom where it covers a pixel of a 256-pixel
-- tile, not before (learnscape_tiles::minzoom::visible_from): most of a
-- z10 tile's polygons were specks smaller than that. Rows written since
-- get it from the importer; this gives rows written before it the same,
-- by the same formula: an area of A square degrees at latitude φ (the
-- middle of the bounding box) covers A / cos φ · (256·2^z / 360)² pixels
-- at zoom z. Never past z14, where every feature is drawn.
UPDATE basemap b
SET minzoom = least(14, greatest(b.minzoom, v.zoom))
FROM (
    SELECT ctid,
           CASE WHEN ST_Area(geom) > 0
                THEN ceil(0.5 * ln((360.0 / 256.0) ^ 2
                                   * cos(radians((ST_YMin(geom) + ST_YMax(geom)) / 2))
                                   / ST_Area(geom)) / ln(2.0))
                ELSE 14
           END AS zoom
    FROM basemap
    WHERE GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND minzoom < 14
) v
WHERE b.ctid = v.ctid
  AND least(14, greatest(b.minzoom, v.zoom)) <> b.minzoom;
