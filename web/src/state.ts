// The map state that a link reproduces: mode, category, walking time and
// what is selected live in the query string; the view (zoom/lat/lon) in
// the `#map=` hash that MapLibre keeps up to date.
import { CATEGORIES, type Category, isCategory, isSubject, MINUTES, type Subject } from './categories';
import { type OpenWhen, parseOpenWhen } from './hours';
import { parsePace } from './pace';
import { isMeasure, type Measure } from './supply';

export type Mode = 'planner' | 'resident' | 'commons';
export const MODES: readonly Mode[] = ['planner', 'resident', 'commons'];

export interface ViewState {
  mode: Mode;
  /** The planner's subject: a category or all learning spaces. */
  category: Subject;
  minutes: number;
  /** What the planner's map and list show: residents left out, or supply per resident. */
  measure: Measure;
  /** The neighbourhood the planner opened. */
  area: string | null;
  /** The planner's candidate site for a new learning space, [lon, lat]. */
  site: [number, number] | null;
  /** Sites the planner kept for new learning spaces, in the order kept:
   *  the candidate is measured as if they had opened. */
  plan: [number, number][];
  /** The resident's chosen point, [lon, lat]. */
  origin: [number, number] | null;
  /** The place whose card is open. */
  place: string | null;
  /** Categories the resident's nearest list includes. */
  filters: Category[];
  /** Only places open now or at a chosen local time; null: any time. */
  open: OpenWhen;
  /** The walking pace every walk is measured at, km/h; null: the city's. */
  pace: number | null;
  /** The resident's walks avoid steps (a wheelchair, a pram). */
  stepFree: boolean;
}

export const DEFAULT_STATE: ViewState = {
  mode: 'planner',
  category: 'all',
  minutes: 15,
  measure: 'left-out',
  area: null,
  site: null,
  plan: [],
  origin: null,
  place: null,
  filters: CATEGORIES.map((c) => c.id),
  open: null,
  pace: null,
  stepFree: false,
};

function parseOrigin(s: string | null): [number, number] | null {
  if (!s) return null;
  const parts = s.split(',').map(Number);
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lon, lat] = parts;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [lon, lat];
}

/** The API takes at most this many planned sites. */
export const MAX_PLANNED = 10;

/** `lon,lat;lon,lat`: a site that does not read is left out. */
function parsePlan(s: string | null): [number, number][] {
  return (s ?? '')
    .split(';')
    .map(parseOrigin)
    .filter((p): p is [number, number] => p !== null)
    .slice(0, MAX_PLANNED);
}

/** To the API's precision: a site found on a street corner, moved by even
 *  a metre, may lose a building at the edge of its walk. */
const exact = (p: [number, number]) => p.map((v) => Number(v.toFixed(7))).join(',');

/** Reads the state from a query string; anything invalid falls back to the default. */
export function parseState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const asked = q.get('mode');
  const mode = MODES.find((m) => m === asked) ?? 'planner';
  const category = q.get('category');
  const minutes = Number(q.get('minutes'));
  const measure = q.get('measure');
  const filters = (q.get('filters') ?? '')
    .split(',')
    .filter((c): c is Category => isCategory(c));
  return {
    mode,
    category: isSubject(category) ? category : DEFAULT_STATE.category,
    minutes: (MINUTES as readonly number[]).includes(minutes) ? minutes : DEFAULT_STATE.minutes,
    measure: isMeasure(measure) ? measure : DEFAULT_STATE.measure,
    area: q.get('area') || null,
    site: parseOrigin(q.get('site')),
    plan: parsePlan(q.get('plan')),
    origin: parseOrigin(q.get('at')),
    place: q.get('place') || null,
    filters: q.has('filters') ? filters : [...DEFAULT_STATE.filters],
    open: parseOpenWhen(q.get('open')),
    pace: parsePace(q.get('pace')),
    stepFree: q.get('steps') === 'avoid',
  };
}

/** Writes the state as a query string (without the leading `?`). */
export function formatState(s: ViewState): string {
  const q = new URLSearchParams();
  q.set('mode', s.mode);
  q.set('category', s.category);
  q.set('minutes', String(s.minutes));
  if (s.measure !== DEFAULT_STATE.measure) q.set('measure', s.measure);
  if (s.area) q.set('area', s.area);
  if (s.site) q.set('site', exact(s.site));
  if (s.plan.length) q.set('plan', s.plan.map(exact).join(';'));
  if (s.origin) q.set('at', `${s.origin[0].toFixed(5)},${s.origin[1].toFixed(5)}`);
  if (s.place) q.set('place', s.place);
  if (s.filters.length !== CATEGORIES.length) q.set('filters', s.filters.join(','));
  if (s.open) q.set('open', s.open);
  if (s.pace !== null) q.set('pace', String(s.pace));
  if (s.stepFree) q.set('steps', 'avoid');
  return q.toString();
}
