// Wires the panels, the map and the URL together. All state changes go
// through `update`, which writes the link and redraws what changed.
import './styles.css';
import type { MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import { CATEGORIES, type Subject } from './categories';
import { byId, clear, h } from './dom';
import { type Bounds, boundsOf, overlap } from './bounds';
import { LearnMap, type LonLat } from './map';
import { Hindrances } from './hindrances';
import { PlannerPanel } from './planner';
import { creditLine, OSM_CREDIT, wireAbout } from './about';
import { wirePrint } from './print';
import { CandidatePanel } from './candidate';
import { ClosureCard } from './closure';
import { RelianceList } from './reliance';
import { api } from './api';
import { CommonsPanel } from './commons';
import { takeSecrets } from './link-secret';
import { ResidentPanel } from './resident';
import { formatState, MODES, parseState, type ViewState } from './state';
import { paceOf, paceOptions, type WalkHow } from './pace';
import { isMeasure } from './supply';

declare global {
  interface Window {
    /** For the browser tests: set once the map has loaded its style and first tiles. */
    __learnscape?: { map: LearnMap; loaded: boolean; state: () => ViewState };
  }
}

// An invitation or password reset link opens the Commons panel, where it
// is answered; its secret leaves the address bar at once.
const carried = takeSecrets();
let state = parseState(window.location.search);
if (carried) state = { ...state, mode: 'commons' };
/** True once the style has loaded; changes before that are applied on load. */
let ready = false;

function notify(message: string): void {
  const box = byId('errors');
  const dismiss = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss' }, '×');
  const item = h('div', { class: 'error', role: 'alert' }, h('span', {}, message), dismiss);
  dismiss.addEventListener('click', () => item.remove());
  box.append(item);
  setTimeout(() => item.remove(), 12000);
}

function writeUrl(): void {
  const url = `${window.location.pathname}?${formatState(state)}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

function fillSelects(): void {
  const cat = byId<HTMLSelectElement>('category');
  clear(
    cat,
    h('option', { value: 'all', selected: state.category === 'all' }, 'All learning spaces'),
    ...CATEGORIES.map((c) => h('option', { value: c.id, selected: c.id === state.category }, c.label)),
  );
  byId<HTMLSelectElement>('minutes').value = String(state.minutes);
  showPace();
  showStepFree();
}

/** The city's walking pace (`serve --walking-speed`), once /about says it. */
let cityPace: number | null = null;

/** The pace the answers are asked at: null for the city's own. */
const walkPace = () => paceOf(state.pace, cityPace);
/** How walks are measured, for the planner and the resident alike: at
 *  the pace picked, around steps or not. */
const walkHow = (): WalkHow => ({ pace: walkPace(), stepFree: state.stepFree });

/** Both "Avoid steps" boxes, the planner's and the resident's, show the view's. */
function showStepFree(): void {
  for (const id of ['step-free', 'step-free-plan']) byId<HTMLInputElement>(id).checked = state.stepFree;
}

/** What bars a wheelchair, on the planner's map of walks that avoid steps. */
function showHindrances(): void {
  hindrances.show(state.mode === 'planner' && state.stepFree);
}

/** Both pace choices, the planner's and the resident's, show the view's. */
function showPace(): void {
  for (const id of ['pace', 'pace-near']) {
    const select = byId<HTMLSelectElement>(id);
    if (cityPace !== null) {
      clear(select, ...paceOptions(cityPace, walkPace()).map((o) => h('option', { value: o.value }, o.label)));
    }
    select.value = walkPace() === null ? '' : String(walkPace());
  }
}

const map = new LearnMap(byId('map'), state.category, state.minutes);
const hindrances = new Hindrances(map);
window.__learnscape = { map, loaded: false, state: () => state };

/** Where the user is looking, for search: the map's centre. */
function mapCentre(): [number, number] {
  const { lng, lat } = map.map.getCenter();
  return [lng, lat];
}

const planner = new PlannerPanel({
  onSelectArea: (id) => update({ area: id }),
  onZoomToArea: (bounds) => map.showWhole(bounds),
  onError: notify,
}, state.measure);
const about = wireAbout(byId<HTMLDetailsElement>('about'), byId('about-body'), notify);
let credit = `Data: ${OSM_CREDIT}.`;
void about.then((a) => { if (a) credit = creditLine(a.sources); });
wirePrint({ snapshot: () => map.snapshot(), credit: () => credit });
byId('print').addEventListener('click', () => window.print());
const candidate = new CandidatePanel({
  startPicking: () => (map.map.getCanvas().style.cursor = 'crosshair'),
  stopPicking: () => (map.map.getCanvas().style.cursor = ''),
  clearSite: () => update({ site: null }),
  near: mapCentre,
  foundSite: (site) => {
    if (state.site?.join() === site.join()) void showSite();
    else update({ site });
    map.map.easeTo({ center: site, zoom: Math.max(map.map.getZoom(), 14) });
  },
  keepSite: () => {
    if (state.site) update({ plan: [...state.plan, state.site], site: null });
  },
  unplan: (k) => update({ plan: k === null ? [] : state.plan.filter((_, i) => i !== k) }),
  current: () => ({ subject: state.category, minutes: state.minutes, plan: state.plan, how: walkHow() }),
  onError: notify,
});

// The places of the planner's kind most relied on; a row opens one's card.
const reliance = new RelianceList((id, at) => {
  update({ place: id });
  map.map.easeTo({ center: at, zoom: Math.max(map.map.getZoom(), 14) });
});
const showReliance = () => void reliance.show(state.category, state.minutes, walkHow());

// A place clicked while planning: what closing it would take away.
const closure = new ClosureCard(() => update({ place: null }), (place, homes) => map.setClosure(place, homes));
const showClosure = () =>
  void closure.show(state.mode === 'planner' ? state.place : null, state.minutes, walkHow(), { subject: state.category, sites: state.plan });

/** The area within `minutes` of a site walked as `how`, or nothing. */
async function reachOf(site: [number, number], minutes: number, how: WalkHow): Promise<GeoJSON.FeatureCollection | null> {
  const reach = await api.isochrone(site[0], site[1], [minutes], how.pace, how.stepFree).catch(() => null);
  return reach?.reachable ? (reach as unknown as GeoJSON.FeatureCollection) : null;
}

/** Asks what the planner's site (and plan) would change, and draws their walks. */
async function showSite(): Promise<void> {
  const { site, plan, minutes } = state;
  const how = walkHow();
  map.setSite(site, null, plan, []);
  const planned = Promise.all(plan.map((p) => reachOf(p, minutes, how)));
  if (!site) {
    if (plan.length) void candidate.showPlan(plan, state.category, minutes, how);
    else candidate.idle();
    const reaches = await planned;
    if (state.site === site && state.plan === plan) map.setSite(null, null, plan, reaches);
    return;
  }
  const [answer, reach, reaches] = await Promise.all([candidate.show(site, state.category, minutes, plan, how), reachOf(site, minutes, how), planned]);
  if (state.site !== site || state.plan !== plan) return;
  map.setSite(site, answer?.reachable ? reach : null, plan, reaches);
}
/** How the next answer for a point moves the map: onto it and its nearest
 * places when the point came from the link (unless the link chose a view
 * too) or from a search or the device's location; otherwise, for a click
 * on the map, only as far as it must. */
let nextAnswer: 'link' | 'show' | 'reveal' = state.origin ? 'link' : 'reveal';
const resident = new ResidentPanel(
  {
    near: () => state.origin ?? mapCentre(),
    onOrigin: (origin) => {
      // The same point again asks for no new answer.
      if (origin[0] === state.origin?.[0] && origin[1] === state.origin?.[1]) return;
      nextAnswer = 'show';
      update({ origin });
    },
    onPlace: (id) => update({ place: id }),
    onFilters: (filters) => update({ filters }),
    onWhen: (open) => update({ open }),
    onStepFree: (stepFree) => update({ stepFree }),
    onResult: (r) => {
      map.setIsochrones(r?.isochrones ?? null);
      map.setRoute(r?.route ?? null);
      map.setMarks(r?.origin ?? null, (r?.facilities ?? []).map((f) => ({ at: f.position as LonLat, closed: f.open?.state === 'closed' })));
      if (!r || r.quiet) return;
      const near = r.facilities.map((f) => f.position as LonLat);
      const around = boundsOf([r.origin, ...near.slice(0, 3)]);
      if (nextAnswer === 'link') map.fitUnlessLinked(around, 15);
      else if (nextAnswer === 'show') map.showWhole(around);
      else map.ensureVisible([r.origin, ...near.slice(0, 1)]);
      nextAnswer = 'reveal';
    },
    onRoute: (route) => map.setRoute(route),
    onStale: () => {
      if (state.mode === 'resident' && state.origin) void resident.nearest(state.origin, state.filters, state.open, walkHow(), true);
    },
    onError: notify,
  },
  state.filters,
  state.open,
  state.stepFree,
);

/** Set while the commons form waits for a point on the map. */
let picking: ((p: [number, number]) => void) | null = null;
/** Set while the commons form takes an outline's corners from the map. */
let drawing: { corners: [number, number][]; corner: (c: [number, number][]) => void } | null = null;
/** Shows the outline's corners so far and tells the form. */
function cornersChanged(d: NonNullable<typeof drawing>): void {
  map.setDraft(d.corners);
  d.corner([...d.corners]);
}
const commons = new CommonsPanel({
  pickLocation: (done) => {
    picking = done;
    map.map.getCanvas().style.cursor = 'crosshair';
  },
  drawOutline: (corner) => {
    drawing = { corners: [], corner };
    map.setMarks(null, []);
    map.setDraft([]);
    map.map.getCanvas().style.cursor = 'crosshair';
  },
  addCorner: (c) => {
    if (!drawing) return;
    drawing.corners.push(c);
    cornersChanged(drawing);
  },
  undoCorner: () => {
    if (!drawing) return;
    drawing.corners.pop();
    cornersChanged(drawing);
  },
  stopDrawing: () => {
    drawing = null;
    map.map.getCanvas().style.cursor = '';
  },
  showLocation: (where) => {
    map.setMarks(where?.type === 'Point' ? where.coordinates : null, []);
    map.setDraft(where?.type === 'Polygon' ? where.coordinates[0] : null);
  },
  showOnMap: (bounds) => map.showWhole(bounds),
  near: mapCentre,
  onDataChanged: () => dataChanged(),
  onError: notify,
});
let commonsStarted = false;

function showMode(): void {
  if (state.mode === 'commons' && !commonsStarted) {
    commonsStarted = true;
    void commons.start();
  }
  for (const mode of ['planner', 'resident', 'commons'] as const) {
    const on = state.mode === mode;
    byId(`tab-${mode}`).setAttribute('aria-selected', String(on));
    byId(`tab-${mode}`).tabIndex = on ? 0 : -1;
    byId(`panel-${mode}`).hidden = !on;
  }
  document.body.dataset.mode = state.mode;
  map.setLayerGroup(state.mode);
  showHindrances();
  map.showPlaces(
    state.mode === 'planner'
      ? state.category === 'all' ? null : [state.category]
      : state.mode === 'resident' ? state.filters : null,
  );
}

/** Applies a change: URL first, then only the parts of the page it affects. */
function update(change: Partial<ViewState>): void {
  const before = state;
  state = { ...state, ...change };
  writeUrl();
  if (!ready) return;
  if (before.mode !== state.mode || before.filters !== state.filters || before.category !== state.category) showMode();
  const paceChanged = before.pace !== state.pace;
  if (paceChanged) showPace();
  const stepsChanged = before.stepFree !== state.stepFree;
  if (stepsChanged) {
    showStepFree();
    showHindrances();
  }
  const walkChanged = before.category !== state.category || before.minutes !== state.minutes || paceChanged || stepsChanged;
  if (walkChanged) {
    showChoropleth();
    void planner.load(state.category, state.minutes, walkHow(), state.area).then(showChoropleth);
    showReliance();
  }
  if (before.measure !== state.measure) {
    planner.setMeasure(state.measure, state.area);
    showChoropleth();
  }
  const planning = state.site || state.plan.length;
  if (before.site !== state.site || before.plan !== state.plan || (planning && walkChanged)) {
    void showSite();
  }
  if (before.area !== state.area) {
    map.selectArea(state.area);
    void planner.showArea(state.area);
  }
  const residentChanged = before.origin !== state.origin || before.filters !== state.filters || before.open !== state.open || paceChanged ||
    stepsChanged;
  if (state.mode === 'resident' && state.origin && (residentChanged || before.mode !== state.mode)) {
    void resident.nearest(state.origin, state.filters, state.open, walkHow());
  }
  // The resident's card is asked for where it is seen: not while planning.
  const residentCard = before.place !== state.place || before.open !== state.open || before.mode === 'planner';
  if (state.mode !== 'planner' && residentCard) void resident.showPlace(state.place, state.open);
  if (before.place !== state.place || before.mode !== state.mode || (state.place && (walkChanged || before.plan !== state.plan))) showClosure();
}

/** The neighbourhoods' colours: residents left out at once for the city's
 *  walk, from the tiles; for another (a pace, or around steps), and supply
 *  per resident, once the figures are loaded (until then the colours stay
 *  as they were). */
function showChoropleth(): void {
  const how = walkHow();
  const figures = planner.figures(state.category, state.minutes, how);
  const own = how.pace === null && !how.stepFree;
  // Another pace is measured against the city's, once /about says it.
  const ratio = how.pace === null ? 1 : cityPace === null ? null : how.pace / cityPace;
  const atPace = own || ratio === null ? null : figures && { areas: figures.gaps, ratio, stepFree: how.stepFree };
  if (!own && !atPace) return;
  if (state.measure === 'left-out') return map.showGaps(state.category, state.minutes, null, atPace);
  const base = planner.supplyBase(state.category, state.minutes, how);
  if (base !== null) map.showGaps(state.category, state.minutes, base, atPace);
}

/** After an approval or an archive, whose place counts at once: the
 *  tiles and the planner's figures and lists asked again. (A place's card
 *  and the nearest places are asked for when their tab is opened.) */
function dataChanged(): void {
  map.refreshData();
  void planner.load(state.category, state.minutes, walkHow(), state.area).then(showChoropleth);
  reliance.forget();
  showReliance();
}

function applyAll(): void {
  showMode();
  showChoropleth();
  map.selectArea(state.area);
  // A shared link to a neighbourhood, without a view, opens on it; one
  // without either on the neighbourhoods where the data has residents.
  void planner.load(state.category, state.minutes, walkHow(), state.area).then(() => {
    showChoropleth();
    const bounds = state.mode === 'planner' ? planner.boundsOf(state.area) ?? planner.inhabitedBounds() : null;
    if (bounds) map.fitUnlessLinked(bounds, 15);
  });
  if (state.origin) void resident.nearest(state.origin, state.filters, state.open, walkHow());
  if (state.mode !== 'planner') void resident.showPlace(state.place, state.open);
  showClosure();
  showReliance();
  void showSite();
}

function featureAt(e: MapMouseEvent, layers: string[]): MapGeoJSONFeature | undefined {
  const pad = 6;
  const box: [[number, number], [number, number]] = [
    [e.point.x - pad, e.point.y - pad],
    [e.point.x + pad, e.point.y + pad],
  ];
  return map.map.queryRenderedFeatures(box, { layers })[0];
}

map.map.on('click', (e) => {
  if (drawing) {
    drawing.corners.push([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]);
    cornersChanged(drawing);
    return;
  }
  if (picking) {
    const done = picking;
    picking = null;
    map.map.getCanvas().style.cursor = '';
    done([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]);
    return;
  }
  // The planner's site, even on a place: "one more here".
  if (state.mode === 'planner' && candidate.isPicking) {
    map.map.getCanvas().style.cursor = '';
    update({ site: [Number(e.lngLat.lng.toFixed(5)), Number(e.lngLat.lat.toFixed(5))] });
    return;
  }
  // A circle on top wins over the area under it.
  const place = featureAt(e, ['places']) ?? featureAt(e, ['places-area']);
  if (place?.properties?.id) {
    update({ place: String(place.properties.id) });
    return;
  }
  const cluster = featureAt(e, ['places-cluster']);
  if (cluster) {
    map.map.easeTo({ center: e.lngLat, zoom: Math.min(map.map.getZoom() + 2, 16) });
    return;
  }
  if (state.mode === 'commons') return;
  if (state.mode === 'planner') {
    const area = map.map.queryRenderedFeatures(e.point, { layers: ['gap-fill'] })[0];
    update({ area: area?.properties?.id ? String(area.properties.id) : null });
  } else {
    update({ origin: [Number(e.lngLat.lng.toFixed(5)), Number(e.lngLat.lat.toFixed(5))] });
  }
});
for (const layer of ['places', 'places-area', 'places-cluster', 'gap-fill']) {
  map.map.on('mouseenter', layer, () => (map.map.getCanvas().style.cursor = 'pointer'));
  map.map.on('mouseleave', layer, () => (map.map.getCanvas().style.cursor = ''));
}
map.map.on('error', (e) => {
  // Missing tiles (204) are normal; anything else is worth saying.
  const status = (e.error as { status?: number } | undefined)?.status;
  if (status === 204 || status === 404) return;
  notify(`The map could not load some data: ${e.error?.message ?? 'unknown error'}`);
});

map.map.once('load', async () => {
  try {
    const bounds = async (layer: string) =>
      ((await (await fetch(`/tiles/${layer}.json`)).json()) as { bounds?: Bounds }).bounds ?? null;
    // A planner opens on the study area (the neighbourhoods), then, its
    // figures loaded, on those with residents (applyAll); a resident
    // with no point yet on where it has streets in the data, which may be
    // only part of it (Helsinki's extract: 1 × 1.7 km of the centre).
    const [study, streets] = await Promise.all([bounds('neighbourhoods'), state.mode === 'resident' && !state.origin ? bounds('basemap') : null]);
    const open = study && streets ? overlap(study, streets) ?? study : study;
    if (open) map.fitUnlessLinked(open);
  } catch {
    notify('The extent of the data could not be loaded.');
  }
  // The city's pace first: a pace in the link is measured against it.
  cityPace = (await about)?.walk.speed_kmh ?? null;
  showPace();
  ready = true;
  applyAll();
  map.map.once('idle', () => {
    if (window.__learnscape) window.__learnscape.loaded = true;
    document.body.dataset.ready = 'true';
  });
});

fillSelects();
byId<HTMLSelectElement>('category').addEventListener('change', (e) =>
  update({ category: (e.target as HTMLSelectElement).value as Subject, area: state.area }),
);
byId<HTMLSelectElement>('minutes').addEventListener('change', (e) =>
  update({ minutes: Number((e.target as HTMLSelectElement).value) }),
);
for (const id of ['pace', 'pace-near']) {
  byId<HTMLSelectElement>(id).addEventListener('change', (e) => {
    const value = (e.target as HTMLSelectElement).value;
    update({ pace: value === '' ? null : Number(value) });
  });
}
byId<HTMLInputElement>('step-free-plan').addEventListener('change', (e) => update({ stepFree: (e.target as HTMLInputElement).checked }));
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="measure"]')) {
  input.addEventListener('change', () => {
    if (input.checked && isMeasure(input.value)) update({ measure: input.value });
  });
}
for (const mode of MODES) {
  byId(`tab-${mode}`).addEventListener('click', () => update({ mode }));
}
// Arrow keys move between the tabs (WAI-ARIA tabs pattern).
byId('tabs').addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const step = e.key === 'ArrowRight' ? 1 : MODES.length - 1;
  const mode = MODES[(MODES.indexOf(state.mode) + step) % MODES.length];
  update({ mode });
  byId(`tab-${mode}`).focus();
});
showModeTabsOnly();

function showModeTabsOnly(): void {
  for (const mode of MODES) {
    byId(`tab-${mode}`).setAttribute('aria-selected', String(state.mode === mode));
    byId(`panel-${mode}`).hidden = state.mode !== mode;
  }
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && candidate.isPicking) {
    map.map.getCanvas().style.cursor = '';
    candidate.idle();
  }
});
