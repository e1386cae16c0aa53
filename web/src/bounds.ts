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

/** Where two boxes overlap; `null` where they do not. */
export function overlap(a: Bounds, b: Bounds): Bounds | null {
  const box: Bounds = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] < box[2] && box[1] < box[3] ? box : null;
}
