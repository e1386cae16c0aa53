// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { newNoun } from './categories';
import { type CandidateAnswer, candidateSummary, planGain, planGeoJson, planSummary, plural, supplyChange, worthKeeping } from './candidate';

const answer = (over: Partial<Record<string, unknown>>): CandidateAnswer => ({
  reachable: true,
  origin: [9.4995, 47.0665],
  category: 'makerspace',
  minutes: 15,
  walking_speed_kmh: 4,
  step_free: false,
  facilities: 3,
  residents_within: 2400,
  newly_covered: 1834.4,
  planned: { sites: 0, newly_covered: 0, off_network: [] },
  uncovered_now: 20000,
  uncovered_before: 20000,
  uncovered_after: 18165.6,
  e2sfca_now: 0.8,
  e2sfca_before: 0.8,
  e2sfca_after: 1.34,
  neighbourhoods: [],
  attribution: '© OpenStreetMap contributors',
  ...over,
}) as CandidateAnswer;

describe('supply per resident before and after', () => {
  it('reads as a change, two decimals under one', () => {
    expect(supplyChange(0, 3.125)).toBe('0 → 3.1');
    expect(supplyChange(0.804, 1.34)).toBe('0.8 → 1.3');
    expect(supplyChange(12.61, 19.27)).toBe('12.6 → 19.3');
    expect(supplyChange(null, null)).toBe('–');
  });
});

describe('a candidate site in words', () => {
  it('says whom it would bring within the walk and how far the gap falls', () => {
    expect(candidateSummary(answer({}))).toBe(
      'A new makerspace or repair café here would put 1,834 more residents within 15 min of one: people who have none that near now' +
        ' (of 2,400 within its walk). Left out would fall from 20,000 to 18,166 (−9.2\u00a0%).');
  });
  it('says the pace the walk is at where it is not the city\'s', () => {
    expect(candidateSummary(answer({}), true)).toContain('would put 1,834 more residents within 15 min at 4 km/h of one:');
    expect(candidateSummary(answer({ newly_covered: 0 }), true)).toContain('would be within 15 min at 4 km/h of 2,400 residents');
    expect(planSummary(answer({}) as never, 1, true)).toContain('within 15 min at 4 km/h of one.');
  });
  it('says when it would close no gap, or reach nobody', () => {
    expect(candidateSummary(answer({ newly_covered: 0 }))).toMatch(/already has one that near: it would close no gap/);
    expect(candidateSummary(answer({ residents_within: 0, newly_covered: 0, category: 'all' })))
      .toBe('A new learning space here would have no residents within 15 min of it.');
  });
  it('counts a plan in: from now, to with the plan, to with this one too', () => {
    const besides = answer({ planned: { sites: 2, newly_covered: 3000, off_network: [] }, uncovered_before: 17000, uncovered_after: 15165.6 });
    expect(candidateSummary(besides)).toBe(
      'Besides the 2 in your plan, a new makerspace or repair café here would put 1,834 more residents within 15 min of one' +
        ' (of 2,400 within its walk). Left out would fall from 20,000 now to 17,000 with your plan, and to 15,166 with this one too (−24.2\u00a0%).');
    expect(candidateSummary(answer({ planned: { sites: 1, newly_covered: 10, off_network: [] }, newly_covered: 0 })))
      .toMatch(/^Besides the one in your plan, .* or would with your plan: it would close no gap\.$/);
  });
  it('sums the whole plan from its last site, measured besides the others', () => {
    const last = answer({ category: 'library', planned: { sites: 2, newly_covered: 3000, off_network: [] }, uncovered_after: 15165.6 });
    expect(planSummary(last as never, 3)).toBe(
      'The 3 new libraries in your plan would put 4,834 more residents within 15 min of one. Left out would fall from 20,000 to 15,166 (−24.2\u00a0%),' +
        ' and across the area places per 10,000 residents would rise from 0.8 to 1.3.');
    expect(planSummary(answer({ newly_covered: 0 }) as never, 1)).toBe(
      'The new makerspace or repair café in your plan would close no gap within 15 min, but across the area places per 10,000 residents would rise from 0.8 to 1.3.');
    expect(planSummary(answer({ newly_covered: 0, e2sfca_now: null, e2sfca_after: null }) as never, 1))
      .toBe('The new makerspace or repair café in your plan would close no gap within 15 min.');
  });
  it('says where a site that closes no gap would still ease the crowding, and keeps it for that', () => {
    const area = (name: string, before: number, after: number) =>
      ({ name, newly_covered: 0, uncovered_before: 0, uncovered_after: 0, e2sfca_before: before, e2sfca_after: after });
    const crowded = answer({ newly_covered: 0, neighbourhoods: [area('Schaan', 2.2, 2.6), area('Vaduz', 1.1, 4.41), area('Planken', null as never, null as never)] });
    expect(candidateSummary(crowded)).toMatch(
      /it would close no gap\. It would still ease the crowding: in Vaduz, places per 10,000 residents would rise from 1\.1 to 4\.4\.$/);
    expect(worthKeeping(crowded)).toBe(true);
    expect(planGain(crowded)).toBe('eases Vaduz: 1.1 → 4.4 per 10,000');
    // Nobody left out reached and nowhere eased: nothing to keep.
    const idle = answer({ newly_covered: 0.2, neighbourhoods: [area('Schaan', 2.2, 2.2)] });
    expect(candidateSummary(idle)).toMatch(/it would close no gap\.$/);
    expect([worthKeeping(idle), planGain(idle)]).toEqual([false, '+0']);
    expect([worthKeeping(answer({})), planGain(answer({}))]).toEqual([true, '+1,834']);
    const far = { reachable: false, origin: [9, 47], reason: 'far' } as CandidateAnswer;
    expect([worthKeeping(far), planGain(far), planGain(undefined)]).toEqual([false, 'nobody can walk there', '']);
  });
  it('names planned sites nobody could walk to', () => {
    const off = answer({ planned: { sites: 2, newly_covered: 0, off_network: [1] } });
    expect(planSummary(off as never, 3)).toMatch(/ Site 1 of your plan is more than 250 m from any street in the data: nobody could walk there, so it counts for nothing\.$/);
    expect(candidateSummary(answer({ planned: { sites: 2, newly_covered: 0, off_network: [1, 2] } })))
      .toMatch(/ Sites 1, 2 of your plan are more than 250 m .* so they count for nothing\.$/);
  });
  it('exports the plan with what each site adds, the figures and the attribution', () => {
    const first = answer({ newly_covered: 3000 });
    const second = answer({ planned: { sites: 1, newly_covered: 3000, off_network: [] }, newly_covered: 500, uncovered_after: 16500,
      e2sfca_before: 1.34, e2sfca_after: 1.84 });
    const off = { reachable: false, origin: [9, 47], reason: 'far' } as CandidateAnswer;
    const extract = { id: 'osm', kind: 'osm', file: 'li.osm.pbf', sha256: 'ab', data_as_of: '2024-03-04T21:00:02Z',
      imported_at: '2026-12-05T05:00:00Z', attribution: '© OpenStreetMap contributors', note: 'Cut by a box: its edges miss streets.' } as const;
    const places = ['at Städtle 35, Vaduz', 'in Balzers', null];
    const out = planGeoJson([[9.5, 47.1], [9.52, 47.07], [9, 47]], [first, second, off], [extract], places) as Record<string, unknown>;
    expect(out.attribution).toBe('© OpenStreetMap contributors');
    expect(out.sources).toEqual([extract]);
    expect(out.uncovered_now).toBeNull();
    expect((out.features as { properties: unknown }[]).map((f) => f.properties)).toEqual([
      { order: 1, where: 'at Städtle 35, Vaduz', reachable: true, adds_residents: 3000, adds_e2sfca_per_10k: 0.54 },
      { order: 2, where: 'in Balzers', reachable: true, adds_residents: 500, adds_e2sfca_per_10k: 0.5 },
      { order: 3, where: null, reachable: false, adds_residents: 0, adds_e2sfca_per_10k: 0 },
    ]);
    const two = planGeoJson([[9.5, 47.1], [9.52, 47.07]], [first, second], []) as Record<string, unknown>;
    expect([two.category, two.minutes, two.walking_speed_kmh, two.uncovered_now, two.uncovered_after]).toEqual(['makerspace', 15, 4, 20000, 16500]);
    expect([two.e2sfca_now, two.e2sfca_after]).toEqual([0.8, 1.84]);
  });
  it('says a point off the street data cannot be walked to', () => {
    expect(candidateSummary({ reachable: false, origin: [9, 47], reason: 'far' } as CandidateAnswer)).toMatch(/more than 250 m from any street/);
  });
  it('names every kind so that "a new …" reads', () => {
    expect(newNoun('library')).toBe('library');
    expect(newNoun('public_bookcase')).toBe('public bookcase');
    expect(newNoun('arts_culture')).toBe('arts and culture venue');
    expect(plural(newNoun('makerspace'))).toBe('makerspaces or repair cafés');
    expect(plural(newNoun('higher_education'))).toBe('colleges or universities');
    expect(plural(newNoun('library'))).toBe('libraries');
    expect(plural(newNoun('all'))).toBe('learning spaces');
  });
});
