// The walking pace a planner or a resident may look at besides the
// city's own (`learnscape serve --walking-speed`): older residents, small
// children and people with a pram or a walking frame walk slower than the
// 5 km/h of a usual adult walk, and a learning city plans for them too.

/** How a walk is measured: at a pace (km/h; null: the city's), and
 *  whether around steps (for a wheelchair, a pram or a walking frame). */
export interface WalkHow {
  pace: number | null;
  stepFree: boolean;
}

/** The city's own walk: its pace, steps taken. */
export const CITY_WALK: WalkHow = { pace: null, stepFree: false };

export const sameHow = (a: WalkHow, b: WalkHow) => a.pace === b.pace && a.stepFree === b.stepFree;

/** The paces offered, km/h; the city's own is added where it is none of them. */
export const PACES = [3, 3.5, 4, 4.5, 5, 5.5, 6] as const;

/** The API's range (2–8 km/h), in half steps, as a link may carry it. */
export function parsePace(text: string | null): number | null {
  if (!text) return null;
  const kmh = Number(text);
  if (!Number.isFinite(kmh) || kmh < 2 || kmh > 8) return null;
  return Math.round(kmh * 2) / 2;
}

export interface PaceOption {
  /** Empty for the city's own pace: the link then carries none. */
  value: string;
  label: string;
}

const kmh = (v: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v)} km/h`;

/** The choice of paces, slowest first, the city's own named as such,
 *  and one a link `picked` though none offers it. */
export function paceOptions(city: number, picked: number | null = null): PaceOption[] {
  const paces = [...new Set<number>([...PACES, city, ...(picked === null ? [] : [picked])])].sort((a, b) => a - b);
  return paces.map((p) => (p === city
    ? { value: '', label: `${kmh(p)}, the city's` }
    : { value: String(p), label: p < city ? `${kmh(p)}, slower` : `${kmh(p)}, faster` }));
}

/** The pace a view asks for: `null` (the city's) unless another is picked. */
export const paceOf = (picked: number | null, city: number | null): number | null =>
  picked === null || picked === city ? null : picked;

/** What minutes measured at the city's pace are, walked at `pace`: the
 *  same distance takes `city / pace` times as long. */
export const minutesAt = (minutes: number, city: number, pace: number) => (minutes * city) / pace;
