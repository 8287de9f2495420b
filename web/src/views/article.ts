import { type DocumentResult, type Entity, type Event, get, seg } from '../api';
import { h, put, renderSpans, safeUrl, type Child } from '../dom';
import { codePoints, cpLength, segment, type Range } from '../highlight';
import { code, codeRole, countryName, fmtDate, lang, localName, num, pct, t, type Key } from '../i18n';
import type { Ctx } from '../router';
import { actorList, into, panel, refHref, refLink, typeBadge } from '../ui';

const ENT_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

interface Mark extends Range {
  kind: 'ent' | 'time' | 'qty';
  type: string;
  label: string;
  ref: string | null;
}

function markEl(m: Mark, text: string): HTMLElement {
  const type = m.kind === 'ent' ? ((ENT_TYPES as readonly string[]).includes(m.type) ? m.type : 'MISC') : m.type;
  const cls = `ent ent-${type}`;
  const href = refHref(m.ref);
  const attrs = { class: cls, 'data-type': type, 'data-ref': m.ref ?? undefined, title: m.label };
  return href ? h('a', { ...attrs, href }, text) : h('mark', attrs, text);
}

export function articleView(ctx: Ctx): Promise<void> {
  const id = ctx.params[0];
  return into(ctx.root, ctx.signal, () => get<DocumentResult>('/documents/' + seg(id), undefined, ctx.signal), (r) => renderArticle(r));
}

export function renderArticle(r: DocumentResult): Child {
  const doc = r.document;
  const a = r.analysis ?? ({} as DocumentResult['analysis']);
  const title = doc.title ?? '';
  document.title = `${title || doc.id} — ${t('brand')}`;
  const full = title ? title + '\n\n' + (doc.text ?? '') : doc.text ?? '';
  const cps = codePoints(full);
  const titleEnd = title ? cpLength(title) : 0;
  const textStart = title ? titleEnd + 2 : 0;

  const entities: Mark[] = (a.entities ?? []).map((e: Entity) => ({
    start: e.start,
    end: e.end,
    kind: 'ent',
    type: e.type,
    ref: e.ref ?? null,
    label: `${t(((ENT_TYPES as readonly string[]).includes(e.type) ? e.type : 'MISC') as Key)}${e.norm && e.norm !== e.text ? ' · ' + e.norm : ''}${
      typeof e.score === 'number' && e.score > 0 ? ' · ' + pct(e.score) : ''
    }`,
  }));
  const times: Mark[] = (a.times ?? []).map((x) => ({ start: x.start, end: x.end, kind: 'time', type: 'TIME', ref: null, label: `${t('TIME')} · ${x.value ?? '?'}` }));
  const qtys: Mark[] = (a.quantities ?? []).map((x) => ({
    start: x.start,
    end: x.end,
    kind: 'qty',
    type: 'QTY',
    ref: null,
    label: `${t('QTY')} · ${num(x.value)}${x.unit ? ' ' + x.unit : ''}${x.role ? ' (' + codeRole(x.role, '_role') + ')' : ''}`,
  }));

  let showTimes = false;
  let showQty = false;
  let evidence: Range | null = null;

  const h1 = h('h1', { class: 'article-title', dir: 'auto' });
  const body = h('div', { class: 'article-text', dir: 'auto', id: 'article-text' });

  const fill = (el: HTMLElement, from: number, to: number) => {
    el.replaceChildren();
    // Entities win over dates and quantities where they overlap.
    const marks = [...entities, ...(showTimes ? times : []), ...(showQty ? qtys : [])];
    for (const part of segment(cps, evidence ? [evidence] : [], from, to)) {
      const target = part.span ? el.appendChild(h('mark', { class: 'evidence', tabindex: '-1' })) : el;
      renderSpans(target, cps, marks, (sg) => markEl(sg.span, sg.text), part.start, part.end);
    }
  };
  const draw = () => {
    if (title) fill(h1, 0, titleEnd);
    else put(h1, doc.id);
    fill(body, textStart, cps.length);
  };
  draw();

  const toggle = (label: Key, set: (v: boolean) => void, cls: string) => {
    const inp = h('input', { type: 'checkbox', class: cls });
    inp.addEventListener('change', () => {
      set(inp.checked);
      draw();
    });
    return h('label', { class: 'toggle' }, inp, ' ', t(label));
  };

  const legend = h(
    'div',
    { class: 'legend', 'aria-label': t('legend') },
    ENT_TYPES.map((ty) => h('span', { class: `ent ent-${ty} key` }, t(ty))),
    toggle('show_times', (v) => (showTimes = v), 'tg-times'),
    toggle('show_quantities', (v) => (showQty = v), 'tg-qty'),
  );

  const srcUrl = doc.url ? safeUrl(doc.url) : null;
  const meta = h(
    'p',
    { class: 'meta' },
    doc.published ? h('time', { datetime: doc.published }, fmtDate(doc.published)) : null,
    doc.source ? h('span', { class: 'source' }, doc.source) : null,
    srcUrl && /^https?:/.test(srcUrl) ? h('a', { href: srcUrl, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'srclink' }, t('open_source')) : null,
  );

  const showEvidence = (ev: Event) => {
    if (!ev.evidence) return;
    evidence = { start: ev.evidence.start, end: ev.evidence.end };
    draw();
    const m = document.querySelector<HTMLElement>('mark.evidence');
    m?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    m?.focus({ preventScroll: true });
  };

  const events = (a.events ?? []).map((ev) =>
    h(
      'li',
      { class: 'event' },
      h('div', { class: 'ev-head' }, typeBadge(ev.type, ev.sub_type), ev.date ? h('time', { datetime: ev.date }, fmtDate(ev.date)) : null),
      h(
        'dl',
        { class: 'kv' },
        h('dt', null, t('location')),
        h('dd', null, ev.location ? [refLink(ev.location.ref, localName(ev.location)), ev.location.country ? ' · ' + countryName(ev.location.country) : ''] : '—'),
        h('dt', null, t('actors')),
        h('dd', null, actorList(ev.actors)),
        h('dt', null, t('targets')),
        h('dd', null, actorList(ev.targets)),
        h('dt', null, t('fatalities')),
        h('dd', { class: 'num' }, num(ev.fatalities)),
        h('dt', null, t('injuries')),
        h('dd', { class: 'num' }, num(ev.injuries)),
        ev.confidence !== undefined && ev.confidence !== null ? [h('dt', null, t('confidence')), h('dd', null, pct(ev.confidence))] : null,
      ),
      ev.evidence
        ? h(
            'blockquote',
            { class: 'evidence-quote', dir: 'auto' },
            ev.evidence.text,
            ' ',
            h('button', { type: 'button', class: 'btn small', onclick: () => showEvidence(ev) }, t('show_in_text')),
          )
        : null,
    ),
  );

  const places = (a.places ?? []).map((p) =>
    h('li', null, refLink(p.ref, localName(p)), h('span', { class: 'muted' }, ` · ${code(p.kind)}${p.country ? ' · ' + countryName(p.country) : ''}`), p.mentions ? h('span', { class: 'count' }, num(p.mentions)) : null),
  );
  const actors = (a.actors ?? []).map((x) => h('li', null, refLink(x.ref, localName(x)), h('span', { class: 'muted' }, ` · ${code(x.kind)}`), x.mentions ? h('span', { class: 'count' }, num(x.mentions)) : null));
  const timesL = (a.times ?? []).map((x) => h('li', null, h('bdi', null, h('q', null, x.text)), ' → ', x.value ? fmtDate(x.value) : '—', h('span', { class: 'muted' }, ` · ${codeRole(x.precision, '_p')}`)));
  const qtyL = (a.quantities ?? []).map((x) => h('li', null, h('bdi', null, h('q', null, x.text)), ' → ', num(x.value), x.unit ? ' ' + x.unit : '', x.role ? h('span', { class: 'muted' }, ` · ${codeRole(x.role, '_role')}`) : null));
  const summary = (a.summary ?? []).map((s) => h('li', { dir: 'auto' }, s));
  const rel = a.relevance;
  const list = (items: HTMLElement[], cls: string) => (items.length ? h('ul', { class: cls }, items) : h('p', { class: 'muted' }, t('none')));

  return h(
    'article',
    { class: 'article-layout' },
    h(
      'div',
      { class: 'article-main' },
      h1,
      meta,
      legend,
      summary.length ? h('section', { class: 'summary' }, h('h2', null, t('summary')), h('ul', null, summary)) : null,
      body,
    ),
    h(
      'div',
      { class: 'article-side' },
      panel(t('events'), list(events, 'events-list')),
      panel(t('places'), list(places, 'plain')),
      panel(t('actors'), list(actors, 'plain')),
      panel(t('times'), list(timesL, 'plain')),
      panel(t('quantities'), list(qtyL, 'plain')),
      rel
        ? panel(
            t('relevance'),
            h('p', null, rel.relevant ? t('relevant') : t('not_relevant'), ` · ${t('score')} ${num(Math.round((rel.score ?? 0) * 100) / 100)}`),
            rel.topics?.length ? h('p', { class: 'muted' }, `${t('topics')}: ${rel.topics.join(lang === 'ar' ? '، ' : ', ')}`) : null,
          )
        : null,
    ),
  );
}
