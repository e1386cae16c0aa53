// Which places of a kind residents rely on most: of those within the walk
// of each, how many have no other of its kind as near — whom its closing
// would leave out. What a council reads before a budget is cut; a row
// opens the place's card, which says where they live.
import { api } from './api';
import type { components } from './api-types';
import { type Subject, newNoun, placeName } from './categories';
import { byId, clear, h } from './dom';
import * as fmt from './format';
import { plural, walkOf } from './candidate';
import type { WalkHow } from './pace';

export type Reliance = components['schemas']['Reliance'];
type Relied = Reliance['places'][number];

/** The places listed; the rest are counted. */
export const SHOWN = 8;

/** One place's line: whom its closing would leave out, and where most live. */
export function relianceLine(p: Relied, r: Reliance, otherPace: boolean): string {
  const noun = newNoun(r.category);
  const where = p.neighbourhood ? `, most in ${p.neighbourhood.name}` : '';
  return `${fmt.people(p.left_out)} of ${fmt.people(p.residents_within)} within ${walkOf(r, otherPace)} have no other ${noun} as near${where}`;
}

/** What the places not listed have in common, or nothing. */
export function relianceRest(r: Reliance, listed: number, otherPace: boolean): string {
  const rest = r.places.length - listed;
  const noun = newNoun(r.category);
  if (listed === 0) {
    return r.places.length
      ? `Everyone within ${walkOf(r, otherPace)} of a ${noun} has another as near: closing any one would leave nobody out.`
      : `There is no ${noun} in the data.`;
  }
  if (rest === 0) return '';
  const others = rest === 1 ? `The other ${noun}` : `The other ${rest} ${plural(noun)}`;
  const relied = r.places.slice(listed).some((p) => p.left_out >= 0.5);
  return relied ? `${others}: fewer rely on ${rest === 1 ? 'it' : 'each'} alone.` : `${others}: everyone within the walk has another as near.`;
}

/** The list under "Which … do residents rely on most?", asked for when
 *  it is opened and again when the walk changes while it is open. */
export class RelianceList {
  private request = 0;
  /** The walk the list was last asked for, as `subject/minutes/pace/steps`. */
  private asked: string | null = null;
  /** The walk the planner has picked, asked for once the list is open. */
  private pending: [Subject, number, WalkHow] | null = null;

  constructor(private readonly open: (id: string, at: [number, number]) => void) {
    const box = byId<HTMLDetailsElement>('reliance');
    box.addEventListener('toggle', () => {
      if (box.open && this.pending) void this.show(...this.pending);
    });
  }

  /** Forgets the list asked for: the places changed, so the same walk
   *  is asked again. */
  forget(): void {
    this.asked = null;
  }

  /** Lists the places of `subject` most relied on within `minutes`, walked as `how`. */
  async show(subject: Subject, minutes: number, how: WalkHow): Promise<void> {
    const box = byId<HTMLDetailsElement>('reliance');
    const title = byId('reliance-title');
    const body = byId('reliance-body');
    title.textContent = subject === 'all' ? 'Which places do residents rely on most?' : `Which ${plural(newNoun(subject))} do residents rely on most?`;
    this.pending = [subject, minutes, how];
    const key = `${subject}/${minutes}/${how.pace}/${how.stepFree}`;
    const pace = how.pace;
    if (!box.open || this.asked === key) return;
    // What is asked for last is shown: a list asked for before, answering
    // late, is dropped.
    this.asked = key;
    const ticket = ++this.request;
    if (subject === 'all') {
      body.removeAttribute('aria-busy');
      clear(body, h('p', {}, 'Choose one kind of learning space above: a library closing is made up for by another library, not by a park.'));
      return;
    }
    body.setAttribute('aria-busy', 'true');
    try {
      const r = await api.reliance(subject, minutes, how);
      if (ticket !== this.request) return;
      const listed = r.places.filter((p) => p.left_out >= 0.5).slice(0, SHOWN);
      const rest = relianceRest(r, listed.length, pace !== null);
      const csv = h('a', { id: 'reliance-csv', class: 'button-link', download: '', href: api.relianceCsvUrl(subject, minutes, how),
        title: `Every ${newNoun(r.category)} ranked, with the data's sources and day: for a spreadsheet` }, 'CSV');
      clear(body,
        h('p', { class: 'muted' }, `Residents within the walk of each who have no other ${newNoun(r.category)} within ${walkOf(r, pace !== null)}: whom its closing would leave out. Open one to see where they live.`),
        listed.length ? h('ol', { class: 'reliance-list' }, ...listed.map((p) => {
          const button = h('button', { type: 'button', class: 'link', 'data-place': p.id }, placeName({ ...p, category: r.category }));
          button.addEventListener('click', () => this.open(p.id, p.at as [number, number]));
          return h('li', {}, button, h('span', { class: 'figure' }, relianceLine(p, r, pace !== null)));
        })) : '',
        rest ? h('p', { class: 'muted' }, rest) : '',
        h('p', {}, csv));
    } catch {
      if (ticket !== this.request) return;
      // Asked again when the list is next shown.
      this.asked = null;
      clear(body, h('p', {}, 'Which places are most relied on could not be worked out.'));
    } finally {
      if (ticket === this.request) body.removeAttribute('aria-busy');
    }
  }
}
