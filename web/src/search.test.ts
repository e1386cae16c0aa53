// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { SearchHit } from './api';
import { correctedLine, hitLabel, walkedFromHit } from './search';

const at: [number, number] = [9.52, 47.14];

describe('how a search result reads', () => {
  it('names a locality by its kind', () => {
    const hit: SearchHit = { kind: 'locality', name: 'Schaan', class: 'town', position: at };
    expect(hitLabel(hit)).toEqual({ name: 'Schaan', what: 'Town' });
  });

  it('names a street by its village, and a path as a path', () => {
    const street: SearchHit = { kind: 'street', name: 'Dorfstrasse', class: 'minor', locality: 'Mauren', position: at };
    expect(hitLabel(street)).toEqual({ name: 'Dorfstrasse', what: 'Street, Mauren' });
    expect(hitLabel({ ...street, class: 'path', locality: undefined })).toEqual({ name: 'Dorfstrasse', what: 'Path' });
    expect(hitLabel({ ...street, class: 'pedestrian' })).toEqual({ name: 'Dorfstrasse', what: 'Pedestrian street, Mauren' });
    expect(hitLabel({ ...street, name: 'Dorfplatz', class: 'square' })).toEqual({ name: 'Dorfplatz', what: 'Square, Mauren' });
  });

  it('names an address by its village', () => {
    const house: SearchHit = { kind: 'address', name: 'Dorfstrasse 5', class: '5', locality: 'Triesen', position: at };
    expect(hitLabel(house)).toEqual({ name: 'Dorfstrasse 5', what: 'Address, Triesen' });
  });

  it('writes a postcode with its town, as a letter does', () => {
    const code: SearchHit = { kind: 'postcode', name: '9490', class: 'postcode', locality: 'Vaduz', position: at };
    expect(hitLabel(code)).toEqual({ name: '9490 Vaduz', what: 'Postcode' });
    expect(hitLabel({ ...code, locality: undefined })).toEqual({ name: '9490', what: 'Postcode' });
  });

  it('names an unnamed learning space by its street, as lists do', () => {
    const park: SearchHit = {
      kind: 'learning_space', name: null, near_street: 'Bammiliweg', class: 'park', category: 'park',
      id: 'liechtenstein-osm:w1', locality: 'Vaduz', position: at,
    };
    expect(hitLabel(park)).toEqual({ name: 'Park by Bammiliweg', what: 'Park, Vaduz' });
    expect(hitLabel({ ...park, name: 'Landesbibliothek', class: 'library', category: 'library' }))
      .toEqual({ name: 'Landesbibliothek', what: 'Library, Vaduz' });
  });

  it('says what the map calls a result found by another of its names', () => {
    const town: SearchHit = { kind: 'locality', name: 'Helsingfors', name_on_map: 'Helsinki', class: 'city', position: at };
    expect(hitLabel(town)).toEqual({ name: 'Helsingfors', what: 'City · “Helsinki” on the map' });
    const house: SearchHit = {
      kind: 'address', name: 'Fabiansgatan 37', name_on_map: 'Fabianinkatu 37', class: '37', locality: 'Kluuvi', position: at,
    };
    expect(hitLabel(house)).toEqual({ name: 'Fabiansgatan 37', what: 'Address, Kluuvi · “Fabianinkatu 37” on the map' });
    const library: SearchHit = {
      kind: 'learning_space', name: 'Nationalbiblioteket', name_on_map: 'Kansalliskirjasto', class: 'library',
      category: 'library', id: 'helsinki-osm:w1', locality: 'Kluuvi', position: at,
    };
    expect(hitLabel(library).what).toBe('Library, Kluuvi · “Kansalliskirjasto” on the map');
  });
});

describe('a search put right', () => {
  it('says what the results are for, and only when the text was put right', () => {
    expect(correctedLine('Landstrase', 'Landstrasse')).toBe('Nothing called “Landstrase”: showing “Landstrasse”.');
    expect(correctedLine('Landstrasse', undefined)).toBeNull();
  });
});

describe('walking from a result chosen', () => {
  it('names the place as it was chosen, and leaves a postcode to the API', () => {
    const house: SearchHit = {
      kind: 'address', name: 'Fabiansgatan 37', name_on_map: 'Fabianinkatu 37', class: '37', locality: 'Kluuvi', position: at,
    };
    expect(walkedFromHit(house)).toBe('From Fabiansgatan 37, Kluuvi');
    expect(walkedFromHit({ kind: 'locality', name: 'Helsingfors', class: 'city', position: at })).toBe('From Helsingfors');
    expect(walkedFromHit({ kind: 'street', name: 'Bammiliweg', class: 'path', locality: 'Vaduz', position: at }))
      .toBe('From Bammiliweg, Vaduz');
    expect(walkedFromHit({
      kind: 'learning_space', name: null, near_street: 'Bammiliweg', class: 'park', category: 'park', id: 'x', locality: 'Vaduz', position: at,
    })).toBe('From Park by Bammiliweg, Vaduz');
    expect(walkedFromHit({ kind: 'postcode', name: '9490', class: 'postcode', locality: 'Vaduz', position: at })).toBeNull();
  });
});
