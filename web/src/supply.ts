// Supply per resident: each neighbourhood's E2SFCA figure (walk-model.md
// §5), the places within the walk per 10,000 residents, each place shared
// among everyone who can walk to it. The raw figure depends on the kind of
// place (one library per 10,000 residents is a lot, one park is few), so the
// map and the list compare each neighbourhood with the whole area's figure.
import type { AreaFigures } from './api';

/** What the planner's map and list show. */
export type Measure = 'left-out' | 'supply';
export const MEASURES: readonly Measure[] = ['left-out', 'supply'];
export const isMeasure = (s: string | null): s is Measure => MEASURES.some((m) => m === s);

/** A neighbourhood's figure ÷ the area's: classes and colours (legend and
 *  map), none first, then each `upTo` exclusive. Red is less than the area
 *  has, as red is left out (ColorBrewer's RdBu); purple more (its PuOr).
 *  Not blue: at street zoom each neighbourhood's colour runs along its
 *  edge beside the walk-time surface's blue and green cells. */
export const SUPPLY_CLASSES: { upTo: number; colour: string; label: string }[] = [
  { upTo: 0, colour: '#b2182b', label: 'none within the walk' },
  { upTo: 0.5, colour: '#ef8a62', label: 'under half' },
  { upTo: 0.8, colour: '#fddbc7', label: 'half to four fifths' },
  { upTo: 1.25, colour: '#f7f7f7', label: 'about the same' },
  { upTo: 2, colour: '#d8daeb', label: '1.25 to 2 times' },
  { upTo: Infinity, colour: '#998ec3', label: 'twice or more' },
];

/** A neighbourhood's supply against the area's; null where either is unknown
 *  or the area has none (then every neighbourhood has none). */
export function supplyRatio(value: number | null | undefined, base: number | null | undefined): number | null {
  if (value == null || base == null || !(base > 0)) return null;
  return value / base;
}

/** Neighbourhoods with the least supply per resident first; among equals,
 *  the one with more residents; those without residents (no figure) last,
 *  in the order given. */
export function bySupply(rows: readonly AreaFigures[]): AreaFigures[] {
  const measured = rows.filter((r) => r.e2sfca_per_10k != null && r.population > 0);
  const rest = rows.filter((r) => !measured.includes(r));
  measured.sort((a, b) => (a.e2sfca_per_10k ?? 0) - (b.e2sfca_per_10k ?? 0) || b.population - a.population);
  return [...measured, ...rest];
}
