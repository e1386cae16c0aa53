// The public list in the commons panel: what groups share here, as
// approved by the moderators, for anyone, signed in or not; with the
// open-data exports, whose licence each entry carries.
import { api } from './api';
import { categoryNoun } from './categories';
import { clear, h } from './dom';
import { type Bounds, boundsOf } from './bounds';

type Nested = number | Nested[];

interface SharedFeature {
  /** A point, or an outline (Polygon or MultiPolygon). */
  geometry: { type: string; coordinates: Nested };
  properties: { id: number; name: string; category: string; group: string; offers: string; licence: string };
}

/** The section, filled by `loadShared`. */
export function sharedSection(): HTMLElement {
  return h('section', { id: 'shared', 'aria-labelledby': 'shared-h' },
    h('h3', { id: 'shared-h' }, 'Shared here'), h('p', { class: 'muted' }, 'Loading…'));
}

/** The positions of any GeoJSON geometry's coordinates, however nested. */
function positions(c: Nested): [number, number][] {
  if (!Array.isArray(c)) return [];
  if (typeof c[0] === 'number') return [[c[0], c[1] as number]];
  return c.flatMap(positions);
}

export function extent(g: SharedFeature['geometry']): Bounds | null {
  const points = positions(g.coordinates);
  return points.length === 0 ? null : boundsOf(points);
}

/** Lists the approved resources; `show` moves the map onto one. */
export async function loadShared(show: (bounds: Bounds) => void, onError: (message: string) => void): Promise<void> {
  const box = document.getElementById('shared');
  if (!box) return;
  try {
    const { features } = await api.shared();
    const items = (features as SharedFeature[]).map((f) => {
      const p = f.properties;
      const name = h('button', { type: 'button', class: 'link name', title: 'Show on the map' }, p.name);
      name.addEventListener('click', () => {
        const bounds = extent(f.geometry);
        if (bounds) show(bounds);
      });
      return h('li', { class: 'shared-row', 'data-resource': String(p.id) },
        name,
        h('span', { class: 'muted' }, ` ${categoryNoun(p.category)} · ${p.group} · ${p.licence}`),
        p.offers ? h('p', { class: 'offers' }, p.offers) : null);
    });
    if (items.length === 0) {
      clear(box, h('h3', { id: 'shared-h' }, 'Shared here'),
        h('p', { class: 'muted' }, 'Nothing shared yet: a group that registers a resource puts it here once a moderator has checked it.'));
      return;
    }
    clear(box,
      h('h3', { id: 'shared-h' }, `Shared here (${items.length})`),
      h('ul', { class: 'plain' }, ...items),
      h('p', { class: 'muted' }, 'Open data, each entry under its licence: ',
        h('a', { href: '/api/v1/exports/commons.geojson', download: 'commons.geojson' }, 'GeoJSON'), ' · ',
        h('a', { href: '/api/v1/exports/commons.csv', download: 'commons.csv' }, 'CSV')));
  } catch (e) {
    clear(box, h('h3', { id: 'shared-h' }, 'Shared here'), h('p', {}, 'The shared resources could not be loaded.'));
    onError((e as Error).message);
  }
}
