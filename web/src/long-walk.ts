// Where the data is thin a resident's nearest place can be hours away on
// foot (Porto Alegre's roads-only extract: a park 2 h 11 min from parts
// of the city). The list still gives it, as the nearest it is, but says
// first that nothing is within the longest walk the map measures.
import { MINUTES } from './categories';
import * as fmt from './format';

/** The longest walk the planner measures, in minutes. */
export const LONGEST_WALK: number = MINUTES[MINUTES.length - 1];

/** The line above a list whose nearest place is `nearest` minutes away,
 *  or null when it is within the longest walk. A list of the places open
 *  `then` ("now", "on Tue 1 Dec, 10:30") says so: a closed one may be nearer. */
export function longWalkNote(nearest: number, then: string | null = null): string | null {
  if (nearest <= LONGEST_WALK) return null;
  const kinds = `None of the chosen kinds of learning space${then === null ? '' : ` open ${then}`}`;
  return `${kinds} is within a ${LONGEST_WALK} min walk of here: the nearest takes ${fmt.minutes(nearest)}.`;
}
