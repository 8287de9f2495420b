import { BASE, type EventsResult, type Filters, filterParams, get } from '../api';
import { h, put } from '../dom';
import { t } from '../i18n';
import type { Ctx } from '../router';
import { errorBox, eventTable, filteredScreen, hrefWith, intParam, isAbort, loading, pager } from '../ui';

const LIMIT = 50;
const SORTS = ['date', '-date', 'fatalities', '-fatalities'];
const FORMATS: { format: string; label: string }[] = [
  { format: 'acled-csv', label: 'ACLED CSV' },
  { format: 'geojson', label: 'GeoJSON' },
  { format: 'jsonl', label: 'JSON Lines' },
  { format: 'stix', label: 'STIX 2.1' },
];

/** The Export menu: links to /api/v1/export with the current filters. */
export function exportMenu(f: Filters): HTMLElement {
  const links = FORMATS.map((x) => {
    const p = filterParams(f);
    p.set('format', x.format);
    return h('li', null, h('a', { href: `${BASE}/export?${p.toString()}`, download: '', 'data-format': x.format, class: 'export-link' }, x.label));
  });
  return h('details', { class: 'menu export' }, h('summary', { class: 'btn', title: t('export_label') }, t('export')), h('ul', { role: 'list' }, links));
}

export function eventsView(ctx: Ctx): void {
  const sort = SORTS.includes(ctx.query.get('sort') ?? '') ? (ctx.query.get('sort') as string) : '-date';
  const offset = intParam(ctx.query, 'offset', 0);
  const out = h('section', { class: 'events-out', 'aria-live': 'polite' });
  const tools = h('div', { class: 'toolbar' });
  let first = true;

  const load = async (f: Filters, signal: AbortSignal) => {
    const off = first ? offset : 0;
    first = false;
    put(tools, exportMenu(f));
    const p = filterParams(f);
    p.set('sort', sort);
    p.set('limit', String(LIMIT));
    if (off) p.set('offset', String(off));
    put(out, loading());
    try {
      const r = await get<EventsResult>('/events', p, signal);
      if (signal.aborted) return;
      const sortHref = (s: string) => hrefWith('/events', f, { sort: s === '-date' ? null : s });
      put(
        out,
        h('p', { class: 'count', id: 'result-count' }, t('events_count', { total: r.total })),
        eventTable(r.events ?? [], { sort, sortHref }),
        pager(r.total, off, LIMIT, (o) => hrefWith('/events', f, { sort: sort === '-date' ? null : sort, offset: o || null })),
      );
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      put(out, errorBox(e, () => void load(f, signal)));
    }
  };
  const { bar, refresh } = filteredScreen(ctx.query, ctx.signal, '/events', load, { keep: ['sort'] });
  put(ctx.root, h('div', { class: 'page-head' }, h('h1', null, t('nav_events')), tools), bar.el, out);
  refresh();
}
