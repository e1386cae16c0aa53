// A planner's "what if there were one more here?": click a site, and see
// how many residents a new learning space there would bring within the
// walk who are left out now, and in which neighbourhoods. Sites worth
// keeping go into a plan; the next is then measured as if they had opened,
// so a plan of several is built one best next site at a time.
import { OSM_CREDIT } from './about';
import { api, ApiError, type SourceInfo } from './api';
import type { components } from './api-types';
import { newNoun, type Subject } from './categories';
import { byId, clear, h } from './dom';
import * as fmt from './format';
import { MAX_PLANNED } from './state';
import { capitalise, offerFound, withdrawOffer } from './search';
import { parseWhere } from './where';
import { placed } from './whereabouts';
import type { WalkHow } from './pace';

export type CandidateAnswer = components['schemas']['CandidateAnswer'];
type Candidate = components['schemas']['Candidate'];

/** "libraries", "makerspaces or repair cafés", "colleges or universities". */
export function plural(noun: string): string {
  return noun
    .split(' or ')
    .map((part) => (/[^aeiou]y$/.test(part) ? `${part.slice(0, -1)}ies` : `${part}s`))
    .join(' or ');
}

/** Planned sites nobody could walk to, named (they count for nothing). */
function offNetwork(a: Candidate): string {
  const off = a.planned.off_network;
  if (!off.length) return '';
  const which = off.length === 1 ? `Site ${off[0]} of your plan is` : `Sites ${off.join(', ')} of your plan are`;
  return ` ${which} more than 250 m from any street in the data: nobody could walk there, so ${off.length === 1 ? 'it counts' : 'they count'} for nothing.`;
}

/** Supply per resident before and after: "0.8 → 3.1". */
export function supplyChange(before: number | null, after: number | null): string {
  return before == null || after == null ? '–' : `${fmt.rate(before)} → ${fmt.rate(after)}`;
}

/** How often a best-site search is asked while the server is busy, and
 *  the longest wait sat out (beyond it, the planner is told instead). */
const BUSY_TRIES = 4;
const BUSY_WAIT_MAX_S = 30;

const fall = (from: number, to: number) => (from > 0 ? ` (−${fmt.percent((from - to) / from)})` : '');

type Area = Candidate['neighbourhoods'][number];

/** The neighbourhood whose places per resident the site would raise most:
 *  where a site that closes no gap would still ease the crowding. */
function mostEased(a: Candidate): Area | null {
  let best: Area | null = null;
  let most = 0;
  for (const r of a.neighbourhoods) {
    const up = r.e2sfca_before != null && r.e2sfca_after != null ? r.e2sfca_after - r.e2sfca_before : 0;
    if (up > most) [best, most] = [r, up];
  }
  return best;
}

const rise = (from: number | null, to: number | null) => `places per 10,000 residents would rise from ${fmt.rate(from)} to ${fmt.rate(to)}`;

/** " It would still ease the crowding: in Vaduz, places per 10,000 residents would rise from 2.2 to 4.4." */
function eased(a: Candidate): string {
  const r = mostEased(a);
  return r ? ` It would still ease the crowding: in ${r.name}, ${rise(r.e2sfca_before, r.e2sfca_after)}.` : '';
}

/** The whole area's places per 10,000 residents, now and with the plan. */
function areaSupply(a: Candidate): string {
  return a.e2sfca_now == null || a.e2sfca_after == null ? '' : `across the area ${rise(a.e2sfca_now, a.e2sfca_after)}`;
}

/** A site would be worth keeping in a plan if it brought anyone left out
 *  within the walk, or raised the places per resident somewhere. */
export function worthKeeping(a: CandidateAnswer): boolean {
  return a.reachable && ((a as Candidate).newly_covered >= 0.5 || mostEased(a as Candidate) !== null);
}

/** What a kept site adds, for the plan's list. */
export function planGain(a: CandidateAnswer | undefined): string {
  if (!a) return '';
  if (!a.reachable) return 'nobody can walk there';
  const c = a as Candidate;
  if (c.newly_covered >= 0.5) return `+${fmt.people(c.newly_covered)}`;
  const r = mostEased(c);
  return r ? `eases ${r.name}: ${supplyChange(r.e2sfca_before, r.e2sfca_after)} per 10,000` : '+0';
}

/** "15 min", or at a pace other than the city's "15 min at 3.5 km/h",
 *  and "15 min step-free" for walks that avoid steps: a figure copied from
 *  the panel keeps what it assumes. */
export function walkOf(a: { minutes: number; walking_speed_kmh: number; step_free?: boolean }, otherPace: boolean): string {
  const pace = otherPace ? ` at ${fmt.decimal(a.walking_speed_kmh)} km/h` : '';
  return `${a.minutes} min${a.step_free ? ' step-free' : ''}${pace}`;
}

/** The answer in one or two sentences; `otherPace` when the walk is not
 *  at the city's pace. */
export function candidateSummary(a: CandidateAnswer, otherPace = false): string {
  if (!a.reachable) {
    return 'This point is more than 250 m from any street in the data: nobody could walk to a place there. Try one nearer a street.';
  }
  const c = a as Candidate;
  const noun = newNoun(c.category);
  const walk = walkOf(c, otherPace);
  const planned = c.planned.sites;
  const besides = planned ? `Besides the ${planned === 1 ? 'one' : planned} in your plan, a` : 'A';
  if (c.residents_within < 0.5) return `${besides} new ${noun} here would have no residents within ${walk} of it.${offNetwork(c)}`;
  if (c.newly_covered < 0.5) {
    return `${besides} new ${noun} here would be within ${walk} of ${fmt.people(c.residents_within)} residents, but each of them already has one that near` +
      `${planned ? ', or would with your plan' : ''}: it would close no gap.${eased(c)}${offNetwork(c)}`;
  }
  const put = `${besides} new ${noun} here would put ${fmt.people(c.newly_covered)} more residents within ${walk} of one`;
  if (planned) {
    return `${put} (of ${fmt.people(c.residents_within)} within its walk). Left out would fall from ${fmt.people(c.uncovered_now)} now` +
      ` to ${fmt.people(c.uncovered_before)} with your plan, and to ${fmt.people(c.uncovered_after)} with this one too${fall(c.uncovered_now, c.uncovered_after)}.` +
      offNetwork(c);
  }
  return `${put}: people who have none that near now (of ${fmt.people(c.residents_within)} within its walk).` +
    ` Left out would fall from ${fmt.people(c.uncovered_before)} to ${fmt.people(c.uncovered_after)}${fall(c.uncovered_before, c.uncovered_after)}.`;
}

/** What the whole plan would change, from the answer for its last site
 *  measured besides the others. */
export function planSummary(a: Candidate, sites: number, otherPace = false): string {
  const walk = walkOf(a, otherPace);
  const gained = a.planned.newly_covered + a.newly_covered;
  const noun = newNoun(a.category);
  const what = sites === 1 ? `The new ${noun} in your plan` : `The ${sites} new ${plural(noun)} in your plan`;
  const supply = areaSupply(a);
  if (gained < 0.5) return `${what} would close no gap within ${walk}${supply ? `, but ${supply}` : ''}.${offNetwork(a)}`;
  return `${what} would put ${fmt.people(gained)} more residents within ${walk} of one.` +
    ` Left out would fall from ${fmt.people(a.uncovered_now)} to ${fmt.people(a.uncovered_after)}${fall(a.uncovered_now, a.uncovered_after)}` +
    `${supply ? `, and ${supply}` : ''}.${offNetwork(a)}`;
}

type Site = [number, number];

/** The plan as GeoJSON for a planner's own GIS or a council report: each
 *  site in the order kept with what it adds, the figures it was measured
 *  against, the data's attribution (ODbL asks for it in exports) and the
 *  files they rest on, each with how current it is. */
export function planGeoJson(plan: Site[], answers: CandidateAnswer[], sources: SourceInfo[], places: (string | null)[] = []): object {
  const measured = answers.filter((a) => a.reachable) as Candidate[];
  const last = answers[answers.length - 1];
  const whole = last?.reachable ? (last as Candidate) : null;
  return {
    type: 'FeatureCollection',
    category: measured[0]?.category ?? null,
    minutes: measured[0]?.minutes ?? null,
    walking_speed_kmh: measured[0]?.walking_speed_kmh ?? null,
    uncovered_now: whole?.uncovered_now ?? null,
    uncovered_after: whole?.uncovered_after ?? null,
    e2sfca_now: whole?.e2sfca_now ?? null,
    e2sfca_after: whole?.e2sfca_after ?? null,
    attribution: measured[0]?.attribution ?? OSM_CREDIT,
    sources,
    features: plan.map((p, k) => {
      const a = answers[k]?.reachable ? (answers[k] as Candidate) : null;
      const supply = a?.e2sfca_after != null && a.e2sfca_before != null ? Math.round((a.e2sfca_after - a.e2sfca_before) * 1000) / 1000 : 0;
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p },
        properties: { order: k + 1, where: places[k] ?? null, reachable: a !== null, adds_residents: a?.newly_covered ?? 0, adds_e2sfca_per_10k: supply },
      };
    }),
  };
}

/** Where a site is, in words ("near Städtle 35, Vaduz"); null if that
 *  cannot be said, which leaves the site to its coordinates. */
function placedAt(site: Site): Promise<string | null> {
  return api.whereabouts(site[0], site[1]).then((w) => (w.result ? placed(w.result) : null), () => null);
}

export interface CandidateEvents {
  /** Waits for the next click on the map to be the site. */
  startPicking(): void;
  stopPicking(): void;
  clearSite(): void;
  /** Where the planner is looking: a typed site's nearest matches first. */
  near(): [number, number];
  /** The site the search found: take it, and move the map onto it. */
  foundSite(site: Site): void;
  /** Puts the site shown into the plan. */
  keepSite(): void;
  /** Takes the plan's site `k` out (all of them with `null`). */
  unplan(k: number | null): void;
  /** The subject, walk, plan and how the walk is measured that the search is for. */
  current(): { subject: Subject; minutes: number; plan: Site[]; how: WalkHow };
  onError(message: string): void;
}

export class CandidatePanel {
  private request = 0;
  private picking = false;

  constructor(private readonly events: CandidateEvents) {
    this.idle();
  }

  /** Ready for a site: the button and what it does. */
  idle(): void {
    this.picking = false;
    this.request += 1;
    clear(byId('candidate'), h('div', { class: 'candidate-actions' }, this.tryButton('Try a new place'), this.bestButton()),
      h('p', { class: 'muted screen-only' }, 'Click the map where a new one could open to see whom it would reach and how much of the gap it would close, or let every street be tried.'),
      this.typedSite());
  }

  /** A new request, superseding any before it: the panel says what is
   *  being worked out and is busy until the request's ticket is done. */
  private begin(working: string): [number, HTMLElement] {
    this.picking = false;
    const ticket = ++this.request;
    const box = byId('candidate');
    clear(box, h('p', { class: 'muted' }, working));
    box.setAttribute('aria-busy', 'true');
    return [ticket, box];
  }

  /** The plan kept so far, with what it would change together. */
  async showPlan(plan: Site[], subject: Subject, minutes: number, how: WalkHow): Promise<void> {
    const [ticket, box] = this.begin('Working out what your plan would change…');
    try {
      // Each site measured besides those kept before it: what it adds, in
      // the order kept; the last one's answer sums the whole plan.
      const [answers, about, places] = await Promise.all([
        Promise.all(plan.map((p, k) => api.candidate(p[0], p[1], subject, minutes, plan.slice(0, k), how))),
        // The plan's download names its data; a plan is still worth showing without.
        api.about().catch(() => null),
        Promise.all(plan.map(placedAt)),
      ]);
      if (ticket !== this.request) return;
      const answer = answers[answers.length - 1];
      const summary = answer.reachable
        ? planSummary(answer as Candidate, plan.length, how.pace !== null)
        : `Site ${plan.length} of your plan is more than 250 m from any street in the data: take it out.`;
      clear(box, h('h3', {}, 'Your plan'),
        h('p', { id: 'plan-summary', role: 'status' }, summary),
        this.planList(plan, answers, places),
        h('div', { class: 'candidate-actions' }, this.tryButton('Try a new place'), this.bestButton()),
        h('p', { class: 'muted' }, 'A what-if: nothing is stored but the link, and the map and figures above still show what exists. ',
          h('a', { id: 'plan-geojson', download: 'learnscape-plan.geojson',
            href: `data:application/geo+json;charset=utf-8,${encodeURIComponent(JSON.stringify(planGeoJson(plan, answers, about?.sources ?? [], places)))}` }, 'Download the plan (GeoJSON)')),
        this.typedSite());
    } catch (e) {
      if (ticket !== this.request) return;
      clear(box, h('p', {}, 'What your plan would change could not be worked out.'), this.planList(plan));
      this.events.onError((e as Error).message);
    } finally {
      if (ticket === this.request) box.removeAttribute('aria-busy');
    }
  }

  /** The plan's sites, each with what it adds (when known) and a way
   *  out, and a way to start again. */
  private planList(plan: Site[], answers: CandidateAnswer[] = [], places: (string | null)[] = []): HTMLElement {
    const clearAll = h('button', { type: 'button', class: 'link', id: 'clear-plan' }, 'Clear the plan');
    clearAll.addEventListener('click', () => this.events.unplan(null));
    return h('div', {},
      h('ol', { class: 'plan-sites' }, ...plan.map((p, k) => {
        const out = h('button', { type: 'button', class: 'link', 'aria-label': `take out site ${k + 1}` }, 'take out');
        out.addEventListener('click', () => this.events.unplan(k));
        const adds = planGain(answers[k]);
        const at = `${p[1].toFixed(5)}, ${p[0].toFixed(5)}`;
        return h('li', {}, places[k] ? `${capitalise(places[k])} (${at}) ` : `${at} `, adds ? h('span', { class: 'plan-gain' }, adds) : '', ' ', out);
      })),
      clearAll);
  }

  /** The map's next click is the site. */
  pick(): void {
    this.picking = true;
    clear(byId('candidate'), this.tryButton('Click the map…'), h('p', { class: 'muted' }, 'Click where it would open; Esc to stop.'));
    byId('candidate').querySelector('button')?.setAttribute('aria-pressed', 'true');
  }

  get isPicking(): boolean {
    return this.picking;
  }

  /** Asks what a site would change, and says it. */
  async show(site: Site, subject: Subject, minutes: number, plan: Site[], how: WalkHow): Promise<CandidateAnswer | null> {
    const [ticket, box] = this.begin('Working out whom it would reach…');
    try {
      const [answer, where] = await Promise.all([api.candidate(site[0], site[1], subject, minutes, plan, how), placedAt(site)]);
      if (ticket !== this.request) return null;
      clear(box, ...this.result(answer, plan, where, how.pace !== null));
      return answer;
    } catch (e) {
      if (ticket !== this.request) return null;
      clear(box, h('p', {}, 'What a place there would change could not be worked out.'), this.tryButton('Try another place'));
      this.events.onError((e as Error).message);
      return null;
    } finally {
      if (ticket === this.request) box.removeAttribute('aria-busy');
    }
  }

  private result(a: CandidateAnswer, plan: Site[], where: string | null, otherPace: boolean): (Node | string)[] {
    const rows = a.reachable ? (a as Candidate).neighbourhoods : [];
    const remove = h('button', { type: 'button', class: 'link', id: 'clear-site' }, 'Remove it');
    remove.addEventListener('click', () => this.events.clearSite());
    const keep = worthKeeping(a) && plan.length < MAX_PLANNED
      ? h('button', { type: 'button', id: 'keep-site' }, plan.length ? 'Add it to the plan' : 'Keep it in a plan')
      : '';
    if (keep) keep.addEventListener('click', () => this.events.keepSite());
    return [
      h('h3', { id: 'candidate-title' }, plan.length
        ? `One more${where ? ` ${where}` : ''}, besides your plan of ${plan.length}`
        : `A new place ${where ?? 'here'}`),
      h('p', { id: 'candidate-summary', role: 'status' }, candidateSummary(a, otherPace)),
      rows.length
        ? h('table', { class: 'candidate-areas' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Neighbourhood'), h('th', { scope: 'col' }, 'Would gain'),
            h('th', { scope: 'col' }, plan.length ? 'Left out with the plan' : 'Left out now'),
            h('th', { scope: 'col', title: 'E2SFCA: each place shared among all who can walk to it' }, 'Places per 10,000'))),
          h('tbody', {}, ...rows.map((r) => h('tr', {},
            h('th', { scope: 'row' }, r.name),
            h('td', {}, `+${fmt.people(r.newly_covered)}`),
            h('td', {}, fmt.people(r.uncovered_before)),
            h('td', { class: 'supply' }, supplyChange(r.e2sfca_before, r.e2sfca_after))))))
        : '',
      a.reachable ? h('p', { class: 'muted' }, 'Inside the dashed line: where it is within the walk.') : '',
      h('p', { class: 'muted' }, 'A what-if: nothing is stored, and the map and figures above still show what exists.'),
      h('div', { class: 'candidate-actions' }, keep, this.tryButton('Try another place'), this.bestButton(), remove),
      plan.length ? this.planList(plan) : '',
      this.typedSite(),
    ];
  }

  /** Without a pointer: an address, a street, a town or a place's name,
   *  which search offers, or the site's latitude and longitude. */
  private typedSite(): HTMLElement {
    const input = h('input', { id: 'site-typed', placeholder: 'or type an address, or lat, lon', size: '22', 'aria-label': 'Or type an address or a name, or the site as latitude, longitude' });
    const error = h('span', { class: 'field-error', role: 'alert' });
    const found = h('ul', { id: 'site-results', class: 'results' });
    input.addEventListener('change', () => {
      const text = input.value.trim();
      const w = parseWhere(input.value);
      error.textContent = '';
      withdrawOffer(found);
      if (w?.type === 'Point') {
        this.events.foundSite(w.coordinates);
      } else if (w) {
        error.textContent = 'a site is one point: type latitude, longitude in degrees, e.g. 47.16500, 9.51060';
      } else if (text) {
        void offerFound(text, {
          list: found,
          error,
          hint: 'type an address or a name, or latitude, longitude in degrees, e.g. 47.16500, 9.51060',
          near: this.events.near(),
          choose: (at) => {
            input.value = '';
            this.events.foundSite(at);
          },
          onError: (message) => this.events.onError(message),
        });
      }
    });
    return h('div', {}, h('div', { class: 'pick-row' }, input, error), found);
  }

  /** Tries every street point and takes the one that closes most of the gap. */
  private bestButton(): HTMLButtonElement {
    const next = this.events.current().plan.length > 0;
    const b = h('button', { type: 'button', id: 'best-site' }, next ? 'Where would the next help most?' : 'Where would one help most?') as HTMLButtonElement;
    b.addEventListener('click', async () => {
      this.events.stopPicking();
      const { subject, minutes, plan, how } = this.events.current();
      const [ticket, box] = this.begin('Trying every street…');
      try {
        const best = await this.whenFree(ticket, box, () => api.bestSite(subject, minutes, plan, how));
        if (ticket !== this.request) return;
        box.removeAttribute('aria-busy');
        if (best.site) {
          this.events.foundSite([best.site[0], best.site[1]]);
        } else {
          clear(box, h('p', { id: 'candidate-summary', role: 'status' },
            `Nobody left out within ${walkOf(best, how.pace !== null)}${plan.length ? ', with your plan,' : ''} lives near a street in the data: no new place could close the gap on foot.`),
          h('div', { class: 'candidate-actions' }, this.tryButton('Try a new place')),
          plan.length ? this.planList(plan) : '');
        }
      } catch (e) {
        if (ticket !== this.request) return;
        box.removeAttribute('aria-busy');
        this.idle();
        this.events.onError((e as Error).message);
      }
    });
    return b;
  }

  /** Asks, and while the server is busy with others' searches (503),
   *  waits as long as it says and asks again, saying so. */
  private async whenFree<T>(ticket: number, box: HTMLElement, ask: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await ask();
      } catch (e) {
        const wait = e instanceof ApiError && e.status === 503 ? e.retryAfter : null;
        if (wait === null || wait > BUSY_WAIT_MAX_S || tries >= BUSY_TRIES || ticket !== this.request) throw e;
        clear(box, h('p', { class: 'muted', id: 'busy' }, `Others are asking too: trying again in ${wait} s…`));
        await new Promise((r) => setTimeout(r, wait * 1000));
        if (ticket !== this.request) throw e;
        clear(box, h('p', { class: 'muted' }, 'Trying every street…'));
      }
    }
  }

  private tryButton(label: string): HTMLButtonElement {
    const b = h('button', { type: 'button', id: 'try-site', 'aria-pressed': 'false' }, label) as HTMLButtonElement;
    b.addEventListener('click', () => {
      if (this.picking) {
        this.events.stopPicking();
        this.idle();
      } else {
        this.events.startPicking();
        this.pick();
      }
    });
    return b;
  }
}
