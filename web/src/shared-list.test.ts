import { describe, expect, it } from 'vitest';
import { extent } from './shared-list';

describe('extent', () => {
  it('is the point itself for a point', () => {
    expect(extent({ type: 'Point', coordinates: [9.51, 47.16] })).toEqual([9.51, 47.16, 9.51, 47.16]);
  });

  it('holds every vertex of a polygon and of a multipolygon', () => {
    const ring = [[9.5, 47.1], [9.6, 47.1], [9.6, 47.2], [9.5, 47.1]];
    expect(extent({ type: 'Polygon', coordinates: [ring] })).toEqual([9.5, 47.1, 9.6, 47.2]);
    const far = [[9.4, 47.0], [9.45, 47.0], [9.45, 47.05], [9.4, 47.0]];
    expect(extent({ type: 'MultiPolygon', coordinates: [[ring], [far]] })).toEqual([9.4, 47.0, 9.6, 47.2]);
  });

  it('is nothing for a geometry without positions', () => {
    expect(extent({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
