// Client-side routes with the History API. The server answers index.html for
// every non-/api path (web.Handler), so deep links and reloads work.

export interface Ctx {
  /** Where the view renders. */
  root: HTMLElement;
  /** Decoded path parameters. */
  params: string[];
  query: URLSearchParams;
  /** Aborted when the user navigates away. */
  signal: AbortSignal;
}

export type View = (ctx: Ctx) => void | Promise<void>;

interface Route {
  re: RegExp;
  view: View;
}

const routes: Route[] = [];
let notFound: View = () => {};
let onRender: (path: string) => void = () => {};
let current: AbortController | null = null;
let root: HTMLElement;

export function route(re: RegExp, view: View): void {
  routes.push({ re, view });
}

export function setNotFound(v: View): void {
  notFound = v;
}

export function afterRender(fn: (path: string) => void): void {
  onRender = fn;
}

/** Goes to a same-origin URL. */
export function go(url: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const before = location.pathname + location.search;
  if (opts.replace) history.replaceState(null, '', url);
  else if (url !== before) history.pushState(null, '', url);
  render(opts.keepScroll);
}

/** Changes the query string without a new history entry (typing in a filter). */
export function replaceQuery(p: URLSearchParams): void {
  const qs = p.toString();
  history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
}

export function render(keepScroll = false): void {
  current?.abort();
  current = new AbortController();
  const path = location.pathname;
  let view = notFound;
  let params: string[] = [];
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) {
      view = r.view;
      try {
        params = m.slice(1).map((x) => decodeURIComponent(x ?? ''));
      } catch {
        view = notFound;
      }
      break;
    }
  }
  const ctx: Ctx = { root, params, query: new URLSearchParams(location.search), signal: current.signal };
  root.replaceChildren();
  if (!keepScroll) window.scrollTo(0, 0);
  onRender(path);
  const r = view(ctx);
  if (r instanceof Promise) r.catch((e) => console.error(e));
}

export function start(el: HTMLElement): void {
  root = el;
  window.addEventListener('popstate', () => render(true));
  // Same-origin links navigate without reloading.
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || a.getAttribute('target') || a.hasAttribute('download')) return;
    const href = a.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
    ev.preventDefault();
    go(href);
  });
  render(true);
}
