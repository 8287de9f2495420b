// Splitting text by code-point spans, without touching the DOM.
//
// marsad's spans (entities, times, quantities, evidence, search highlights)
// are half-open ranges of Unicode code points. JavaScript strings are UTF-16,
// so slicing a string with those offsets goes wrong after the first astral
// character (an emoji, a rare CJK ideograph…). Everything here works on the
// array of code points that Array.from(text) gives.
//
// The functions return plain segments; the caller turns them into text nodes
// and elements it creates itself (never HTML).

export interface Range {
  start: number;
  end: number;
}

export interface Segment<S> {
  /** The segment's text (a real JS string, ready for a text node). */
  text: string;
  /** Code-point offsets of the segment in the whole text. */
  start: number;
  end: number;
  /** The span that covers this segment, or null for plain text. */
  span: S | null;
}

/** The code points of a string (astral characters count as one). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** The number of code points of a string. */
export function cpLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function isOffset(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/**
 * Sorts and merges ranges that overlap or touch, dropping invalid ones
 * (non-integers, empty or reversed) and clamping them to [0, length].
 * Search highlights go through this: two overlapping marks become one.
 */
export function mergeRanges(ranges: readonly Range[], length: number): Range[] {
  const ok: Range[] = [];
  for (const r of ranges) {
    if (!r || !isOffset(r.start) || !isOffset(r.end)) continue;
    const start = Math.max(0, r.start);
    const end = Math.min(length, r.end);
    if (end > start) ok.push({ start, end });
  }
  ok.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of ok) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** Converts the API's [[start, end], …] pairs into ranges. */
export function pairsToRanges(pairs: unknown): Range[] {
  if (!Array.isArray(pairs)) return [];
  const out: Range[] = [];
  for (const p of pairs) {
    if (Array.isArray(p) && p.length >= 2) out.push({ start: p[0], end: p[1] });
  }
  return out;
}

/**
 * Cuts the code points [from, to) of a text into plain and spanned segments.
 *
 * Spans are clipped to [from, to). Where spans overlap, the one that starts
 * first wins (the longer one when two start together, so an organisation
 * whose name contains a place stays one link); a span that overlaps a
 * winner is dropped rather than cut into a misleading fragment. Adjacent
 * spans ([0,3) and [3,5)) are both kept. Invalid spans are ignored.
 *
 * @param text the text, or its code points (pass codePoints(text) when
 *             cutting the same text several times)
 */
export function segment<S extends Range>(
  text: string | readonly string[],
  spans: readonly S[],
  from = 0,
  to?: number,
): Segment<S>[] {
  const cps = typeof text === 'string' ? codePoints(text) : text;
  const lo = Math.max(0, Math.min(from, cps.length));
  const hi = Math.max(lo, Math.min(to ?? cps.length, cps.length));

  const cand: { s: S; start: number; end: number }[] = [];
  for (const s of spans) {
    if (!s || !isOffset(s.start) || !isOffset(s.end)) continue;
    const start = Math.max(lo, s.start);
    const end = Math.min(hi, s.end);
    if (end > start) cand.push({ s, start, end });
  }
  // Stable sort: by start, then longer first; equal spans keep input order.
  cand.sort((a, b) => a.start - b.start || b.end - a.end);

  const out: Segment<S>[] = [];
  let pos = lo;
  for (const c of cand) {
    if (c.start < pos) continue; // overlaps the previous winner
    if (c.start > pos) {
      out.push({ text: cps.slice(pos, c.start).join(''), start: pos, end: c.start, span: null });
    }
    out.push({ text: cps.slice(c.start, c.end).join(''), start: c.start, end: c.end, span: c.s });
    pos = c.end;
  }
  if (pos < hi) out.push({ text: cps.slice(pos, hi).join(''), start: pos, end: hi, span: null });
  return out;
}
