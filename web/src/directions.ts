// The walk to the nearest place in words, from the API's route legs:
// "Head south along Städtle, 160 m", "Turn right onto Kirchstrasse,
// 130 m", "Arrive at Landesbibliothek". The line on the map says it to
// those who can see and read a map; this says it to a screen reader, on
// a printed notice, and to anyone who prefers being told the way.
import type { components } from './api-types';

export type RouteLeg = components['schemas']['RouteLeg'];

/** What an unnamed way is called, by its basemap road class. */
function unnamed(kind: string | null): string {
  switch (kind) {
    case 'path':
      return 'a path';
    case 'track':
      return 'a track';
    case 'service':
      return 'a service road';
    case 'pedestrian':
      return 'a pedestrian street';
    case 'square':
      return 'the square';
    case null:
      return 'the way';
    default:
      return 'a street';
  }
}

const TURNS: Record<NonNullable<RouteLeg['turn']>, string> = {
  straight: 'Continue',
  slight_left: 'Bear left',
  left: 'Turn left',
  sharp_left: 'Turn sharp left',
  slight_right: 'Bear right',
  right: 'Turn right',
  sharp_right: 'Turn sharp right',
};

/** Metres as a walker reckons them: to 5 m under 100 m, to 10 m under
 *  a kilometre, then in tenths of a kilometre. */
export function roughMetres(m: number): string {
  if (m >= 1000) return `${(Math.round(m / 100) / 10).toLocaleString('en-GB')} km`;
  const step = m < 100 ? 5 : 10;
  return `${Math.max(step, Math.round(m / step) * step)} m`;
}

/** A flight of steps: a few metres, said to the metre a walker can
 *  count ("Take the steps, 12 m"), as a pram or a walking frame cannot. */
function stepsLine(leg: RouteLeg, first: boolean): string {
  const by = leg.along ? ` by ${leg.along}` : '';
  const far = leg.meters < 100 ? `${Math.max(1, Math.round(leg.meters))} m` : roughMetres(leg.meters);
  if (first) return `Head ${leg.heading} on the steps${by}, ${far}`;
  const turn = leg.turn === 'straight' || leg.turn === null ? 'Take' : `${TURNS[leg.turn]} and take`;
  return `${turn} the steps${by}, ${far}`;
}

export type Bar = RouteLeg['bars'][number];

/** What bars a wheelchair, as a resident is told it. */
const BARS: Record<Bar, string> = {
  turnstile: 'a turnstile',
  stile: 'a stile',
  kissing_gate: 'a kissing gate',
  raised_kerb: 'a raised kerb',
  other: 'a barrier to wheelchairs',
  way: 'a stretch marked not for wheelchairs',
  rough: 'a stretch too rough for wheelchairs',
};

/** What bars all along a stretch rather than at a point: walked on, not past. */
const STRETCHES: Bar[] = ['way', 'rough'];

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What bars a wheelchair, named: "a turnstile and a raised kerb". */
export function barsNamed(bars: Bar[]): string {
  return listed(bars.map((bar) => BARS[bar]));
}

/** What bars a wheelchair, as a label beside its ring on the map:
 *  "Turnstile", "Stretch marked not for wheelchairs". */
export function barsLabel(bars: Bar[]): string {
  const named = listed(bars.map((bar) => BARS[bar].replace(/^an? /, '')));
  return named.charAt(0).toUpperCase() + named.slice(1);
}

/** How a leg's line ends when it passes what bars a wheelchair: ", past a
 *  turnstile", ", on a stretch marked not for wheelchairs" or both; "" for
 *  a leg that passes none. */
function barsPassed(bars: Bar[]): string {
  const past = bars.filter((bar) => !STRETCHES.includes(bar));
  const on = bars.filter((bar) => STRETCHES.includes(bar));
  const parts = [
    past.length > 0 ? `past ${barsNamed(past)}` : null,
    on.length > 0 ? `on ${barsNamed(on)}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `, ${parts.join(' and ')}` : '';
}

/** One line per leg, then the arrival at `place`; none for a walk of no
 *  length. */
export function directionLines(legs: RouteLeg[], place: string): string[] {
  if (legs.length === 0) return [];
  // A leg past a turnstile, a stile, a raised kerb or a way marked so
  // says which, for whoever cannot pass there: one may get past a kerb
  // with help, never over a stile.
  const lines = legs.map((leg, i) => legLine(leg, i) + barsPassed(leg.bars));
  return [...lines, `Arrive at ${place}`];
}

/** What the `i`th leg of a walk says. */
function legLine(leg: RouteLeg, i: number): string {
  if (leg.steps) return stepsLine(leg, i === 0);
  const way = leg.along ?? unnamed(leg.class);
  const far = roughMetres(leg.meters);
  if (i === 0) return `Head ${leg.heading} ${leg.along ? 'along' : 'on'} ${way}, ${far}`;
  const turn = TURNS[leg.turn ?? 'straight'];
  // "Continue onto a path" where the way changes; a street's name is
  // what a walker looks for on its signs.
  return `${turn} onto ${way}, ${far}`;
}
