// Pieces the screens share: loading and error states, links to places and
// actors, the filter bar, the pager, the events table.

import { ApiError, type ActorRef, type Event, type Facet, type Filters, type Place, filterParams, get, readFilters, seg } from './api';
import { h, put, debounce, type Child } from './dom';
import { code, countryName, fmtDate, lang, localName, num, t } from './i18n';

export const EVENT_TYPES = [
  'battles',
  'explosions_remote_violence',
  'violence_against_civilians',
  'protests',
  'riots',
  'strategic_developments',
];

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('loading'));
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export function errorBox(e: unknown, retry?: () => void): HTMLElement {
  let msg = String(e);
  if (e instanceof ApiError) msg = e.message;
  else if (e instanceof Error) msg = e.message;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', null, t('error')),
    ' ',
    h('span', null, msg),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, t('retry')) : null,
  );
}

/**
 * Runs a request into a container: a loading line first, then what render()
 * makes, or an error with a retry button. Nothing happens once aborted.
 */
export async function into<T>(el: Element, signal: AbortSignal, fetcher: () => Promise<T>, render: (v: T) => Child): Promise<void> {
  put(el, loading());
  el.setAttribute('aria-busy', 'true');
  try {
    const v = await fetcher();
    if (signal.aborted) return;
    put(el, render(v));
  } catch (e) {
    if (signal.aborted || isAbort(e)) return;
    put(el, errorBox(e, () => void into(el, signal, fetcher, render)));
  } finally {
    if (!signal.aborted) el.removeAttribute('aria-busy');
  }
}

/** The page of a place or actor ref (place:…, actor:…); null for others. */
export function refHref(ref: string | null | undefined): string | null {
  if (!ref) return null;
  if (ref.startsWith('place:')) return '/place/' + seg(ref);
  if (ref.startsWith('actor:')) return '/actor/' + seg(ref);
  return null;
}

/** A link to a place's or actor's page, or plain text when it has no ref. */
export function refLink(ref: string | null | undefined, label: string, cls?: string): HTMLElement {
  const href = refHref(ref);
  return href ? h('a', { href, class: cls }, label) : h('span', { class: cls }, label);
}

export function actorList(list: ActorRef[] | null | undefined): Child {
  if (!list || list.length === 0) return '—';
  const out: Child[] = [];
  list.forEach((a, i) => {
    if (i > 0) out.push(lang === 'ar' ? '، ' : ', ');
    out.push(refLink(a.ref, localName(a)));
  });
  return out;
}

export function typeBadge(type: string | null | undefined, sub?: string | null): HTMLElement {
  return h(
    'span',
    { class: 'etype' },
    h('span', { class: 'badge t-' + (EVENT_TYPES.includes(type ?? '') ? type : 'other') }, code(type) || '—'),
    sub ? h('span', { class: 'subtype' }, code(sub)) : null,
  );
}

export function docHref(id: string): string {
  return '/article/' + seg(id);
}

export function hrefWith(path: string, f: Filters, extra?: Record<string, string | number | null | undefined>): string {
  const p = filterParams(f);
  if (extra) for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return path + (qs ? '?' + qs : '');
}

export function panel(title: string, ...content: Child[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', null, title), ...content);
}

// ---- Pager -----------------------------------------------------------------

export function pager(total: number, offset: number, limit: number, hrefFor: (offset: number) => string): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const prev = offset > 0 ? hrefFor(Math.max(0, offset - limit)) : null;
  const next = offset + limit < total ? hrefFor(offset + limit) : null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('page', { n: page, of: pages }) },
    prev ? h('a', { class: 'btn', href: prev, rel: 'prev' }, t('prev')) : h('span', { class: 'btn disabled', 'aria-disabled': 'true' }, t('prev')),
    h('span', { class: 'pageno' }, t('page', { n: page, of: pages })),
    next ? h('a', { class: 'btn', href: next, rel: 'next' }, t('next')) : h('span', { class: 'btn disabled', 'aria-disabled': 'true' }, t('next')),
  );
}

export function intParam(p: URLSearchParams, k: string, def: number, max = 1_000_000): number {
  const v = Number.parseInt(p.get(k) ?? '', 10);
  if (!Number.isFinite(v) || v < 0) return def;
  return Math.min(v, max);
}

// ---- Events table ----------------------------------------------------------

export interface EventTableOpts {
  /** Current sort (date, -date, fatalities, -fatalities); sortable headers when given. */
  sort?: string;
  sortHref?: (sort: string) => string;
  showArticle?: boolean;
  caption?: string;
}

export function eventTable(events: Event[], opts: EventTableOpts = {}): HTMLElement {
  const th = (label: string, col?: 'date' | 'fatalities', numeric = false) => {
    if (!col || !opts.sortHref) return h('th', { scope: 'col', class: numeric ? 'num' : undefined }, label);
    const cur = opts.sort ?? '-date';
    const active = cur === col || cur === '-' + col;
    const desc = cur === '-' + col;
    const nextSort = active ? (desc ? col : '-' + col) : '-' + col;
    return h(
      'th',
      { scope: 'col', class: numeric ? 'num' : undefined, 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      h(
        'a',
        { href: opts.sortHref(nextSort), class: 'sort', 'data-sort': col, title: t('sort_by', { col: label }) },
        label,
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (desc ? ' ▼' : ' ▲') : ' ↕'),
      ),
    );
  };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'events' },
      opts.caption ? h('caption', null, opts.caption) : null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th(t('date'), 'date'),
          th(t('type')),
          th(t('location')),
          th(t('actors')),
          th(t('targets')),
          th(t('fatalities'), 'fatalities', true),
          th(t('injuries'), undefined, true),
          opts.showArticle === false ? null : th(t('article')),
        ),
      ),
      h(
        'tbody',
        null,
        events.map((e) =>
          h(
            'tr',
            null,
            h('td', { class: 'nowrap' }, fmtDate(e.date, 'short')),
            h('td', null, typeBadge(e.type, e.sub_type)),
            h('td', null, e.location ? [refLink(e.location.ref, localName(e.location)), e.location.country ? h('span', { class: 'muted' }, ' · ' + countryName(e.location.country)) : null] : '—'),
            h('td', null, actorList(e.actors)),
            h('td', null, actorList(e.targets)),
            h('td', { class: 'num' }, num(e.fatalities)),
            h('td', { class: 'num' }, num(e.injuries)),
            opts.showArticle === false ? null : h('td', null, e.doc_id ? h('a', { href: docHref(e.doc_id), class: 'doclink' }, e.doc_title || e.doc_id) : '—'),
          ),
        ),
      ),
    ),
  );
}

/** A compact list of events (for narrow panels). */
export function eventList(events: Event[]): HTMLElement {
  return h(
    'ul',
    { class: 'events-compact' },
    events.map((e) =>
      h(
        'li',
        null,
        h('div', { class: 'ev-head' }, typeBadge(e.type, e.sub_type), h('time', { datetime: e.date ?? undefined }, fmtDate(e.date, 'short'))),
        h(
          'div',
          { class: 'ev-line' },
          e.fatalities !== null && e.fatalities !== undefined ? h('span', { class: 'fat' }, `${t('fatalities')}: ${num(e.fatalities)}`) : null,
          e.actors && e.actors.length ? h('span', null, actorList(e.actors)) : null,
        ),
        e.doc_id ? h('a', { href: docHref(e.doc_id), class: 'doclink', dir: 'auto' }, e.doc_title || e.doc_id) : null,
      ),
    ),
  );
}

// ---- Filter bar ------------------------------------------------------------

export type Facets = Record<string, Facet[] | undefined>;

/** Place names for the place filter's chip, by ref (null while asked). */
const placeNames = new Map<string, Place | null>();

export interface FilterBar {
  el: HTMLElement;
  /** Re-draws the bar for these filters (keeps the text box and focus). */
  update(f: Filters, facets?: Facets): void;
}

/**
 * The filter bar the search, events, map and timeline screens share. It
 * calls onChange with the new filters; the screen updates the URL and its
 * data in place, so focus stays where it is.
 */
export function filterBar(initial: Filters, onChange: (f: Filters, typing: boolean) => void, opts: { path: string; search?: boolean; signal?: AbortSignal }): FilterBar {
  let f = initial;
  let facets: Facets = {};
  const qInput = h('input', {
    type: 'search',
    name: 'q',
    id: 'q',
    class: 'q',
    placeholder: t('search_placeholder'),
    'aria-label': t('search_label'),
    autocomplete: 'off',
    dir: 'auto',
    value: f.q,
  });
  const typed = debounce(() => {
    if (opts.signal?.aborted || qInput.value === f.q) return;
    f = { ...f, q: qInput.value };
    onChange(f, true);
  }, 300);
  // A screen left, or a search submitted, drops the search still waiting.
  opts.signal?.addEventListener('abort', () => typed.cancel(), { once: true });
  qInput.addEventListener('input', typed);

  const controls = h('div', { class: 'filter-controls' });
  const chips = h('div', { class: 'chips', 'aria-live': 'polite' });

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filters') },
    h('div', { class: 'qrow' }, qInput, h('button', { type: 'submit', class: 'btn primary' }, t('search_button'))),
    controls,
    chips,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    typed.cancel();
    f = { ...f, q: qInput.value };
    onChange(f, false);
  });

  const select = (name: string, label: string, value: string, options: { value: string; label: string; count?: number }[], set: (v: string) => Filters) => {
    const id = 'f-' + name;
    const sel = h(
      'select',
      { id, name },
      h('option', { value: '' }, t('any')),
      options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.count !== undefined ? `${o.label} (${num(o.count)})` : o.label)),
    );
    sel.addEventListener('change', () => {
      f = set(sel.value);
      onChange(f, false);
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), sel);
  };

  const dateField = (name: 'from' | 'to') => {
    const id = 'f-' + name;
    const inp = h('input', { type: 'date', id, name, value: f[name], min: '1990-01-01', max: '2100-12-31' });
    inp.addEventListener('change', () => {
      if (inp.value === '' || /^\d{4}-\d{2}-\d{2}$/.test(inp.value)) {
        f = { ...f, [name]: inp.value };
        onChange(f, false);
      }
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t(name)), inp);
  };

  const facetOpts = (k: string, label: (v: Facet) => string) => (facets[k] ?? []).map((x) => ({ value: x.value, label: label(x), count: x.count }));

  function draw(): void {
    if (document.activeElement !== qInput) qInput.value = f.q;
    qInput.placeholder = t('search_placeholder');
    const typeCounts = new Map((facets.event_type ?? []).map((x) => [x.value, x.count]));
    const types = EVENT_TYPES.map((v) => ({ value: v, label: code(v), count: typeCounts.get(v) }));
    const countries = facetOpts('country', (x) => countryName(x.value)).filter((o) => !f.country.includes(o.value));
    const sources = facetOpts('source', (x) => x.label || x.value);
    if (f.source && !sources.some((o) => o.value === f.source)) sources.unshift({ value: f.source, label: f.source, count: 0 });
    // Facets arrive after the bar is drawn: keep the focus on the control that had it.
    const focused = controls.contains(document.activeElement) ? (document.activeElement as HTMLElement).id : '';
    put(
      controls,
      dateField('from'),
      dateField('to'),
      select('country', t('country'), '', countries, (v) => ({ ...f, country: v ? [...f.country, v] : f.country })),
      select('type', t('event_type'), f.type, types, (v) => ({ ...f, type: v })),
      select('source', t('source'), f.source, sources, (v) => ({ ...f, source: v })),
    );
    if (focused) document.getElementById(focused)?.focus();

    const chip = (label: string, without: Filters, cls: string) =>
      h('a', { class: 'chip ' + cls, href: hrefWith(opts.path, without), 'aria-label': `${t('remove_filter')}: ${label}` }, h('span', null, label), h('span', { class: 'x', 'aria-hidden': 'true' }, '×'));
    const list: HTMLElement[] = [];
    for (const c of f.country) list.push(chip(`${t('country')}: ${countryName(c)}`, { ...f, country: f.country.filter((x) => x !== c) }, 'c-country'));
    if (f.actor) {
      const a = (facets.actor ?? []).find((x) => x.value === f.actor);
      list.push(chip(`${t('actor')}: ${a?.label || f.actor}`, { ...f, actor: '' }, 'c-actor'));
    }
    if (f.place) {
      const known = placeNames.get(f.place);
      if (known === undefined) {
        placeNames.set(f.place, null);
        const ref = f.place;
        get<{ place?: Place } & Place>('/places/' + seg(ref))
          .then((r) => {
            placeNames.set(ref, r.place ?? r);
            if (f.place === ref) draw();
          })
          .catch(() => {});
      }
      list.push(chip(`${t('place')}: ${known ? localName(known) : f.place}`, { ...f, place: '' }, 'c-place'));
    }
    const empty: Filters = { q: '', from: '', to: '', country: [], place: '', actor: '', type: '', source: '' };
    const any = filterParams(f).toString() !== '';
    put(chips, list, any ? h('a', { class: 'chip clear', href: hrefWith(opts.path, empty) }, t('clear')) : null);
  }
  draw();

  return {
    el: form,
    update(nf: Filters, nfacets?: Facets) {
      f = nf;
      if (nfacets) facets = nfacets;
      draw();
    },
  };
}

/**
 * Facets for the filter bar on screens other than search: the search
 * endpoint with limit=0 (hits are ignored).
 */
export async function fetchFacets(f: Filters, signal: AbortSignal): Promise<Facets> {
  const p = filterParams(f);
  p.set('limit', '0');
  const r = await get<{ facets?: Facets }>('/search', p, signal);
  return r.facets ?? {};
}

/**
 * Wires a screen whose data follows the filters: the bar, the URL, and a
 * refresh(filters) that runs on every change (the previous request aborted).
 */
export function filteredScreen(
  ctxQuery: URLSearchParams,
  ctxSignal: AbortSignal,
  path: string,
  load: (f: Filters, signal: AbortSignal) => Promise<void>,
  opts: { search?: boolean; facetsFromLoad?: boolean; keep?: string[] } = {},
): { bar: FilterBar; filters: () => Filters; refresh: () => void } {
  let f = readFilters(ctxQuery);
  let inner: AbortController | null = null;
  const keep = opts.keep ?? [];
  const extra = new URLSearchParams();
  for (const k of keep) for (const v of ctxQuery.getAll(k)) extra.append(k, v);

  ctxSignal.addEventListener('abort', () => inner?.abort(), { once: true });
  const refresh = () => {
    inner?.abort();
    inner = new AbortController();
    const sig = inner.signal;
    void load(f, sig);
    if (!opts.facetsFromLoad) {
      fetchFacets(f, sig)
        .then((fc) => {
          if (!sig.aborted) bar.update(f, fc);
        })
        .catch(() => {});
    }
  };
  const bar = filterBar(
    f,
    (nf, typing) => {
      f = nf;
      // A new filter set starts at the first page; other screen settings stay.
      const p = filterParams(f);
      for (const [k, v] of extra) p.append(k, v);
      const url = path + (p.toString() ? '?' + p.toString() : '');
      if (typing) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
      window.dispatchEvent(new Event('marsad:url'));
      bar.update(f);
      refresh();
    },
    { path, search: opts.search, signal: ctxSignal },
  );
  return { bar, filters: () => f, refresh };
}
