import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { expression, featureFilter, latest } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification } from 'maplibre-gl';
import { BEYOND_STREETS, buildStyle, EDGE_BAND, type FigureState, MINUTE_CLASSES, minutesColour, NO_RESIDENTS, PLACE_CLUSTER, PLACE_POINT, placeFilter, SHARE_CLASSES, shareColour, STREET_ZOOM, supplyColour } from './style';
import { SUPPLY_CLASSES } from './supply';

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
  it('draws the walk-time cells without the seams smoothing leaves between them', () => {
    const access = layers.find((l) => l.id === 'access') as LayerSpecification & { paint: Record<string, unknown> };
    expect(access.paint['fill-antialias']).toBe(false);
  });
  it('draws walks avoiding steps as walks taking them, from their own tiles, shown only when asked for', () => {
    type Fill = { paint: unknown; source: string; 'source-layer': string; layout: { visibility: string } };
    const [taken, free] = ['access', 'access-step-free'].map((id) => layers.find((l) => l.id === id) as unknown as Fill);
    expect(free.paint).toEqual(taken.paint);
    expect([free.source, free['source-layer']]).toEqual(['access_step_free', 'access_step_free']);
    expect([taken.layout.visibility, free.layout.visibility]).toEqual(['visible', 'none']);
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

/** sRGB hex → CIELAB (D65), for how far apart two colours look. */
function lab(hex: string): [number, number, number] {
  const linear = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = linear;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
/** CIE76 colour difference: about 2 is just noticeable, 20 clearly another colour. */
const difference = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

describe('the neighbourhoods\' band beside the walk-time surface and the roads', () => {
  // The pale classes (about the area's figure, few left out) may look like
  // the far cells: both say "nothing to see here". A class that stands out
  // must not read as a walk time, nor as the main road it may run along.
  const standsOut = (c: { colour: string }) => lab(c.colour)[0] < 80;
  const lineColour = (id: string) =>
    String((layers.find((l) => l.id === id) as LayerSpecification & { paint: Record<string, unknown> }).paint['line-color']);
  const mainRoad = lineColour('road-major');
  const casing = lineColour('road-major-casing');
  const beside = [...MINUTE_CLASSES, { colour: mainRoad, label: 'a main road' }, { colour: casing, label: 'a main road\'s casing' }];
  for (const [name, classes] of [['residents left out', SHARE_CLASSES], ['places per resident', SUPPLY_CLASSES]] as const) {
    it(`keeps the strong colours of ${name} apart from every walk time's and the main roads'`, () => {
      const strong = classes.filter(standsOut);
      expect(strong.length).toBeGreaterThanOrEqual(3);
      expect(mainRoad).toMatch(/^#[0-9a-f]{6}$/);
      for (const c of strong) {
        for (const m of beside) expect(difference(c.colour, m.colour), `${c.label} against ${m.label}`).toBeGreaterThan(20);
      }
    });
    // A pale band ("10–25 %", "half to four fifths") beside a main road:
    // the road's casing, which edges it, is no colour of the legend.
    it(`keeps every colour of ${name}, pale ones too, apart from a main road's casing`, () => {
      expect(casing).toMatch(/^#[0-9a-f]{6}$/);
      for (const c of classes) expect(difference(c.colour, casing), c.label).toBeGreaterThan(20);
    });
  }
  it('draws a candidate site\'s reach in no colour of either legend', () => {
    const reach = layers.find((l) => l.id === 'site-reach') as LayerSpecification & { paint: Record<string, unknown> };
    const edge = lineColour('site-reach-edge');
    const legends = [...SHARE_CLASSES, ...SUPPLY_CLASSES, ...MINUTE_CLASSES];
    for (const c of legends) expect(difference(c.colour, edge), c.label).toBeGreaterThan(20);
    // Its veil is white: it lightens what lies under it, and tints nothing.
    expect(reach.paint['fill-color']).toBe('#ffffff');
    expect(reach.paint['fill-opacity']).toBeLessThanOrEqual(0.3);
  });
  it('draws a main road\'s casing under it and wider', () => {
    const ids = layers.map((l) => l.id);
    expect(ids.indexOf('road-major-casing')).toBe(ids.indexOf('road-major') - 1);
    const [road, edge] = [paint('road-major', 'line-width'), paint('road-major-casing', 'line-width')];
    // At least half a pixel of casing either side, at every zoom.
    for (let z = 6; z <= 18; z += 0.5) expect(edge(z) - road(z), `zoom ${z}`).toBeGreaterThanOrEqual(1);
  });
});

describe('the basemap\'s streets and squares', () => {
  // Which of the basemap's layers draw a feature (docs/tiles.md).
  const drawnBy = (type: 'LineString' | 'Polygon', properties: Record<string, string>) =>
    layers
      .filter((l) => 'source' in l && l.source === 'basemap' && 'filter' in l && l.filter)
      .filter((l) => featureFilter((l as { filter: unknown }).filter as never, 'filter').filter({ zoom: 15 }, { type, properties }))
      .map((l) => l.id);
  it('draws a square as an area, under no street\'s line', () => {
    expect(drawnBy('Polygon', { kind: 'road', class: 'square', name: 'Dorfplatz' })).toEqual(['road-square']);
  });
  it('draws a pedestrian street in the grey of squares', () => {
    expect(drawnBy('LineString', { kind: 'road', class: 'pedestrian' })).toEqual(['road-minor']);
    const square = (layers.find((l) => l.id === 'road-square') as LayerSpecification & { paint: Record<string, unknown> }).paint['fill-color'];
    const street = (layers.find((l) => l.id === 'road-minor') as LayerSpecification & { paint: Record<string, unknown> }).paint['line-color'];
    expect(street).toEqual(['match', ['get', 'class'], 'pedestrian', square, '#ffffff']);
  });
});

describe('which places a map of some categories or of all of them draws', () => {
  // A cell of two libraries and a park, as the tiles give it below z12:
  // the mixed cluster, and each category's part (docs/tiles.md).
  const cell = [
    { cluster: true, point_count: 3, category: 'mixed' },
    { cluster: true, point_count: 2, category: 'library', clustered: true },
    { id: 'osm:n1', category: 'park', clustered: true },
  ];
  // And a cell of one library alone, and one of two parks.
  const others = [{ id: 'osm:n2', category: 'library' }, { cluster: true, point_count: 2, category: 'park' }];
  const drawn = (categories: string[] | null) =>
    [...cell, ...others]
      .filter((properties) => {
        const base = properties.cluster ? PLACE_CLUSTER : PLACE_POINT;
        const { filter } = featureFilter(placeFilter(base, categories), 'filter');
        return filter({ zoom: 10 }, { type: 'Point', properties });
      })
      .map((p) => `${p.category} ${p.point_count ?? 1}`);

  it('of every category, each cell once', () => {
    expect(drawn(null)).toEqual(['mixed 3', 'library 1', 'park 2']);
  });

  it('of some, the parts of theirs and no mixed cluster', () => {
    expect(drawn(['library'])).toEqual(['library 2', 'library 1']);
    expect(drawn(['library', 'park'])).toEqual(['library 2', 'park 1', 'library 1', 'park 2']);
  });
});

/** The colour a fill expression gives a feature of these properties and state, as #rrggbb. */
function colourOf(fill: ExpressionSpecification, properties: Record<string, unknown>, state: Partial<FigureState> = {}): string {
  // The spec's JSON types its `type` as any string, not the union the parser takes.
  const spec = latest.paint_fill['fill-color'] as unknown as Parameters<typeof expression.createExpression>[2];
  const parsed = expression.createExpression(fill, 'gap-fill.paint.fill-color', spec);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties }, state) as { r: number; g: number; b: number };
  return `#${[c.r, c.g, c.b].map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('')}`;
}

describe('the planner map at a pace other than the city\'s', () => {
  // At another pace the figures come from the API as feature state: the
  // same figure must take the same colour as from the tile.
  it('colours residents left out from the state as the tile\'s figure is coloured', () => {
    const shares = [0, 0.05, 0.2, 0.4, 0.6, 0.9];
    const fromTile = shares.map((share) => colourOf(shareColour('park', 15), { park_15_uncovered_share: share }));
    const fromState = shares.map((share) => colourOf(shareColour('park', 15, 'state'), {}, { population: 120, share, supply: 3 }));
    expect(fromState).toEqual(fromTile);
    expect(new Set(fromState).size).toBe(SHARE_CLASSES.length);
  });
  it('greys a neighbourhood without residents, and pales one mostly beyond the street data, either way', () => {
    expect(colourOf(shareColour('park', 15, 'state'), {}, { population: 0, share: null, supply: null })).toBe(NO_RESIDENTS);
    expect(colourOf(shareColour('park', 15, 'state'), {}, {})).toBe(NO_RESIDENTS);
    expect(colourOf(shareColour('park', 15), {})).toBe(NO_RESIDENTS);
    const beyond = { off_network_share: 0.9, park_15_uncovered_share: 0.95 };
    expect(colourOf(shareColour('park', 15, 'state'), beyond, { population: 50, share: 0.95, supply: 0 })).toBe(BEYOND_STREETS);
    expect(colourOf(shareColour('park', 15), beyond)).toBe(BEYOND_STREETS);
  });
  it('colours places per resident against the whole area\'s from the state as from the tile', () => {
    const supplies = [0, 1, 2.5, 4, 6, 9];
    const fromTile = supplies.map((s) => colourOf(supplyColour('park', 15, 4), { park_15_uncovered_share: 0.3, park_15_e2sfca: s }));
    const fromState = supplies.map((s) => colourOf(supplyColour('park', 15, 4, 'state'), {}, { population: 80, share: 0.3, supply: s }));
    expect(fromState).toEqual(fromTile);
    expect(new Set(fromState).size).toBeGreaterThanOrEqual(5);
  });
  it('draws the walk-time surface, measured at the city\'s pace, in the classes of the pace picked', () => {
    const cell = (minutes: number, ratio: number) => colourOf(minutesColour('park', ratio), { park_min: minutes });
    const classOf = (minutes: number) => MINUTE_CLASSES.find((c) => minutes < c.upTo)?.colour;
    // 10 min at 5 km/h is 20 min at 2.5: the class from 20 to 30.
    expect(cell(10, 0.5)).toBe(classOf(20));
    expect(cell(10, 1)).toBe(classOf(10));
    // 12 min at 5 km/h is 15 at 4.
    expect(cell(12, 4 / 5)).toBe(classOf(15));
    expect(cell(11.9, 4 / 5)).toBe(classOf(14.9));
  });
});

describe('towns\' names beside the cluster badges', () => {
  const index = (id: string) => layers.findIndex((l) => l.id === id);
  const layout = (id: string) => (layers[index(id)] as LayerSpecification & { layout: Record<string, unknown> }).layout;
  const towns = layout('place-label');
  const counts = layout('places-cluster-count');

  it('places the badges\' counts and the markers\' numbers first and draws the names under them', () => {
    // MapLibre places the symbols of upper layers first: a name placed
    // after a count moves off it, or is left out; one drawn below a badge
    // or a marker never hides it.
    for (const name of ['place-label', 'places-label']) {
      for (const over of ['places-cluster', 'places-cluster-count', 'site', 'site-label', 'marks', 'marks-label']) {
        expect(index(name), `${name} under ${over}`).toBeLessThan(index(over));
      }
    }
    // A learning space's name before a town's.
    expect(index('places-label')).toBeGreaterThan(index('place-label'));
    expect(counts['text-allow-overlap']).toBe(true);
    // A marker's number claims its circle's room.
    for (const [id, circle] of [['marks-label', 'marks'], ['site-label', 'site']]) {
      const number = layout(id);
      // A `case` of two radii: the larger.
      const radius = (layers[index(circle)] as unknown as { paint: Record<string, unknown[]> }).paint['circle-radius'];
      expect(radius[0]).toBe('case');
      const largest = Math.max(...radius.filter((x): x is number => typeof x === 'number'));
      expect((number['text-size'] as number) / 2 + (number['text-padding'] as number), id).toBeGreaterThanOrEqual(largest - 0.5);
    }
  });

  it('gives a count a box about its badge\'s size, and a moved name clears it', () => {
    const countHalf = (counts['text-size'] as number) / 2 + (counts['text-padding'] as number);
    // The radius interpolates by point_count, not by zoom: its first
    // stop is the smallest badge's, which the box must cover at least.
    const radius = (layers[index('places-cluster')] as unknown as { paint: Record<string, unknown[]> }).paint['circle-radius'];
    expect(radius.slice(0, 4)).toEqual(['interpolate', ['linear'], ['get', 'point_count'], 2]);
    expect(countHalf).toBeGreaterThanOrEqual(radius[4] as number);
    expect(towns['text-variable-anchor']).toContain('center');
    for (let z = 6; z <= 16; z += 0.5) {
      const size = at(towns['text-size'], z);
      expect((towns['text-radial-offset'] as number) * size, `zoom ${z}`).toBeGreaterThan(countHalf);
    }
  });

  it('places a populous town\'s name before a hamlet\'s', () => {
    const spec = latest.layout_symbol['symbol-sort-key'] as unknown as Parameters<typeof expression.createExpression>[2];
    const parsed = expression.createExpression(towns['symbol-sort-key'], 'place-label.layout.symbol-sort-key', spec);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const key = (properties: Record<string, unknown>) =>
      parsed.value.evaluate({ zoom: 10 }, { type: 'Point', properties }) as number;
    expect(key({ population: 6000 })).toBeLessThan(key({ population: 300 }));
    expect(key({ population: 300 })).toBeLessThan(key({}));
  });
});
