// Where a walk takes steps, to be marked on its line and said under its
// directions: the API gives each flight (and each stretch past what else
// bars a wheelchair) as the first and last index of its coordinates in
// the route.

/** The flights of steps of a route (its `steps_at`: the first and last
 *  coordinate of each), as lines to mark on it. */
export function stepsOf(route: GeoJSON.Feature): GeoJSON.FeatureCollection {
  const line = route.geometry.type === 'LineString' ? route.geometry.coordinates : [];
  const flights = (route.properties?.steps_at ?? []) as [number, number][];
  return {
    type: 'FeatureCollection',
    features: flights.map(([from, to]) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: line.slice(from, to + 1) },
      properties: {},
    })),
  };
}

/** What a resident reads under the directions of a walk that takes steps
 *  (`stepsMeters` of them) or passes what else bars a wheelchair (the
 *  route's `barriers_at`), with the way around them; null for a walk
 *  without either. */
export function stepsNoteText(stepsMeters: number, route: GeoJSON.Feature | null): string | null {
  // The route's flights: two a few level metres apart are one leg told.
  const flights = ((route?.properties?.steps_at ?? []) as unknown[]).length;
  const barriers = ((route?.properties?.barriers_at ?? []) as unknown[]).length;
  if (stepsMeters <= 0 && barriers === 0) return null;
  const what = flights > 1 ? `${flights} flights of steps` : 'steps';
  const steps = stepsMeters > 0
    ? `This walk takes ${what} (${Math.max(1, Math.round(stepsMeters))} m, marked in black across the line).`
    : null;
  const past = barriers > 0
    ? `${steps ? 'It also passes' : 'This walk passes'} what the map's data marks as barring a wheelchair: a turnstile, a stile, a raised kerb or a path marked so.`
    : null;
  const around = barriers > 0 ? 'around them' : 'without them';
  return [steps, past, `Tick "Avoid steps" for a walk ${around}.`].filter(Boolean).join(' ');
}
