// A mock of marsad's HTTP API (/api/v1, see web/README.md) over the corpus of
// data.mjs, serving the built UI from dist/ the way web.Handler does, with
// the Content-Security-Policy the real server sends.
//
//   node test/mock/server.mjs [--port 8787] [--docs 30000]
//
// Import it to start one in a test: const srv = await start({ port: 0 }).

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTORS, PLACES, analyzeText, corpus } from './data.mjs';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// ---- Search helpers --------------------------------------------------------

/** A rough Arabic folding for matching (the real server does much better). */
function fold(s) {
  return s
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

/** Folds per code point, so offsets in the folded text are code-point offsets in the original. */
function foldCps(s) {
  return Array.from(s).map((c) => {
    const f = fold(c);
    return f.length === 0 ? '\u0000' : f;
  });
}

function terms(q) {
  return fold(q)
    .split(/[\s،,.؛;:!?؟"'()]+/)
    .map((t) => t.replace(/^(وال|بال|لل|فال|كال|ال)/, ''))
    .filter((t) => t.length >= 2);
}

function makeIndex(docs) {
  for (const d of docs) {
    d._search = fold((d.title ?? '') + '\n' + d.text);
    d._event = d.analysis.events[0] ?? null;
    d._actors = new Set(d.analysis.events.flatMap((e) => [...(e.actors ?? []), ...(e.targets ?? [])]).map((a) => a?.ref).filter(Boolean));
    d._places = new Set(d.analysis.events.map((e) => e.location?.ref).filter(Boolean));
    d._countries = new Set(d.analysis.events.map((e) => e.location?.country).filter(Boolean));
  }
}

function problem(res, status, title, detail) {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function json(res, v) {
  const body = JSON.stringify(v);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

function readFilters(u) {
  const p = u.searchParams;
  const date = (k) => {
    const v = p.get(k);
    if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw Object.assign(new Error(`${k} must be YYYY-MM-DD`), { status: 400 });
    return v || null;
  };
  const int = (k, def, max) => {
    const v = p.get(k);
    if (v === null || v === '') return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw Object.assign(new Error(`${k} must be a non-negative integer`), { status: 400 });
    return Math.min(n, max);
  };
  return {
    q: (p.get('q') ?? '').trim(),
    from: date('from'),
    to: date('to'),
    country: p.getAll('country').map((c) => c.toUpperCase()),
    place: p.get('place') || null,
    actor: p.get('actor') || null,
    type: p.get('type') || null,
    source: p.get('source') || null,
    limit: int('limit', 20, 1000),
    offset: int('offset', 0, 10_000_000),
  };
}

/** Documents passing the filters (dates on the published date). */
function filterDocs(docs, f, onEvents = false) {
  const ts = f.q ? terms(f.q) : [];
  return docs.filter((d) => {
    if (ts.length && !ts.every((t) => d._search.includes(t))) return false;
    if (f.source && d.source !== f.source) return false;
    if (f.type && !d.analysis.events.some((e) => e.type === f.type)) return false;
    if (f.country.length && ![...d._countries].some((c) => f.country.includes(c))) return false;
    if (f.place && !d._places.has(f.place)) return false;
    if (f.actor && !d._actors.has(f.actor)) return false;
    if (!onEvents) {
      if (f.from && (d.published ?? '') < f.from) return false;
      if (f.to && (d.published ?? '') > f.to) return false;
    }
    return true;
  });
}

/** Event rows passing the filters (dates on the event date). */
function filterEvents(docs, f) {
  const rows = [];
  for (const d of filterDocs(docs, f, true)) {
    d.analysis.events.forEach((e, index) => {
      if (f.type && e.type !== f.type) return;
      if (f.country.length && !f.country.includes(e.location?.country)) return;
      if (f.place && e.location?.ref !== f.place) return;
      if (f.actor && ![...(e.actors ?? []), ...(e.targets ?? [])].some((a) => a?.ref === f.actor)) return;
      if (f.from && (e.date ?? '') < f.from) return;
      if (f.to && (e.date ?? '') > f.to) return;
      rows.push({ doc_id: d.id, doc_title: d.title, index, ...e });
    });
  }
  return rows;
}

function snippetOf(d, ts) {
  const cps = Array.from(d.text);
  const folded = foldCps(d.text);
  const flat = folded.join('');
  // Map folded-string offsets back to code points (folding keeps one unit per code point except ligatures).
  let first = -1;
  for (const t of ts) {
    const i = flat.indexOf(t);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const toCp = (k) => {
    let acc = 0;
    for (let c = 0; c < folded.length; c++) {
      if (acc >= k) return c;
      acc += folded[c].length;
    }
    return folded.length;
  };
  const center = first >= 0 ? toCp(first) : 0;
  let start = Math.max(0, center - 60);
  // Start and end at word boundaries.
  while (start > 0 && start < center && !/\s/.test(cps[start - 1])) start++;
  const end = Math.min(cps.length, start + 200);
  const snippet = (start > 0 ? '…' : '') + cps.slice(start, end).join('') + (end < cps.length ? '…' : '');
  const shift = start > 0 ? 1 : 0;
  const highlights = [];
  const part = folded.slice(start, end);
  const partFlat = part.join('');
  for (const t of ts) {
    let i = partFlat.indexOf(t);
    while (i >= 0) {
      let acc = 0;
      let s = -1;
      let e = -1;
      for (let c = 0; c <= part.length; c++) {
        if (s < 0 && acc >= i) s = c;
        if (acc >= i + t.length) {
          e = c;
          break;
        }
        acc += (part[c] ?? '').length;
      }
      if (s >= 0 && e > s) {
        // Mark whole words (the query term had its article and clitics cut off).
        const word = (c) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
        while (s > 0 && word(cps[start + s - 1])) s--;
        while (start + e < end && word(cps[start + e])) e++;
        highlights.push([s + shift, e + shift]);
      }
      i = partFlat.indexOf(t, i + t.length);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { snippet, highlights };
}

function topCounts(map, n, label) {
  return [...map]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, n)
    .map(([value, count]) => (label ? { value, label: label(value), count } : { value, count }));
}

function facetsOf(docs) {
  const src = new Map();
  const typ = new Map();
  const ctry = new Map();
  const act = new Map();
  const mon = new Map();
  const inc = (m, k) => k && m.set(k, (m.get(k) ?? 0) + 1);
  for (const d of docs) {
    inc(src, d.source);
    for (const t of new Set(d.analysis.events.map((e) => e.type))) inc(typ, t);
    for (const c of d._countries) inc(ctry, c);
    for (const a of d._actors) inc(act, a);
    inc(mon, (d.published ?? '').slice(0, 7));
  }
  return {
    source: topCounts(src, 10),
    event_type: topCounts(typ, 10),
    country: topCounts(ctry, 15),
    actor: topCounts(act, 12, (r) => ACTORS[r]?.name ?? r),
    month: [...mon].sort((a, b) => b[0].localeCompare(a[0])).slice(0, 24).map(([value, count]) => ({ value, count })),
  };
}

function binOf(date, interval) {
  if (interval === 'month') return date.slice(0, 7) + '-01';
  if (interval === 'day') return date;
  const d = new Date(date + 'T00:00:00Z');
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(d.getTime() - dow * 86400000).toISOString().slice(0, 10);
}

function timeseries(rows, interval, by, metric) {
  const series = new Map();
  for (const e of rows) {
    if (!e.date) continue;
    let keys;
    if (by === 'actor') keys = (e.actors ?? []).map((a) => a?.ref).filter(Boolean);
    else if (by === 'country') keys = [e.location?.country].filter(Boolean);
    else keys = [e.type];
    const v = metric === 'fatalities' ? e.fatalities ?? 0 : 1;
    const t = binOf(e.date, interval);
    for (const k of keys) {
      if (!series.has(k)) series.set(k, new Map());
      const m = series.get(k);
      m.set(t, (m.get(t) ?? 0) + v);
    }
  }
  return {
    interval,
    series: [...series].map(([key, m]) => ({
      key,
      label: by === 'actor' ? ACTORS[key]?.name ?? key : key,
      points: [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([t, v]) => ({ t, v })),
    })),
  };
}

function placeAgg(rows) {
  const m = new Map();
  for (const e of rows) {
    const ref = e.location?.ref;
    if (!ref || !PLACES[ref]) continue;
    const a = m.get(ref) ?? { ...PLACES[ref], events: 0, fatalities: 0 };
    a.events++;
    a.fatalities += e.fatalities ?? 0;
    m.set(ref, a);
  }
  return [...m.values()].sort((a, b) => b.events - a.events);
}

function actorAgg(rows) {
  const m = new Map();
  for (const e of rows)
    for (const x of e.actors ?? []) {
      if (!x?.ref || !ACTORS[x.ref]) continue;
      const a = m.get(x.ref) ?? { ...ACTORS[x.ref], events: 0, fatalities: 0 };
      a.events++;
      a.fatalities += e.fatalities ?? 0;
      m.set(x.ref, a);
    }
  return [...m.values()].sort((a, b) => b.events - a.events);
}

function sortEvents(rows, sort) {
  const by = {
    date: (a, b) => (a.date ?? '').localeCompare(b.date ?? ''),
    fatalities: (a, b) => (a.fatalities ?? -1) - (b.fatalities ?? -1),
  };
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const cmp = by[key];
  if (!cmp) throw Object.assign(new Error('sort must be date, -date, fatalities or -fatalities'), { status: 400 });
  return rows.sort((a, b) => (desc ? cmp(b, a) : cmp(a, b)) || a.doc_id.localeCompare(b.doc_id) || a.index - b.index);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? '"' + (/^[=+\-@]/.test(s) ? "'" : '') + s.replace(/"/g, '""') + '"' : s;
}

// ---- Server ----------------------------------------------------------------

export async function start({ port = 8787, host = '127.0.0.1', docs: nDocs = Number(process.env.MOCK_DOCS ?? 30000), dist = DIST, log = false } = {}) {
  const docs = corpus(nDocs);
  makeIndex(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));

  const api = {
    health: () => ({ status: 'ok', documents: docs.length, version: 'mock' }),
    search(u) {
      const f = readFilters(u);
      const hits = filterDocs(docs, f);
      const ts = f.q ? terms(f.q) : [];
      const page = hits.slice(f.offset, f.offset + f.limit).map((d) => {
        const { snippet, highlights } = snippetOf(d, ts);
        return { id: d.id, title: d.title, published: d.published, source: d.source, url: d.url, score: ts.length ? 1 : 0, snippet, highlights };
      });
      return { total: hits.length, hits: page, facets: facetsOf(hits) };
    },
    events(u) {
      const f = readFilters(u);
      const rows = sortEvents(filterEvents(docs, f), u.searchParams.get('sort') || '-date');
      return { total: rows.length, events: rows.slice(f.offset, f.offset + f.limit) };
    },
    places(u) {
      const f = readFilters(u);
      return { places: placeAgg(filterEvents(docs, f)).slice(0, u.searchParams.has('limit') ? f.limit : 500) };
    },
    actors(u) {
      const f = readFilters(u);
      return { actors: actorAgg(filterEvents(docs, f)).slice(0, u.searchParams.has('limit') ? f.limit : 500) };
    },
    timeseries(u) {
      const f = readFilters(u);
      const interval = u.searchParams.get('interval') || 'month';
      const by = u.searchParams.get('by') || 'type';
      const metric = u.searchParams.get('metric') || 'events';
      if (!['day', 'week', 'month'].includes(interval)) throw Object.assign(new Error('interval must be day, week or month'), { status: 400 });
      if (!['type', 'actor', 'country'].includes(by)) throw Object.assign(new Error('by must be type, actor or country'), { status: 400 });
      if (!['events', 'fatalities'].includes(metric)) throw Object.assign(new Error('metric must be events or fatalities'), { status: 400 });
      return timeseries(filterEvents(docs, f), interval, by, metric);
    },
  };

  const handleApi = (req, res, u) => {
    const path = u.pathname.slice('/api/v1'.length);
    try {
      if (req.method === 'POST' && path === '/analyze') {
        let raw = '';
        req.setEncoding('utf8');
        req.on('data', (c) => {
          raw += c;
          if (raw.length > 1 << 20) req.destroy();
        });
        req.on('end', () => {
          let doc;
          try {
            doc = JSON.parse(raw);
          } catch {
            return problem(res, 400, 'Bad request', 'the body is not JSON');
          }
          if (!doc || typeof doc.text !== 'string' || !doc.text.trim()) return problem(res, 400, 'Bad request', 'text is required');
          json(res, analyzeText({ title: typeof doc.title === 'string' ? doc.title : '', text: doc.text, published: doc.published }));
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method not allowed', req.method);
      let m;
      if (path === '/health') return json(res, api.health());
      if (path === '/search') return json(res, api.search(u));
      if (path === '/events') return json(res, api.events(u));
      if (path === '/places') return json(res, api.places(u));
      if (path === '/actors') return json(res, api.actors(u));
      if (path === '/timeseries') return json(res, api.timeseries(u));
      if ((m = /^\/documents\/(.+)$/.exec(path))) {
        const d = byId.get(decodeURIComponent(m[1]));
        if (!d) return problem(res, 404, 'Not found', 'no document ' + decodeURIComponent(m[1]));
        return json(res, { document: { id: d.id, title: d.title, text: d.text, published: d.published, source: d.source, url: d.url }, analysis: d.analysis });
      }
      if ((m = /^\/places\/(.+)$/.exec(path))) {
        const ref = decodeURIComponent(m[1]);
        if (!PLACES[ref]) return problem(res, 404, 'Not found', 'no place ' + ref);
        const rows = sortEvents(filterEvents(docs, { ...readFilters(u), place: ref }), '-date');
        const agg = placeAgg(rows)[0] ?? { ...PLACES[ref], events: 0, fatalities: 0 };
        return json(res, { place: agg, events: rows.slice(0, 20) });
      }
      if ((m = /^\/actors\/(.+)$/.exec(path))) {
        const ref = decodeURIComponent(m[1]);
        if (!ACTORS[ref]) return problem(res, 404, 'Not found', 'no actor ' + ref);
        const rows = sortEvents(filterEvents(docs, { ...readFilters(u), actor: ref }), '-date');
        const mine = rows.filter((e) => (e.actors ?? []).some((a) => a?.ref === ref));
        const agg = actorAgg(mine).find((a) => a.ref === ref) ?? { ...ACTORS[ref], events: 0, fatalities: 0 };
        return json(res, { actor: agg, timeseries: timeseries(rows, 'month', 'type', 'events'), places: placeAgg(rows).slice(0, 50), events: rows.slice(0, 20) });
      }
      if (path === '/export') {
        const f = readFilters(u);
        const format = u.searchParams.get('format');
        const rows = sortEvents(filterEvents(docs, { ...f }), '-date');
        let body;
        let type;
        let ext;
        if (format === 'acled-csv') {
          const cols = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'country', 'location', 'latitude', 'longitude', 'source', 'notes', 'fatalities'];
          body = [cols.join(',')]
            .concat(rows.map((e, i) => [`${e.location?.country ?? 'XX'}${i + 1}`, e.date, e.type, e.sub_type, e.actors?.[0]?.name_en, e.targets?.[0]?.name_en, e.location?.country, e.location?.name_en, e.location?.lat, e.location?.lon, byId.get(e.doc_id)?.source, e.evidence?.text, e.fatalities ?? 0].map(csvCell).join(',')))
            .join('\r\n');
          type = 'text/csv; charset=utf-8';
          ext = 'csv';
        } else if (format === 'geojson') {
          body = JSON.stringify({ type: 'FeatureCollection', features: rows.filter((e) => e.location?.lat !== undefined).map((e) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [e.location.lon, e.location.lat] }, properties: { ...e, location: undefined } })) });
          type = 'application/geo+json';
          ext = 'geojson';
        } else if (format === 'jsonl') {
          body = rows.map((e) => JSON.stringify(e)).join('\n') + '\n';
          type = 'application/jsonl';
          ext = 'jsonl';
        } else if (format === 'stix') {
          body = JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: [] });
          type = 'application/stix+json';
          ext = 'json';
        } else return problem(res, 400, 'Bad request', 'format must be acled-csv, geojson, jsonl or stix');
        res.writeHead(200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="marsad-events.${ext}"` });
        return res.end(body);
      }
      return problem(res, 404, 'Not found', 'no such endpoint: ' + path);
    } catch (e) {
      return problem(res, e.status ?? 500, e.status ? 'Bad request' : 'Internal error', e.message);
    }
  };

  const handleStatic = async (req, res, u) => {
    let rel = normalize(decodeURIComponent(u.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (rel.endsWith('/')) rel += 'index.html';
    let file = join(dist, rel);
    let ok = false;
    try {
      ok = file.startsWith(dist) && (await stat(file)).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      // Client-side routes get index.html; a missing asset is a 404.
      if (extname(u.pathname) && !u.pathname.startsWith('/article/') && !u.pathname.startsWith('/place/') && !u.pathname.startsWith('/actor/')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('not found');
      }
      file = join(dist, 'index.html');
    }
    const body = await readFile(file);
    const hashed = file.includes('/assets/');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    const u = new URL(req.url, 'http://localhost');
    if (log) console.log(req.method, u.pathname + u.search);
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (u.pathname.startsWith('/api/v1/') || u.pathname === '/api/v1') return handleApi(req, res, u);
    if (u.pathname.startsWith('/api/')) return problem(res, 404, 'Not found', u.pathname);
    handleStatic(req, res, u).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const addr = server.address();
  return {
    url: `http://${host}:${addr.port}`,
    docs: docs.length,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const arg = (k, d) => {
    const i = process.argv.indexOf(k);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const t0 = Date.now();
  const srv = await start({ port: Number(arg('--port', 8787)), docs: Number(arg('--docs', process.env.MOCK_DOCS ?? 30000)), log: process.argv.includes('--log') });
  console.log(`marsad mock API on ${srv.url} (${srv.docs} documents, ready in ${Date.now() - t0} ms)`);
}
