import { describe, expect, it } from 'vitest';
import { barriersOf, stepsNoteText, stepsOf } from './route-steps';

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

describe('barriersOf', () => {
  const line = [[9.52, 47.14], [9.521, 47.14], [9.522, 47.141], [9.523, 47.141], [9.524, 47.142]];
  const walk = (barriers_at: number[][]): GeoJSON.Feature => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: line },
    properties: { steps_at: [], barriers_at },
  });

  it('draws each stretch, ringed at the barrier between its pieces', () => {
    // A turnstile at the third coordinate bars the pieces either side.
    expect(barriersOf(walk([[1, 3]])).features.map((f) => f.geometry)).toEqual([
      { type: 'LineString', coordinates: line.slice(1, 4) },
      { type: 'Point', coordinates: line[2] },
    ]);
  });

  it('rings a stretch of one piece, or of three, at its middle piece\'s middle', () => {
    const rings = barriersOf(walk([[0, 1], [1, 4]])).features.filter((f) => f.geometry.type === 'Point');
    expect(rings.map((f) => (f.geometry as GeoJSON.Point).coordinates)).toEqual([
      [9.5205, 47.14],
      [9.5225, 47.141],
    ]);
  });

  it('labels each ring with what bars there', () => {
    const told = { ...walk([[0, 1], [1, 3]]), properties: { barriers_at: [[0, 1], [1, 3]], barriers_bars: [['way'], ['turnstile', 'raised_kerb', 'kissing_gate']] } };
    const labels = barriersOf(told).features.filter((f) => f.geometry.type === 'Point').map((f) => f.properties?.label);
    expect(labels).toEqual(['Stretch marked not for wheelchairs', 'Turnstile, raised kerb and kissing gate']);
    const rough = { ...walk([[0, 2]]), properties: { barriers_at: [[0, 2]], barriers_bars: [['rough']] } };
    expect(barriersOf(rough).features.filter((f) => f.geometry.type === 'Point').map((f) => f.properties?.label))
      .toEqual(['Stretch too rough for wheelchairs']);
  });

  it('draws nothing for a walk without barriers, or an answer from before they were told', () => {
    expect(barriersOf(walk([])).features).toEqual([]);
    expect(barriersOf(route(line, [])).features).toEqual([]);
  });
});

describe('stepsNoteText', () => {
  const line = [[9.52, 47.14], [9.521, 47.14], [9.522, 47.141]];
  const walk = (steps_at: number[][], barriers_at: number[][]): GeoJSON.Feature => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: line },
    properties: { steps_at, barriers_at },
  });

  it('says nothing of a walk without steps or barriers', () => {
    expect(stepsNoteText(0, walk([], []))).toBeNull();
    expect(stepsNoteText(0, null)).toBeNull();
    // An answer from before barriers were told.
    expect(stepsNoteText(0, route(line, []))).toBeNull();
  });

  it('tells the steps, and the way without them', () => {
    expect(stepsNoteText(12.4, walk([[0, 1]], []))).toBe(
      'This walk takes steps (12 m, marked in black across the line). Tick "Avoid steps" for a walk without them.');
    expect(stepsNoteText(30, walk([[0, 1], [1, 2]], []))).toMatch(/^This walk takes 2 flights of steps \(30 m/);
  });

  it('tells a barrier that is no flight of steps, alone or after the steps, and what bars', () => {
    expect(stepsNoteText(0, walk([], [[1, 2]]))).toBe(
      'This walk passes what the map\'s data marks as barring a wheelchair (ringed on the line): a turnstile, a stile, a raised kerb or a path marked so. Tick "Avoid steps" for a walk around them.');
    const told = { ...walk([], [[0, 1], [1, 2]]), properties: { steps_at: [], barriers_at: [[0, 1], [1, 2]], barriers_bars: [['turnstile', 'way'], ['turnstile']] } };
    expect(stepsNoteText(0, told)).toBe(
      'This walk passes what the map\'s data marks as barring a wheelchair (ringed on the line): a turnstile and a stretch marked not for wheelchairs. Tick "Avoid steps" for a walk around them.');
    const both = stepsNoteText(5, walk([[0, 1]], [[1, 2]]));
    expect(both).toMatch(/^This walk takes steps \(5 m, .*\)\. It also passes .* Tick "Avoid steps" for a walk around them\.$/);
  });
});
