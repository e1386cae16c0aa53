// Where the resident's list is walked from, in words: a list printed for a
// notice board, or read aloud by a screen reader, says "From Städtle 35,
// Vaduz" rather than leaving the reader to find the pin on the map.
import type { Whereabouts } from './api';
import { metres } from './format';

type Found = NonNullable<Whereabouts['result']>;

/** Within this many metres of a house, the list starts at its door. */
export const AT_THE_DOOR_M = 25;

/** Within this many metres a place label is what the point is near. */
export const NEAR_A_TOWN_M = 1000;

/** The line under "Nearest on foot"; null where the data names nothing. */
export function walkedFrom(found: Found | null): string | null {
  if (!found) return null;
  switch (found.kind) {
    case 'address': {
      const town = found.locality ? `, ${found.locality}` : '';
      const near = found.distance_m <= AT_THE_DOOR_M ? '' : 'near ';
      return `From ${near}${found.name}${town}`;
    }
    case 'neighbourhood':
      return `From a point in ${found.name}`;
    default:
      // The nearest place label may be a valley away: say how far.
      return found.distance_m <= NEAR_A_TOWN_M
        ? `From a point near ${found.name}`
        : `From a point ${metres(found.distance_m)} from ${found.name}`;
  }
}
