// Boxes around positions, apart from the map so that panels and unit
// tests can use them without loading MapLibre.

/** West, south, east, north in WGS84. */
export type Bounds = [number, number, number, number];

/** The smallest box holding every position (at least one). */
export function boundsOf(points: [number, number][]): Bounds {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
