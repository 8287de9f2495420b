// The timeline chart: hand-written SVG, stacked bars (or areas when there
// are many bins) or lines, with a legend and the same data as a table.

import type { Series, Timeseries } from './api';
import { h, s, type Child } from './dom';
import { code, countryName, fmtDate, num, t } from './i18n';

const W = 960;
const H = 320;
const M = { top: 12, right: 16, bottom: 30, left: 56 };
const MAX_SERIES = 8;

export type Interval = 'day' | 'week' | 'month';

export interface ChartOpts {
  interval: Interval;
  style: 'stacked' | 'lines';
  by: string;
  label: string;
  /** Where a click on a bin goes (from, to as YYYY-MM-DD); none when absent. */
  binHref?: (from: string, to: string) => string;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parse(tv: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(tv);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
}

function step(d: Date, interval: Interval, n = 1): Date {
  const x = new Date(d.getTime());
  if (interval === 'month') x.setUTCMonth(x.getUTCMonth() + n);
  else x.setUTCDate(x.getUTCDate() + (interval === 'week' ? 7 : 1) * n);
  return x;
}

/** All bins from the first to the last point, so gaps show as zero. */
export function bins(series: Series[], interval: Interval, max = 5000): string[] {
  let lo: Date | null = null;
  let hi: Date | null = null;
  for (const sr of series)
    for (const p of sr.points ?? []) {
      const d = parse(p.t);
      if (!d) continue;
      if (!lo || d < lo) lo = d;
      if (!hi || d > hi) hi = d;
    }
  if (!lo || !hi) return [];
  const out: string[] = [];
  for (let d = lo; d <= hi && out.length < max; d = step(d, interval)) out.push(iso(d));
  return out;
}

function seriesLabel(sr: Series, by: string): string {
  if (sr.key === '__other') return t('other');
  if (by === 'type') return code(sr.key);
  if (by === 'country') return countryName(sr.key);
  return sr.label || sr.key;
}

function niceMax(v: number): { max: number; ticks: number[] } {
  if (v <= 0) return { max: 1, ticks: [0, 1] };
  const raw = v / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const stepv = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? raw;
  const stepInt = Math.max(1, stepv);
  const max = Math.ceil(v / stepInt) * stepInt;
  const ticks: number[] = [];
  for (let x = 0; x <= max + 1e-9; x += stepInt) ticks.push(x);
  return { max, ticks };
}

/** Keeps the largest series and sums the rest into "other". */
export function topSeries(series: Series[], n = MAX_SERIES): Series[] {
  const total = (sr: Series) => (sr.points ?? []).reduce((a, p) => a + (p.v || 0), 0);
  const sorted = [...series].sort((a, b) => total(b) - total(a));
  if (sorted.length <= n) return sorted;
  const keep = sorted.slice(0, n - 1);
  const rest = new Map<string, number>();
  for (const sr of sorted.slice(n - 1)) for (const p of sr.points ?? []) rest.set(p.t, (rest.get(p.t) ?? 0) + (p.v || 0));
  keep.push({ key: '__other', label: null, points: [...rest].map(([tt, v]) => ({ t: tt, v })) });
  return keep;
}

function binLabel(b: string, interval: Interval): string {
  return interval === 'month' ? fmtDate(b.slice(0, 7), 'short') : fmtDate(b, 'short');
}

export function timelineChart(ts: Timeseries, opts: ChartOpts): HTMLElement {
  const interval = opts.interval;
  const series = topSeries(ts.series ?? []);
  const xs = bins(series, interval);
  if (xs.length === 0) return h('p', { class: 'empty' }, t('no_results'));
  const index = new Map(xs.map((b, i) => [b, i]));
  // values[s][i]
  const values = series.map((sr) => {
    const row = new Array<number>(xs.length).fill(0);
    for (const p of sr.points ?? []) {
      const d = parse(p.t);
      const i = d ? index.get(iso(d)) : undefined;
      if (i !== undefined) row[i] += p.v || 0;
    }
    return row;
  });
  const colour = (sr: Series, i: number) => (opts.by === 'type' && sr.key !== '__other' ? 't-' + sr.key : 's' + i);

  const totals = xs.map((_, i) => values.reduce((a, row) => a + row[i], 0));
  const top = opts.style === 'stacked' ? Math.max(...totals) : Math.max(...values.flat());
  const { max, ticks } = niceMax(top);
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const bw = iw / xs.length;
  const x = (i: number) => M.left + i * bw;
  const y = (v: number) => M.top + ih - (v / max) * ih;

  const grid = s(
    'g',
    { class: 'grid' },
    ticks.map((v) => s('g', null, s('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }), s('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, num(v)))),
  );
  const nLabels = Math.min(xs.length, 8);
  const xlabels = s(
    'g',
    { class: 'xaxis' },
    Array.from({ length: nLabels }, (_, j) => {
      const i = nLabels === 1 ? 0 : Math.round((j * (xs.length - 1)) / (nLabels - 1));
      const anchor = nLabels > 1 && j === 0 ? 'start' : nLabels > 1 && j === nLabels - 1 ? 'end' : 'middle';
      const xpos = anchor === 'start' ? x(i) : anchor === 'end' ? x(i) + bw : x(i) + bw / 2;
      return s('text', { x: xpos, y: H - 8, 'text-anchor': anchor }, binLabel(xs[i], interval));
    }),
  );

  const marks: Child[] = [];
  if (opts.style === 'stacked' && xs.length <= 400) {
    const base = new Array<number>(xs.length).fill(0);
    series.forEach((sr, si) => {
      const g = s('g', { class: 'series ' + colour(sr, si), 'data-key': sr.key });
      values[si].forEach((v, i) => {
        if (v <= 0) return;
        const y0 = y(base[i]);
        const y1 = y(base[i] + v);
        g.appendChild(s('rect', { x: (x(i) + bw * 0.08).toFixed(2), y: y1.toFixed(2), width: Math.max(0.5, bw * 0.84).toFixed(2), height: Math.max(0.5, y0 - y1).toFixed(2), class: 'bar' }));
        base[i] += v;
      });
      marks.push(g);
    });
  } else if (opts.style === 'stacked') {
    const base = new Array<number>(xs.length).fill(0);
    series.forEach((sr, si) => {
      const upper = values[si].map((v, i) => [x(i) + bw / 2, y(base[i] + v)] as const);
      const lower = values[si].map((_, i) => [x(i) + bw / 2, y(base[i])] as const).reverse();
      values[si].forEach((v, i) => (base[i] += v));
      const d = 'M' + [...upper, ...lower].map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join('L') + 'Z';
      marks.push(s('g', { class: 'series ' + colour(sr, si), 'data-key': sr.key }, s('path', { d, class: 'area' })));
    });
  } else {
    series.forEach((sr, si) => {
      const pts = values[si].map((v, i) => `${(x(i) + bw / 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      marks.push(s('g', { class: 'series ' + colour(sr, si), 'data-key': sr.key }, s('polyline', { points: pts, class: 'line' })));
    });
  }

  // Invisible hit areas per bin: a tooltip with the values, a click to the events of that bin.
  const hits = s(
    'g',
    { class: 'hits' },
    xs.map((b, i) => {
      const lines = [`${binLabel(b, interval)} — ${t('total')}: ${num(totals[i])}`, ...series.map((sr, si) => (values[si][i] ? `${seriesLabel(sr, opts.by)}: ${num(values[si][i])}` : '')).filter(Boolean)];
      const r = s('rect', { x: x(i).toFixed(2), y: M.top, width: Math.max(0.5, bw).toFixed(2), height: ih, class: 'hitbox' }, s('title', null, lines.join('\n')));
      if (opts.binHref) {
        const to = iso(new Date(step(parse(b)!, interval).getTime() - 86400000));
        const href = opts.binHref(b, to);
        const a = s('a', { href }, r);
        return a;
      }
      return r;
    }),
  );

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opts.label, 'data-bins': String(xs.length) }, grid, marks, xlabels, hits);

  const legend = h(
    'ul',
    { class: 'chart-legend' },
    series.map((sr, si) => h('li', null, h('span', { class: 'swatch ' + colour(sr, si), 'aria-hidden': 'true' }), seriesLabel(sr, opts.by))),
  );

  const table = h(
    'details',
    { class: 'chart-table' },
    h('summary', null, t('as_table')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        null,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('date')), series.map((sr) => h('th', { scope: 'col', class: 'num' }, seriesLabel(sr, opts.by))), h('th', { scope: 'col', class: 'num' }, t('total')))),
        h(
          'tbody',
          null,
          xs.map((b, i) => (totals[i] ? h('tr', null, h('th', { scope: 'row' }, binLabel(b, interval)), values.map((row) => h('td', { class: 'num' }, num(row[i]))), h('td', { class: 'num' }, num(totals[i]))) : null)),
        ),
      ),
    ),
  );

  return h('figure', { class: 'timeline' }, h('div', { class: 'chart-wrap' }, svg), h('figcaption', null, legend), table);
}
