-- A place is found by its other names too (name:sv "Nationalbiblioteket"
-- for Kansalliskirjasto, alt_name…), kept among its attributes: the
-- search column holds them after what lists call it, a line each. Rows
-- written before keep what lists call them until their source is
-- imported again.
COMMENT ON COLUMN places.called_key IS
    'What lists call the place (its name, else the street it goes by), then each of its other names (name:<language>, loc_name, alt_name, official_name, short_name), a line each, '
    'folded as search compares names: lower case, without accents, ß as ss; empty when it has none. NULL for a row written before learnscape kept it.';
