-- The basemap also holds postcodes (kind 'postcode'), made from the
-- addresses' addr:postcode, kept for search and never drawn (minzoom 255).
-- Only what the columns say changes.
COMMENT ON TABLE basemap IS
    'learnscape: the map''s background features (roads, railways, water, green, land use, buildings, place labels) '
    'and the house numbers and postcodes search finds, one row each; the basemap tiles are cut from it. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN basemap.kind IS 'road, railway, water, waterway, green, landuse, building, place_label, address (a house number) or postcode; the last two are not drawn.';
COMMENT ON COLUMN basemap.class IS 'The finer class within the kind: the road class, the OSM tag value, the place type; for an address its house number, for a postcode the code.';
COMMENT ON COLUMN basemap.name IS 'Its name, when it has one; for an address the street (addr:street, else addr:place), for a postcode the town most of its addresses name (addr:city).';
COMMENT ON COLUMN basemap.minzoom IS 'The lowest zoom whose tiles draw it; 255 for what no tile draws (addresses, postcodes).';
