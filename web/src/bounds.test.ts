import { describe, expect, it } from 'vitest';
import { boundsOf, overlap } from './bounds';

describe('boxes', () => {
  it('holds every position', () => {
    expect(boundsOf([[9.5, 47.1], [9.6, 47.0], [9.55, 47.2]])).toEqual([9.5, 47.0, 9.6, 47.2]);
  });

  it('overlap: where a study area and the streets in the data both are', () => {
    // Helsinki: 60 neighbourhoods, streets in 1 × 1.7 km of the centre.
    const city: [number, number, number, number] = [24.78, 60.13, 25.25, 60.3];
    const centre: [number, number, number, number] = [24.93, 60.16, 24.95, 60.175];
    expect(overlap(city, centre)).toEqual(centre);
    // Liechtenstein: the extract reaches beyond the country.
    const country: [number, number, number, number] = [9.47, 47.05, 9.64, 47.27];
    expect(overlap(country, [9.46, 46.97, 9.67, 47.53])).toEqual(country);
    expect(overlap(country, [10, 48, 11, 49])).toBeNull();
  });
});
