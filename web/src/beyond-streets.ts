// Residents more than 250 m from any street in the data (walk-model.md §2)
// have no walk to measure and count as left out. Where many are, the street
// data misses part of the study area: a gap in the data, not necessarily in
// provision, and the planner must be told so.
import * as fmt from './format';

/** From this share of its residents beyond the streets, a neighbourhood is
 *  hatched on the map instead of coloured by its gap (tiles carry the share
 *  as `off_network_share`). */
export const MOSTLY_BEYOND = 0.5;

/** Whether most of a neighbourhood lives beyond the street data. */
export function mostlyBeyond(offNetwork: number, population: number): boolean {
  return population > 0 && offNetwork >= MOSTLY_BEYOND * population;
}

/** How much of `uncovered` lives beyond the streets: worth a word from a
 *  whole person and 1 % of those left out; `most` from half. */
export function beyondStreets(offNetwork: number, uncovered: number): 'none' | 'some' | 'most' {
  if (Math.round(offNetwork) < 1 || offNetwork < 0.01 * uncovered) return 'none';
  return offNetwork >= 0.5 * uncovered ? 'most' : 'some';
}

/** The sentence under the overall figure, or null. */
export function overallNote(offNetwork: number, uncovered: number): string | null {
  const level = beyondStreets(offNetwork, uncovered);
  if (level === 'none') return null;
  const lead = `${fmt.people(offNetwork)} of them live more than 250 m from any street in the data, so their walk cannot be measured`;
  return level === 'most'
    ? `${lead}: a gap in the street data, not necessarily in provision. Check that the street data covers the whole study area.`
    : `${lead}.`;
}

/** The words after a ranked row's "N left out", or null. */
export function rowNote(offNetwork: number, uncovered: number): string | null {
  if (beyondStreets(offNetwork, uncovered) === 'none') return null;
  return uncovered - offNetwork < 0.5 ? 'all beyond the street data' : `${fmt.people(offNetwork)} beyond the street data`;
}
