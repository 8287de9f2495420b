// The only way this UI builds DOM: elements it creates itself, untrusted
// strings only ever as text nodes or attribute values. There is no HTML
// parsing anywhere in the UI (no innerHTML, insertAdjacentHTML, outerHTML or
// document.write); `npm run check` fails the build if one appears.

import { segment, type Range, type Segment } from './highlight';

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((ev: Event) => void)>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') {
      if (!k.startsWith('on')) throw new Error(`h: function for ${k}`);
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
      continue;
    }
    // Inline handlers and style attributes would break the CSP (and handlers
    // are a script-injection path): never set them from data.
    if (/^on/i.test(k) || k === 'style') throw new Error(`h: refusing attribute ${k}`);
    if (v === null || v === undefined || v === false) continue;
    if (k === 'href' || k === 'src' || k === 'action' || k === 'xlink:href') {
      const safe = safeUrl(String(v));
      if (safe === null) continue;
      el.setAttribute(k, safe);
      continue;
    }
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** Creates an HTML element. Strings among children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVGNS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVGNS, tag) as SVGElementTagNameMap[K];
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces the children of an element. */
export function put(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * A URL that is safe to put in href: same-origin paths, and absolute http(s)
 * URLs. Anything else (javascript:, data:, vbscript:, protocol-relative
 * "//host", garbage) gives null and the attribute is left out.
 */
export function safeUrl(url: string): string | null {
  const u = url.trim();
  if (u === '') return null;
  if (u.startsWith('/') && !u.startsWith('//') && !u.startsWith('/\\')) return u;
  if (u.startsWith('#') || u.startsWith('?')) return u;
  try {
    const p = new URL(u);
    if (p.protocol === 'http:' || p.protocol === 'https:') return p.href;
  } catch {
    /* not a URL */
  }
  return null;
}

/**
 * Appends text to parent with the code-point ranges marked by elements that
 * make() creates (make() sets textContent; it never receives HTML).
 */
export function renderSpans<S extends Range>(
  parent: Node,
  text: string | readonly string[],
  spans: readonly S[],
  make: (seg: Segment<S> & { span: S }) => Element,
  from = 0,
  to?: number,
): void {
  for (const seg of segment(text, spans, from, to)) {
    if (seg.span === null) parent.appendChild(document.createTextNode(seg.text));
    else parent.appendChild(make(seg as Segment<S> & { span: S }));
  }
}

/** A debounced function, with cancel() for the call still waiting. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): ((...a: A) => void) & { cancel(): void } {
  let t: ReturnType<typeof setTimeout> | undefined;
  const d = (...a: A) => {
    if (t !== undefined) clearTimeout(t);
    t = setTimeout(() => {
      t = undefined;
      fn(...a);
    }, ms);
  };
  d.cancel = () => {
    if (t !== undefined) clearTimeout(t);
    t = undefined;
  };
  return d;
}
