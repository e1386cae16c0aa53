// The resident's panel: find a point (search, map click, my location),
// the nearest learning spaces by walking time with the route to the
// first, the 5/10/15-minute area, category filters, whether each place is
// open (now or at a chosen time, or only those open) and a place card.
import { api, type Nearest, type NearestFacility, type Place } from './api';
import { CATEGORIES, type Category, categoryNoun, placeName } from './categories';
import { byId, clear, h, openCard, safeUrl } from './dom';
import { correctedNote, hitItem, walkedFromHit } from './search';
import { printButton } from './print';
import { directionLines, type RouteLeg } from './directions';
import { walkedFrom } from './whereabouts';
import { phoneHref, phoneNumber, postalAddress } from './contact';
import * as fmt from './format';
import { longWalkNote } from './long-walk';
import { stepsNoteText } from './route-steps';
import { atParam, dayAndTime, localTime, openLine, type OpenStatus, type OpenWhen, parseOpenWhen, staleIn } from './hours';
import type { LonLat } from './map';
import { sameHow, type WalkHow } from './pace';

export interface ResidentEvents {
  /** Where the resident is looking: the point the list is walked from,
   *  else the map's centre. Search offers what is near it first. */
  near(): LonLat;
  onOrigin(origin: LonLat): void;
  onPlace(id: string | null): void;
  onFilters(filters: Category[]): void;
  onWhen(open: OpenWhen): void;
  /** The resident asks for walks that avoid steps, or no longer. */
  onStepFree(stepFree: boolean): void;
  onResult(result: NearestResult | null): void;
  /** A list read now has gone stale (a place listed opens or closes). */
  onStale(): void;
  /** The route now goes to another place of the list. */
  onRoute(route: GeoJSON.Feature | null): void;
  onError(message: string): void;
}

/** A walk drawn and told: the place it goes to (its id, its number in
 *  the list, null for one not listed, and its name), its line, its legs
 *  in words and its metres on steps. */
interface Walk {
  to: string;
  number: number | null;
  name: string;
  route: GeoJSON.Feature | null;
  legs: RouteLeg[];
  stepsMeters: number;
}

/** The list shown, with the walk to its number 1. */
interface Listed {
  origin: LonLat;
  how: WalkHow;
  facilities: NearestFacility[];
  toFirst: Walk;
}

export interface NearestResult {
  origin: LonLat;
  facilities: NearestFacility[];
  route: GeoJSON.Feature | null;
  isochrones: GeoJSON.FeatureCollection | null;
  /** A refresh of the same list: the map stays where the resident left it. */
  quiet: boolean;
}

const SHOWN = 8;
/** How long typing pauses before the search is asked. */
const TYPING_PAUSE_MS = 250;

export class ResidentPanel {
  private request = 0;
  /** Now on the places' clock, from the last answer read at `now`: where
   *  the picker starts, as the browser may be in another zone. */
  private placesNow: string | null = null;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last walk area and its point: a refresh asks again for the
   *  places, not for the area, which the time of day does not change. */
  private walkArea: { origin: LonLat; how: WalkHow; answer: Awaited<ReturnType<typeof api.isochrone>> } | null = null;
  /** Where the list is walked from, in words, for the origin it was asked for. */
  private walkedFrom: { origin: LonLat; line: string | null } | null = null;
  /** The place the card shows. */
  private shownPlace: string | null = null;
  /** The list shown, and the place the route goes to: the one whose card
   *  is open, listed or not, else number 1. */
  private listed: Listed | null = null;
  private routedTo: string | null = null;
  private cardTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last search asked: an earlier answer arriving late is dropped. */
  private searchTicket = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly events: ResidentEvents, filters: Category[], open: OpenWhen, stepFree: boolean) {
    this.renderFilters(filters);
    this.setWhen(open);
    const steps = byId<HTMLInputElement>('step-free');
    steps.checked = stepFree;
    steps.addEventListener('change', () => this.events.onStepFree(steps.checked));
    const when = byId<HTMLSelectElement>('when');
    const at = byId<HTMLInputElement>('when-at');
    when.addEventListener('change', () => {
      at.hidden = when.value !== 'at';
      if (when.value === 'at' && !parseOpenWhen(at.value)) at.value = this.placesNow ?? localTime(new Date());
      this.events.onWhen(when.value === 'at' ? parseOpenWhen(at.value) : when.value === 'now' ? 'now' : null);
    });
    at.addEventListener('change', () => {
      const chosen = parseOpenWhen(at.value);
      if (chosen) this.events.onWhen(chosen);
    });
    const input = byId<HTMLInputElement>('search');
    byId<HTMLFormElement>('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.typingTimer);
      void this.search(input.value.trim());
    });
    // Results while typing, once the typing pauses: a street is found
    // before its name is complete.
    input.addEventListener('input', () => {
      clearTimeout(this.typingTimer);
      const text = input.value.trim();
      if (text.length < 2) {
        this.dropSearch();
        return;
      }
      this.typingTimer = setTimeout(() => void this.search(text), TYPING_PAUSE_MS);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        clearTimeout(this.typingTimer);
        this.dropSearch();
      }
    });
    byId('locate').addEventListener('click', () => this.locate());
  }

  /** Shows `open`, from the link, in the controls. */
  private setWhen(open: OpenWhen): void {
    const when = byId<HTMLSelectElement>('when');
    const at = byId<HTMLInputElement>('when-at');
    when.value = open === null ? '' : open === 'now' ? 'now' : 'at';
    at.hidden = when.value !== 'at';
    if (open && open !== 'now') at.value = open;
  }

  private renderFilters(selected: Category[]): void {
    const boxes = CATEGORIES.map((c) =>
      h(
        'label',
        { class: 'chip' },
        h('input', { type: 'checkbox', value: c.id, checked: selected.includes(c.id) }),
        h('span', { class: 'dot', style: `background:${c.colour}`, 'aria-hidden': 'true' }),
        c.label,
      ),
    );
    const box = byId('filters');
    clear(box, h('legend', {}, 'Kinds of learning space'), ...boxes);
    box.addEventListener('change', () => {
      const chosen = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value as Category);
      this.events.onFilters(chosen);
    });
  }

  /** Empties the results, and drops any answer still on its way. */
  private dropSearch(): void {
    this.searchTicket++;
    const out = byId('search-results');
    clear(out);
    out.removeAttribute('aria-busy');
  }

  private async search(text: string): Promise<void> {
    const ticket = ++this.searchTicket;
    const out = byId('search-results');
    if (text.length < 2) {
      clear(out, h('li', { class: 'empty' }, 'Type at least two letters of a name.'));
      return;
    }
    out.setAttribute('aria-busy', 'true');
    try {
      const found = await api.search(text, this.events.near());
      if (ticket !== this.searchTicket) return;
      const items = found.results.map((f) => hitItem(f, () => {
        this.dropSearch();
        const [lon, lat] = f.position;
        // Walked from the place chosen, the list says so by its name.
        const line = walkedFromHit(f);
        this.walkedFrom = line === null ? null : { origin: [lon, lat], line };
        this.events.onOrigin([lon, lat]);
        this.events.onPlace(f.id ?? null);
      }));
      clear(out, ...(items.length
        ? [...correctedNote(text, found.corrected), ...items]
        : [h('li', { class: 'empty' }, `Nothing called “${text}” here.`)]));
    } catch (e) {
      if (ticket !== this.searchTicket) return;
      clear(out);
      this.events.onError((e as Error).message);
    } finally {
      if (ticket === this.searchTicket) out.removeAttribute('aria-busy');
    }
  }

  private locate(): void {
    const status = byId('locate-status');
    if (!('geolocation' in navigator)) {
      status.textContent = 'This browser cannot tell where you are; click the map instead.';
      return;
    }
    status.textContent = 'Finding where you are…';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        status.textContent = '';
        this.events.onOrigin([pos.coords.longitude, pos.coords.latitude]);
      },
      () => {
        status.textContent = 'Your location is not available; click the map instead.';
      },
      { timeout: 10000 },
    );
  }

  /** The nearest places of every chosen category from `origin`, merged by
   *  walking time, each saying whether it is open; with `open`, only those
   *  open then. A list read now is asked again, `quiet`ly, when a place in
   *  it opens or closes, so a page left open stays true. Walked as `how`
   *  says: at its pace, and around steps or not. */
  async nearest(origin: LonLat, filters: Category[], open: OpenWhen, how: WalkHow, quiet = false): Promise<void> {
    const ticket = ++this.request;
    clearTimeout(this.staleTimer);
    const at = atParam(open);
    const list = byId('nearest');
    list.setAttribute('aria-busy', 'true');
    if (!quiet) clear(list, h('p', { class: 'muted' }, 'Finding the nearest learning spaces…'));
    try {
      const area = this.walkArea;
      const known = quiet && area && area.origin[0] === origin[0] && area.origin[1] === origin[1] && sameHow(area.how, how) ? area.answer : null;
      const said = this.walkedFrom;
      const named = said && said.origin[0] === origin[0] && said.origin[1] === origin[1] ? said.line : undefined;
      const [answers, isochrones, from] = await Promise.all([
        Promise.all(filters.map((c) => api.nearest(origin[0], origin[1], c, 3, at, open !== null, how.pace, how.stepFree))),
        known ?? api.isochrone(origin[0], origin[1], [5, 10, 15], how.pace, how.stepFree),
        // The list does without its "From …" line rather than fail for it.
        named !== undefined ? named : api.whereabouts(origin[0], origin[1]).then((w) => walkedFrom(w.result), () => null),
      ]);
      if (ticket !== this.request) return;
      this.walkArea = { origin, how, answer: isochrones };
      this.walkedFrom = { origin, line: from };
      const unreachable = answers.find((a) => !a.reachable) ?? (isochrones.reachable ? null : isochrones);
      if (unreachable || filters.length === 0) {
        const reason = unreachable && 'reason' in unreachable ? unreachable.reason : undefined;
        clear(list, h('div', { class: 'notice', role: 'status' },
          filters.length === 0
            ? 'Choose at least one kind of learning space.'
            : `No walking route from here: ${reason ?? 'the point is too far from any street.'} Try a point on or near a street.`));
        this.events.onResult({ origin, facilities: [], route: null, isochrones: null, quiet });
        return;
      }
      const reached = answers.filter((a): a is Nearest => a.reachable);
      const all = reached.flatMap((a) => a.facilities).sort((a, b) => a.minutes - b.minutes);
      const facilities = dedupe(all).slice(0, SHOWN);
      const firstAnswer = reached.find((a) => a.facilities[0]?.id === facilities[0]?.id);
      const toFirst: Walk = {
        to: facilities[0]?.id ?? '',
        number: 1,
        name: facilities[0] ? placeName(facilities[0]) : '',
        route: (firstAnswer?.route ?? null) as GeoJSON.Feature | null,
        legs: firstAnswer?.route?.properties.directions ?? [],
        stepsMeters: firstAnswer?.route?.properties.steps_meters ?? 0,
      };
      const listed: Listed = { origin, how, facilities, toFirst };
      // The route goes to the place whose card is open, listed or not.
      const chosen = this.shownPlace !== null && this.shownPlace !== toFirst.to ? this.shownPlace : null;
      const toChosen = chosen ? await this.walkTo(listed, chosen) : null;
      if (ticket !== this.request) return;
      const walk = toChosen ?? toFirst;
      this.listed = listed;
      this.routedTo = walk.to;
      if (at === 'now') this.placesNow = reached.flatMap((a) => a.facilities).find((f) => f.open)?.open?.at ?? this.placesNow;
      const kmh = reached[0]?.walking_speed_kmh ?? null;
      this.renderNearest(facilities, walk, from, reached[0]?.snapped.access_meters ?? 0, kmh, how.stepFree, at, open, quiet);
      this.events.onResult({ origin, facilities, route: walk.route, isochrones: isochrones as unknown as GeoJSON.FeatureCollection, quiet });
      const stale = at === 'now' ? staleIn(facilities.map((f) => f.open), open === 'now') : null;
      if (stale !== null) this.staleTimer = setTimeout(() => this.events.onStale(), stale);
    } catch (e) {
      if (ticket !== this.request) return;
      // A refresh that fails leaves the list as it was and tries again.
      if (quiet) {
        this.staleTimer = setTimeout(() => this.events.onStale(), 60_000);
        return;
      }
      clear(list, h('div', { class: 'notice' }, 'The nearest places could not be found.'));
      this.events.onError((e as Error).message);
    } finally {
      if (ticket === this.request) list.removeAttribute('aria-busy');
    }
  }

  /** The walk from the list's point to the place `id`; `null` where it
   *  cannot be had (the list keeps the route it has). */
  private async walkTo(listed: Listed, id: string): Promise<Walk | null> {
    const { origin, how, facilities } = listed;
    const answer = await api.walk(origin[0], origin[1], id, how.pace, how.stepFree).catch(() => null);
    if (!answer?.reachable || !answer.route || !answer.place) return null;
    const index = facilities.findIndex((f) => f.id === id);
    return {
      to: id,
      number: index < 0 ? null : index + 1,
      name: placeName(answer.place),
      route: answer.route as GeoJSON.Feature,
      legs: answer.route.properties.directions,
      stepsMeters: answer.route.properties.steps_meters,
    };
  }

  /** Sends the route, and its directions, to the place `id` whose card was
   *  opened, or back to number 1 when none is. */
  private async follow(id: string | null): Promise<void> {
    const listed = this.listed;
    if (!listed) return;
    const target = id ?? listed.toFirst.to;
    if (target === this.routedTo) return;
    const walk = target === listed.toFirst.to ? listed.toFirst : await this.walkTo(listed, target);
    if (!walk || this.listed !== listed || this.shownPlace !== id) return;
    this.routedTo = walk.to;
    this.events.onRoute(walk.route);
    const list = byId('nearest');
    const old = list.querySelector<HTMLDetailsElement>('details.directions');
    const fresh = directionsSection(walk, old?.open);
    if (old) old.remove();
    if (fresh) list.querySelector('.near-list')?.after(fresh);
    const line = list.querySelector('.route-to');
    if (line) line.textContent = routeLine(walk);
    list.querySelector('.route-steps')?.remove();
    const steps = stepsNote(walk);
    if (steps) (list.querySelector('details.directions') ?? list.querySelector('.near-list'))?.after(steps);
  }

  private renderNearest(facilities: NearestFacility[], walk: Walk, from: string | null, accessMeters: number, pace: number | null, stepFree: boolean, at: string, open: OpenWhen, quiet: boolean): void {
    const list = byId('nearest');
    // A refresh keeps the keyboard on the row it was on.
    const focused = quiet ? (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('#nearest .near-row')?.dataset.place : undefined;
    const then = open === null || open === 'now' ? 'now' : `on ${dayAndTime(at)}`;
    const onlyKnown = 'Only places whose opening hours are in the data can be listed as open.';
    if (facilities.length === 0) {
      clear(list, h('div', { class: 'notice', role: 'status' }, open === null
        ? `None of the chosen kinds of learning space can be reached on foot from here${stepFree ? ' without steps' : ''}.`
        : `None of the chosen kinds of learning space that can be reached on foot from here${stepFree ? ' without steps' : ''} is open ${then}. ${onlyKnown}`));
      return;
    }
    const far = longWalkNote(facilities[0].minutes, open === null ? null : then);
    const items = facilities.map((f, i) => {
      const b = h(
        'button',
        { type: 'button', class: 'near-row', 'data-place': f.id, 'data-minutes': String(f.minutes) },
        h('span', { class: 'rank' }, `${i + 1}`),
        h('span', { class: 'name' }, placeName(f)),
        h('span', { class: 'muted' }, categoryNoun(f.category)),
        h('span', { class: 'figure' }, fmt.minutes(f.minutes)),
        h('span', { class: 'muted distance' }, fmt.metres(f.meters)),
        openState(f.open),
      );
      b.addEventListener('click', () => this.events.onPlace(f.id));
      return h('li', {}, b);
    });
    clear(
      list,
      h('div', { class: 'list-head' },
        h('h3', {}, open === null ? 'Nearest on foot' : `Nearest open ${then}, on foot`),
        // For a notice board or someone without a phone: the map with the
        // route, this list and the link back to it.
        printButton('The map with the route, these places with their walking times, and the link back: on paper or as PDF')),
      from ? h('p', { class: 'walked-from' }, from) : null,
      far ? h('p', { class: 'notice long-walk' }, far) : null,
      h('ol', { class: 'near-list' }, ...items),
      directionsSection(walk, quiet ? list.querySelector<HTMLDetailsElement>('details.directions')?.open : false),
      stepsNote(walk),
      accessMeters > 30 ? h('p', { class: 'muted' }, `Includes ${fmt.metres(accessMeters)} to the nearest street.`) : null,
      // The pace is the city's (`--walking-speed`): said, so that times
      // slower than a phone's route planner's are understood.
      h('p', { class: 'muted walk-pace' }, h('span', { class: 'route-to' }, routeLine(walk)),
        ` Shaded: what you reach in 5, 10 and 15 minutes${pace === null ? '' : `, walking at ${fmt.decimal(pace)} km/h`}${stepFree ? ', avoiding steps' : ''}.`),
      open === null ? null : h('p', { class: 'muted' }, onlyKnown),
    );
    if (focused) list.querySelector<HTMLElement>(`.near-row[data-place="${CSS.escape(focused)}"]`)?.focus();
    if (quiet) return;
    byId('live').textContent = `${far ? `${far} ` : ''}Nearest: ${placeName(facilities[0])}, ${fmt.minutes(facilities[0].minutes)} on foot.`;
  }

  /** The place card, saying whether it is open now or at the chosen time;
   *  `null` closes it. */
  async showPlace(id: string | null, open: OpenWhen): Promise<void> {
    const card = byId('place-card');
    this.shownPlace = id;
    void this.follow(id);
    clearTimeout(this.cardTimer);
    if (!openCard(card, id, 'Loading the place…')) return;
    try {
      const place = await api.place(id, atParam(open));
      clear(card, ...placeCard(place, () => this.events.onPlace(null)));
      this.watchPlace(id, open, place.properties.open);
    } catch (e) {
      clear(card, h('p', {}, 'This place could not be loaded; it may have been removed.'));
      this.events.onError((e as Error).message);
    } finally {
      card.removeAttribute('aria-busy');
    }
  }

  /** Read now, the card's state is asked again when the place opens or
   *  closes, so a card left open stays true. */
  private watchPlace(id: string, open: OpenWhen, status: OpenStatus | null | undefined): void {
    if (open !== null && open !== 'now') return;
    const stale = staleIn([status], false);
    if (stale !== null) this.cardTimer = setTimeout(() => void this.refreshPlaceState(id, open), stale);
  }

  /** Asks again whether the card's place is open, and replaces that line
   *  alone: a report being written in the card is kept. */
  private async refreshPlaceState(id: string, open: OpenWhen): Promise<void> {
    const line = byId('place-card').querySelector('.open-state');
    if (this.shownPlace !== id || !line) return;
    try {
      const status = (await api.place(id, atParam(open))).properties.open;
      const fresh = openState(status);
      if (this.shownPlace !== id || !line.isConnected) return;
      if (fresh) line.replaceWith(fresh);
      this.watchPlace(id, open, status);
    } catch {
      // The line stays as it was; asked again in a minute.
      if (this.shownPlace === id) this.cardTimer = setTimeout(() => void this.refreshPlaceState(id, open), 60_000);
    }
  }
}

/** Which place the route goes to: its number in the list, or its name. */
function routeLine(walk: Walk): string {
  return `The route goes to ${walk.number === null ? walk.name : `number ${walk.number}`}.`;
}

/** Where the route takes steps or passes a barrier, said under its
 *  directions; nothing for a walk without either. */
function stepsNote(walk: Walk): HTMLElement | null {
  const text = stepsNoteText(walk.stepsMeters, walk.route);
  return text === null ? null : h('p', { class: 'route-steps' }, text);
}

/** The walk in words, folded under its summary (open as it was when a
 *  refresh redraws it); printed open. */
function directionsSection(walk: Walk, open = false): HTMLElement | null {
  const lines = directionLines(walk.legs, walk.name);
  if (lines.length === 0) return null;
  const section = h('details', { class: 'directions' },
    h('summary', {}, walk.number === null ? `Directions to ${walk.name}` : `Directions to number ${walk.number}, ${walk.name}`),
    h('ol', {}, ...lines.map((line) => h('li', {}, line))));
  section.open = open;
  return section;
}

function dedupe(list: NearestFacility[]): NearestFacility[] {
  const seen = new Set<string>();
  return list.filter((f) => !seen.has(f.id) && (seen.add(f.id), true));
}

const WHEELCHAIR: Record<string, string> = {
  yes: 'Wheelchair accessible',
  limited: 'Partly wheelchair accessible',
  no: 'Not wheelchair accessible',
  designated: 'Designed for wheelchair users',
};

/** Whether a place is open, coloured by state; nothing when its hours are
 *  not known. */
function openState(open: OpenStatus | null | undefined): HTMLElement | null {
  const line = openLine(open);
  return line && open ? h('span', { class: `open-state ${open.state}` }, line) : null;
}

function placeCard(place: Place, close: () => void): Node[] {
  const p = place.properties;
  const rows: [string, Node | string][] = [];
  if (p.opening_hours) rows.push(['Opening hours', p.opening_hours]);
  const address = postalAddress(p);
  if (address) rows.push(['Address', address]);
  const phone = phoneNumber(p);
  const dial = phone ? phoneHref(phone) : null;
  if (phone) rows.push(['Phone', dial ? h('a', { href: dial }, phone) : phone]);
  if (p.wheelchair) rows.push(['Wheelchair', WHEELCHAIR[p.wheelchair] ?? p.wheelchair]);
  const site = safeUrl(p.website);
  if (p.website) rows.push(['Website', site ? h('a', { href: site, rel: 'noopener noreferrer', target: '_blank' }, p.website) : p.website]);
  if (p.operator) rows.push(['Run by', p.operator]);
  if (p.capacity) rows.push(['Capacity', p.capacity]);
  if (p.description) rows.push(['About', p.description]);
  rows.push(['Source', sourceLine(p.source, p.source_ref)]);
  const closeButton = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the place card' }, '×');
  closeButton.addEventListener('click', close);
  if (p.offers) rows.unshift(['Offers', String(p.offers)]);
  if (p.access_terms) rows.push(['Who may use it', String(p.access_terms)]);
  if (p.licence) rows.push(['Licence', String(p.licence)]);
  return [
    h('div', { class: 'detail-head' }, h('h3', { id: 'place-name' }, placeName(p)), closeButton),
    h('p', { class: 'muted' }, categoryNoun(p.category)),
    openState(p.open),
    h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    p.source === 'commons' ? reportForm(Number(p.source_ref)) : osmFix(p.source, p.source_ref),
  ].filter((n): n is HTMLElement => n !== null);
}

/** OpenStreetMap's data is fixed at the source, by anyone. */
function osmFix(source: string, ref: string): HTMLElement | null {
  const m = /^([nwr])(\d+)$/.exec(ref);
  if (!source.startsWith('osm') || !m) return null;
  const kind = { n: 'node', w: 'way', r: 'relation' }[m[1]];
  return h('p', { class: 'muted report' }, 'Something wrong? ',
    h('a', { href: `https://www.openstreetmap.org/edit?${kind}=${m[2]}`, rel: 'noopener noreferrer', target: '_blank' }, 'Fix it on OpenStreetMap'),
    ' — the map updates with the next import.');
}

/** Residents tell moderators when a registered resource is wrong or gone. */
function reportForm(resource: number): HTMLElement {
  const kind = h('select', { name: 'kind', 'aria-label': 'What is wrong' },
    h('option', { value: 'wrong_information' }, 'Some information is wrong'),
    h('option', { value: 'does_not_exist' }, 'It does not exist (any more)'),
    h('option', { value: 'breaks_the_rules' }, 'It breaks the rules'));
  const comment = h('input', { name: 'comment', 'aria-label': 'What should moderators know?', placeholder: 'What should moderators know?' });
  const status = h('p', { role: 'status', class: 'muted' });
  const f = h('form', { class: 'report-form' }, kind, comment, h('button', { type: 'submit' }, 'Send'), status);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.report(resource, kind.value, comment.value);
      clear(status, 'Thank you: a moderator will look at it.');
      f.querySelectorAll('select, input, button').forEach((el) => el.setAttribute('disabled', ''));
    } catch (err) {
      clear(status, (err as Error).message);
    }
  });
  return h('details', { class: 'report' }, h('summary', {}, 'Report a problem'), f);
}

function sourceLine(source: string, ref: string): Node {
  const m = /^([nwr])(\d+)$/.exec(ref);
  if (source.startsWith('osm') && m) {
    const kind = { n: 'node', w: 'way', r: 'relation' }[m[1]];
    return h('span', {}, 'OpenStreetMap (', h('a', { href: `https://www.openstreetmap.org/${kind}/${m[2]}`, rel: 'noopener noreferrer', target: '_blank' }, `${kind} ${m[2]}`), ')');
  }
  return h('span', {}, `${source}, entry ${ref}`);
}
