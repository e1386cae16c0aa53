// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { placeName } from './categories';

describe('what a place is called in lists', () => {
  it('is its name, or what it is and the street it goes by, or what it is', () => {
    expect(placeName({ name: 'Landesbibliothek', near_street: 'Kirchstrasse', category: 'library' })).toBe('Landesbibliothek');
    expect(placeName({ name: null, near_street: 'Aeulestrasse', category: 'park' })).toBe('Park by Aeulestrasse');
    expect(placeName({ near_street: 'Landstrasse', category: 'early_years' })).toBe('Early years setting by Landstrasse');
    expect(placeName({ name: null, category: 'public_bookcase' })).toBe('Unnamed public bookcase');
    expect(placeName({ name: '', near_street: null, category: 'arts_culture' })).toBe('Unnamed arts and culture venue');
  });
});
