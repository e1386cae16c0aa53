import { describe, expect, it } from 'vitest';
import { stepsOf } from './route-steps';

const route = (coordinates: number[][], steps_at: number[][]): GeoJSON.Feature => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates },
  properties: { steps_at },
});

describe('stepsOf', () => {
  it('draws each flight along the route, from its first coordinate to its last', () => {
    const line = [[9.52, 47.14], [9.521, 47.14], [9.522, 47.141], [9.523, 47.141], [9.524, 47.142], [9.525, 47.142]];
    const flights = stepsOf(route(line, [[1, 3], [4, 5]]));
    expect(flights.features.map((f) => (f.geometry as GeoJSON.LineString).coordinates)).toEqual([
      line.slice(1, 4),
      line.slice(4, 6),
    ]);
  });

  it('draws nothing for a walk without steps', () => {
    expect(stepsOf(route([[9.52, 47.14], [9.521, 47.14]], [])).features).toEqual([]);
    expect(stepsOf({ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} }).features).toEqual([]);
  });
});
