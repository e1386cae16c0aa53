// Typed calls to the learnscape API. The types come from the server's
// OpenAPI document (npm run gen:api), so a changed answer breaks the build.
import type { components, paths } from './api-types';
import type { Category, Subject } from './categories';
import { CITY_WALK, type WalkHow } from './pace';

type S = components['schemas'];
export type NearestAnswer = S['NearestAnswer'];
export type Nearest = S['Nearest'];
export type NearestFacility = S['NearestFacility'];
export type Isochrones = S['Isochrones'];
export type Gaps = S['Gaps'];
export type AreaFigures = S['AreaFigures'];
export type Place = S['Place'];
export type Places = S['Places'];
export type SearchHit = S['SearchResults']['results'][number];
export type Whereabouts = S['Whereabouts'];

/** An API failure, worded for the person looking at the screen. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Invalid fields, each named (422). */
    readonly fields: S['FieldError'][] = [],
    /** Seconds the server asks to wait before asking again (503, 429). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export type Account = S['Account'];
export type Group = S['Group'];
export type Resource = S['Resource'];
export type ResourceInput = S['ResourceInput'];
export type Report = S['Report'];
export type Invitation = S['Invitation'];
export type InvitationPreview = paths['/api/v1/invitations/preview']['post']['responses'][200]['content']['application/json'];
export type PasswordReset = S['PasswordReset'];
export type PasswordResetPreview = paths['/api/v1/password-resets/preview']['post']['responses'][200]['content']['application/json'];
export type PasswordResetUsed = paths['/api/v1/password-resets/use']['post']['responses'][201]['content']['application/json'];
export type Me = S['Me'];
export type About = S['About'];
export type SourceInfo = S['SourceInfo'];
/** A reset link open for the signed-in account's own password. */
export type OwnPasswordReset = Me['password_resets'][number];

/** The CSRF token of the browser session, sent with every write. */
let csrfToken: string | null = null;
export function setCsrf(token: string | null): void {
  csrfToken = token;
}

async function call<T>(method: string, path: string, params: Record<string, string | number> = {}, body?: unknown): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 0);
  }
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    let fields: S['FieldError'][] = [];
    try {
      const problem = (await res.json()) as S['Problem'];
      detail = problem.detail ?? problem.title ?? detail;
      fields = problem.errors ?? [];
    } catch {
      // not a problem+json body; keep the status line
    }
    const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(res.status === 401 ? 'Please sign in first.' : detail, res.status, fields, Number.isFinite(retry) ? retry : null);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const get = <T>(path: string, params: Record<string, string | number> = {}) => call<T>('GET', path, params);

/** Planned sites as the API takes them, `lon,lat;lon,lat`; none, no parameter. */
function plannedParam(planned: [number, number][]): Record<string, string> {
  return planned.length ? { planned: planned.map((p) => p.join(',')).join(';') } : {};
}

/** Walks that avoid steps, as the access answers take them. */
function stepsParam(stepFree: boolean): Record<string, string> {
  return stepFree ? { step_free: 'true' } : {};
}

/** A pace other than the city's (`null`), as the access answers take it. */
function paceParam(pace: number | null | undefined): Record<string, number> {
  return pace == null ? {} : { walking_speed_kmh: pace };
}

/** A walk other than the city's, as the access answers take it. */
function walkParam(how: WalkHow): Record<string, string | number> {
  return { ...paceParam(how.pace), ...stepsParam(how.stepFree) };
}

/** A download's query string. */
function query(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/** The query string of the table downloads. */
const tableQuery = (category: Subject, minutes: number, how: WalkHow) => query({ category, minutes, ...walkParam(how) });

// Every walk the access answers measure is at `pace` km/h, or the city's
// pace without one.
export const api = {
  /** With `at` (`now`, or a local time there) each place says whether it is open; with
   *  `openOnly`, only the places open then. */
  nearest: (lon: number, lat: number, category: Category, limit = 3, at?: string, openOnly = false, pace: number | null = null, stepFree = false) =>
    get<NearestAnswer>('/api/v1/access/nearest', {
      lon, lat, category, limit, ...(at ? { at } : {}), ...(at && openOnly ? { open: 'true' } : {}), ...paceParam(pace), ...stepsParam(stepFree),
    }),
  /** The walk to one place, nearest or not, with its directions. */
  walk: (lon: number, lat: number, to: string, pace: number | null = null, stepFree = false) =>
    get<S['WalkAnswer']>('/api/v1/access/route', { lon, lat, to, ...paceParam(pace), ...stepsParam(stepFree) }),
  /** What bars a wheelchair within `bbox` (west, south, east, north): each
   *  segment of steps or otherwise barred, as a line. */
  barriers: (bbox: number[]) => get<S['Barriers']>('/api/v1/access/barriers', { bbox: bbox.join(',') }),
  isochrone: (lon: number, lat: number, minutes: number[], pace: number | null = null, stepFree = false) =>
    get<Isochrones>('/api/v1/access/isochrone', { lon, lat, minutes: minutes.join(','), ...paceParam(pace), ...stepsParam(stepFree) }),
  /** What closing this place would take away, for its own kind, with the planned ones open. */
  closure: (place: string, minutes: number, planned: [number, number][] = [], how: WalkHow = CITY_WALK) =>
    get<S['Closure']>('/api/v1/access/closure', { place, minutes, ...plannedParam(planned), ...walkParam(how) }),
  /** The places of one kind, most relied on first: whom each one's closing would leave out. */
  reliance: (category: Category, minutes: number, how: WalkHow = CITY_WALK) =>
    get<S['Reliance']>('/api/v1/access/reliance', { category, minutes, ...walkParam(how) }),
  /** Where the residents within its walk live, each `left_out` or not by its closing. */
  closureHomes: (place: string, minutes: number, planned: [number, number][] = [], how: WalkHow = CITY_WALK) =>
    get<S['ClosureHomes']>('/api/v1/access/closure', { place, minutes, format: 'geojson', ...plannedParam(planned), ...walkParam(how) }),
  /** What a new learning space at this point would change, besides the planned ones. */
  candidate: (lon: number, lat: number, category: Subject, minutes: number, planned: [number, number][] = [], how: WalkHow = CITY_WALK) =>
    get<S['CandidateAnswer']>('/api/v1/access/candidate', { lon, lat, category, minutes, ...plannedParam(planned), ...walkParam(how) }),
  /** The street point where one more, besides the planned ones, would close most of the gap. */
  bestSite: (category: Subject, minutes: number, planned: [number, number][] = [], how: WalkHow = CITY_WALK) =>
    get<S['BestSite']>('/api/v1/access/best-site', { category, minutes, ...plannedParam(planned), ...walkParam(how) }),
  /** The imported files (how current, when read, whose) and the walk model's numbers. */
  about: () => get<About>('/api/v1/about'),
  gaps: (category: Subject, minutes: number, how: WalkHow = CITY_WALK) =>
    get<Gaps>('/api/v1/gaps', { category, minutes, ...walkParam(how) }),
  gapsCsvUrl: (category: Subject, minutes: number, how: WalkHow = CITY_WALK) =>
    `/api/v1/gaps?${tableQuery(category, minutes, how)}&format=csv`,
  /** Where the residents within a place's walk live, as GeoJSON for a GIS. */
  closureHomesUrl: (place: string, minutes: number, planned: [number, number][] = [], how: WalkHow = CITY_WALK) =>
    `/api/v1/access/closure?${query({ place, minutes, format: 'geojson', ...plannedParam(planned), ...walkParam(how) })}`,
  /** The places of one kind most relied on, as a table. */
  relianceCsvUrl: (category: Category, minutes: number, how: WalkHow = CITY_WALK) =>
    `/api/v1/access/reliance?${tableQuery(category, minutes, how)}&format=csv`,
  /** The same figures with each neighbourhood's outline, ranked alike. */
  gapsGeoJsonUrl: (category: Subject, minutes: number, how: WalkHow = CITY_WALK) =>
    `/api/v1/neighbourhoods?${tableQuery(category, minutes, how)}`,
  place: (id: string, at?: string) => get<Place>(`/api/v1/places/${encodeURIComponent(id)}`, at ? { at } : {}),
  /** With `near` (where the searcher is looking), learning spaces that
   *  match equally well come nearest it first: "library", the nearest. */
  search: (q: string, near?: [number, number]) =>
    get<S['SearchResults']>('/api/v1/search', { q, ...(near ? { lon: near[0], lat: near[1] } : {}) }),
  /** The house nearest a point, else its neighbourhood or nearest town. */
  whereabouts: (lon: number, lat: number) => get<Whereabouts>('/api/v1/search/reverse', { lon, lat }),
  /** How an OSM opening_hours value reads, on the clock of the place at `at`. */
  openingHours: (value: string, at: [number, number] | null) =>
    get<S['HoursReading']>('/api/v1/opening-hours', { value, ...(at ? { lon: at[0], lat: at[1] } : {}) }),
  signUp: (email: string, password: string, display_name: string) =>
    call<Account>('POST', '/api/v1/accounts', {}, { email, password, display_name }),
  signIn: (email: string, password: string) =>
    call<{ account: Account; csrf_token: string }>('POST', '/api/v1/sessions', {}, { email, password }),
  signOut: () => call<void>('DELETE', '/api/v1/sessions/current'),
  me: () => get<Me>('/api/v1/me'),
  /** Ends every other session and API token; how many ended. */
  changePassword: (current_password: string, new_password: string) =>
    call<{ revoked: number }>('PUT', '/api/v1/me/password', {}, { current_password, new_password }),
  /** Erases the signed-in account; the groups it leaves without a steward. */
  eraseAccount: (password: string) =>
    call<{ groups_without_steward: string[] }>('DELETE', '/api/v1/me', {}, { password }),
  createGroup: (name: string, description: string) => call<Group>('POST', '/api/v1/groups', {}, { name, description }),
  editGroup: (id: number, name: string, description: string) => call<Group>('PUT', `/api/v1/groups/${id}`, {}, { name, description }),
  /** Adds the account with this address as a steward; the group, stewards named. */
  addSteward: (id: number, email: string) => call<Group>('POST', `/api/v1/groups/${id}/stewards`, {}, { email }),
  /** Ends a stewardship (one's own: stepping down); the group after. */
  removeSteward: (id: number, account: number) => call<Group>('DELETE', `/api/v1/groups/${id}/stewards/${account}`),
  /** A new link inviting one person to steward the group; its secret is shown only now. */
  invite: (id: number) => call<Invitation>('POST', `/api/v1/groups/${id}/invitations`),
  /** The group's open links, newest first, without their secrets. */
  invitations: (id: number) => get<{ invitations: Invitation[] }>(`/api/v1/groups/${id}/invitations`),
  withdrawInvitation: (id: number, invitation: number) => call<void>('DELETE', `/api/v1/groups/${id}/invitations/${invitation}`),
  /** What a link invites to; no account needed. */
  previewInvitation: (secret: string) => call<InvitationPreview>('POST', '/api/v1/invitations/preview', {}, { secret }),
  /** The signed-in account stewards the group; the group after. */
  acceptInvitation: (secret: string) => call<Group>('POST', '/api/v1/invitations/accept', {}, { secret }),
  /** A link that sets a new password for the account with this address (admins); its secret is shown only now. */
  makePasswordReset: (email: string) => call<PasswordReset>('POST', '/api/v1/password-resets', {}, { email }),
  /** The links that can still be used, newest first, without their secrets (admins). */
  passwordResets: () => get<{ password_resets: PasswordReset[] }>('/api/v1/password-resets'),
  withdrawPasswordReset: (id: number) => call<void>('DELETE', `/api/v1/password-resets/${id}`),
  /** Whose password a reset link sets; no account needed. */
  previewPasswordReset: (secret: string) => call<PasswordResetPreview>('POST', '/api/v1/password-resets/preview', {}, { secret }),
  /** Sets the new password and signs in as its account. */
  usePasswordReset: (secret: string, new_password: string) =>
    call<PasswordResetUsed>('POST', '/api/v1/password-resets/use', {}, { secret, new_password }),
  register: (input: ResourceInput) => call<Resource>('POST', '/api/v1/resources', {}, input),
  edit: (id: number, input: ResourceInput) => call<Resource>('PUT', `/api/v1/resources/${id}`, {}, input),
  mine: () => get<{ resources: Resource[] }>('/api/v1/resources/mine'),
  /** Every revision and decision, with names (for its stewards and moderators). */
  history: (id: number) => get<S['History']>(`/api/v1/resources/${id}/history`),
  /** Off the map and out of the figures; the history stays. */
  archive: (id: number, reason: string) => call<Resource>('POST', `/api/v1/resources/${id}/archive`, {}, { reason }),
  /** Back on the map as last approved. */
  restore: (id: number, reason: string) => call<Resource>('POST', `/api/v1/resources/${id}/restore`, {}, { reason }),
  /** The approved resources, as GeoJSON. */
  shared: () => get<{ features: unknown[] }>('/api/v1/resources'),
  queue: () => get<{ pending: Resource[]; reports: Report[] }>('/api/v1/moderation/queue'),
  /** Everyone who moderates (admins). */
  staff: () => get<{ accounts: Account[] }>('/api/v1/roles'),
  /** Gives the account with this address a role (admins). */
  giveRole: (email: string, role: string) => call<Account>('PUT', '/api/v1/roles', {}, { email, role }),
  /** Every group with its stewards, those without one first (moderators). */
  everyGroup: () => get<{ groups: Group[] }>('/api/v1/moderation/groups'),
  decide: (id: number, revision: number, decision: 'approve' | 'reject', reason: string) =>
    call<Resource>('POST', `/api/v1/moderation/resources/${id}/decision`, {}, { revision, decision, reason }),
  resolve: (id: number, note: string) => call<Report>('POST', `/api/v1/moderation/reports/${id}/resolve`, {}, { note }),
  report: (id: number, kind: string, comment: string) =>
    call<Report>('POST', `/api/v1/resources/${id}/reports`, {}, { kind, comment }),
};
