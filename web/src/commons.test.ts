// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseLatLon } from './commons';

describe('a typed location', () => {
  it('reads latitude, longitude as the form shows them', () => {
    expect(parseLatLon('47.16500, 9.51060')).toEqual([9.5106, 47.165]);
    expect(parseLatLon(' -30.05 ; -51.2 ')).toEqual([-51.2, -30.05]);
    expect(parseLatLon('47.165 9.5106')).toEqual([9.5106, 47.165]);
  });
  it('refuses what is not two numbers in range', () => {
    expect(parseLatLon('')).toBeNull();
    expect(parseLatLon('47.165')).toBeNull();
    expect(parseLatLon('Schaan')).toBeNull();
    expect(parseLatLon('95, 9.5')).toBeNull();
    expect(parseLatLon('47, 190')).toBeNull();
    expect(parseLatLon('1, 2, 3')).toBeNull();
  });
});
