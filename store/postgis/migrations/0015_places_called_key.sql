-- Search asks at each keystroke for the places whose name (or the street
-- an unnamed one goes by) contains the text typed. That name, folded as
-- search compares names, is kept beside each place, so that only the rows
-- holding the text are read. Rows written before are NULL until their
-- source is imported again, and are compared after reading, as before.
ALTER TABLE places ADD COLUMN called_key TEXT;
COMMENT ON COLUMN places.called_key IS
    'What lists call the place (its name, else the street it goes by), folded as search compares names: '
    'lower case, without accents, ß as ss; empty when it has neither. NULL for a row written before learnscape kept it.';
