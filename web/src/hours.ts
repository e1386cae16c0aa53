// Opening hours as a resident reads them: "Open · until 18:30", "Closed ·
// opens Tue 15:00". The API evaluates the OSM hours now, on each place's
// own clock (its time zone comes from where it lies), or at a wall-clock
// time there that the resident picks.
import type { components } from './api-types';

export type OpenStatus = components['schemas']['OpenStatus'];
export type HoursReading = components['schemas']['HoursReading'];

/** When the resident's list asks: any time (no filter), now, or a time
 *  `YYYY-MM-DDTHH:MM` chosen; the link keeps it as `open=`. */
export type OpenWhen = null | 'now' | string;

const LOCAL_TIME = /^20\d{2}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** `open=` from a link: `now`, a local time, or nothing. */
export function parseOpenWhen(s: string | null): OpenWhen {
  if (s === 'now') return 'now';
  return s && LOCAL_TIME.test(s) && !Number.isNaN(Date.parse(s)) ? s : null;
}

/** A time on the browser's clock as the API takes it. */
export function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The API's `at`: the time chosen, else `now` (which each place reads on
 *  its own clock, whatever the browser's zone). */
export function atParam(when: OpenWhen): string {
  return when && when !== 'now' ? when : 'now';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayNumber = (date: string) => Date.parse(`${date}T00:00Z`) / 86_400_000;
const weekday = (date: string) => DAYS[new Date(`${date}T00:00Z`).getUTCDay()];

/** "18:30", "tomorrow 09:00" or "Tue 15:00", as seen from `at`. */
export function whenFrom(changesAt: string, at: string): string {
  const [date, time] = changesAt.split('T');
  const days = dayNumber(date) - dayNumber(at.split('T')[0]);
  if (days === 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  return `${weekday(date)} ${time}`;
}

/** "Sat 5 Dec, 12:00": a chosen time in a heading. */
export function dayAndTime(at: string): string {
  const [date, time] = at.split('T');
  const [, month, day] = date.split('-').map(Number);
  return `${weekday(date)} ${day} ${MONTHS[month - 1]}, ${time}`;
}

/** One line for a place, as seen from the time its hours were read at
 *  (on its clock); null when its hours are not known. */
export function openLine(open: OpenStatus | null | undefined): string | null {
  if (!open) return null;
  const comment = open.comment ? ` (${open.comment})` : '';
  const next = open.changes_at ? whenFrom(open.changes_at, open.at) : null;
  switch (open.state) {
    case 'open':
      return (next ? `Open · until ${next}` : 'Open around the clock') + comment;
    case 'closed':
      if (!next) return `Closed all week${comment}`;
      return (open.changes_to === 'open' ? `Closed · opens ${next}` : `Closed until ${next}`) + comment;
    default:
      return `Hours uncertain${next ? ` until ${next}` : ''}${comment}`;
  }
}

/** Milliseconds until a list read now goes stale: the first change of
 *  state among its places, each counted on its own clock from the time it
 *  was read at; at most five minutes when only open places are listed, as
 *  a place not listed may open. Null when nothing listed will change. */
export function staleIn(opens: (OpenStatus | null | undefined)[], onlyOpen: boolean): number | null {
  const MINUTE = 60_000;
  let soonest = onlyOpen ? 5 * MINUTE : Infinity;
  for (const o of opens) {
    if (o?.changes_at) soonest = Math.min(soonest, Date.parse(`${o.changes_at}:00Z`) - Date.parse(`${o.at}:00Z`));
  }
  // `at` is the minute begun when it was read: counting from it is never
  // early; two seconds more for the two clocks.
  return Number.isFinite(soonest) ? Math.max(soonest, MINUTE) + 2_000 : null;
}

type Span = [string, string];

/** The next seven days as a value reads, days alike joined: "Thu–Fri
 *  09:00–18:00 · Sat 10:00–14:00 · Sun closed". */
export function weekLine(days: HoursReading['days']): string {
  const spans = (list: unknown[]) => (list as Span[]).map(([a, b]) => `${a}–${b}`).join(', ');
  const says = (d: HoursReading['days'][number]) =>
    [d.open.length ? spans(d.open) : 'closed', d.unknown.length ? `uncertain ${spans(d.unknown)}` : '']
      .filter(Boolean).join(', ');
  const groups: { first: string; last: string; says: string }[] = [];
  for (const d of days) {
    const line = says(d);
    const last = groups[groups.length - 1];
    if (last && last.says === line) last.last = d.date;
    else groups.push({ first: d.date, last: d.date, says: line });
  }
  return groups
    .map((g) => `${weekday(g.first)}${g.last === g.first ? '' : `–${weekday(g.last)}`} ${g.says}`)
    .join(' · ');
}
