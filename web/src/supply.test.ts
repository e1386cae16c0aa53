// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AreaFigures } from './api';
import { bySupply, supplyRatio } from './supply';

const area = (id: string, e2sfca: number | null, population: number): AreaFigures =>
  ({ id, name: id, e2sfca_per_10k: e2sfca, population, uncovered: 0, off_network: 0 }) as AreaFigures;

describe('supply per resident against the whole area', () => {
  it('has nothing to compare with where the area has no place at all', () => {
    expect(supplyRatio(0, 0)).toBeNull();
    expect(supplyRatio(null, 4)).toBeNull();
    expect(supplyRatio(2, 4)).toBe(0.5);
  });

  it('lists the least supplied first, the more populous among equals, and those without residents last', () => {
    const rows = [area('a', 3, 100), area('empty', null, 0), area('b', 0, 50), area('c', 0, 900), area('d', 1.5, 10)];
    expect(bySupply(rows).map((r) => r.id)).toEqual(['c', 'b', 'd', 'a', 'empty']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'empty', 'b', 'c', 'd']);
  });
});
