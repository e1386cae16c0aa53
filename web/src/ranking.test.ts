// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AreaFigures } from './api';
import { inhabited, listed, namesInLine } from './ranking';

const area = (id: string, population: number, offNetwork: number, e2sfca: number | null = 1): AreaFigures =>
  ({ id, name: id, population, uncovered: offNetwork, off_network: offNetwork, e2sfca_per_10k: e2sfca }) as AreaFigures;

describe('the planner list in its parts', () => {
  // In the API's order: most left out first, whatever the reason.
  const rows = [area('harbour', 900, 900, 0), area('west', 1000, 600, 0), area('centre', 500, 240, 2), area('old town', 400, 0, 0.5), area('forest', 0, 0, null)];

  it('ranks those whose walks the street data measures, then those it mostly does not, then those without residents', () => {
    const l = listed(rows, false);
    expect(l.ranked.map((r) => r.id)).toEqual(['centre', 'old town']);
    expect(l.beyond.map((r) => r.id)).toEqual(['harbour', 'west']);
    expect(l.empty.map((r) => r.id)).toEqual(['forest']);
  });

  it('ranks by supply per resident only those it measures', () => {
    const l = listed(rows, true);
    expect(l.ranked.map((r) => r.id)).toEqual(['old town', 'centre']);
    expect(l.beyond.map((r) => r.id)).toEqual(['harbour', 'west']);
  });
});

describe('where the figures are', () => {
  const boxed = (id: string, population: number, bbox: number[]): AreaFigures => ({ ...area(id, population, 0), bbox }) as AreaFigures;

  it('spans the neighbourhoods with residents, not those without', () => {
    const rows = [boxed('centre', 500, [24.93, 60.16, 24.96, 60.18]), boxed('harbour', 40, [24.9, 60.15, 24.94, 60.17]), boxed('forest', 0, [24.8, 60.1, 25.3, 60.4])];
    expect(inhabited(rows)).toEqual([24.9, 60.15, 24.96, 60.18]);
    expect(inhabited(rows.slice(2))).toBeNull();
  });
});

describe('the neighbourhoods without residents', () => {
  const empty = (n: number) => Array.from({ length: n }, (_, i) => area(`n${i + 1}`, 0, 0));

  it('are named, up to a dozen, else ten and how many more', () => {
    expect(namesInLine(empty(2))).toBe('n1, n2');
    expect(namesInLine(empty(12)).split(', ')).toHaveLength(12);
    expect(namesInLine(empty(50))).toBe('n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 and 40 more');
  });
});
