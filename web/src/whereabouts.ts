// A point in words: the resident's list says where it is walked from, a
// planner's site where it would open. A list printed for a notice board, or
// read aloud by a screen reader, says "From Städtle 35, Vaduz" rather than
// leaving the reader to find the pin on the map.
import type { Whereabouts } from './api';
import { metres } from './format';

type Found = NonNullable<Whereabouts['result']>;

/** Within this many metres of a house, the list starts at its door. */
export const AT_THE_DOOR_M = 25;

/** Within this many metres a place label is what the point is near. */
export const NEAR_A_TOWN_M = 1000;

/** Within this many metres a street is what the point is near; the server
 *  names one up to 500 m off only where nothing closer names the point
 *  (a roads-only extract), and the phrase then says how far. */
export const NEAR_A_STREET_M = 100;

/** Where a point is, as a phrase that can follow "A new place" or a
 *  site's number: "at Städtle 35, Vaduz", "near Städtle 35, Vaduz", "near
 *  Landstrasse, Vaduz", "in Planken", "near Buchs", "3.6 km from Vaduz",
 *  "340 m from Rua Arambaré". */
export function placed(found: Found): string {
  switch (found.kind) {
    case 'address':
      return `${atTheDoor(found) ? 'at' : 'near'} ${found.name}${townOf(found)}`;
    case 'street':
      return found.distance_m <= NEAR_A_STREET_M
        ? `near ${found.name}${townOf(found)}`
        : `${metres(Math.round(found.distance_m / 10) * 10)} from ${found.name}${townOf(found)}`;
    case 'neighbourhood':
      return `in ${found.name}`;
    default:
      // The nearest place label may be a valley away: say how far.
      return found.distance_m <= NEAR_A_TOWN_M ? `near ${found.name}` : `${metres(found.distance_m)} from ${found.name}`;
  }
}

/** The line under "Nearest on foot"; null where the data names nothing. */
export function walkedFrom(found: Found | null): string | null {
  if (!found) return null;
  // "From Städtle 35": at its door the list starts from the house itself.
  if (found.kind === 'address' && atTheDoor(found)) return `From ${found.name}${townOf(found)}`;
  return found.kind === 'address' ? `From ${placed(found)}` : `From a point ${placed(found)}`;
}

const atTheDoor = (found: Found) => found.distance_m <= AT_THE_DOOR_M;
const townOf = (found: Found) => (found.locality ? `, ${found.locality}` : '');
