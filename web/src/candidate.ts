// A planner's "what if there were one more here?": click a site, and see
// how many residents a new learning space there would bring within the
// walk who are left out now, and in which neighbourhoods.
import { api } from './api';
import type { components } from './api-types';
import type { Subject } from './categories';
import { byId, clear, h } from './dom';
import * as fmt from './format';
import { parseWhere } from './where';

export type CandidateAnswer = components['schemas']['CandidateAnswer'];
type Candidate = components['schemas']['Candidate'];

const NOUNS: Record<string, string> = {
  all: 'learning space',
  makerspace: 'makerspace or repair café',
  arts_culture: 'arts and culture venue',
  adult_education: 'adult education centre',
  early_years: 'early years setting',
  higher_education: 'college or university',
};

/** "a new library" reads; "a new arts and culture" does not. */
export function newNoun(subject: string): string {
  return NOUNS[subject] ?? subject.replace(/_/g, ' ');
}

/** The answer in one or two sentences. */
export function candidateSummary(a: CandidateAnswer): string {
  if (!a.reachable) {
    return 'This point is more than 250 m from any street in the data: nobody could walk to a place there. Try one nearer a street.';
  }
  const c = a as Candidate;
  const noun = newNoun(c.category);
  const walk = `${c.minutes} min`;
  if (c.residents_within < 0.5) return `A new ${noun} here would have no residents within ${walk} of it.`;
  if (c.newly_covered < 0.5) {
    return `A new ${noun} here would be within ${walk} of ${fmt.people(c.residents_within)} residents, but each of them already has one that near: it would close no gap.`;
  }
  const fall = c.uncovered_before > 0 ? c.newly_covered / c.uncovered_before : null;
  return `A new ${noun} here would put ${fmt.people(c.newly_covered)} more residents within ${walk} of one: people who have none that near now` +
    ` (of ${fmt.people(c.residents_within)} within its walk). Left out would fall from ${fmt.people(c.uncovered_before)} to ${fmt.people(c.uncovered_after)}` +
    `${fall == null ? '' : ` (−${fmt.percent(fall)})`}.`;
}

export interface CandidateEvents {
  /** Waits for the next click on the map to be the site. */
  startPicking(): void;
  stopPicking(): void;
  clearSite(): void;
  /** The site the search found: take it, and move the map onto it. */
  foundSite(site: [number, number]): void;
  /** The subject and walk the search is for. */
  current(): { subject: Subject; minutes: number };
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
      h('p', { class: 'muted' }, 'Click the map where a new one could open to see whom it would reach and how much of the gap it would close, or let every street be tried.'),
      this.typedSite());
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
  async show(site: [number, number], subject: Subject, minutes: number): Promise<CandidateAnswer | null> {
    this.picking = false;
    const ticket = ++this.request;
    const box = byId('candidate');
    clear(box, h('p', { class: 'muted' }, 'Working out whom it would reach…'));
    box.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.candidate(site[0], site[1], subject, minutes);
      if (ticket !== this.request) return null;
      clear(box, ...this.result(answer));
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

  private result(a: CandidateAnswer): (Node | string)[] {
    const rows = a.reachable ? (a as Candidate).neighbourhoods : [];
    const remove = h('button', { type: 'button', class: 'link', id: 'clear-site' }, 'Remove it');
    remove.addEventListener('click', () => this.events.clearSite());
    return [
      h('h3', {}, 'A new place here'),
      h('p', { id: 'candidate-summary', role: 'status' }, candidateSummary(a)),
      rows.length
        ? h('table', { class: 'candidate-areas' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Neighbourhood'), h('th', { scope: 'col' }, 'Would gain'), h('th', { scope: 'col' }, 'Left out now'))),
          h('tbody', {}, ...rows.map((r) => h('tr', {},
            h('th', { scope: 'row' }, r.name),
            h('td', {}, `+${fmt.people(r.newly_covered)}`),
            h('td', {}, fmt.people(r.uncovered_before))))))
        : '',
      h('p', { class: 'muted' }, 'A what-if: nothing is stored, and the map and figures above still show what exists.'),
      h('div', { class: 'candidate-actions' }, this.tryButton('Try another place'), this.bestButton(), remove),
      this.typedSite(),
    ];
  }

  /** Without a pointer (or with an address's coordinates at hand). */
  private typedSite(): HTMLElement {
    const input = h('input', { id: 'site-typed', placeholder: 'or type: 47.16500, 9.51060', size: '22', 'aria-label': 'Or type the site as latitude, longitude' });
    const error = h('span', { class: 'field-error', role: 'alert' });
    input.addEventListener('change', () => {
      const w = parseWhere(input.value);
      error.textContent = w?.type === 'Point' || !input.value.trim() ? '' : 'type latitude, longitude in degrees, e.g. 47.16500, 9.51060';
      if (w?.type === 'Point') this.events.foundSite(w.coordinates);
    });
    return h('div', { class: 'pick-row' }, input, error);
  }

  /** Tries every street point and takes the one that closes most of the gap. */
  private bestButton(): HTMLButtonElement {
    const b = h('button', { type: 'button', id: 'best-site' }, 'Where would one help most?') as HTMLButtonElement;
    b.addEventListener('click', async () => {
      this.picking = false;
      this.events.stopPicking();
      const ticket = ++this.request;
      const box = byId('candidate');
      const { subject, minutes } = this.events.current();
      clear(box, h('p', { class: 'muted' }, 'Trying every street…'));
      box.setAttribute('aria-busy', 'true');
      try {
        const best = await api.bestSite(subject, minutes);
        if (ticket !== this.request) return;
        box.removeAttribute('aria-busy');
        if (best.site) {
          this.events.foundSite([best.site[0], best.site[1]]);
        } else {
          clear(box, h('p', { id: 'candidate-summary', role: 'status' },
            `Nobody left out within ${minutes} min lives near a street in the data: no new place could close the gap on foot.`),
          h('div', { class: 'candidate-actions' }, this.tryButton('Try a new place')));
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
