// A planner's other what-if: a place clicked on the map, and what closing
// it would take away — the residents within its walk who have no other of
// its kind that near, where they live, and the places per resident left.
// Libraries and community centres close for want of money more often than
// new ones open; this is the figure a council should see before one does.
import { api, type Place } from './api';
import type { components } from './api-types';
import { placeName, newNoun, categoryNoun, type Subject } from './categories';
import { byId, clear, h, openCard } from './dom';
import * as fmt from './format';
import { plural, supplyChange, walkOf } from './candidate';
import type { WalkHow } from './pace';

export type Closure = components['schemas']['Closure'];
export type ClosureHomes = components['schemas']['ClosureHomes'];
/** Draws the place and the homes within its walk on the map, or nothing. */
export type DrawClosure = (place: GeoJSON.Geometry | null, homes: GeoJSON.FeatureCollection | null) => void;

const rise = (from: number, to: number) => (from > 0 ? ` (+${fmt.percent((to - from) / from)})` : '');

/** Places per 10,000 residents across the area, now and after, if any. */
function areaSupply(a: Closure): string {
  if (a.e2sfca_before == null || a.e2sfca_after == null || a.e2sfca_after >= a.e2sfca_before) return '';
  return ` Across the area, ${newNoun(a.category)} places per 10,000 residents would fall from ${fmt.rate(a.e2sfca_before)} to ${fmt.rate(a.e2sfca_after)}.`;
}

/** "the new library in your plan", "the 2 new libraries in your plan". */
function yourPlan(a: Closure): string {
  const n = a.planned.sites;
  return n === 1 ? `the new ${newNoun(a.category)} in your plan` : `the ${n} new ${plural(newNoun(a.category))} in your plan`;
}

/** What closing it would do, in two or three sentences; with new places
 *  of its kind planned, as if they had opened. */
export function closureSummary(a: Closure, otherPace = false): string {
  const noun = newNoun(a.category);
  const walk = walkOf(a, otherPace);
  if (!a.reachable) {
    return 'It is more than 250 m from every street in the data, so no walk to it is measured: closing it would change none of these figures.';
  }
  if (a.residents_within < 0.5) {
    return `No residents in the data live within ${walk} of it: closing it would leave nobody out who walks.`;
  }
  const within = `${fmt.people(a.residents_within)} residents live within ${walk} of it`;
  const planned = a.planned.sites > 0;
  if (a.left_out < 0.5) {
    const another = planned ? `has another ${noun} that near, or would with ${yourPlan(a)}` : `has another ${noun} that near`;
    return `${within}; each of them ${another}, so closing it would leave nobody out.${areaSupply(a)}`;
  }
  const only = a.facilities === 1 && !planned;
  const closing = only ? `It is the only ${noun} in the data: closing it` : planned ? `Even with ${yourPlan(a)}, closing it` : 'Closing it';
  const whom = fmt.people(a.left_out) === fmt.people(a.residents_within) ? 'all' : fmt.people(a.left_out);
  const from = planned
    ? `${fmt.people(a.uncovered_now)} now (${fmt.people(a.uncovered_before)} with your plan)`
    : fmt.people(a.uncovered_before);
  return `${within}. ${closing} would leave ${whom} of them with no ${noun} within ${walk}.` +
    ` Left out would rise from ${from} to ${fmt.people(a.uncovered_after)}${rise(a.uncovered_before, a.uncovered_after)}.` +
    areaSupply(a);
}

/** What the dots on the map are, for the homes drawn; empty for none. */
export function homesKey(homes: ClosureHomes, planned: boolean): string {
  const out = homes.features.filter((f) => f.properties.left_out).length;
  const kept = homes.features.length - out;
  const noun = newNoun(homes.category);
  const another = planned ? `another ${noun}, or one planned,` : `another ${noun}`;
  const dark = 'dark dots, the homes of those it would leave out';
  const hollow = `hollow ones, homes within its walk with ${another} as near`;
  if (out && kept) return `On the map: ${dark}; ${hollow}. Larger where more live.`;
  if (out) return `On the map: ${dark}. Larger where more live.`;
  if (kept) return `On the map: ${hollow.replace('hollow ones', 'hollow dots')}. Larger where more live.`;
  return '';
}

/** Why a plan of another kind is not counted: closing a library is
 *  measured against libraries, and a new park would not stand in for it.
 *  Empty where the plan counts, or there is none. */
export function planNotCounted(subject: Subject, category: string, sites: number): string {
  if (sites === 0 || subject === category) return '';
  const planned = sites === 1 ? `The new ${newNoun(subject)} in your plan is` : `The ${sites} new ${plural(newNoun(subject))} in your plan are`;
  const noun = newNoun(category);
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
  return `${planned} not counted: closing ${article} ${noun} is measured against ${plural(noun)} alone.`;
}

/** The planner's card of one place: what it is, and what closing it would
 *  take away, measured for its own kind at the planner's walk. */
export class ClosureCard {
  private request = 0;

  constructor(private readonly close: () => void, private readonly draw: DrawClosure) {}

  /** Shows the place `id` (none: hides the card), measured with the
   *  planner's plan where it is of the place's kind. */
  async show(id: string | null, minutes: number, how: WalkHow, plan: { subject: Subject; sites: [number, number][] }): Promise<void> {
    const card = byId('closure');
    const ticket = ++this.request;
    if (!openCard(card, id, 'Working out what closing it would take away…')) return this.draw(null, null);
    try {
      const place = await api.place(id);
      const planned = plan.subject === place.properties.category ? plan.sites : [];
      // The dots are a picture of the figures: without them the card still stands.
      const [closure, homes] = await Promise.all([
        api.closure(id, minutes, planned, how),
        api.closureHomes(id, minutes, planned, how).catch(() => null),
      ]);
      if (ticket !== this.request) return;
      const unplanned = planNotCounted(plan.subject, place.properties.category, plan.sites.length);
      const download = api.closureHomesUrl(id, minutes, planned, how);
      clear(card, ...this.render(place, closure, how.pace !== null, unplanned, homes, download));
      this.draw(place.geometry as unknown as GeoJSON.Geometry, homes as GeoJSON.FeatureCollection | null);
      // Clicked on the map, it is where the planner is not looking.
      card.scrollIntoView({ block: 'nearest' });
    } catch {
      if (ticket !== this.request) return;
      this.draw(null, null);
      clear(card, this.head('This place'), h('p', {}, 'What closing this place would take away could not be worked out; it may have been removed.'));
    } finally {
      if (ticket === this.request) card.removeAttribute('aria-busy');
    }
  }

  private head(name: string): HTMLElement {
    const closeButton = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the place card' }, '×');
    closeButton.addEventListener('click', this.close);
    return h('div', { class: 'detail-head' }, h('h3', { id: 'closure-title' }, name), closeButton);
  }

  private render(place: Place, a: Closure, otherPace: boolean, unplanned: string, homes: ClosureHomes | null, download: string): (Node | string)[] {
    const rows = a.neighbourhoods;
    const key = homes ? homesKey(homes, a.planned.sites > 0) : '';
    return [
      this.head(placeName(place.properties)),
      h('p', { class: 'muted' }, categoryNoun(place.properties.category)),
      h('h4', {}, 'If it closed'),
      h('p', { id: 'closure-summary', role: 'status' }, closureSummary(a, otherPace)),
      unplanned ? h('p', { id: 'closure-plan-note', class: 'muted' }, unplanned) : '',
      key ? h('p', { id: 'closure-key', class: 'muted' }, key, ' ',
        h('a', { id: 'closure-geojson', class: 'button-link', download: '', href: download,
          title: 'These homes with their residents, walk and whether they would be left out, with the data\'s sources: for QGIS or any GIS' }, 'GeoJSON')) : '',
      rows.length
        ? h('table', { class: 'candidate-areas' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Neighbourhood'), h('th', { scope: 'col' }, 'Would lose'),
            h('th', { scope: 'col' }, a.planned.sites ? 'Left out, with your plan → after' : 'Left out, now → after'),
            h('th', { scope: 'col', title: 'E2SFCA: each place shared among all who can walk to it' }, 'Places per 10,000'))),
          h('tbody', {}, ...rows.map((r) => h('tr', {},
            h('th', { scope: 'row' }, r.name),
            h('td', {}, r.left_out >= 0.5 ? `−${fmt.people(r.left_out)}` : '0'),
            h('td', {}, `${fmt.people(r.uncovered_before)} → ${fmt.people(r.uncovered_after)}`),
            h('td', { class: 'supply' }, supplyChange(r.e2sfca_before, r.e2sfca_after))))))
        : '',
      h('p', { class: 'muted' }, 'A what-if: nothing is changed, and the map and figures above still show what exists.'),
    ];
  }
}
