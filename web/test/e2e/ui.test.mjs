// Browser tests: Debian's Chromium driven by playwright-core, headless.
//
// Against the mock (default) or a running marsad: MARSAD_URL=http://127.0.0.1:8080.
// Against a real server, the corpus must hold an article matching
// MARSAD_QUERY (default الموصل) and the stored-XSS article of
// test/fixtures/xss.jsonl (found by searching for "marsadxss").

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, target } from '../harness.mjs';

const QUERY = process.env.MARSAD_QUERY ?? 'الموصل';
const XSS_QUERY = 'marsadxss';
const TIMEOUT = 20_000;

let srv;
let chrome;

before(async () => {
  srv = await target();
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await srv?.close();
});

/**
 * A fresh page (own context, so own localStorage) that records what must
 * not happen: CSP violations, script errors, dialogs, and any
 * window.__xss an injected payload would set.
 */
async function open(path, t) {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const bad = [];
  page.on('console', (m) => {
    const s = m.text();
    if (/Content Security Policy|Refused to/i.test(s)) bad.push('CSP: ' + s);
  });
  page.on('pageerror', (e) => bad.push('page error: ' + e.message));
  page.on('dialog', async (d) => {
    bad.push('dialog: ' + d.message());
    await d.dismiss();
  });
  // Count CSP violations from inside the page too.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  t.after(async () => {
    await context.close();
  });
  await page.goto(srv.url + path);
  const check = async () => {
    const v = await page.evaluate(() => ({ xss: window.__xss, csp: window.__cspViolations }));
    assert.equal(v.xss, undefined, 'a payload ran: window.__xss = ' + v.xss);
    assert.deepEqual(v.csp, [], 'CSP violations');
    assert.deepEqual(bad, []);
  };
  return { page, check };
}

async function api(path) {
  const r = await fetch(srv.url + '/api/v1' + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

describe('marsad web UI', () => {
  test('serves the app with no inline script and Arabic RTL by default', async (t) => {
    const r = await fetch(srv.url + '/');
    const html = await r.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(m[1], /\bsrc=/, 'inline script in index.html');
      assert.equal(m[2].trim(), '');
    }
    const { page, check } = await open('/', t);
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached' });
    await page.locator('.site-nav a[data-nav="search"]').waitFor();
    assert.equal(await page.locator('.site-nav a[data-nav="search"]').textContent(), 'البحث');
    await check();
  });

  test('search: results with highlighted snippets, facets and paging', async (t) => {
    const { page, check } = await open('/', t);
    const box = page.locator('input[name="q"]');
    await box.fill(QUERY);
    await box.press('Enter');
    await page.waitForURL(/[?&]q=/);
    const hits = page.locator('.hits .hit');
    await hits.first().waitFor();
    assert.ok((await hits.count()) > 0);
    const marks = page.locator('.hits .snippet mark');
    assert.ok((await marks.count()) > 0, 'no <mark> in snippets');
    assert.ok(((await marks.first().textContent()) ?? '').length > 0);
    // The count line and facets are there.
    await page.locator('#result-count').waitFor();
    assert.ok((await page.locator('.facets .facet').count()) > 0, 'no facets');

    // A facet narrows the results and shows as active.
    const facetLink = page.locator('.facet[data-facet="event_type"] a').first();
    if (await facetLink.count()) {
      // A search still waiting for the typist to pause must not undo the click.
      await box.fill(QUERY + ' ');
      await facetLink.click();
      await page.waitForURL(/[?&]type=/);
      await page.locator('.facet[data-facet="event_type"] a.on').waitFor();
      await page.waitForTimeout(600);
      assert.match(page.url(), /[?&]type=/);
    }

    if (srv.mock) {
      // 30,000 articles: the UI shows one page, and pages on.
      await page.goto(srv.url + '/search');
      await page.locator('#result-count').waitFor();
      assert.match((await page.locator('#result-count').textContent()) ?? '', /30[,٬.]?0\d\d/);
      assert.equal(await page.locator('.hits .hit').count(), 20);
      await page.locator('.pager a[rel="next"]').first().click();
      await page.waitForURL(/offset=20/);
      await page.locator('.hits[start="21"]').waitFor();
    }
    await check();
  });

  test('article: entities highlighted by type at the right code points, linked to their pages', async (t) => {
    let id = process.env.MARSAD_ARTICLE ?? (srv.mock ? 'demo:mosul-2016' : null);
    if (!id) {
      const r = await api('/search?q=' + encodeURIComponent(QUERY) + '&limit=1');
      id = r.hits[0].id;
    }
    const { document: doc, analysis } = await api('/documents/' + encodeURIComponent(id));
    const full = Array.from(doc.title ? doc.title + '\n\n' + doc.text : doc.text);

    const { page, check } = await open('/search?q=' + encodeURIComponent(QUERY), t);
    // Open it the way a reader does when it is on the first page; else by URL.
    const link = page.locator(`.hits a[href="/article/${encodeURIComponent(id).replace(/%3A/gi, ':')}"]`);
    await page.locator('.hits .hit').first().waitFor();
    if (await link.count()) await link.first().click();
    else await page.goto(srv.url + '/article/' + encodeURIComponent(id));
    await page.locator('.article-text').waitFor();

    const ents = await page.locator('.article-main .ent:not(.key)').evaluateAll((els) => els.map((e) => ({ type: e.dataset.type, text: e.textContent, href: e.getAttribute('href') })));
    assert.ok(ents.length > 0, 'no highlighted entities');
    const expected = (analysis.entities ?? []).map((e) => ({ type: e.type, text: full.slice(e.start, e.end).join(''), ref: e.ref }));
    for (const e of ents) {
      assert.ok(['PER', 'LOC', 'ORG', 'MISC'].includes(e.type), 'type ' + e.type);
      const m = expected.find((x) => x.type === e.type && x.text === e.text);
      assert.ok(m, `rendered entity ${e.type} "${e.text}" is not an entity of the analysis (code-point offsets?)`);
      if (m.ref?.startsWith('place:')) assert.match(e.href ?? '', /^\/place\//);
      if (m.ref?.startsWith('actor:')) assert.match(e.href ?? '', /^\/actor\//);
    }
    // The text shown is the document's text, untouched.
    assert.equal(await page.locator('.article-text').textContent(), doc.text);
    if (doc.title) assert.equal(await page.locator('h1.article-title').textContent(), doc.title);
    // Types get their own colours.
    const colours = await page.locator('.article-main .ent:not(.key)').evaluateAll((els) => [...new Set(els.map((e) => `${e.dataset.type}=${getComputedStyle(e).backgroundColor}`))]);
    const byType = new Map(colours.map((c) => c.split('=')));
    assert.equal(new Set(byType.values()).size, byType.size, 'two entity types share a colour');
    // Side panels.
    assert.ok((await page.locator('.article-side .panel').count()) >= 5);
    if ((analysis.events ?? []).length) assert.ok((await page.locator('.events-list .event').count()) > 0);

    // A place link leads to the place page.
    const loc = page.locator('.article-main a.ent[data-type="LOC"]').first();
    if (await loc.count()) {
      const name = await loc.textContent();
      await loc.click();
      await page.waitForURL(/\/place\//);
      await page.locator('.entity-page h1').waitFor();
      assert.ok(((await page.locator('.entity-page h1').textContent()) ?? '').length > 0, 'place page for ' + name);
      await page.locator('.entity-page svg.chart, .entity-page .chart-box .empty').first().waitFor();
    }
    await check();
  });

  test('map: country shapes from the bundled base map and event markers', async (t) => {
    const { page, check } = await open('/map', t);
    await page.locator('svg.map circle.marker').first().waitFor();
    const countries = await page.locator('svg.map path.country').count();
    assert.ok(countries > 150, `only ${countries} country shapes`);
    assert.ok((await page.locator('svg.map circle.marker').count()) > 0);
    // Markers are keyboard-reachable buttons; one opens its panel.
    const first = page.locator('svg.map circle.marker').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.locator('.map-info h2').waitFor();
    // By event: circles per event, coloured by type.
    await page.selectOption('#map-mode', 'events');
    await page.waitForURL(/mode=events/);
    await page.locator('svg.map circle.marker.m-event').first().waitFor();
    await page.locator('button[aria-label]').filter({ hasText: '+' }).click();
    assert.match((await page.locator('svg.map g.view').getAttribute('transform')) ?? '', /scale\(1\.5/);
    await check();
  });

  test('timeline: a chart of events per month, by type; settings change it', async (t) => {
    const { page, check } = await open('/timeline', t);
    await page.locator('svg.chart').waitFor();
    assert.ok((await page.locator('svg.chart .series').count()) > 0, 'no series');
    assert.ok((await page.locator('svg.chart rect.bar, svg.chart path.area').count()) > 0, 'no bars');
    assert.ok((await page.locator('.chart-legend li').count()) > 0);
    await page.selectOption('#tl-metric', 'fatalities');
    await page.waitForURL(/metric=fatalities/);
    await page.selectOption('#tl-chart', 'lines');
    await page.waitForURL(/chart=lines/);
    await page.locator('svg.chart polyline.line').first().waitFor();
    // A bin leads to the events of its month.
    await page.locator('svg.chart a').last().click();
    await page.waitForURL(/\/events\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
    await page.locator('table.events tbody tr').first().waitFor();
    await check();
  });

  test('events table: sorts by fatalities, keeps filters in the export links', async (t) => {
    const { page, check } = await open('/events', t);
    await page.locator('table.events tbody tr').first().waitFor();
    await page.locator('th a.sort[data-sort="fatalities"]').click();
    await page.waitForURL(/sort=-fatalities/);
    await page.locator('th[aria-sort="descending"] a[data-sort="fatalities"]').waitFor();
    const fat = await page.locator('table.events tbody tr td.num:nth-of-type(6)').allTextContents();
    const nums = fat.map((s) => Number(s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[^\d]/g, '') || '-1'));
    assert.deepEqual(nums, [...nums].sort((a, b) => b - a), 'not sorted by fatalities');
    await page.selectOption('#f-type', 'battles');
    await page.waitForURL(/type=battles/);
    // The filters travel to the other screens.
    assert.match((await page.locator('.site-nav a[data-nav="map"]').getAttribute('href')) ?? '', /^\/map\?type=battles$/);
    await page.locator('details.export summary').click();
    const hrefs = await page.locator('a.export-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(hrefs.length, 4);
    for (const h of hrefs) assert.match(h, /^\/api\/v1\/export\?type=battles&format=(acled-csv|geojson|jsonl|stix)$/);
    await check();
  });

  test('language switch: English labels, LTR, remembered', async (t) => {
    const { page, check } = await open('/search', t);
    await page.locator('#lang-switch').click();
    await page.locator('html[lang="en"][dir="ltr"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.site-nav a[data-nav="search"]').textContent(), 'Search');
    assert.equal(await page.locator('.site-nav a[data-nav="map"]').textContent(), 'Map');
    assert.equal(await page.locator('input[name="q"]').getAttribute('placeholder'), 'Search the news…');
    await page.reload();
    await page.locator('html[lang="en"][dir="ltr"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.site-nav a[data-nav="events"]').textContent(), 'Events');
    await page.locator('#lang-switch').click();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.site-nav a[data-nav="events"]').textContent(), 'الأحداث');
    await check();
  });

  test('analyse: a pasted text comes back with its entities marked; payloads stay text', async (t) => {
    const { page, check } = await open('/analyze', t);
    await page.fill('#an-title', 'هجوم في بغداد <img src=x onerror="window.__xss=20">');
    await page.fill('#an-text', 'قُتل 4 أشخاص في بالموصل 😀 وأعلن تنظيم الدولة الإسلامية مسؤوليته. <script>window.__xss=21</script>');
    await page.locator('.analyze-form button[type="submit"]').click();
    await page.locator('.analyze-out .article-text').waitFor();
    await page.locator('.analyze-out .ent').first().waitFor();
    const ents = await page.locator('.analyze-out .article-main .ent:not(.key)').evaluateAll((els) => els.map((e) => e.dataset.type + ':' + e.textContent));
    assert.ok(ents.some((e) => e.startsWith('LOC:')), 'no place marked: ' + ents.join(', '));
    // the tooltip of a scored entity ends with its confidence
    const titles = await page.locator('.analyze-out .article-main .ent:not(.key)').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    assert.ok(titles.some((x) => /· [\d٠-٩]{1,3}\u200e?[%٪]\u200e?$/.test(x)), 'no confidence in the entity tooltips: ' + titles.join(' | '));
    assert.ok(((await page.locator('.analyze-out h1.article-title').textContent()) ?? '').includes('<img src=x onerror="window.__xss=20">'));
    assert.equal(await page.locator('.analyze-out img, .analyze-out script').count(), 0);
    await check();
  });

  test('stored XSS: an ingested article full of payloads is shown as text and runs nothing', async (t) => {
    const { page, check } = await open('/search?q=' + XSS_QUERY, t);
    const hit = page.locator('.hits .hit').first();
    await hit.waitFor();
    assert.match((await hit.locator('.hit-title').textContent()) ?? '', /<img src=x onerror=/);
    await hit.locator('.hit-title a').click();
    await page.waitForURL(/\/article\//);
    await page.locator('.article-text').waitFor();
    // Let any injected handler (image error, svg load) get its chance.
    await page.waitForTimeout(500);

    const title = (await page.locator('h1.article-title').textContent()) ?? '';
    assert.ok(title.includes('<img src=x onerror="window.__xss=1">'), 'title not shown as literal text: ' + title);
    assert.ok(title.includes('<script>window.__xss=2</script>'));
    const text = (await page.locator('.article-text').textContent()) ?? '';
    assert.ok(text.includes('"><svg onload="window.__xss=3">'));
    assert.ok(text.includes('<iframe src="javascript:window.__xss=7"></iframe>'));

    const injected = await page.evaluate(() => ({
      handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
      inlineScripts: [...document.scripts].filter((s) => !s.src).length,
      imgs: document.querySelectorAll('main img').length,
      frames: document.querySelectorAll('iframe, object, embed').length,
      styles: document.querySelectorAll('main style, body style').length,
      svgInArticle: document.querySelectorAll('.article-main svg').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    }));
    assert.deepEqual(injected, { handlers: 0, inlineScripts: 0, imgs: 0, frames: 0, styles: 0, svgInArticle: 0, jsLinks: 0 });
    // The page is still there (a <style> payload did not hide it).
    assert.ok(await page.locator('.article-text').isVisible());
    await check();
  });
});
