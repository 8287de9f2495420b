import { type Filters, type Hit, type SearchResult, filterParams, get } from '../api';
import { h, put, renderSpans, type Child } from '../dom';
import { mergeRanges, pairsToRanges, cpLength } from '../highlight';
import { code, countryName, fmtDate, num, t, type Key } from '../i18n';
import type { Ctx } from '../router';
import { docHref, errorBox, filteredScreen, hrefWith, intParam, isAbort, loading, pager, type Facets } from '../ui';

const LIMIT = 20;

/** A snippet with the API's code-point highlight ranges as <mark> elements. */
export function snippet(text: string, highlights: unknown): HTMLElement {
  const p = h('p', { class: 'snippet', dir: 'auto' });
  const ranges = mergeRanges(pairsToRanges(highlights), cpLength(text));
  renderSpans(p, text, ranges, (sg) => h('mark', null, sg.text));
  return p;
}

function hitItem(hit: Hit): HTMLElement {
  return h(
    'li',
    { class: 'hit' },
    h('h3', { class: 'hit-title', dir: 'auto' }, h('a', { href: docHref(hit.id) }, hit.title || hit.id)),
    h('p', { class: 'meta' }, hit.published ? h('time', { datetime: hit.published }, fmtDate(hit.published)) : null, hit.source ? h('span', { class: 'source' }, hit.source) : null),
    hit.snippet ? snippet(hit.snippet, hit.highlights) : null,
  );
}

function monthRange(m: string): { from: string; to: string } | null {
  const r = /^(\d{4})-(\d{2})/.exec(m);
  if (!r) return null;
  const y = +r[1];
  const mo = +r[2];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${r[1]}-${r[2]}-01`, to: `${r[1]}-${r[2]}-${String(last).padStart(2, '0')}` };
}

function facetPanel(f: Filters, facets: Facets): HTMLElement {
  const group = (key: string, title: Key, label: (v: string, l?: string | null) => string, apply: (v: string) => Filters | null, active: (v: string) => boolean) => {
    const list = facets[key];
    if (!list || list.length === 0) return null;
    return h(
      'section',
      { class: 'facet', 'data-facet': key },
      h('h3', null, t(title)),
      h(
        'ul',
        null,
        list.map((x) => {
          const nf = apply(x.value);
          const on = active(x.value);
          return h(
            'li',
            null,
            nf
              ? h('a', { href: hrefWith('/search', nf), class: on ? 'on' : undefined, 'aria-current': on ? 'true' : undefined }, h('span', { class: 'fl', dir: 'auto' }, label(x.value, x.label)), h('span', { class: 'count' }, num(x.count)))
              : h('span', null, label(x.value, x.label), ' ', h('span', { class: 'count' }, num(x.count))),
          );
        }),
      ),
    );
  };
  return h(
    'aside',
    { class: 'facets', 'aria-label': t('facets') },
    group('event_type', 'event_type', (v) => code(v), (v) => ({ ...f, type: f.type === v ? '' : v }), (v) => f.type === v),
    group('country', 'country', (v) => countryName(v), (v) => ({ ...f, country: f.country.includes(v) ? f.country.filter((c) => c !== v) : [...f.country, v] }), (v) => f.country.includes(v)),
    group('actor', 'actor', (v, l) => l || v, (v) => ({ ...f, actor: f.actor === v ? '' : v }), (v) => f.actor === v),
    group('source', 'source', (v, l) => l || v, (v) => ({ ...f, source: f.source === v ? '' : v }), (v) => f.source === v),
    group(
      'month',
      'month',
      (v) => fmtDate(v.slice(0, 7), 'short'),
      (v) => {
        const r = monthRange(v);
        return r ? { ...f, ...r } : null;
      },
      (v) => {
        const r = monthRange(v);
        return !!r && f.from === r.from && f.to === r.to;
      },
    ),
  );
}

export function searchView(ctx: Ctx): void {
  const offset = intParam(ctx.query, 'offset', 0);
  const results = h('section', { class: 'results', 'aria-label': t('results'), 'aria-live': 'polite' });
  const side = h('div', { class: 'side' });
  let first = true;

  const load = async (f: Filters, signal: AbortSignal) => {
    const off = first ? offset : 0;
    first = false;
    const p = filterParams(f);
    p.set('limit', String(LIMIT));
    if (off) p.set('offset', String(off));
    put(results, loading());
    try {
      const r = await get<SearchResult>('/search', p, signal);
      if (signal.aborted) return;
      bar.update(f, r.facets ?? {});
      put(side, facetPanel(f, r.facets ?? {}));
      const hits = r.hits ?? [];
      const body: Child[] = [];
      if (hits.length === 0) body.push(h('p', { class: 'empty' }, t('no_results')));
      else {
        body.push(h('p', { class: 'count', id: 'result-count' }, t('results_count', { from: off + 1, to: off + hits.length, total: r.total })));
        body.push(h('ol', { class: 'hits', start: off + 1 }, hits.map(hitItem)));
        body.push(pager(r.total, off, LIMIT, (o) => hrefWith('/search', f, { offset: o || null })));
      }
      put(results, body);
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      put(results, errorBox(e, () => void load(f, signal)));
    }
  };

  const { bar, refresh } = filteredScreen(ctx.query, ctx.signal, '/search', load, { search: true, facetsFromLoad: true });
  put(ctx.root, h('h1', { class: 'visually-hidden' }, t('nav_search')), bar.el, h('div', { class: 'search-layout' }, side, results));
  refresh();
  if (!ctx.query.get('q')) bar.el.querySelector<HTMLInputElement>('input[name=q]')?.focus({ preventScroll: true });
}
