import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { buildStyle, EDGE_BAND, STREET_ZOOM } from './style';

/** A paint value at `zoom`: a number, or a linear interpolation by zoom. */
function at(value: unknown, zoom: number): number {
  if (typeof value === 'number') return value;
  const [op, kind, input, ...stops] = value as [string, string[], string[], ...number[]];
  expect([op, kind[0], input[0]]).toEqual(['interpolate', 'linear', 'zoom']);
  for (let i = 0; i + 2 < stops.length; i += 2) {
    const [z0, v0, z1, v1] = stops.slice(i, i + 4);
    if (zoom <= z0) return v0;
    if (zoom <= z1) return v0 + ((zoom - z0) / (z1 - z0)) * (v1 - v0);
  }
  return zoom <= stops[0] ? stops[1] : stops[stops.length - 1];
}

const layers = buildStyle('http://x', 'library', 15).layers;
const paint = (id: string, property: string) => {
  const layer = layers.find((l) => l.id === id) as LayerSpecification & { paint: Record<string, unknown> };
  return (zoom: number) => at(layer.paint[property], zoom);
};

describe('the planner map from city to street zoom', () => {
  const neighbourhoods = paint('gap-fill', 'fill-opacity');
  const surface = paint('access', 'fill-opacity');
  const edge = paint('gap-edge', 'line-opacity');
  const width = paint('gap-edge', 'line-width');
  const offset = paint('gap-edge', 'line-offset');
  const zooms = Array.from({ length: 121 }, (_, k) => 6 + k / 10);

  it('never lays the two palettes over each other outside one zoom', () => {
    for (const z of zooms.filter((z) => z < STREET_ZOOM.from || z > STREET_ZOOM.to)) {
      expect(Math.min(neighbourhoods(z), surface(z)), `zoom ${z}`).toBe(0);
    }
    expect(STREET_ZOOM.to - STREET_ZOOM.from).toBeLessThanOrEqual(1);
  });
  it('shows one or the other at every zoom', () => {
    for (const z of zooms) expect(Math.max(neighbourhoods(z), surface(z)), `zoom ${z}`).toBeGreaterThanOrEqual(0.3);
  });
  it('keeps each neighbourhood coloured along the inside of its edge at street zoom', () => {
    for (const z of zooms.filter((z) => z >= STREET_ZOOM.to)) {
      expect(edge(z)).toBeGreaterThan(0.8);
      expect(width(z)).toBe(EDGE_BAND);
      expect(offset(z)).toBe(width(z) / 2);
    }
    expect(edge(STREET_ZOOM.from - 0.1)).toBe(0);
  });
});
