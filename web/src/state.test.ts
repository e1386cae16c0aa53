import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatState, parseState } from './state';

describe('URL state', () => {
  it('round-trips every field', () => {
    const s = {
      ...DEFAULT_STATE,
      mode: 'resident' as const,
      category: 'park' as const,
      minutes: 10,
      measure: 'supply' as const,
      area: 'li-municipalities:Vaduz',
      site: [9.4995, 47.0665] as [number, number],
      plan: [[9.5206431, 47.1412002], [9.55, 47.2]] as [number, number][],
      origin: [9.52154, 47.14102] as [number, number],
      place: 'osm-liechtenstein:n123',
      filters: ['library' as const, 'park' as const],
      open: '2026-12-05T12:00',
      pace: 3.5,
      stepFree: true,
    };
    expect(parseState(formatState(s))).toEqual(s);
    expect(formatState(s)).toContain('steps=avoid');
    expect(formatState(DEFAULT_STATE)).not.toContain('steps');
  });

  it('falls back to defaults for values a hand-edited link gets wrong', () => {
    const s = parseState('mode=admin&category=casino&minutes=17&measure=best&at=200,1&site=9.5&filters=nope&plan=9.5,47.1;x;9.6');
    expect(s.mode).toBe('planner');
    expect(s.measure).toBe('left-out');
    expect(s.category).toBe(DEFAULT_STATE.category);
    expect(s.minutes).toBe(DEFAULT_STATE.minutes);
    expect(s.origin).toBeNull();
    expect(s.site).toBeNull();
    expect(s.plan).toEqual([[9.5, 47.1]]);
    expect(s.filters).toEqual([]);
    expect(parseState('open=sometime').open).toBeNull();
    // A pace in m/s, or none the API takes, is the city's.
    expect(parseState('pace=1.4').pace).toBeNull();
    expect(parseState('pace=fast').pace).toBeNull();
    expect(parseState('pace=3.6').pace).toBe(3.5);
  });

  it('keeps "open now" in the link, and nothing for any time', () => {
    expect(parseState(formatState({ ...DEFAULT_STATE, open: 'now' })).open).toBe('now');
    expect(formatState(DEFAULT_STATE)).not.toContain('open=');
  });

  it('keeps a plan of at most ten sites, and none out of the link', () => {
    const many = Array.from({ length: 12 }, (_, k) => `9.5,47.${k}`).join(';');
    expect(parseState(`plan=${many}`).plan).toHaveLength(10);
    expect(formatState(DEFAULT_STATE)).not.toContain('plan=');
  });

  it('keeps supply per resident in the link, and nothing for residents left out', () => {
    expect(parseState(formatState({ ...DEFAULT_STATE, measure: 'supply' })).measure).toBe('supply');
    expect(formatState(DEFAULT_STATE)).not.toContain('measure=');
  });

  it('knows all learning spaces as a subject', () => {
    expect(parseState('category=all').category).toBe('all');
  });

  it('knows the commons mode', () => {
    expect(parseState('mode=commons').mode).toBe('commons');
  });

  it('keeps the default filter list out of the link', () => {
    expect(formatState(DEFAULT_STATE)).not.toContain('filters');
    expect(parseState(formatState(DEFAULT_STATE)).filters).toEqual(DEFAULT_STATE.filters);
  });
});
