// "About these figures": what the planner's figures rest on, the data
// (which file, how current, when read, whose) and the walk model, so that
// whoever cites a figure can say what it is made of.
import { api, type About, type SourceInfo } from './api';
import { clear, h } from './dom';

const KIND: Record<SourceInfo['kind'], string> = {
  osm: 'OpenStreetMap extract',
  neighbourhoods: 'Neighbourhoods',
  population: 'Population',
  facilities: 'Learning spaces',
};

/** A day as people write it, "4 March 2024", on the UTC calendar the API stamps in. */
export const day = (stamp: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(stamp));

/** What a year-old file of each kind misses. */
const MISSES: Record<SourceInfo['kind'], string> = {
  osm: 'places opened since are missing',
  facilities: 'places opened since are missing',
  population: 'residents are counted as they were then',
  neighbourhoods: 'residents are counted as they were then',
};

/** How old data of `stamp` is at `now`, said only from a year on, when
 *  what changed since is likely missing from it. */
export function staleness(stamp: string, now: Date, kind: SourceInfo['kind'] = 'osm'): string | null {
  const then = new Date(stamp);
  // Whole years on the calendar, as a birthday counts them.
  const before = now.getUTCMonth() * 100 + now.getUTCDate() < then.getUTCMonth() * 100 + then.getUTCDate();
  const years = now.getUTCFullYear() - then.getUTCFullYear() - (before ? 1 : 0);
  return years >= 1 ? `${years} year${years > 1 ? 's' : ''} old: ${MISSES[kind]}` : null;
}

/** One source in a line: what it is, its file, how current, when read,
 *  whose, whether the residents are `counted` from it, and what the
 *  operator noted of its data at import. */
export function sourceLine(s: SourceInfo, now: Date, counted = false): string {
  const old = s.data_as_of ? staleness(s.data_as_of, now, s.kind) : null;
  const asOf = s.data_as_of ? `Data as of ${day(s.data_as_of)}${old ? ` (${old})` : ''}; imported` : 'Imported';
  return `${KIND[s.kind]}: ${s.file}. ${asOf} ${day(s.imported_at)}.${s.attribution ? ` ${s.attribution}` : ''}` +
    `${counted ? ' The residents are counted from this file.' : ''}${s.note ? ` ${s.note}` : ''}`;
}

/** The street data's day for the section's heading: the oldest extract's,
 *  and none unless every extract says. */
export function streetDataDay(sources: SourceInfo[]): string | null {
  const dates = sources.filter((s) => s.kind === 'osm').map((s) => s.data_as_of);
  if (dates.length === 0 || dates.some((d) => !d)) return null;
  return day(dates.sort()[0] as string);
}

/** The walk model in sentences, with the numbers the server measures by. */
export function method(walk: About['walk']): string[] {
  const n = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  return [
    `Walk times are along the streets and paths in the OpenStreetMap data, at ${n.format(walk.speed_kmh)} km/h ` +
      '(the city’s pace; “Walking pace” looks at a slower or faster one), ' +
      `to a place's nearest entrance (a park's wherever a path comes within ${n.format(walk.area_entry_m)} m of it).`,
    "Each neighbourhood's residents are spread over its homes; " +
      `those more than ${n.format(walk.max_access_m)} m from any street in the data count as left out.`,
    'Places per resident (E2SFCA, Luo and Qi 2009): each place is shared among everyone who can walk to it, ' +
      'nearer people weighing more (1, 0.68 and 0.22 by thirds of the walking time).',
  ];
}

/** The credit a printed page carries: each owner once, and the street
 *  data's day when every extract says. */
export function creditLine(sources: SourceInfo[]): string {
  const owners = [...new Set(sources.map((s) => s.attribution).filter((a) => a))];
  const streets = streetDataDay(sources);
  return `Data: ${owners.length ? owners.join('; ') : OSM_CREDIT}${streets ? `, OpenStreetMap data of ${streets}` : ''}.`;
}

/** What any page of OSM data must credit, should the sources not load. */
export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL 1.0)';

/** Asks once, at start: the heading gives the street data's day before
 *  the section is opened. Gives the sources, or none if they could not be had. */
export async function wireAbout(details: HTMLDetailsElement, body: HTMLElement, onError: (message: string) => void): Promise<About | null> {
  body.setAttribute('aria-busy', 'true');
  try {
    const about = await api.about();
    const streets = streetDataDay(about.sources);
    if (streets) details.querySelector('summary')?.append(h('span', { class: 'about-date' }, ` · OpenStreetMap data of ${streets}`));
    const now = new Date();
    clear(
      body,
      ...method(about.walk).map((line) => h('p', {}, line)),
      h('h4', {}, 'Data'),
      h('ul', { class: 'about-sources' }, ...about.sources.map((s) =>
        h('li', { 'data-source': s.id, title: `SHA-256 ${s.sha256}` }, sourceLine(s, now, about.population_from.includes(s.id))))),
    );
    return about;
  } catch (e) {
    clear(body, 'What the figures rest on could not be loaded.');
    onError((e as Error).message);
    return null;
  } finally {
    body.removeAttribute('aria-busy');
  }
}
