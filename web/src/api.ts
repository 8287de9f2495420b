// The HTTP API under /api/v1 (see web/README.md), its types, and the filters
// that search, events, map, timeline and export share.

export interface Facet {
  value: string;
  label?: string | null;
  count: number;
}

export interface Hit {
  id: string;
  title: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
  score?: number;
  snippet: string | null;
  highlights: [number, number][] | null;
}

export interface SearchResult {
  total: number;
  hits: Hit[];
  facets: Record<string, Facet[] | undefined>;
}

export interface Entity {
  type: string;
  text: string;
  start: number;
  end: number;
  norm?: string;
  ref: string | null;
  /** the tagger's or matcher's confidence, 0–1, when it has one */
  score?: number;
}

export interface Place {
  ref: string;
  name: string;
  name_en: string | null;
  kind: string;
  country: string | null;
  admin1?: string | null;
  lat: number | null;
  lon: number | null;
  mentions?: number;
  events?: number;
  fatalities?: number;
}

export interface Actor {
  ref: string;
  name: string;
  name_en: string | null;
  kind: string;
  country?: string | null;
  mentions?: number;
  events?: number;
  fatalities?: number;
}

export interface TimeExpr {
  text: string;
  start: number;
  end: number;
  value: string | null;
  precision: string;
}

export interface Quantity {
  text: string;
  start: number;
  end: number;
  value: number;
  unit: string | null;
  role?: string;
}

export interface ActorRef {
  ref: string | null;
  name?: string | null;
  name_en?: string | null;
}

export interface EventPlace {
  ref: string | null;
  name: string | null;
  name_en: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface Event {
  type: string;
  sub_type: string | null;
  cameo?: string | null;
  date: string | null;
  date_precision?: string | null;
  location: EventPlace | null;
  actors: ActorRef[] | null;
  targets: ActorRef[] | null;
  fatalities: number | null;
  injuries: number | null;
  evidence: { start: number; end: number; text: string } | null;
  confidence?: number;
  // Rows of /events also carry these:
  doc_id?: string;
  doc_title?: string | null;
  index?: number;
}

export interface Analysis {
  schema: string;
  id: string;
  relevance: { relevant: boolean; score: number; topics: string[] | null } | null;
  entities: Entity[] | null;
  places: Place[] | null;
  actors: Actor[] | null;
  times: TimeExpr[] | null;
  quantities: Quantity[] | null;
  events: Event[] | null;
  summary: string[] | null;
}

export interface DocumentResult {
  document: { id: string; title: string | null; text: string; published: string | null; source: string | null; url: string | null };
  analysis: Analysis;
}

export interface Point {
  t: string;
  v: number;
}
export interface Series {
  key: string;
  label?: string | null;
  points: Point[];
}
export interface Timeseries {
  interval: string;
  series: Series[];
}

export interface EventsResult {
  total: number;
  events: Event[];
}

export interface Health {
  status: string;
  documents?: number;
  version?: string;
}

/** An RFC 9457 problem, or a network failure. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public title: string,
    public detail: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export const BASE = '/api/v1';

/** GETs a JSON resource; rejects with ApiError (or AbortError when aborted). */
export async function get<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const qs = params && [...params.keys()].length ? '?' + params.toString() : '';
  const res = await fetch(BASE + path + qs, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let title = res.statusText || 'HTTP ' + res.status;
    let detail = '';
    try {
      const p = await res.json();
      if (p && typeof p === 'object') {
        if (typeof p.title === 'string') title = p.title;
        if (typeof p.detail === 'string') detail = p.detail;
      }
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as T;
}

/** POSTs JSON; rejects like get(). */
export async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(BASE + path, { method: 'POST', signal, headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    let title = res.statusText || 'HTTP ' + res.status;
    let detail = '';
    try {
      const p = await res.json();
      if (p && typeof p.title === 'string') title = p.title;
      if (p && typeof p.detail === 'string') detail = p.detail;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, title, detail);
  }
  return (await res.json()) as T;
}

/** Path segment for an id or ref (ids like "snn:2015-08-07:192" keep their colons readable). */
export function seg(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

// ---- Filters ---------------------------------------------------------------

export interface Filters {
  q: string;
  from: string;
  to: string;
  country: string[];
  place: string;
  actor: string;
  type: string;
  source: string;
}

export const FILTER_KEYS = ['q', 'from', 'to', 'country', 'place', 'actor', 'type', 'source'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(p: URLSearchParams): Filters {
  const str = (k: string) => (p.get(k) ?? '').trim();
  const date = (k: string) => (DATE.test(str(k)) ? str(k) : '');
  return {
    q: p.get('q') ?? '',
    from: date('from'),
    to: date('to'),
    country: [...new Set(p.getAll('country').map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))],
    place: str('place'),
    actor: str('actor'),
    type: str('type'),
    source: str('source'),
  };
}

/** The filters as query parameters (empty ones left out). */
export function filterParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const c of f.country) p.append('country', c);
  if (f.place) p.set('place', f.place);
  if (f.actor) p.set('actor', f.actor);
  if (f.type) p.set('type', f.type);
  if (f.source) p.set('source', f.source);
  return p;
}

/** Only the filter parameters of a query string (to carry them across screens). */
export function onlyFilters(p: URLSearchParams): URLSearchParams {
  return filterParams(readFilters(p));
}

export function withParams(base: URLSearchParams, extra: Record<string, string | number | null | undefined>): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined || v === '') p.delete(k);
    else p.set(k, String(v));
  }
  return p;
}
