// Where the data is thin a resident's nearest place can be hours away on
// foot (Porto Alegre's roads-only extract: a park 2 h 11 min from parts
// of the city). The list still gives it, as the nearest it is, but says
// first that nothing is within the longest walk the map measures.
import { MINUTES } from './categories';
import * as fmt from './format';

/** The longest walk the planner measures, in minutes. */
export const LONGEST_WALK: number = MINUTES[MINUTES.length - 1];

/** The line above a list whose nearest place is `nearest` minutes away,
 *  or null when it is within the longest walk. */
export function longWalkNote(nearest: number): string | null {
  if (nearest <= LONGEST_WALK) return null;
  return `None of the chosen kinds of learning space is within a ${LONGEST_WALK} min walk of here: the nearest takes ${fmt.minutes(nearest)}.`;
}
