// How a search result reads in the resident's list: its name (an unnamed
// learning space by its street, as everywhere else), then what it is and,
// for streets, addresses and learning spaces, where: two "Dorfstrasse" are
// told apart by their village. A postcode reads with its town.
import { api, type SearchHit } from './api';
import { categoryNoun, placeName } from './categories';
import { clear, h } from './dom';

export interface HitLabel {
  name: string;
  what: string;
}

/** Road classes (docs/tiles.md) that are not called a street. */
const ROAD_NOUNS: Record<string, string> = { path: 'Path', track: 'Track', pedestrian: 'Pedestrian street', square: 'Square' };

export function hitLabel(hit: SearchHit): HitLabel {
  const label = describe(hit);
  // Found by another of its names ("Helsingfors"): the map's labels and
  // the place's card say the one it goes by there.
  return hit.name_on_map ? { ...label, what: `${label.what} · “${hit.name_on_map}” on the map` } : label;
}

function describe(hit: SearchHit): HitLabel {
  const where = hit.locality ? `, ${hit.locality}` : '';
  switch (hit.kind) {
    case 'locality':
      return { name: hit.name ?? '', what: capitalise(hit.class) };
    case 'street':
      return { name: hit.name ?? '', what: `${ROAD_NOUNS[hit.class] ?? 'Street'}${where}` };
    case 'address':
      return { name: hit.name ?? '', what: `Address${where}` };
    case 'postcode':
      // As a letter's last line writes it: "9490 Vaduz".
      return { name: [hit.name, hit.locality].filter(Boolean).join(' '), what: 'Postcode' };
    default:
      return { name: placeName({ ...hit, category: hit.class }), what: `${categoryNoun(hit.class)}${where}` };
  }
}

/** The line under "Nearest on foot" for a result chosen to walk from: it
 *  is that place, named as the resident chose it ("From Fabiansgatan 37,
 *  Kluuvi" though the map writes Fabianinkatu). Null for a postcode, whose
 *  point is one of its houses: the API names that. */
export function walkedFromHit(hit: SearchHit): string | null {
  if (hit.kind === 'postcode') return null;
  const { name } = hitLabel(hit);
  return `From ${name}${hit.locality ? `, ${hit.locality}` : ''}`;
}

/** "town" → "Town"; "at Alberweg 9" → "At Alberweg 9". */
export function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A search result as a list item the user chooses it by. */
export function hitItem(hit: SearchHit, choose: () => void): HTMLElement {
  const { name, what } = hitLabel(hit);
  const b = h('button', { type: 'button', class: 'result' }, h('span', { class: 'name' }, name), h('span', { class: 'muted' }, what));
  b.addEventListener('click', choose);
  return h('li', {}, b);
}

/** What the results are for, where the text typed was put right for
 *  nothing matched it ("Landstrasse" for "Landstrase"); else null. */
export function correctedLine(typed: string, corrected: string | undefined): string | null {
  return corrected ? `Nothing called “${typed}”: showing “${corrected}”.` : null;
}

/** The results' first item where the text was put right (`correctedLine`). */
export function correctedNote(typed: string, corrected: string | undefined): HTMLElement[] {
  const line = correctedLine(typed, corrected);
  return line ? [h('li', { class: 'empty' }, line)] : [];
}

/** Where a place may be typed as coordinates, a name instead: what the
 *  search finds for it, offered in `list`; `hint` says what to type. */
export interface Offer {
  list: HTMLElement;
  error: Element | null;
  hint: string;
  /** Where the user is looking: of equal matches, the nearest come first. */
  near: [number, number];
  choose(at: [number, number], name: string): void;
  onError(message: string): void;
}

/** The last search asked for each list: an answer to an earlier one,
 *  arriving late, is dropped rather than replacing a newer list. */
const asked = new WeakMap<HTMLElement, number>();

/** Clears what `list` offers, and drops any answer still on its way to it
 *  (the field was changed meanwhile). */
export function withdrawOffer(list: HTMLElement): void {
  asked.set(list, (asked.get(list) ?? 0) + 1);
  clear(list);
}

/** Offers up to five places search finds for `text` (an address, a
 *  street, a town, a learning space); nothing found is explained. */
export async function offerFound(text: string, offer: Offer): Promise<void> {
  withdrawOffer(offer.list);
  const ticket = asked.get(offer.list);
  const current = () => asked.get(offer.list) === ticket;
  const say = (message: string) => offer.error && (offer.error.textContent = message);
  // Search answers texts of 2 to 200 characters; anything else is not a name.
  if (text.length < 2 || text.length > 200) {
    say(offer.hint);
    return;
  }
  try {
    const { results, corrected } = await api.search(text, offer.near);
    if (!current()) return;
    if (!results.length) {
      say(`Nothing called “${text}” here: ${offer.hint}`);
      return;
    }
    clear(offer.list, ...correctedNote(text, corrected), ...results.slice(0, 5).map((hit) => hitItem(hit, () => {
      clear(offer.list);
      offer.choose([hit.position[0], hit.position[1]], hitLabel(hit).name);
    })));
  } catch (e) {
    if (current()) offer.onError((e as Error).message);
  }
}
