// Numbers as people read them.
const int = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const people = (n: number | null | undefined) => (n == null ? '–' : int.format(n));
export const percent = (share: number | null | undefined) =>
  // A no-break space: "%" never starts a line on its own.
  share == null ? '–' : `${one.format(share * 100)}\u00a0%`;
/** A walking time: "< 1 min", "25 min", from an hour on "2 h 15 min"
 *  ("135 min" is a sum left to the reader). */
export function minutes(m: number | null | undefined): string {
  if (m == null) return '–';
  if (m < 1) return '< 1 min';
  const whole = Math.round(m);
  if (whole < 60) return `${whole} min`;
  const rest = whole % 60;
  return `${Math.floor(whole / 60)} h${rest ? ` ${rest} min` : ''}`;
}
export const metres = (m: number) => (m < 1000 ? `${int.format(m)} m` : `${one.format(m / 1000)} km`);
/** A walking time with what it assumes: "15 min walk (1.3 km at 5 km/h)".
 *  The pace is the server's (`--walking-speed`); a planner comparing
 *  figures across cities, or reading them for older residents, needs it. */
/** "15 min walk (1.3 km at 5 km/h)"; one that avoids steps says so. */
export const walk = (time: number, kmh: number, stepFree = false) =>
  `${time} min walk${stepFree ? ' avoiding steps' : ''} (${metres((time * kmh * 1000) / 60)} at ${one.format(kmh)} km/h)`;
export const decimal = (x: number | null | undefined) => (x == null ? '–' : one.format(x));
/** A rate: two decimals under one (0.04 libraries per 10,000), one above. */
export const rate = (x: number | null | undefined) => (x == null ? '–' : x < 1 ? two.format(x) : one.format(x));
