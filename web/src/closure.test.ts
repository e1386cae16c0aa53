// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Closure, type ClosureHomes, closureSummary, homesKey, planNotCounted } from './closure';

const answer = (over: Partial<Closure>): Closure => ({
  place: 'osm-liechtenstein:n315636966',
  category: 'library',
  minutes: 15,
  walking_speed_kmh: 4,
  step_free: false,
  facilities: 12,
  reachable: true,
  residents_within: 5120.4,
  left_out: 1834.4,
  planned: { sites: 0, newly_covered: 0, off_network: [] },
  uncovered_now: 20000,
  uncovered_before: 20000,
  uncovered_after: 21834.4,
  e2sfca_now: 3.2,
  e2sfca_before: 3.2,
  e2sfca_after: 2.71,
  neighbourhoods: [],
  attribution: '© OpenStreetMap contributors',
  ...over,
});

describe('closing a place, in words', () => {
  it('says whom it would leave out, how far the gap grows and the supply left', () => {
    expect(closureSummary(answer({}))).toBe(
      '5,120 residents live within 15 min of it. Closing it would leave 1,834 of them with no library within 15 min.' +
        ' Left out would rise from 20,000 to 21,834 (+9.2\u00a0%).' +
        ' Across the area, library places per 10,000 residents would fall from 3.2 to 2.7.');
  });
  it('says the pace the walk is at where it is not the city\'s', () => {
    expect(closureSummary(answer({}), true)).toContain('within 15 min at 4 km/h of it.');
    // Walks that avoid steps say so, wherever the walk is said.
    expect(closureSummary(answer({ step_free: true }))).toContain('within 15 min step-free of it.');
    expect(closureSummary(answer({ step_free: true }), true)).toContain('within 15 min step-free at 4 km/h of it.');
  });
  it('says when it would leave all of them out', () => {
    expect(closureSummary(answer({ left_out: 5120.2 }))).toContain('Closing it would leave all of them with no library within 15 min.');
  });
  it('says when it is the only one of its kind', () => {
    expect(closureSummary(answer({ facilities: 1 }))).toContain('It is the only library in the data: closing it');
  });
  it('says when every resident near has another, and when nobody lives near', () => {
    expect(closureSummary(answer({ left_out: 0, uncovered_after: 20000 }))).toBe(
      '5,120 residents live within 15 min of it; each of them has another library that near, so closing it would leave nobody out.' +
        ' Across the area, library places per 10,000 residents would fall from 3.2 to 2.7.');
    expect(closureSummary(answer({ residents_within: 0, left_out: 0, e2sfca_after: 3.2 })))
      .toBe('No residents in the data live within 15 min of it: closing it would leave nobody out who walks.');
  });
  it('says what it would take away with the plan\'s new ones open', () => {
    const planned = { sites: 1, newly_covered: 900, off_network: [] };
    expect(closureSummary(answer({ planned, uncovered_before: 19100, uncovered_after: 20934.4, e2sfca_before: 3.5 }))).toBe(
      '5,120 residents live within 15 min of it. Even with the new library in your plan, closing it would leave 1,834 of them with no library within 15 min.' +
        ' Left out would rise from 20,000 now (19,100 with your plan) to 20,934 (+9.6\u00a0%).' +
        ' Across the area, library places per 10,000 residents would fall from 3.5 to 2.7.');
    expect(closureSummary(answer({ planned: { ...planned, sites: 2 }, left_out: 0 }))).toContain(
      'each of them has another library that near, or would with the 2 new libraries in your plan, so closing it would leave nobody out.');
  });
  it('names the kind as a new one would be named', () => {
    expect(closureSummary(answer({ category: 'makerspace' }))).toContain('with no makerspace or repair café within');
  });
});

describe('a plan of another kind', () => {
  it('is said not to count, and a plan of the same kind or none says nothing', () => {
    expect(planNotCounted('park', 'library', 2)).toBe('The 2 new parks in your plan are not counted: closing a library is measured against libraries alone.');
    expect(planNotCounted('all', 'makerspace', 1)).toBe(
      'The new learning space in your plan is not counted: closing a makerspace or repair café is measured against makerspaces or repair cafés alone.');
    expect(planNotCounted('library', 'arts_culture', 1)).toContain('closing an arts and culture venue is measured against');
    expect(planNotCounted('library', 'library', 1)).toBe('');
    expect(planNotCounted('park', 'library', 0)).toBe('');
  });
});

describe('a place beyond every street', () => {
  it('says no walk to it is measured, not that nobody lives near', () => {
    expect(closureSummary(answer({ reachable: false, residents_within: 0, left_out: 0 }))).toBe(
      'It is more than 250 m from every street in the data, so no walk to it is measured: closing it would change none of these figures.');
  });
});

describe('the dots on the map, in words', () => {
  const homes = (leftOut: boolean[]): ClosureHomes => ({
    type: 'FeatureCollection', place: 'p', category: 'library', minutes: 15, walking_speed_kmh: 5, step_free: false, reachable: true, attribution: '',
    features: leftOut.map((left_out) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [9.5, 47.1] }, properties: { residents: 3, minutes: 4, left_out } })),
  });
  it('tells dark from hollow where there are both', () => {
    expect(homesKey(homes([true, false]), false)).toBe(
      'On the map: dark dots, the homes of those it would leave out; hollow ones, homes within its walk with another library as near. Larger where more live.');
  });
  it('counts a planned one as near', () => {
    expect(homesKey(homes([false]), true)).toBe(
      'On the map: hollow dots, homes within its walk with another library, or one planned, as near. Larger where more live.');
  });
  it('says only what is drawn', () => {
    expect(homesKey(homes([true]), false)).toBe('On the map: dark dots, the homes of those it would leave out. Larger where more live.');
    expect(homesKey(homes([]), false)).toBe('');
  });
});
