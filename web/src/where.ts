// A location as the API takes and gives it, and as people type it.

export type LonLat = [number, number];
/** A point, or an outline (one closed ring). */
export type Where = { type: 'Point'; coordinates: LonLat } | { type: 'Polygon'; coordinates: LonLat[][] };

/** A typed location: "latitude, longitude" (as the form shows a point) is
 *  a point; three or more such pairs, one after another, an outline's
 *  corners. Null if it is neither. */
export function parseWhere(text: string): Where | null {
  const n = text.trim().split(/[\s,;]+/).filter(Boolean).map(Number);
  if (n.length === 0 || n.length % 2 !== 0 || n.some((v) => !Number.isFinite(v))) return null;
  const corners: LonLat[] = [];
  for (let i = 0; i < n.length; i += 2) {
    const [lat, lon] = [n[i], n[i + 1]];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    corners.push([lon, lat]);
  }
  if (corners.length === 1) return { type: 'Point', coordinates: corners[0] };
  // A ring copied from elsewhere may already end where it starts.
  const [first, last] = [corners[0], corners[corners.length - 1]];
  if (corners.length > 3 && first[0] === last[0] && first[1] === last[1]) corners.pop();
  return corners.length >= 3 ? { type: 'Polygon', coordinates: [[...corners, corners[0]]] } : null;
}
