import { describe, expect, it } from 'vitest';
import { type OpenStatus, atParam, weekLine, dayAndTime, localTime, openLine, parseOpenWhen, staleIn, whenFrom } from './hours';

// 2026-12-03 is a Thursday.
const THU = '2026-12-03T10:00';

describe('opening hours as a resident reads them', () => {
  it('says until when a place is open, and when a closed one opens', () => {
    expect(openLine({ at: THU, state: 'open', comment: null, changes_at: '2026-12-03T18:30', changes_to: 'closed' })).toBe('Open · until 18:30');
    expect(openLine({ at: '2026-12-03T19:00', state: 'closed', comment: null, changes_at: '2026-12-04T09:00', changes_to: 'open' })).toBe('Closed · opens tomorrow 09:00');
    expect(openLine({ at: THU, state: 'closed', comment: null, changes_at: '2026-12-08T15:00', changes_to: 'open' })).toBe('Closed · opens Tue 15:00');
  });

  it('counts the days from the time on the place\'s clock', () => {
    // Read now, it is already Friday at the place (01:00 there): its
    // Friday 09:00 opening is today, not tomorrow.
    expect(openLine({ at: '2026-12-04T01:00', state: 'closed', comment: null, changes_at: '2026-12-04T09:00', changes_to: 'open' })).toBe('Closed · opens 09:00');
  });

  it('words the states that never change, the uncertain ones and comments', () => {
    expect(openLine({ at: THU, state: 'open', comment: null, changes_at: null, changes_to: null })).toBe('Open around the clock');
    expect(openLine({ at: THU, state: 'closed', comment: null, changes_at: null, changes_to: null })).toBe('Closed all week');
    expect(openLine({ at: THU, state: 'unknown', comment: 'by appointment', changes_at: '2026-12-03T12:00', changes_to: 'closed' }))
      .toBe('Hours uncertain until 12:00 (by appointment)');
    expect(openLine(null)).toBeNull();
    expect(openLine(undefined)).toBeNull();
  });

  it('counts days across a month end', () => {
    expect(whenFrom('2026-12-01T09:00', '2026-11-30T20:00')).toBe('tomorrow 09:00');
    expect(whenFrom('2027-01-02T09:00', '2026-12-31T20:00')).toBe('Sat 09:00');
  });

  it('reads the link and asks the API for now or the time chosen', () => {
    expect(parseOpenWhen('now')).toBe('now');
    expect(parseOpenWhen('2026-12-05T12:00')).toBe('2026-12-05T12:00');
    expect(parseOpenWhen('2026-13-05T12:00')).toBeNull();
    expect(parseOpenWhen('soon')).toBeNull();
    expect(parseOpenWhen(null)).toBeNull();
    expect(localTime(new Date(2026, 11, 3, 7, 5))).toBe('2026-12-03T07:05');
    expect(atParam('now')).toBe('now');
    expect(atParam(null)).toBe('now');
    expect(atParam('2026-12-05T12:00')).toBe('2026-12-05T12:00');
    expect(dayAndTime('2026-12-05T12:00')).toBe('Sat 5 Dec, 12:00');
  });

  it('asks again when a place listed opens or closes, counted on its own clock', () => {
    const MIN = 60_000;
    const open = (at: string, changes_at: string | null): OpenStatus =>
      ({ at, state: 'open', comment: null, changes_at, changes_to: changes_at ? 'closed' : null });
    // One closes in 30 minutes, one (read on another clock) in 10.
    expect(staleIn([open(THU, '2026-12-03T10:30'), open('2026-12-03T06:00', '2026-12-03T06:10'), null], false)).toBe(10 * MIN + 2_000);
    // Across midnight and a month end.
    expect(staleIn([open('2026-11-30T23:50', '2026-12-01T09:00')], false)).toBe((9 * 60 + 10) * MIN + 2_000);
    // Nothing listed changes: no need to ask again, unless only the open
    // ones are listed (another may open): within five minutes.
    expect(staleIn([open(THU, null), undefined], false)).toBeNull();
    expect(staleIn([], true)).toBe(5 * MIN + 2_000);
    expect(staleIn([open(THU, '2026-12-03T11:00')], true)).toBe(5 * MIN + 2_000);
    // Never sooner than a minute.
    expect(staleIn([open(THU, '2026-12-03T10:00')], false)).toBe(MIN + 2_000);
  });

  it('reads a week back, days alike joined, from today', () => {
    const day = (date: string, open: [string, string][], unknown: [string, string][] = []) => ({ date, open, unknown });
    const nine = ['09:00', '18:00'] as [string, string];
    expect(weekLine([
      day('2026-12-03', [nine]), day('2026-12-04', [nine, ['22:00', '24:00']]), day('2026-12-05', [['00:00', '02:00'], ['10:00', '14:00']]),
      day('2026-12-06', []), day('2026-12-07', [nine]), day('2026-12-08', []), day('2026-12-09', [nine]),
    ])).toBe('Thu 09:00–18:00 · Fri 09:00–18:00, 22:00–24:00 · Sat 00:00–02:00, 10:00–14:00 · Sun closed · Mon 09:00–18:00 · Tue closed · Wed 09:00–18:00');
    expect(weekLine(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'].map((d) => day(d, [['00:00', '24:00']]))))
      .toBe('Mon–Fri 00:00–24:00');
    expect(weekLine([day('2026-12-07', [], [['10:00', '12:00']]), day('2026-12-08', [])])).toBe('Mon closed, uncertain 10:00–12:00 · Tue closed');
  });
});
