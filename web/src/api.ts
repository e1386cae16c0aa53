// Typed calls to the learnscape API. The types come from the server's
// OpenAPI document (npm run gen:api), so a changed answer breaks the build.
import type { components } from './api-types';
import type { Category } from './categories';

type S = components['schemas'];
export type NearestAnswer = S['NearestAnswer'];
export type Nearest = S['Nearest'];
export type NearestFacility = S['NearestFacility'];
export type Isochrones = S['Isochrones'];
export type Gaps = S['Gaps'];
export type AreaFigures = S['AreaFigures'];
export type Place = S['Place'];
export type Places = S['Places'];

/** An API failure, worded for the person looking at the screen. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 0);
  }
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    try {
      const problem = (await res.json()) as S['Problem'];
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not a problem+json body; keep the status line
    }
    throw new ApiError(`The server could not answer: ${detail}`, res.status);
  }
  return (await res.json()) as T;
}

export const api = {
  nearest: (lon: number, lat: number, category: Category, limit = 3) =>
    get<NearestAnswer>('/api/v1/access/nearest', { lon, lat, category, limit }),
  isochrone: (lon: number, lat: number, minutes: number[]) =>
    get<Isochrones>('/api/v1/access/isochrone', { lon, lat, minutes: minutes.join(',') }),
  gaps: (category: Category, minutes: number) => get<Gaps>('/api/v1/gaps', { category, minutes }),
  gapsCsvUrl: (category: Category, minutes: number) =>
    `/api/v1/gaps?category=${encodeURIComponent(category)}&minutes=${minutes}&format=csv`,
  place: (id: string) => get<Place>(`/api/v1/places/${encodeURIComponent(id)}`),
  search: (name: string) => get<Places>('/api/v1/places', { name }),
};
