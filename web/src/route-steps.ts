// Where a walk takes steps, to be marked on its line: the API gives each
// flight as the first and last index of its coordinates in the route.

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
