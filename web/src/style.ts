// The map style: only learnscape's own tiles (basemap, access,
// neighbourhoods, places). There is no glyph server: MapLibre draws label
// text with the browser's own fonts when a style has no `glyphs`.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MOSTLY_BEYOND } from './beyond-streets';
import { CATEGORIES, type Subject } from './categories';
import { SUPPLY_CLASSES } from './supply';

/** Share of residents left out: class breaks and colours (legend and map). */
export const SHARE_CLASSES: { upTo: number; colour: string; label: string }[] = [
  { upTo: 0.1, colour: '#fef0d9', label: 'under 10 %' },
  { upTo: 0.25, colour: '#fdcc8a', label: '10–25 %' },
  { upTo: 0.5, colour: '#fc8d59', label: '25–50 %' },
  { upTo: 0.75, colour: '#e34a33', label: '50–75 %' },
  { upTo: Infinity, colour: '#b30000', label: '75 % or more' },
];
export const NO_RESIDENTS = '#d9d9d9';
/** A neighbourhood mostly beyond the street data: neither gap nor cover. */
export const BEYOND_STREETS = '#efe9df';
export const BEYOND_PATTERN = 'beyond-streets';
const isMostlyBeyond: ExpressionSpecification = ['>=', ['coalesce', ['get', 'off_network_share'], 0], MOSTLY_BEYOND];

/** What bars a wheelchair, drawn from this zoom over the planner's
 *  surface of walks that avoid steps: steps in near black, the rest in a
 *  magenta that neither the surface's blues and greens nor the reds of
 *  the neighbourhoods' edges use. */
export const HINDRANCE_ZOOM = 14;
export const HINDRANCE_STEPS = '#1a1a1a';
export const HINDRANCE_BARRED = '#d01c8b';

/** The edge of a candidate site's reach: dark, neutral and dashed. */
const SITE_REACH_EDGE = '#2d2d2d';

/** A home its closing would leave out, and the ring of the place closing:
 *  near black, to stand out over every colour of the neighbourhoods. */
export const LEFT_OUT_HOME = '#1b1b1b';
/** A home's dot grows with the residents counted there (its area with them). */
const HOME_SIZE: ExpressionSpecification = ['+', 2, ['*', 1.2, ['sqrt', ['min', ['get', 'residents'], 100]]]];

/** Motorways, trunk and primary roads: a white line in a grey casing. */
const MAIN_ROAD = { fill: '#ffffff', casing: '#a39a8c' };

/** Walk minutes to the nearest place: the access surface's colours. */
export const MINUTE_CLASSES: { upTo: number; colour: string; label: string }[] = [
  { upTo: 5, colour: '#084081', label: '≤ 5 min' },
  { upTo: 10, colour: '#0868ac', label: '5–10' },
  { upTo: 15, colour: '#4eb3d3', label: '10–15' },
  { upTo: 20, colour: '#a8ddb5', label: '15–20' },
  { upTo: 30, colour: '#e0f3db', label: '20–30' },
  { upTo: Infinity, colour: '#f7fcf0', label: 'over 30' },
];

export const shareField = (c: Subject, m: number) => `${c}_${m}_uncovered_share`;
export const supplyField = (c: Subject, m: number) => `${c}_${m}_e2sfca`;
export const minutesField = (c: Subject) => `${c}_min`;

/** Where a neighbourhood's figures are read: at the city's pace, from its
 *  tile, which holds them for every category and offered walk; at another
 *  pace, from the feature state the planner sets from the API's answer
 *  (`FIGURE_STATE`), there being no tile for every pace. */
export type FigureSource = 'tile' | 'state';
/** The feature state of a neighbourhood at another pace. */
export interface FigureState {
  population: number;
  share: number | null;
  supply: number | null;
}

function figures(c: Subject, m: number, from: FigureSource) {
  const state = (key: keyof FigureState): ExpressionSpecification => ['feature-state', key];
  return from === 'tile'
    ? { share: ['get', shareField(c, m)] as ExpressionSpecification, supply: ['get', supplyField(c, m)] as ExpressionSpecification,
        residents: ['has', shareField(c, m)] as ExpressionSpecification }
    : { share: state('share'), supply: state('supply'), residents: ['>', ['coalesce', state('population'), 0], 0] as ExpressionSpecification };
}

export function shareColour(c: Subject, m: number, from: FigureSource = 'tile'): ExpressionSpecification {
  const f = figures(c, m, from);
  const steps: (number | string)[] = [];
  SHARE_CLASSES.slice(1).forEach((cls, i) => steps.push(SHARE_CLASSES[i].upTo, cls.colour));
  return ['case', ['!', f.residents], NO_RESIDENTS, isMostlyBeyond, BEYOND_STREETS,
    ['step', ['coalesce', f.share, 0], SHARE_CLASSES[0].colour, ...steps] as ExpressionSpecification];
}

/** Supply per resident against `base`, the whole area's figure, in
 *  `SUPPLY_CLASSES`. Without residents, or mostly beyond the street data,
 *  as the share of residents left out is drawn. */
export function supplyColour(c: Subject, m: number, base: number, from: FigureSource = 'tile'): ExpressionSpecification {
  const f = figures(c, m, from);
  const v: ExpressionSpecification = ['coalesce', f.supply, 0];
  const none = SUPPLY_CLASSES[0].colour;
  const steps: (number | string)[] = [];
  SUPPLY_CLASSES.slice(2).forEach((cls, i) => steps.push(SUPPLY_CLASSES[i + 1].upTo, cls.colour));
  // With no place in the whole area, every neighbourhood has none.
  const ratio: ExpressionSpecification | string =
    base > 0 ? ['step', ['/', v, base], SUPPLY_CLASSES[1].colour, ...steps] as ExpressionSpecification : none;
  return ['case', ['!', f.residents], NO_RESIDENTS, isMostlyBeyond, BEYOND_STREETS,
    ['<=', v, 0], none, ratio];
}

/** The walk-time surface's colours. Its cells hold minutes at the city's
 *  pace; walked at `paceRatio` times that pace, a class's bound of `b`
 *  minutes lies at `b × paceRatio` of them (the same distance). */
export function minutesColour(c: Subject, paceRatio = 1): ExpressionSpecification {
  const steps: (number | string)[] = [];
  MINUTE_CLASSES.slice(1).forEach((cls, i) => steps.push(MINUTE_CLASSES[i].upTo * paceRatio, cls.colour));
  return ['step', ['get', minutesField(c)], MINUTE_CLASSES[0].colour, ...steps] as ExpressionSpecification;
}

export const categoryColour: ExpressionSpecification = [
  'match',
  ['get', 'category'],
  ...CATEGORIES.flatMap((c) => [c.id, c.colour]),
  '#555555',
] as unknown as ExpressionSpecification;

const FONT = ['Noto Sans Regular'];
/** A numbered nearest place that is closed at the time asked for: greyed. */
const CLOSED = '#6b7079';
/** Around a marker's number (12 px): its collision box as large as its circle (11 px). */
const MARKER_PADDING = 5;

/** Whether a feature is an area: from z14 such places come as outlines. */
const isArea: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
/** The one point that stands for an area drawn as its outline, for its label. */
const isLabelPoint: ExpressionSpecification = ['==', ['get', 'label_point'], true];
const single: ExpressionSpecification = ['!=', ['get', 'cluster'], true];
/** The single places drawn as areas, as circles, and labelled by name. */
export const PLACE_AREA: ExpressionSpecification = isArea;
export const PLACE_POINT: ExpressionSpecification = ['all', single, ['!', isArea], ['!', isLabelPoint]];
// Names go on points only: an outline is cut at tile edges and MapLibre
// would label every piece, so an area is named at its label point.
export const PLACE_NAMED: ExpressionSpecification = ['all', single, ['!', isArea], ['has', 'name']];
/** Below z12, a cell's places as one cluster. */
export const PLACE_CLUSTER: ExpressionSpecification = ['==', ['get', 'cluster'], true];
/** One of those narrowed to `categories` (null: every category). Below
 *  z12 a cell of several categories comes as a `mixed` cluster and as
 *  each category's part, marked `clustered` (docs/tiles.md): a map of
 *  every category draws the one, a map of some the parts of theirs, so
 *  that "3" on a map of libraries is three libraries. */
export function placeFilter(base: ExpressionSpecification, categories: readonly string[] | null): ExpressionSpecification {
  return categories === null
    ? ['all', base, ['!=', ['get', 'clustered'], true]]
    : ['all', base, ['in', ['get', 'category'], ['literal', categories]]];
}

/** The zooms over which the map turns from neighbourhoods to streets: the
 *  neighbourhoods' fill gives way to the walk-time surface, and each
 *  neighbourhood keeps its colour as a band inside its edge. Laid over
 *  each other the two palettes mix into colours neither legend has
 *  (blue over red reads purple), so they share only this one zoom. */
export const STREET_ZOOM = { from: 11.5, to: 12.5 };
const fade = (from: number, to: number): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], STREET_ZOOM.from, from, STREET_ZOOM.to, to];
/** Squares and pedestrian streets: the grey of ground closed to cars. */
const SQUARE = '#ecebf0';
/** The band's width in pixels at street zoom, all of it inside the outline. */
export const EDGE_BAND = 5;

export function buildStyle(origin: string, c: Subject, m: number): StyleSpecification {
  const tilejson = (layer: string) => ({ type: 'vector' as const, url: `${origin}/tiles/${layer}.json` });
  // A walk-time surface, its cells drawn from `source` (also its layer).
  const surface = (id: string, source: string, visibility: 'visible' | 'none'): LayerSpecification => ({
    id, type: 'fill', source, 'source-layer': source, layout: { visibility }, filter: ['has', minutesField(c)],
    paint: { 'fill-color': minutesColour(c), 'fill-opacity': fade(0, 0.6), 'fill-antialias': false },
  });
  const road = (cls: string[]): ExpressionSpecification =>
    ['all', ['==', ['get', 'kind'], 'road'], ['in', ['get', 'class'], ['literal', cls]]];
  return {
    version: 8,
    sources: {
      basemap: tilejson('basemap'),
      access: tilejson('access'),
      // The same cells for walks that avoid steps: fetched only while drawn.
      access_step_free: tilejson('access_step_free'),
      // Its `id` keys the feature state a pace other than the city's is drawn from.
      neighbourhoods: { ...tilejson('neighbourhoods'), promoteId: 'id' },
      places: tilejson('places'),
      commons: tilejson('commons'),
      isochrones: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      route: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      'route-steps': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      'route-barriers': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      // What bars a wheelchair in view, while planning walks that avoid
      // steps (hindrances.ts).
      hindrances: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      marks: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      draft: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      site: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      closure: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      { id: 'landuse', type: 'fill', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'landuse'], paint: { 'fill-color': '#ebe6dc' } },
      { id: 'green', type: 'fill', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'green'], paint: { 'fill-color': '#d8e8c8' } },
      { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'water'], paint: { 'fill-color': '#aad3df' } },
      // One square per grid cell: smoothed, each cell's edge is drawn
      // half covered, and the half-covered edges of two cells of one
      // colour read as a grid over the streets.
      surface('access', 'access', 'visible'),
      surface('access-step-free', 'access_step_free', 'none'),
      // Still there at street zoom though unseen: a click finds the
      // neighbourhood under it.
      { id: 'gap-fill', type: 'fill', source: 'neighbourhoods', 'source-layer': 'neighbourhoods',
        paint: { 'fill-color': shareColour(c, m), 'fill-opacity': fade(0.75, 0) } },
      // Tiles give outer rings clockwise, so a positive offset is inwards:
      // neighbours' bands lie side by side, not over each other.
      { id: 'gap-edge', type: 'line', source: 'neighbourhoods', 'source-layer': 'neighbourhoods',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': shareColour(c, m), 'line-opacity': fade(0, 0.9), 'line-width': fade(0, EDGE_BAND),
          'line-offset': fade(0, EDGE_BAND / 2) } },
      // Hatched: most residents here are beyond the street data, so the
      // figures say more about the extract than about provision.
      { id: 'gap-beyond', type: 'fill', source: 'neighbourhoods', 'source-layer': 'neighbourhoods', filter: isMostlyBeyond,
        paint: { 'fill-pattern': BEYOND_PATTERN, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.9, 14, 0.3] } },
      { id: 'waterway', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'waterway'], paint: { 'line-color': '#7fb7cc', 'line-width': 1.2 } },
      { id: 'building', type: 'fill', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'building'], minzoom: 14,
        paint: { 'fill-color': '#d9d0c7', 'fill-outline-color': '#c4b8ab', 'fill-opacity': 0.8 } },
      { id: 'railway', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'railway'], paint: { 'line-color': '#8c8c8c', 'line-width': 1, 'line-dasharray': [3, 2] } },
      // A square, or other pedestrian area, greyed as pedestrian streets
      // are: the open ground between the houses that a town meets on.
      { id: 'road-square', type: 'fill', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['square']), paint: { 'fill-color': SQUARE, 'fill-outline-color': '#d8d6de' } },
      { id: 'road-path', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['path', 'track', 'service']),
        paint: { 'line-color': '#b5a99a', 'line-width': 0.8, 'line-dasharray': [2, 1.5] } },
      // A pedestrian street as wide as a minor one, greyed as squares are.
      { id: 'road-minor', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['minor', 'pedestrian']),
        paint: { 'line-color': ['match', ['get', 'class'], 'pedestrian', SQUARE, '#ffffff'], 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.8, 16, 5] } },
      { id: 'road-mid', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['secondary', 'tertiary']),
        paint: { 'line-color': '#fdfbe3', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 16, 7] } },
      // Main roads white in a grey casing, as thematic basemaps draw them:
      // the orange of road maps read as a neighbourhood's "10–25 %" band
      // running beside it (and the casing is no colour of either legend).
      { id: 'road-major-casing', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['motorway', 'trunk', 'primary']),
        paint: { 'line-color': MAIN_ROAD.casing, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2, 16, 11.5] } },
      { id: 'road-major', type: 'line', source: 'basemap', 'source-layer': 'basemap',
        filter: road(['motorway', 'trunk', 'primary']),
        paint: { 'line-color': MAIN_ROAD.fill, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 16, 9] } },
      { id: 'gap-line', type: 'line', source: 'neighbourhoods', 'source-layer': 'neighbourhoods',
        paint: { 'line-color': '#5b4636', 'line-width': 1.2, 'line-opacity': 0.7 } },
      { id: 'gap-selected', type: 'line', source: 'neighbourhoods', 'source-layer': 'neighbourhoods',
        filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#111111', 'line-width': 3.5 } },
      { id: 'isochrones', type: 'fill', source: 'isochrones',
        paint: { 'fill-color': ['step', ['get', 'minutes'], '#2b8cbe', 6, '#7bccc4', 11, '#ccebc5'], 'fill-opacity': 0.35,
          'fill-outline-color': '#08589e' } },
      // A planner's candidate site: the walk it would put within reach,
      // inside a dashed dark line over a faint white veil. A tint of its
      // own would read as a legend's colour (purple as "1.25 to 2 times").
      { id: 'site-reach', type: 'fill', source: 'site', filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.25 } },
      { id: 'site-reach-edge', type: 'line', source: 'site', filter: ['!=', ['geometry-type'], 'Point'],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': SITE_REACH_EDGE, 'line-width': 2, 'line-dasharray': [2, 1.5] } },
      // The homes within the walk of a place the planner asks about
      // closing: those it would leave out dark, the others hollow; larger
      // where more live.
      { id: 'closure-homes', type: 'circle', source: 'closure', filter: ['==', ['get', 'kind'], 'home'],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, ['*', 0.5, HOME_SIZE], 16, ['*', 1.2, HOME_SIZE]],
          'circle-color': ['case', ['get', 'left_out'], LEFT_OUT_HOME, '#ffffff'],
          'circle-stroke-color': ['case', ['get', 'left_out'], '#ffffff', LEFT_OUT_HOME],
          'circle-stroke-width': 0.8,
          'circle-opacity': ['case', ['get', 'left_out'], 0.9, 0.7],
        } },
      // Over the planner's walk-time surface avoiding steps: the flights
      // of steps as treads, as on a resident's walk, and what else bars a
      // wheelchair in magenta, round-capped so that a turnstile's two
      // metres still show as a dot.
      { id: 'hindrances-steps', type: 'line', source: 'hindrances', minzoom: HINDRANCE_ZOOM, layout: { visibility: 'none', 'line-cap': 'butt' },
        filter: ['==', ['get', 'steps'], true],
        paint: { 'line-color': HINDRANCE_STEPS, 'line-width': 8, 'line-dasharray': [0.25, 0.45] } },
      { id: 'hindrances-barred', type: 'line', source: 'hindrances', minzoom: HINDRANCE_ZOOM, layout: { visibility: 'none', 'line-cap': 'round' },
        filter: ['all', ['!=', ['get', 'steps'], true], ['!=', ['get', 'bar'], null]],
        paint: { 'line-color': HINDRANCE_BARRED, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 3, 17, 6] } },
      { id: 'route', type: 'line', source: 'route', layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#d7301f', 'line-width': 4, 'line-dasharray': [1, 1.5] } },
      // Flights of steps on the walk: short black bars across it, like
      // the treads of a stair on a plan.
      { id: 'route-steps', type: 'line', source: 'route-steps', layout: { 'line-cap': 'butt' },
        paint: { 'line-color': '#1a1a1a', 'line-width': 10, 'line-dasharray': [0.25, 0.45] } },
      // What else bars a wheelchair: the stretch drawn solid, and a ring
      // in its middle, where a turnstile's metre of line would not show.
      { id: 'route-barriers', type: 'line', source: 'route-barriers', filter: ['==', ['geometry-type'], 'LineString'],
        layout: { 'line-cap': 'round' }, paint: { 'line-color': '#1a1a1a', 'line-width': 4 } },
      { id: 'route-barriers-ring', type: 'circle', source: 'route-barriers', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 3 } },
      // What the ring is, once the streets are readable: a resident in a
      // wheelchair may get past a raised kerb with help, never a stile.
      // Few on any walk, so drawn whatever they overlap.
      { id: 'route-barriers-label', type: 'symbol', source: 'route-barriers', minzoom: 15,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { 'text-field': ['get', 'label'], 'text-font': FONT, 'text-size': 12, 'text-max-width': 10,
          'text-anchor': 'left', 'text-offset': [0.9, 0], 'text-allow-overlap': true },
        paint: { 'text-color': '#1a1a1a', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 } },
      // Names, a town's layer below a learning space's, both below the
      // badges and markers: MapLibre places the symbols of upper layers
      // first, so a name goes where no count or rank stands (a learning
      // space's before a town's), and is drawn under them.
      { id: 'place-label', type: 'symbol', source: 'basemap', 'source-layer': 'basemap',
        filter: ['==', ['get', 'kind'], 'place_label'],
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 9, 11, 14, 15],
          // Beside a cluster badge rather than over it: the badge's count
          // is the map's data, the town's name its setting.
          'text-variable-anchor': ['center', 'left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'],
          'text-radial-offset': 1.5,
          // The most populous first, so a hamlet's name never takes the
          // room its town's needed.
          'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'population'], 0]] },
        paint: { 'text-color': '#333333', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.6 } },
      // Names of learning spaces once the streets are readable: under a
      // circle, inside an area; a label that collides is left out.
      { id: 'places-label', type: 'symbol', source: 'places', 'source-layer': 'places', minzoom: 15,
        filter: placeFilter(PLACE_NAMED, null),
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-max-width': 8,
          'text-anchor': ['case', isLabelPoint, 'center', 'top'], 'text-offset': ['case', isLabelPoint, ['literal', [0, 0]], ['literal', [0, 0.7]]] },
        paint: { 'text-color': '#2a2a2a', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 } },
      // A cluster of one category in its colour, of several in grey.
      { id: 'places-cluster', type: 'circle', source: 'places', 'source-layer': 'places',
        filter: placeFilter(PLACE_CLUSTER, null),
        paint: { 'circle-color': '#ffffff', 'circle-stroke-color': categoryColour, 'circle-stroke-width': 1.5,
          'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 8, 50, 16] } },
      { id: 'places-cluster-count', type: 'symbol', source: 'places', 'source-layer': 'places',
        filter: placeFilter(PLACE_CLUSTER, null),
        // The padding makes the count's collision box about the badge's
        // size, so that the towns' names below move off the badge.
        layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': FONT, 'text-size': 11, 'text-allow-overlap': true,
          'text-padding': 6 },
        paint: { 'text-color': '#222222' } },
      // From z14 a place that is an area (a park, a school's grounds) comes
      // as its outline: drawn as an area, never as circles on its vertices.
      { id: 'places-area', type: 'fill', source: 'places', 'source-layer': 'places',
        filter: placeFilter(PLACE_AREA, null), paint: { 'fill-color': categoryColour, 'fill-opacity': 0.2 } },
      { id: 'places-area-outline', type: 'line', source: 'places', 'source-layer': 'places',
        filter: placeFilter(PLACE_AREA, null), paint: { 'line-color': categoryColour, 'line-width': 1.5 } },
      { id: 'places', type: 'circle', source: 'places', 'source-layer': 'places',
        filter: placeFilter(PLACE_POINT, null),
        paint: { 'circle-color': categoryColour, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7],
          'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 } },
      // Commons resources: a ring around their place, so groups' entries stand out.
      // A resource that is an outline gets its ring at its label point,
      // not on every corner.
      { id: 'commons-ring', type: 'circle', source: 'commons', 'source-layer': 'commons', minzoom: 11,
        filter: ['!', isArea],
        paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 6, 16, 11], 'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#2b6f77', 'circle-stroke-width': 2.5 } },
      // An outline a group is drawing for its resource.
      { id: 'draft-fill', type: 'fill', source: 'draft', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#2b6f77', 'fill-opacity': 0.2 } },
      { id: 'draft-line', type: 'line', source: 'draft', filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': '#2b6f77', 'line-width': 2.5, 'line-dasharray': [2, 1] } },
      { id: 'draft-corners', type: 'circle', source: 'draft', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#2b6f77', 'circle-stroke-width': 2 } },
      // The site being tried, and the plan's kept sites, larger and numbered
      // in the order kept (white on purple: unlike the white cluster badges).
      { id: 'site', type: 'circle', source: 'site', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': ['case', ['has', 'planned'], 11, 8], 'circle-color': '#54278f',
          'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 } },
      { id: 'site-label', type: 'symbol', source: 'site', filter: ['all', ['==', ['geometry-type'], 'Point'], ['has', 'planned']],
        layout: { 'text-field': ['to-string', ['get', 'planned']], 'text-font': FONT, 'text-size': 12, 'text-allow-overlap': true,
          'text-padding': MARKER_PADDING },
        paint: { 'text-color': '#ffffff' } },
      // The place the closure card is about: a dark ring, or its outline.
      { id: 'closure-place', type: 'circle', source: 'closure',
        filter: ['all', ['==', ['get', 'kind'], 'place'], ['==', ['geometry-type'], 'Point']],
        paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': LEFT_OUT_HOME, 'circle-stroke-width': 3 } },
      { id: 'closure-place-edge', type: 'line', source: 'closure',
        filter: ['all', ['==', ['get', 'kind'], 'place'], ['!=', ['geometry-type'], 'Point']],
        paint: { 'line-color': LEFT_OUT_HOME, 'line-width': 3 } },
      { id: 'marks', type: 'circle', source: 'marks',
        paint: { 'circle-radius': ['case', ['==', ['get', 'kind'], 'origin'], 8, 11],
          'circle-color': ['case', ['==', ['get', 'kind'], 'origin'], '#d7301f', '#ffffff'],
          'circle-stroke-color': ['case', ['==', ['get', 'kind'], 'origin'], '#ffffff', ['==', ['get', 'closed'], true], CLOSED, '#d7301f'],
          'circle-stroke-width': 2.5 } },
      { id: 'marks-label', type: 'symbol', source: 'marks', filter: ['has', 'rank'],
        layout: { 'text-field': ['to-string', ['get', 'rank']], 'text-font': FONT, 'text-size': 12, 'text-allow-overlap': true,
          'text-padding': MARKER_PADDING },
        paint: { 'text-color': ['case', ['==', ['get', 'closed'], true], CLOSED, '#d7301f'] } },
    ],
  };
}
