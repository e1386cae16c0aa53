// How a search result reads in the resident's list: its name (an unnamed
// learning space by its street, as everywhere else), then what it is and,
// for streets, addresses and learning spaces, where: two "Dorfstrasse" are
// told apart by their village.
import type { SearchHit } from './api';
import { categoryNoun, placeName } from './categories';
import { h } from './dom';

export interface HitLabel {
  name: string;
  what: string;
}

/** Road classes (docs/tiles.md) that are not called a street. */
const ROAD_NOUNS: Record<string, string> = { path: 'Path', track: 'Track' };

export function hitLabel(hit: SearchHit): HitLabel {
  const where = hit.locality ? `, ${hit.locality}` : '';
  switch (hit.kind) {
    case 'locality':
      return { name: hit.name ?? '', what: capitalise(hit.class) };
    case 'street':
      return { name: hit.name ?? '', what: `${ROAD_NOUNS[hit.class] ?? 'Street'}${where}` };
    case 'address':
      return { name: hit.name ?? '', what: `Address${where}` };
    default:
      return { name: placeName({ ...hit, category: hit.class }), what: `${categoryNoun(hit.class)}${where}` };
  }
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A search result as a list item the user chooses it by. */
export function hitItem(hit: SearchHit, choose: () => void): HTMLElement {
  const { name, what } = hitLabel(hit);
  const b = h('button', { type: 'button', class: 'result' }, h('span', { class: 'name' }, name), h('span', { class: 'muted' }, what));
  b.addEventListener('click', choose);
  return h('li', {}, b);
}
