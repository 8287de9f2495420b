// Screenshots of the main screens for the README, taken in Debian's Chromium:
//   npm run screenshots            (the mock API; or MARSAD_URL / MARSAD_CMD, see test/harness.mjs)
// They are written to ../docs/screenshots/*.png (OUT=dir to change).
// Install fonts-noto-core (Arabic) and fonts-noto-color-emoji first for faithful pictures.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, target } from '../test/harness.mjs';

const out = process.env.OUT ?? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

const article = process.env.MARSAD_ARTICLE ?? 'demo:mosul-2016';
const actor = process.env.MARSAD_ACTOR ?? 'actor:islamic-state';
const shots = [
  { name: 'search', path: '/search?q=' + encodeURIComponent('تفجير انتحاري') + '&country=IQ', wait: '.hits .hit' },
  { name: 'article', path: '/article/' + article, wait: '.article-text .ent', act: async (p) => p.locator('input.tg-qty').check() },
  { name: 'events', path: '/events?sort=-fatalities&from=2016-01-01&to=2016-12-31', wait: 'table.events tbody tr' },
  { name: 'map', path: '/map', wait: 'svg.map circle.marker', act: async (p) => { await p.locator('svg.map circle.marker').first().click(); await p.locator('.map-info h2').waitFor(); } },
  { name: 'timeline', path: '/timeline?metric=fatalities', wait: 'svg.chart .series' },
  { name: 'actor', path: '/actor/' + actor, wait: '.entity-page svg.chart' },
  { name: 'search-en', path: '/search?q=' + encodeURIComponent('الموصل'), wait: '.hits .hit', lang: 'en' },
];

const srv = await target();
const chrome = await launch();
try {
  for (const s of shots) {
    const context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, locale: 'ar' });
    if (s.lang) await context.addInitScript((l) => localStorage.setItem('marsad.lang', l), s.lang);
    const page = await context.newPage();
    await page.goto(srv.url + s.path);
    await page.locator(s.wait).first().waitFor({ timeout: 30_000 });
    if (s.act) await s.act(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/${s.name}.png` });
    console.log('wrote', `${out}/${s.name}.png`);
    await context.close();
  }
} finally {
  await chrome.close();
  await srv.close();
}
