// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Reliance, relianceLine, relianceRest } from './reliance';

const place = (id: string, left_out: number, within = 2000, where: string | null = 'Vaduz') => ({
  id, name: id, near_street: null, at: [9.52, 47.14], residents_within: within, left_out,
  neighbourhood: where ? { id: where.toLowerCase(), name: where } : null,
});
const answer = (places: Reliance['places']): Reliance => ({
  category: 'library', minutes: 15, walking_speed_kmh: 4, step_free: false, places, attribution: '© OpenStreetMap contributors',
});

describe('the places most relied on, in words', () => {
  it('says whom its closing would leave out, and where most live', () => {
    const r = answer([place('a', 1929.4)]);
    expect(relianceLine(r.places[0], r, false)).toBe('1,929 of 2,000 within 15 min have no other library as near, most in Vaduz');
    expect(relianceLine(r.places[0], r, true)).toContain('within 15 min at 4 km/h have');
  });
  it('leaves the neighbourhood out where they live outside every one', () => {
    const r = answer([place('a', 12, 40, null)]);
    expect(relianceLine(r.places[0], r, false)).toBe('12 of 40 within 15 min have no other library as near');
  });
  it('says what the places not listed have in common', () => {
    const r = answer([place('a', 300), place('b', 0), place('c', 0)]);
    expect(relianceRest(r, 1, false)).toBe('The other 2 libraries: everyone within the walk has another as near.');
    expect(relianceRest(answer([place('a', 300), place('b', 20)]), 1, false)).toBe('The other library: fewer rely on it alone.');
    expect(relianceRest(answer([place('a', 300)]), 1, false)).toBe('');
  });
  it('says so where nobody relies on any one alone, or there are none', () => {
    expect(relianceRest(answer([place('a', 0)]), 0, false)).toBe(
      'Everyone within 15 min of a library has another as near: closing any one would leave nobody out.');
    expect(relianceRest(answer([]), 0, false)).toBe('There is no library in the data.');
  });
});
