-- Search compares a place's names by their letters and digits alone, so
-- that "Landes Bibliothek" finds Landesbibliothek: the search column
-- holds them so. Every row is folded again when the store opens
-- (NULL rows are read and compared until then, as before 0015).
UPDATE places SET called_key = NULL;
COMMENT ON COLUMN places.called_key IS
    'What lists call the place (its name, else the street it goes by), then each of its other names (name:<language>, loc_name, alt_name, official_name, short_name), a line each, '
    'as search compares names: lower case, without accents, ß as ss, letters and digits only; empty when it has none. NULL for a row written before learnscape kept it.';
