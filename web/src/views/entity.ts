// The place page and the actor page.

import { type Actor, type Event, type Filters, type Place, type Timeseries, get, seg } from '../api';
import { timelineChart, type Interval } from '../chart';
import { h, put, type Child } from '../dom';
import { code, countryName, localName, num, t } from '../i18n';
import { go, type Ctx } from '../router';
import { eventTable, errorBox, hrefWith, into, isAbort, loading, panel, refLink } from '../ui';
import { loadChart } from './timeline';
import { mapSvg } from './map';

const NO_FILTERS: Filters = { q: '', from: '', to: '', country: [], place: '', actor: '', type: '', source: '' };

function stats(rows: [string, Child][]): HTMLElement {
  return h('dl', { class: 'stats' }, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
}

function chartBox(load: (signal: AbortSignal) => Promise<HTMLElement>, signal: AbortSignal): HTMLElement {
  const box = h('div', { class: 'chart-box' }, loading());
  load(signal)
    .then((el) => {
      if (!signal.aborted) put(box, el);
    })
    .catch((e) => {
      if (!signal.aborted && !isAbort(e)) put(box, errorBox(e));
    });
  return box;
}

function miniMap(places: Place[], signal: AbortSignal): HTMLElement {
  const box = h('div', { class: 'mini-map' }, loading());
  const markers = places
    .filter((p) => p.lat !== null && p.lon !== null && p.lat !== undefined && p.lon !== undefined)
    .map((p) => ({
      lon: p.lon as number,
      lat: p.lat as number,
      weight: p.fatalities ?? p.events ?? 1,
      cls: 'm-place',
      label: `${localName(p)}${p.events !== undefined ? ` — ${t('events')}: ${num(p.events)}` : ''}`,
      detail: () => null,
      ref: p.ref,
    }));
  mapSvg(markers, (m) => m.ref && go('/place/' + seg(m.ref)), t('map_title'))
    .then((svg) => {
      if (!signal.aborted) put(box, svg);
    })
    .catch((e) => {
      if (!signal.aborted && !isAbort(e)) put(box, errorBox(e));
    });
  return box;
}

interface PlaceResult {
  place?: Place;
  events?: Event[];
}

export function placeView(ctx: Ctx): Promise<void> {
  const ref = ctx.params[0];
  return into(
    ctx.root,
    ctx.signal,
    () => get<PlaceResult & Place>('/places/' + seg(ref), undefined, ctx.signal),
    (r) => {
      // Either {"place": {…}, "events": […]} or the place's fields with "events" beside them.
      const p: Place = r.place ?? r;
      const events: Event[] = Array.isArray(r.events) ? r.events : [];
      const f: Filters = { ...NO_FILTERS, place: p.ref ?? ref };
      const nEvents = typeof p.events === 'number' ? p.events : undefined;
      return h(
        'div',
        { class: 'entity-page' },
        h('p', { class: 'kicker' }, t('place_page')),
        h('h1', { dir: 'auto' }, localName(p)),
        p.name_en && p.name && p.name_en !== p.name ? h('p', { class: 'alt-name', dir: 'auto' }, p.name_en) : null,
        stats([
          [t('kind'), code(p.kind) || '—'],
          [t('country'), countryName(p.country)],
          [t('events'), nEvents !== undefined ? num(nEvents) : num(events.length)],
          [t('fatalities'), num(p.fatalities ?? null)],
          [t('coordinates'), p.lat !== null && p.lon !== null && p.lat !== undefined && p.lon !== undefined ? h('span', { dir: 'ltr' }, `${num(+p.lat.toFixed(3))}, ${num(+p.lon.toFixed(3))}`) : '—'],
        ]),
        h('p', { class: 'links' }, h('a', { class: 'btn', href: hrefWith('/map', f) }, t('on_map')), h('a', { class: 'btn', href: hrefWith('/events', f) }, t('in_table'))),
        h(
          'div',
          { class: 'entity-grid' },
          panel(t('over_time'), chartBox((sig) => loadChart(f, { interval: 'month', metric: 'events', by: 'type', style: 'stacked' }, sig), ctx.signal)),
          panel(t('map_title'), miniMap([p], ctx.signal)),
        ),
        panel(t('recent_events'), events.length ? eventTable(events) : h('p', { class: 'muted' }, t('none'))),
      );
    },
  );
}

interface ActorResult {
  actor: Actor;
  timeseries?: Timeseries | null;
  places?: Place[] | null;
  events?: Event[] | null;
}

export function actorView(ctx: Ctx): Promise<void> {
  const ref = ctx.params[0];
  return into(
    ctx.root,
    ctx.signal,
    () => get<ActorResult>('/actors/' + seg(ref), undefined, ctx.signal),
    (r) => {
      const a: Actor = r.actor ?? (r as unknown as Actor);
      const f: Filters = { ...NO_FILTERS, actor: a.ref ?? ref };
      const places = r.places ?? [];
      const events = r.events ?? [];
      const ts = r.timeseries;
      const chart =
        ts && Array.isArray(ts.series)
          ? h(
              'div',
              { class: 'chart-box' },
              timelineChart(ts, {
                interval: (['day', 'week', 'month'].includes(ts.interval) ? ts.interval : 'month') as Interval,
                style: 'stacked',
                by: 'type',
                label: t('over_time'),
                binHref: (from, to) => hrefWith('/events', { ...f, from, to }),
              }),
            )
          : chartBox((sig) => loadChart(f, { interval: 'month', metric: 'events', by: 'type', style: 'stacked' }, sig), ctx.signal);
      return h(
        'div',
        { class: 'entity-page' },
        h('p', { class: 'kicker' }, t('actor_page')),
        h('h1', { dir: 'auto' }, localName(a)),
        a.name_en && a.name && a.name_en !== a.name ? h('p', { class: 'alt-name', dir: 'auto' }, a.name_en) : null,
        stats([
          [t('kind'), code(a.kind) || '—'],
          [t('events'), num(a.events ?? null)],
          [t('fatalities'), num(a.fatalities ?? null)],
        ]),
        h('p', { class: 'links' }, h('a', { class: 'btn', href: hrefWith('/map', f) }, t('on_map')), h('a', { class: 'btn', href: hrefWith('/events', f) }, t('in_table')), h('a', { class: 'btn', href: hrefWith('/timeline', f, { by: 'type' }) }, t('timeline_title'))),
        h('div', { class: 'entity-grid' }, panel(t('over_time'), chart), panel(t('places'), miniMap(places, ctx.signal))),
        panel(
          t('places'),
          places.length
            ? h(
                'ul',
                { class: 'plain cols', id: 'actor-places' },
                places.map((p) => h('li', null, refLink(p.ref, localName(p)), h('span', { class: 'muted' }, p.country ? ' · ' + countryName(p.country) : ''), p.events !== undefined ? h('span', { class: 'count' }, num(p.events)) : null)),
              )
            : h('p', { class: 'muted' }, t('none')),
        ),
        panel(t('recent_events'), events.length ? eventTable(events) : h('p', { class: 'muted' }, t('none'))),
      );
    },
  );
}
