import { type Event, type EventsResult, type Filters, type Place, filterParams, get } from '../api';
import { h, put, s, type Child } from '../dom';
import { code, countryName, fmtDate, localName, num, t } from '../i18n';
import { go, type Ctx } from '../router';
import { actorList, docHref, errorBox, eventList, filteredScreen, hrefWith, isAbort, loading, refLink, typeBadge } from '../ui';

const W = 960;
const H = 560;
const PLACE_LIMIT = 500;
const EVENT_LIMIT = 1000;

export interface Marker {
  ref?: string;
  lon: number;
  lat: number;
  weight: number; // fatalities
  label: string;
  cls: string;
  detail: () => Child | Promise<Child>;
}

/**
 * A zoomable SVG map of markers over the country shapes. Returns the
 * element; the shapes come from the lazily loaded geo chunk.
 */
export async function mapSvg(markers: Marker[], onSelect: (m: Marker, el: SVGElement) => void, label: string): Promise<SVGSVGElement> {
  const geo = await import('../geo');
  const proj = geo.fitProjection(geo.boundsOf(markers.map((m) => [m.lon, m.lat])), W, H);
  const path = geo.pathFor(proj);

  const land = s('g', { class: 'countries' });
  for (const c of geo.countries()) {
    const d = path(c.feature);
    if (d) land.appendChild(s('path', { d, class: 'country', 'data-id': c.id }, s('title', null, c.name)));
  }

  const maxW = Math.max(1, ...markers.map((m) => m.weight || 0));
  const radius = (w: number) => 3 + 19 * Math.sqrt(Math.max(0, w) / maxW);
  const dots = s('g', { class: 'markers' });
  const circles: { el: SVGCircleElement; r: number }[] = [];
  // Big circles first, so small ones stay clickable on top.
  const order = [...markers].sort((a, b) => (b.weight || 0) - (a.weight || 0));
  for (const m of order) {
    const p = proj([m.lon, m.lat]);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const r = radius(m.weight);
    const c = s(
      'circle',
      { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: r.toFixed(1), class: 'marker ' + m.cls, tabindex: '0', role: 'button', 'aria-label': m.label },
      s('title', null, m.label),
    );
    const pick = () => onSelect(m, c);
    c.addEventListener('click', pick);
    c.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        pick();
      }
    });
    dots.appendChild(c);
    circles.push({ el: c, r });
  }

  const view = s('g', { class: 'view' }, land, dots);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'group', 'aria-label': label, tabindex: '0', 'data-markers': String(circles.length) },
    s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }),
    view,
  );

  // Zoom and pan: a transform on the view group; markers keep their size.
  let k = 1;
  let tx = 0;
  let ty = 0;
  const apply = () => {
    view.setAttribute('transform', `translate(${tx.toFixed(2)},${ty.toFixed(2)}) scale(${k.toFixed(4)})`);
    for (const c of circles) c.el.setAttribute('r', (c.r / Math.sqrt(k)).toFixed(2));
  };
  const zoomAt = (factor: number, cx = W / 2, cy = H / 2) => {
    const nk = Math.min(40, Math.max(1, k * factor));
    const f = nk / k;
    tx = cx - (cx - tx) * f;
    ty = cy - (cy - ty) * f;
    k = nk;
    clamp();
    apply();
  };
  const clamp = () => {
    tx = Math.min(0, Math.max(W - W * k, tx));
    ty = Math.min(0, Math.max(H - H * k, ty));
  };
  const toSvg = (ev: { clientX: number; clientY: number }) => {
    const r = svg.getBoundingClientRect();
    return [((ev.clientX - r.left) / r.width) * W, ((ev.clientY - r.top) / r.height) * H];
  };
  svg.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const [x, y] = toSvg(ev);
      zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, x, y);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; tx: number; ty: number; id: number } | null = null;
  svg.addEventListener('pointerdown', (ev) => {
    if ((ev.target as Element).classList.contains('marker')) return;
    const [x, y] = toSvg(ev);
    drag = { x, y, tx, ty, id: ev.pointerId };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const [x, y] = toSvg(ev);
    tx = drag.tx + (x - drag.x);
    ty = drag.ty + (y - drag.y);
    clamp();
    apply();
  });
  const end = () => (drag = null);
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  svg.addEventListener('keydown', (ev) => {
    if (ev.target !== svg) return;
    const step = 40;
    const keys: Record<string, () => void> = {
      '+': () => zoomAt(1.25),
      '=': () => zoomAt(1.25),
      '-': () => zoomAt(0.8),
      ArrowLeft: () => (tx += step),
      ArrowRight: () => (tx -= step),
      ArrowUp: () => (ty += step),
      ArrowDown: () => (ty -= step),
    };
    const fn = keys[ev.key];
    if (!fn) return;
    ev.preventDefault();
    fn();
    clamp();
    apply();
  });
  (svg as SVGSVGElement & { zoomBy?: (f: number) => void; zoomReset?: () => void }).zoomBy = (f) => zoomAt(f);
  (svg as SVGSVGElement & { zoomReset?: () => void }).zoomReset = () => {
    k = 1;
    tx = 0;
    ty = 0;
    apply();
  };
  return svg;
}

function placeMarker(p: Place, f: Filters, signal: AbortSignal): Marker | null {
  if (p.lat === null || p.lon === null || p.lat === undefined || p.lon === undefined) return null;
  return {
    lon: p.lon,
    lat: p.lat,
    weight: p.fatalities ?? 0,
    cls: 'm-place',
    label: `${localName(p)} — ${t('events')}: ${num(p.events ?? 0)}, ${t('fatalities')}: ${num(p.fatalities ?? 0)}`,
    detail: async () => {
      const q = filterParams({ ...f, place: p.ref });
      q.set('limit', '10');
      q.set('sort', '-date');
      const r = await get<EventsResult>('/events', q, signal);
      return [
        h('h2', null, refLink(p.ref, localName(p))),
        h('p', { class: 'muted' }, [code(p.kind), p.country ? countryName(p.country) : null].filter(Boolean).join(' · ')),
        h('dl', { class: 'kv' }, h('dt', null, t('events')), h('dd', null, num(p.events ?? 0)), h('dt', null, t('fatalities')), h('dd', null, num(p.fatalities ?? 0))),
        h('h3', null, t('events_here')),
        eventList(r.events ?? []),
        h('p', null, h('a', { href: hrefWith('/events', { ...f, place: p.ref }) }, t('all_events_here'))),
      ];
    },
  };
}

function eventMarker(e: Event): Marker | null {
  const l = e.location;
  if (!l || l.lat === null || l.lon === null || l.lat === undefined || l.lon === undefined) return null;
  return {
    lon: l.lon,
    lat: l.lat,
    weight: e.fatalities ?? 0,
    cls: 'm-event t-' + e.type,
    label: `${code(e.type)} — ${localName(l)}, ${fmtDate(e.date, 'short')}${e.fatalities ? ` — ${t('fatalities')}: ${num(e.fatalities)}` : ''}`,
    detail: () => [
      h('h2', null, typeBadge(e.type, e.sub_type)),
      h(
        'dl',
        { class: 'kv' },
        h('dt', null, t('date')),
        h('dd', null, fmtDate(e.date)),
        h('dt', null, t('location')),
        h('dd', null, refLink(l.ref, localName(l)), l.country ? ' · ' + countryName(l.country) : ''),
        h('dt', null, t('actors')),
        h('dd', null, actorList(e.actors)),
        h('dt', null, t('targets')),
        h('dd', null, actorList(e.targets)),
        h('dt', null, t('fatalities')),
        h('dd', null, num(e.fatalities)),
        h('dt', null, t('injuries')),
        h('dd', null, num(e.injuries)),
      ),
      e.evidence ? h('blockquote', { class: 'evidence-quote', dir: 'auto' }, e.evidence.text) : null,
      e.doc_id ? h('p', null, h('a', { href: docHref(e.doc_id), dir: 'auto' }, e.doc_title || e.doc_id)) : null,
    ],
  };
}

export function mapView(ctx: Ctx): void {
  const mode = ctx.query.get('mode') === 'events' ? 'events' : 'places';
  const stage = h('div', { class: 'map-stage' });
  const info = h('aside', { class: 'map-info', 'aria-live': 'polite', tabindex: '-1' }, h('p', { class: 'muted' }, t('map_hint')));
  const status = h('p', { class: 'muted map-status' });

  const load = async (f: Filters, signal: AbortSignal) => {
    put(stage, loading());
    put(status);
    try {
      let markers: Marker[];
      if (mode === 'places') {
        const p = filterParams(f);
        p.set('limit', String(PLACE_LIMIT));
        const r = await get<{ places: Place[] }>('/places', p, signal);
        markers = (r.places ?? []).map((x) => placeMarker(x, f, signal)).filter((m): m is Marker => m !== null);
      } else {
        const p = filterParams(f);
        p.set('limit', String(EVENT_LIMIT));
        p.set('sort', '-fatalities');
        const r = await get<EventsResult>('/events', p, signal);
        markers = (r.events ?? []).map(eventMarker).filter((m): m is Marker => m !== null);
      }
      if (signal.aborted) return;
      let selected: SVGElement | null = null;
      const svg = await mapSvg(
        markers,
        async (m, el) => {
          selected?.classList.remove('selected');
          selected = el;
          el.classList.add('selected');
          put(info, loading());
          try {
            const d = await m.detail();
            if (!signal.aborted) put(info, d);
          } catch (e) {
            if (!isAbort(e)) put(info, errorBox(e));
          }
        },
        t('map_title'),
      );
      if (signal.aborted) return;
      const z = svg as SVGSVGElement & { zoomBy: (f: number) => void; zoomReset: () => void };
      put(
        stage,
        h(
          'div',
          { class: 'zoom' },
          h('button', { type: 'button', class: 'btn', 'aria-label': t('zoom_in'), title: t('zoom_in'), onclick: () => z.zoomBy(1.5) }, '+'),
          h('button', { type: 'button', class: 'btn', 'aria-label': t('zoom_out'), title: t('zoom_out'), onclick: () => z.zoomBy(1 / 1.5) }, '−'),
          h('button', { type: 'button', class: 'btn', 'aria-label': t('zoom_reset'), title: t('zoom_reset'), onclick: () => z.zoomReset() }, '⟲'),
        ),
        svg,
      );
      put(status, t('map_shown', { n: markers.length }));
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      put(stage, errorBox(e, () => void load(f, signal)));
    }
  };

  const { bar, refresh, filters } = filteredScreen(ctx.query, ctx.signal, '/map', load, { keep: ['mode'] });
  const modeSel = h(
    'select',
    { id: 'map-mode' },
    h('option', { value: 'places', selected: mode === 'places' }, t('map_by_place')),
    h('option', { value: 'events', selected: mode === 'events' }, t('map_by_event')),
  );
  modeSel.addEventListener('change', () => go(hrefWith('/map', filters(), { mode: modeSel.value === 'events' ? 'events' : null })));
  put(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('map_title')), h('div', { class: 'field inline' }, h('label', { for: 'map-mode' }, t('map_mode')), modeSel)),
    bar.el,
    h('div', { class: 'map-layout' }, h('div', { class: 'map-col' }, stage, status), info),
  );
  refresh();
}
