// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { beyondStreets, overallNote, rowNote } from './beyond-streets';

describe('residents beyond the street data', () => {
  it('leaves a stray fraction of a person unmentioned', () => {
    // Liechtenstein: 0.6 of 29,801 left out live far from a street.
    expect(beyondStreets(0.6, 29801)).toBe('none');
    expect(overallNote(0.6, 29801)).toBeNull();
    expect(rowNote(0.4, 100)).toBeNull();
    expect(beyondStreets(5, 10000)).toBe('none');
  });
  it('mentions a noticeable share, and warns when it is most of the gap', () => {
    expect(beyondStreets(200, 10000)).toBe('some');
    expect(overallNote(200, 10000)).toBe('200 of them live more than 250 m from any street in the data, so their walk cannot be measured.');
    // Helsinki's centre extract under the city's neighbourhoods.
    expect(beyondStreets(57563, 57614)).toBe('most');
    expect(overallNote(57563, 57614)).toMatch(/^57,563 of them .*not necessarily in provision\. Check that the street data covers/);
  });
  it('says "all" on a row only when every resident left out is beyond the streets', () => {
    expect(rowNote(15699, 15699)).toBe('all beyond the street data');
    expect(rowNote(9419, 9419.2)).toBe('all beyond the street data');
    expect(rowNote(7000, 9000)).toBe('7,000 beyond the street data');
  });
});
