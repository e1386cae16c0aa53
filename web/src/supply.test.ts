// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AreaFigures } from './api';
import { bySupply, supplyClass, supplyRatio } from './supply';

const area = (id: string, e2sfca: number | null, population: number): AreaFigures =>
  ({ id, name: id, e2sfca_per_10k: e2sfca, population, uncovered: 0, off_network: 0 }) as AreaFigures;

describe('supply per resident against the whole area', () => {
  it('puts none in a class of its own, then each bound exclusive', () => {
    const label = (v: number) => supplyClass(v, 4).label;
    expect(label(0)).toBe('none within the walk');
    expect(label(0.001)).toBe('under half');
    expect(label(1.999)).toBe('under half');
    expect(label(2)).toBe('half to four fifths');
    expect(label(3.2)).toBe('about the same');
    expect(label(4.999)).toBe('about the same');
    expect(label(5)).toBe('1.25 to 2 times');
    expect(label(8)).toBe('twice or more');
    expect(label(400)).toBe('twice or more');
  });

  it('has nothing to compare with where the area has no place at all', () => {
    expect(supplyClass(0, 0).label).toBe('none within the walk');
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
