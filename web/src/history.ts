// A resource's history as its group and moderators read it: every
// revision (who, when, what they said) and every decision (who, when,
// why), oldest first, by name.
import type { components } from './api-types';
import { h } from './dom';

export type History = components['schemas']['History'];

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const REVISION: Record<string, string> = {
  pending: 'awaits review',
  approved: 'approved',
  rejected: 'rejected',
  superseded: 'replaced before review',
};
const DECISION: Record<string, string> = { approve: 'approved', reject: 'rejected' };
/** Decisions about the entry as a whole, not one revision. */
const WHOLE: Record<string, string> = { archive: 'Archived', restore: 'Restored' };

/** One line per revision and decision, oldest first (a decision after the
 *  revision it is about when both carry the same time). */
export function historyLines(history: History): { at: string; text: string }[] {
  const names = new Map((history.people ?? []).map((p) => [p.id, p.display_name]));
  const who = (id: number) => names.get(id) ?? `account ${id}`;
  const revisions = history.revisions.map((r, i) => ({
    at: r.created_at,
    order: [Date.parse(r.created_at), 0, i] as const,
    text: `Revision ${r.number} by ${who(r.author)}${r.comment ? `: “${r.comment}”` : ''} (${REVISION[r.state] ?? r.state})`,
  }));
  const decisions = (history.moderation ?? []).map((m, i) => ({
    at: m.at,
    order: [Date.parse(m.at), 1, i] as const,
    text: `${WHOLE[m.action] ?? `Revision ${m.revision} ${DECISION[m.action] ?? m.action}`} by ${who(m.actor)}${m.reason ? `: “${m.reason}”` : ''}`,
  }));
  return [...revisions, ...decisions]
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2])
    .map(({ at, text }) => ({ at, text }));
}

export function historyList(history: History): HTMLElement {
  return h('ol', { class: 'plain history' }, ...historyLines(history).map((l) =>
    h('li', {}, h('time', { datetime: l.at, class: 'muted' }, when.format(new Date(l.at))), ' ', l.text)));
}
