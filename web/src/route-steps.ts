// Where a walk takes steps, to be marked on its line and said under its
// directions: the API gives each flight (and each stretch past what else
// bars a wheelchair) as the first and last index of its coordinates in
// the route.
import { type Bar, barsLabel, barsNamed } from './directions';

/** The runs of a route's line under `key` (`steps_at` or `barriers_at`:
 *  the first and last coordinate of each). */
function runsOf(route: GeoJSON.Feature, key: 'steps_at' | 'barriers_at'): { line: GeoJSON.Position[]; runs: [number, number][] } {
  const line = route.geometry.type === 'LineString' ? route.geometry.coordinates : [];
  return { line, runs: (route.properties?.[key] ?? []) as [number, number][] };
}

/** The flights of steps of a route (its `steps_at`), as lines to mark on
 *  it. */
export function stepsOf(route: GeoJSON.Feature): GeoJSON.FeatureCollection {
  const { line, runs } = runsOf(route, 'steps_at');
  return {
    type: 'FeatureCollection',
    features: runs.map(([from, to]) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: line.slice(from, to + 1) },
      properties: {},
    })),
  };
}

/** Where a route passes what bars a wheelchair (its `barriers_at`): each
 *  stretch as a line, and a point to ring in its middle, since a
 *  turnstile's stretch is a metre or two, too short to see as a line,
 *  labelled with what bars there (`barriers_bars`). */
export function barriersOf(route: GeoJSON.Feature): GeoJSON.FeatureCollection {
  const { line, runs } = runsOf(route, 'barriers_at');
  const bars = (route.properties?.barriers_bars ?? []) as Bar[][];
  return {
    type: 'FeatureCollection',
    features: runs.flatMap(([from, to], i): GeoJSON.Feature[] => {
      const stretch = line.slice(from, to + 1);
      if (stretch.length < 2) return [];
      // A barrier on a node bars the pieces either side of it, an even
      // number, and stands on the middle coordinate; a run of one piece
      // (a kerb where a path ends) is ringed at the piece's middle.
      const pieces = to - from;
      const k = from + Math.floor(pieces / 2);
      const middle = pieces % 2 === 0
        ? line[k]
        : [(line[k][0] + line[k + 1][0]) / 2, (line[k][1] + line[k + 1][1]) / 2];
      return [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: stretch }, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: middle }, properties: { label: barsLabel(bars[i] ?? []) } },
      ];
    }),
  };
}

/** What a resident reads under the directions of a walk that takes steps
 *  (`stepsMeters` of them) or passes what else bars a wheelchair (the
 *  route's `barriers_at`, and what bars, its `barriers_bars`), with the
 *  way around them; null for a walk without either. */
export function stepsNoteText(stepsMeters: number, route: GeoJSON.Feature | null): string | null {
  // The route's flights: two a few level metres apart are one leg told.
  const flights = ((route?.properties?.steps_at ?? []) as unknown[]).length;
  const barriers = ((route?.properties?.barriers_at ?? []) as unknown[]).length;
  if (stepsMeters <= 0 && barriers === 0) return null;
  const what = flights > 1 ? `${flights} flights of steps` : 'steps';
  const steps = stepsMeters > 0
    ? `This walk takes ${what} (${Math.max(1, Math.round(stepsMeters))} m, marked in black across the line).`
    : null;
  const bars = [...new Set(((route?.properties?.barriers_bars ?? []) as Bar[][]).flat())];
  const which = bars.length > 0 ? barsNamed(bars) : 'a turnstile, a stile, a raised kerb or a path marked so';
  const past = barriers > 0
    ? `${steps ? 'It also passes' : 'This walk passes'} what the map's data marks as barring a wheelchair (ringed on the line): ${which}.`
    : null;
  const around = barriers > 0 ? 'around them' : 'without them';
  return [steps, past, `Tick "Avoid steps" for a walk ${around}.`].filter(Boolean).join(' ');
}
