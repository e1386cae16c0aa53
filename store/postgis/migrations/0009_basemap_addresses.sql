-- The basemap also holds house numbers (kind 'address'), kept for search
-- and never drawn: their minzoom, 255, is past every zoom a tile can have.
-- Only what the columns say changes.
COMMENT ON TABLE basemap IS
    'learnscape: the map''s background features (roads, railways, water, green, land use, buildings, place labels) '
    'and the house numbers search finds, one row each; the basemap tiles are cut from it. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN basemap.kind IS 'road, railway, water, waterway, green, landuse, building, place_label or address (a house number, not drawn).';
COMMENT ON COLUMN basemap.class IS 'The finer class within the kind: the road class, the OSM tag value, the place type; for an address its house number.';
COMMENT ON COLUMN basemap.name IS 'Its name, when it has one; for an address the street (addr:street, else addr:place).';
COMMENT ON COLUMN basemap.minzoom IS 'The lowest zoom whose tiles draw it; 255 for what no tile draws (addresses).';
