// The MapLibre map and the few ways the rest of the client changes it.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { type Bounds, boundsOf } from './bounds';
import { barriersOf, stepsOf } from './route-steps';
import type { Category, Subject } from './categories';
import { BEYOND_PATTERN, buildStyle, type FigureState, minutesColour, minutesField, PLACE_AREA, PLACE_CLUSTER, PLACE_NAMED, PLACE_POINT, placeFilter, shareColour, supplyColour } from './style';

maplibregl.setWorkerUrl(workerUrl);

export type LonLat = [number, number];
type FC = GeoJSON.FeatureCollection;
const EMPTY: FC = { type: 'FeatureCollection', features: [] };
/** The layers that draw places that are areas (from z14). */
export const PLACE_AREA_LAYERS = ['places-area', 'places-area-outline'];
const PLACE_CLUSTER_LAYERS = ['places-cluster', 'places-cluster-count'];
const CLOSURE_LAYERS = ['closure-homes', 'closure-place', 'closure-place-edge'];
/** The walk-time surfaces: taking steps, and avoiding them. */
const SURFACE_LAYERS = ['access', 'access-step-free'] as const;
/** What bars a wheelchair, over the planner's surface avoiding steps. */
const HINDRANCE_LAYERS = ['hindrances-steps', 'hindrances-barred'];

/** A neighbourhood's figures as the API answers them at a pace. */
export interface AreaAtPace {
  id: string;
  population: number;
  uncovered_share?: number | null;
  e2sfca_per_10k?: number | null;
}

/** The planner's figures for a walk other than the city's: that pace
 *  over the city's, and whether around steps. */
export interface AtPace {
  areas: AreaAtPace[];
  ratio: number;
  stepFree: boolean;
}

export class LearnMap {
  readonly map: maplibregl.Map;
  /** Whether the link chose the view; read before MapLibre writes the hash. */
  private readonly linkedView = window.location.hash.includes('map=');
  /** Whether the planner's layers are shown, and its surface avoids steps. */
  private planning = false;
  private surfaceStepFree = false;

  constructor(container: HTMLElement, category: Subject, minutes: number) {
    this.map = new maplibregl.Map({
      container,
      style: buildStyle(window.location.origin, category, minutes),
      // The view lives in the URL hash (#map=zoom/lat/lon) so links keep it.
      hash: 'map',
      attributionControl: false,
      maxZoom: 18,
      dragRotate: false,
      pitchWithRotate: false,
    });
    this.map.touchZoomRotate.disableRotation();
    // The hatch is drawn here rather than shipped as a sprite sheet.
    this.map.setMissingStyleImageResolver((id) => {
      if (id === BEYOND_PATTERN && !this.map.hasImage(id)) this.map.addImage(id, hatch());
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    // The sources' TileJSON attribution (© OpenStreetMap contributors and
    // the dataset's other sources) is shown here; ODbL requires it.
    this.map.addControl(new maplibregl.AttributionControl({ compact: window.innerWidth < 760 }), 'bottom-right');
    this.map.getCanvas().setAttribute('aria-label', 'Map of learning spaces and walking access. Use arrow keys to pan, plus and minus to zoom.');
  }

  /** The map as drawn now, as a PNG data URL: drawn again at once and
   *  read before the browser clears the canvas. */
  snapshot(): string {
    this.map.redraw();
    return this.map.getCanvas().toDataURL('image/png');
  }

  /** Fits `bounds` (west, south, east, north) unless the link already chose a view. */
  fitUnlessLinked(bounds: Bounds, maxZoom = 18): void {
    if (this.linkedView) return;
    this.map.fitBounds(bounds, { padding: 20, maxZoom, animate: false });
  }

  /** Shows a neighbourhood, or a point and its nearest places, whole. */
  showWhole(bounds: Bounds): void {
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 15, duration: 400 });
  }

  /** Colours the neighbourhoods by the share of residents left out or, given
   *  the whole area's supply per resident, by their supply against it:
   *  from their tiles for the city's walk, else from the figures `atPace`.
   *  The walk-time surface is the one of walks that avoid steps beside
   *  figures that avoid them. */
  showGaps(category: Subject, minutes: number, supplyBase: number | null = null, atPace: AtPace | null = null): void {
    for (const a of atPace?.areas ?? []) {
      const figures: FigureState = { population: a.population, share: a.uncovered_share ?? null, supply: a.e2sfca_per_10k ?? null };
      this.map.setFeatureState({ source: 'neighbourhoods', sourceLayer: 'neighbourhoods', id: a.id }, figures);
    }
    const from = atPace ? 'state' : 'tile';
    const fill = supplyBase === null ? shareColour(category, minutes, from) : supplyColour(category, minutes, supplyBase, from);
    this.map.setPaintProperty('gap-fill', 'fill-color', fill);
    this.map.setPaintProperty('gap-edge', 'line-color', fill);
    for (const id of SURFACE_LAYERS) {
      this.map.setPaintProperty(id, 'fill-color', minutesColour(category, atPace?.ratio ?? 1));
      this.map.setFilter(id, ['has', minutesField(category)]);
    }
    this.surfaceStepFree = atPace?.stepFree ?? false;
    this.showSurface();
  }

  /** One walk-time surface drawn while planning: taking steps or avoiding
   *  them. The other is hidden, so its tiles are not fetched. */
  private showSurface(): void {
    const [taken, stepFree] = SURFACE_LAYERS;
    this.map.setLayoutProperty(taken, 'visibility', this.planning && !this.surfaceStepFree ? 'visible' : 'none');
    this.map.setLayoutProperty(stepFree, 'visibility', this.planning && this.surfaceStepFree ? 'visible' : 'none');
  }

  /** Which places are drawn, and counted in clusters: those of `categories`
   *  (null: all). */
  showPlaces(categories: Category[] | null): void {
    for (const id of PLACE_CLUSTER_LAYERS) this.map.setFilter(id, placeFilter(PLACE_CLUSTER, categories));
    this.map.setFilter('places', placeFilter(PLACE_POINT, categories));
    for (const id of PLACE_AREA_LAYERS) this.map.setFilter(id, placeFilter(PLACE_AREA, categories));
    this.map.setFilter('places-label', placeFilter(PLACE_NAMED, categories));
  }

  selectArea(id: string | null): void {
    this.map.setFilter('gap-selected', ['==', ['get', 'id'], id ?? '']);
  }

  setLayerGroup(mode: 'planner' | 'resident' | 'commons'): void {
    const planner = mode === 'planner';
    for (const id of ['gap-fill', 'gap-edge', 'gap-beyond', 'site-reach', 'site-reach-edge', 'site', 'site-label', ...CLOSURE_LAYERS])
      this.map.setLayoutProperty(id, 'visibility', planner ? 'visible' : 'none');
    this.planning = planner;
    this.showSurface();
    for (const id of ['isochrones', 'route', 'route-steps', 'route-barriers', 'route-barriers-ring', 'route-barriers-label'])
      this.map.setLayoutProperty(id, 'visibility', mode === 'resident' ? 'visible' : 'none');
    for (const id of ['marks', 'marks-label']) this.map.setLayoutProperty(id, 'visibility', planner ? 'none' : 'visible');
    for (const id of ['draft-fill', 'draft-line', 'draft-corners'])
      this.map.setLayoutProperty(id, 'visibility', mode === 'commons' ? 'visible' : 'none');
  }

  /** What bars a wheelchair in view (hindrances.ts), drawn or not. */
  setHindrances(data: FC | null): void {
    for (const id of HINDRANCE_LAYERS) this.map.setLayoutProperty(id, 'visibility', data ? 'visible' : 'none');
    (this.map.getSource('hindrances') as maplibregl.GeoJSONSource).setData(data ?? EMPTY);
  }

  setIsochrones(data: FC | null): void {
    (this.map.getSource('isochrones') as maplibregl.GeoJSONSource).setData(data ?? EMPTY);
  }

  /** The walk's line, its flights of steps marked across it and what
   *  else bars a wheelchair ringed. */
  setRoute(data: GeoJSON.Feature | null): void {
    (this.map.getSource('route') as maplibregl.GeoJSONSource).setData(
      data ? { type: 'FeatureCollection', features: [data] } : EMPTY,
    );
    (this.map.getSource('route-steps') as maplibregl.GeoJSONSource).setData(data ? stepsOf(data) : EMPTY);
    (this.map.getSource('route-barriers') as maplibregl.GeoJSONSource).setData(data ? barriersOf(data) : EMPTY);
  }

  /** The chosen point and the numbered nearest places, those closed at
   *  the time asked for in grey. */
  setMarks(origin: LonLat | null, ranked: { at: LonLat; closed: boolean }[]): void {
    const features: GeoJSON.Feature[] = ranked.map((p, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.at },
      properties: { kind: 'place', rank: i + 1, closed: p.closed },
    }));
    if (origin) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: origin }, properties: { kind: 'origin' } });
    (this.map.getSource('marks') as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  /** A planner's candidate site and the area within its walk, and the
   *  sites of the plan with theirs (numbered in the order kept). */
  setSite(site: LonLat | null, reach: FC | null, plan: LonLat[], reaches: (FC | null)[]): void {
    const features: GeoJSON.Feature[] = [];
    plan.forEach((p, k) => {
      for (const f of reaches[k]?.features ?? []) features.push({ ...f, properties: { planned: k + 1 } });
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { planned: k + 1 } });
    });
    features.push(...(reach?.features ?? []));
    if (site) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: site }, properties: {} });
    (this.map.getSource('site') as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  /** The place a planner asks about closing, and the homes within its
   *  walk (`left_out` where its closing would leave them out); or nothing. */
  setClosure(place: GeoJSON.Geometry | null, homes: FC | null): void {
    const features: GeoJSON.Feature[] = (homes?.features ?? []).map((f) => ({ ...f, properties: { ...f.properties, kind: 'home' } }));
    if (place) features.push({ type: 'Feature', geometry: place, properties: { kind: 'place' } });
    (this.map.getSource('closure') as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  /** Shows an outline being drawn or registered (its corners, and its
   *  area once there are three), or nothing. */
  setDraft(ring: LonLat[] | null): void {
    const corners = ring ?? [];
    const open = corners.length > 1 && corners[0].join() === corners[corners.length - 1].join() ? corners.slice(0, -1) : corners;
    const features: GeoJSON.Feature[] = open.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
    if (open.length >= 3) {
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...open, open[0]]] }, properties: {} });
    } else if (open.length === 2) {
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: open }, properties: {} });
    }
    (this.map.getSource('draft') as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }

  /** Refetches the layers' TileJSON: its tile URLs carry the server's
   * data version, so tiles changed since are fetched fresh. */
  refreshData(): void {
    for (const layer of ['places', 'commons', 'neighbourhoods', 'access', 'access_step_free']) {
      const source = this.map.getSource(layer) as maplibregl.VectorTileSource | undefined;
      source?.setUrl(`${window.location.origin}/tiles/${layer}.json?at=${Date.now()}`);
    }
  }

  ensureVisible(points: LonLat[]): void {
    if (points.length === 0) return;
    const view = this.map.getBounds();
    if (points.every((p) => view.contains(p))) return;
    this.map.fitBounds(boundsOf(points), { padding: 60, maxZoom: 15, duration: 400 });
  }
}

/** Diagonal brown stripes on transparent, 8 px square, tiling seamlessly. */
function hatch(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size > 1) continue;
      data.set([140, 122, 91, 200], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
