import { type Filters, type Timeseries, filterParams, get } from '../api';
import { timelineChart, type Interval } from '../chart';
import { h, put } from '../dom';
import { t, type Key } from '../i18n';
import { go, type Ctx } from '../router';
import { errorBox, filteredScreen, hrefWith, isAbort, loading } from '../ui';

export interface TimelineSettings {
  interval: Interval;
  metric: 'events' | 'fatalities';
  by: 'type' | 'actor' | 'country';
  style: 'stacked' | 'lines';
}

export function readSettings(q: URLSearchParams): TimelineSettings {
  const pick = <T extends string>(k: string, opts: readonly T[], def: T): T => (opts.includes(q.get(k) as T) ? (q.get(k) as T) : def);
  return {
    interval: pick('interval', ['day', 'week', 'month'] as const, 'month'),
    metric: pick('metric', ['events', 'fatalities'] as const, 'events'),
    by: pick('by', ['type', 'actor', 'country'] as const, 'type'),
    style: pick('chart', ['stacked', 'lines'] as const, 'stacked'),
  };
}

/** Fetches /timeseries with filters and settings and draws the chart. */
export async function loadChart(f: Filters, st: TimelineSettings, signal: AbortSignal): Promise<HTMLElement> {
  const p = filterParams(f);
  p.set('interval', st.interval);
  p.set('by', st.by);
  p.set('metric', st.metric);
  const ts = await get<Timeseries>('/timeseries', p, signal);
  const intervalKey: Key = st.interval === 'month' ? 'month_i' : st.interval;
  return timelineChart(ts, {
    interval: st.interval,
    style: st.style,
    by: st.by,
    label: t('chart_label', { metric: t(st.metric === 'events' ? 'metric_events' : 'metric_fatalities'), interval: t(intervalKey), by: t(('by_' + st.by) as Key) }),
    binHref: (from, to) => hrefWith('/events', { ...f, from: f.from > from ? f.from : from, to: f.to && f.to < to ? f.to : to }),
  });
}

export function timelineView(ctx: Ctx): void {
  const st = readSettings(ctx.query);
  const out = h('section', { class: 'timeline-out', 'aria-live': 'polite' });

  const load = async (f: Filters, signal: AbortSignal) => {
    put(out, loading());
    try {
      const chart = await loadChart(f, st, signal);
      if (!signal.aborted) put(out, chart);
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      put(out, errorBox(e, () => void load(f, signal)));
    }
  };
  const { bar, refresh, filters } = filteredScreen(ctx.query, ctx.signal, '/timeline', load, { keep: ['interval', 'metric', 'by', 'chart'] });

  const setting = (name: string, label: Key, value: string, opts: [string, Key][], param: string) => {
    const sel = h('select', { id: 'tl-' + name }, opts.map(([v, k]) => h('option', { value: v, selected: v === value }, t(k))));
    sel.addEventListener('change', () => {
      const cur = readSettings(new URLSearchParams(location.search));
      const extra: Record<string, string | null> = { interval: cur.interval, metric: cur.metric, by: cur.by, chart: cur.style };
      extra[param] = sel.value;
      // Leave defaults out of the URL.
      for (const [k, d] of [['interval', 'month'], ['metric', 'events'], ['by', 'type'], ['chart', 'stacked']]) if (extra[k] === d) extra[k] = null;
      go(hrefWith('/timeline', filters(), extra), { keepScroll: true });
    });
    return h('div', { class: 'field' }, h('label', { for: 'tl-' + name }, t(label)), sel);
  };

  put(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('timeline_title'))),
    bar.el,
    h(
      'div',
      { class: 'toolbar settings' },
      setting('interval', 'interval', st.interval, [['day', 'day'], ['week', 'week'], ['month', 'month_i']], 'interval'),
      setting('metric', 'metric', st.metric, [['events', 'metric_events'], ['fatalities', 'metric_fatalities']], 'metric'),
      setting('by', 'by', st.by, [['type', 'by_type'], ['actor', 'by_actor'], ['country', 'by_country']], 'by'),
      setting('chart', 'chart', st.style, [['stacked', 'stacked'], ['lines', 'lines']], 'chart'),
    ),
    out,
  );
  refresh();
}
