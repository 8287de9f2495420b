import './style.css';
import { get, onlyFilters, type Health } from './api';
import { h, put } from './dom';
import { applyLang, lang, num, setLang, t } from './i18n';
import { afterRender, render, route, setNotFound, start } from './router';
import { articleView } from './views/article';
import { analyzeView } from './views/analyze';
import { actorView, placeView } from './views/entity';
import { eventsView } from './views/events';
import { mapView } from './views/map';
import { searchView } from './views/search';
import { timelineView } from './views/timeline';

route(/^\/(?:search)?\/?$/, searchView);
route(/^\/article\/(.+)$/, articleView);
route(/^\/events\/?$/, eventsView);
route(/^\/map\/?$/, mapView);
route(/^\/timeline\/?$/, timelineView);
route(/^\/place\/(.+)$/, placeView);
route(/^\/actor\/(.+)$/, actorView);
route(/^\/analyze\/?$/, analyzeView);
setNotFound((ctx) => put(ctx.root, h('h1', null, t('not_found')), h('p', null, h('a', { href: '/' }, t('nav_search')))));

const NAV: [string, 'nav_search' | 'nav_events' | 'nav_map' | 'nav_timeline' | 'nav_analyze'][] = [
  ['/search', 'nav_search'],
  ['/events', 'nav_events'],
  ['/map', 'nav_map'],
  ['/timeline', 'nav_timeline'],
  ['/analyze', 'nav_analyze'],
];

let health: Health | null = null;

const header = h('header', { class: 'site-header' });
const main = h('main', { id: 'main', tabindex: '-1' });
const footer = h('footer', { class: 'site-footer' });

function drawChrome(path: string): void {
  document.title = lang === 'ar' ? 'مرصد — marsad' : 'marsad — مرصد';
  // Nav links carry the current filters from screen to screen.
  const qs = onlyFilters(new URLSearchParams(location.search)).toString();
  const active = (p: string) => path === p || (p === '/search' && path === '/');
  const langBtn = h(
    'button',
    { type: 'button', class: 'btn lang-switch', id: 'lang-switch', lang: lang === 'ar' ? 'en' : 'ar', 'aria-label': t('switch_lang_label') },
    t('switch_lang'),
  );
  langBtn.addEventListener('click', () => {
    setLang(lang === 'ar' ? 'en' : 'ar');
    render(true);
    document.getElementById('lang-switch')?.focus();
  });
  put(
    header,
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h('a', { class: 'brand', href: '/', 'aria-label': t('brand') }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◉'), h('span', null, t('brand'))),
    h(
      'nav',
      { class: 'site-nav', 'aria-label': t('brand') },
      h(
        'ul',
        null,
        NAV.map(([p, k]) => h('li', null, h('a', { href: p + (qs && p !== '/analyze' ? '?' + qs : ''), 'aria-current': active(p) ? 'page' : undefined, 'data-nav': p.slice(1) }, t(k)))),
      ),
    ),
    langBtn,
  );
  drawFooter();
}

function drawFooter(): void {
  put(footer, h('span', null, t('tagline')), health?.documents !== undefined ? h('span', null, ' · ', t('documents', { n: num(health.documents) })) : null, health?.version ? h('span', { class: 'muted' }, ` · ${t('version')} ${health.version}`) : null);
}

// The skip link moves focus without leaving the route.
document.addEventListener('click', (ev) => {
  const a = (ev.target as Element | null)?.closest?.('a.skip');
  if (a) {
    ev.preventDefault();
    main.focus();
  }
});

// Filters changed in place: the nav links carry the new ones.
window.addEventListener('marsad:url', () => drawChrome(location.pathname));

applyLang();
const app = document.getElementById('app') ?? document.body;
app.replaceChildren(header, main, footer);
afterRender(drawChrome);
start(main);

get<Health>('/health')
  .then((hh) => {
    health = hh;
    drawFooter();
  })
  .catch(() => {});
