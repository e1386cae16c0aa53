// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseWhere } from './where';

describe('a typed location', () => {
  it('reads latitude, longitude as the form shows a point', () => {
    expect(parseWhere('47.16500, 9.51060')).toEqual({ type: 'Point', coordinates: [9.5106, 47.165] });
    expect(parseWhere(' -30.05 ; -51.2 ')).toEqual({ type: 'Point', coordinates: [-51.2, -30.05] });
    expect(parseWhere('47.165 9.5106')).toEqual({ type: 'Point', coordinates: [9.5106, 47.165] });
  });
  it('reads three or more pairs as an outline, closed once', () => {
    const ring = [[9.51, 47.16], [9.52, 47.16], [9.52, 47.17], [9.51, 47.16]];
    expect(parseWhere('47.16, 9.51; 47.16, 9.52; 47.17, 9.52')).toEqual({ type: 'Polygon', coordinates: [ring] });
    expect(parseWhere('47.16, 9.51; 47.16, 9.52; 47.17, 9.52; 47.16, 9.51')).toEqual({ type: 'Polygon', coordinates: [ring] });
    expect(parseWhere('47.16 9.51\n47.16 9.52\n47.17 9.52')).toEqual({ type: 'Polygon', coordinates: [ring] });
  });
  it('refuses what is not pairs of numbers in range, or two corners', () => {
    expect(parseWhere('')).toBeNull();
    expect(parseWhere('47.165')).toBeNull();
    expect(parseWhere('Schaan')).toBeNull();
    expect(parseWhere('95, 9.5')).toBeNull();
    expect(parseWhere('47, 190')).toBeNull();
    expect(parseWhere('1, 2, 3')).toBeNull();
    expect(parseWhere('47.16, 9.51; 47.16, 9.52')).toBeNull();
    expect(parseWhere('47.16, 9.51; 47.16, 9.52; 95, 9.52')).toBeNull();
  });
});
