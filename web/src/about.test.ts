// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { creditLine, day, method, OSM_CREDIT, sourceLine, staleness, streetDataDay } from './about';
import { printedLine } from './print';

const osm = {
  id: 'osm-liechtenstein',
  kind: 'osm' as const,
  file: 'liechtenstein_2024-03_geofabrik.osm.pbf',
  sha256: 'a'.repeat(64),
  data_as_of: '2024-03-04T21:21:35Z',
  imported_at: '2026-12-05T03:05:45Z',
  attribution: '© OpenStreetMap contributors (ODbL 1.0)',
  note: '',
};
const soon = new Date('2024-06-01T00:00:00Z');
const later = new Date('2026-12-05T00:00:00Z');

describe('about these figures', () => {
  it('dates a source by the UTC day, as people write it', () => {
    expect(day('2024-03-04T21:21:35Z')).toBe('4 March 2024');
    expect(day('2024-03-04T23:59:59Z')).toBe('4 March 2024');
  });
  it('says how current an extract is and whose it is', () => {
    expect(sourceLine(osm, soon)).toBe(
      'OpenStreetMap extract: liechtenstein_2024-03_geofabrik.osm.pbf. Data as of 4 March 2024; imported 5 December 2026. ' +
        '© OpenStreetMap contributors (ODbL 1.0)',
    );
  });
  it('says when data is a year old or more, and what that means', () => {
    expect(staleness(osm.data_as_of, soon)).toBeNull();
    expect(staleness(osm.data_as_of, new Date('2025-03-03T23:00:00Z'))).toBeNull();
    expect(staleness(osm.data_as_of, new Date('2025-03-05T00:00:00Z'))).toBe('1 year old: places opened since are missing');
    // A census stated as of its reference day: people move, not places.
    expect(sourceLine({ ...osm, kind: 'population', file: 'census.csv', data_as_of: '2023-12-31T00:00:00Z', attribution: '' }, later))
      .toBe('Population: census.csv. Data as of 31 December 2023 (2 years old: residents are counted as they were then); imported 5 December 2026.');
    expect(sourceLine({ ...osm, kind: 'population', file: 'grid.csv', data_as_of: null, attribution: '' }, later, true))
      .toBe('Population: grid.csv. Imported 5 December 2026. The residents are counted from this file.');
    expect(sourceLine(osm, later)).toContain('Data as of 4 March 2024 (2 years old: places opened since are missing); imported');
  });
  it("ends with what the operator noted of the file's data", () => {
    const towns = { ...osm, kind: 'neighbourhoods' as const, file: 'towns.geojson', data_as_of: null, attribution: '' };
    const noted = 'Residents from the OSM place node of each name: approximate and undated.';
    expect(sourceLine({ ...towns, note: noted }, later, true)).toBe(
      `Neighbourhoods: towns.geojson. Imported 5 December 2026. The residents are counted from this file. ${noted}`,
    );
  });
  it('leaves out a date the file did not give, and an empty credit', () => {
    expect(sourceLine({ ...osm, kind: 'neighbourhoods', file: 'b.geojson', data_as_of: null, attribution: '' }, later)).toBe(
      'Neighbourhoods: b.geojson. Imported 5 December 2026.',
    );
  });
  it("gives the heading the oldest extract's day, only when every extract has one", () => {
    const newer = { ...osm, id: 'b', data_as_of: '2025-01-10T00:00:00Z' };
    const boundaries = { ...osm, id: 'n', kind: 'neighbourhoods' as const, data_as_of: null };
    expect(streetDataDay([newer, osm, boundaries])).toBe('4 March 2024');
    expect(streetDataDay([newer, { ...osm, data_as_of: null }])).toBeNull();
    expect(streetDataDay([boundaries])).toBeNull();
  });
  it('credits each owner once on paper, with the street data\'s day when known', () => {
    const city = { ...osm, id: 'n', kind: 'neighbourhoods' as const, data_as_of: null, attribution: '© City (CC BY 4.0)' };
    const second = { ...osm, id: 'b', data_as_of: '2025-01-10T00:00:00Z' };
    expect(creditLine([city, osm, second])).toBe('Data: © City (CC BY 4.0); © OpenStreetMap contributors (ODbL 1.0), OpenStreetMap data of 4 March 2024.');
    expect(creditLine([{ ...osm, data_as_of: null }])).toBe('Data: © OpenStreetMap contributors (ODbL 1.0).');
    // Sources that name no owner still print the credit OSM data needs.
    expect(creditLine([{ ...city, attribution: '' }])).toBe(`Data: ${OSM_CREDIT}.`);
  });
  it('dates a printed page and leads back to its view', () => {
    // Noon UTC: the same day on the printer's clock wherever it is.
    expect(printedLine(new Date('2026-12-05T12:00:00Z'), 'https://maps.example/?mode=planner#map=12/47.1/9.5'))
      .toBe('Printed 5 December 2026 from https://maps.example/?mode=planner#map=12/47.1/9.5');
  });
  it('words the walk model with the numbers the server gives', () => {
    const lines = method({ speed_kmh: 4.5, max_access_m: 250, area_entry_m: 20 });
    expect(lines[0]).toContain('at 4.5 km/h (the city’s pace; “Walking pace” looks at a slower or faster one), to a place');
    expect(lines[0]).toContain('within 20 m');
    expect(lines[1]).toContain('more than 250 m from any street');
  });
});
