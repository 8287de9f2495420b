// Unit tests of src/highlight.ts (compiled to .unit/ by `npm run test:unit`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segment, mergeRanges, pairsToRanges, codePoints, cpLength } from '../../.unit/highlight.js';

/** What segment() gives, as [text, span label or null]. */
const cut = (text, spans, from, to) => segment(text, spans, from, to).map((s) => [s.text, s.span ? s.span.k : null]);

/** A span over the n-th occurrence of `word` in text, in code points. */
function spanOf(text, word, k, nth = 0) {
  const cps = codePoints(text);
  const w = codePoints(word);
  let seen = 0;
  for (let i = 0; i + w.length <= cps.length; i++) {
    if (w.every((c, j) => cps[i + j] === c)) {
      if (seen++ === nth) return { start: i, end: i + w.length, k };
    }
  }
  throw new Error(`${word} not in text`);
}

test('Arabic text: spans are code points, segments rebuild the text', () => {
  const text = 'قُتل 15 شخصاً في تفجير بالموصل أمس';
  const spans = [spanOf(text, 'بالموصل', 'LOC'), spanOf(text, '15 شخصاً', 'QTY')];
  const segs = cut(text, spans);
  assert.deepEqual(segs, [
    ['قُتل ', null],
    ['15 شخصاً', 'QTY'],
    [' في تفجير ', null],
    ['بالموصل', 'LOC'],
    [' أمس', null],
  ]);
  assert.equal(segs.map((s) => s[0]).join(''), text);
});

test('astral characters (emoji) count as one code point', () => {
  const text = '🔴 عاجل: الجيش يدخل 😀👍🏽 الموصل 𝒳';
  assert.equal(cpLength('😀'), 1);
  assert.equal('😀'.length, 2); // UTF-16 would be off by one per emoji
  const loc = spanOf(text, 'الموصل', 'LOC');
  // The offset in code points differs from the UTF-16 index.
  assert.notEqual(loc.start, text.indexOf('الموصل'));
  const segs = cut(text, [loc, spanOf(text, 'الجيش', 'ORG'), spanOf(text, '𝒳', 'MISC')]);
  assert.deepEqual(segs, [
    ['🔴 عاجل: ', null],
    ['الجيش', 'ORG'],
    [' يدخل 😀👍🏽 ', null],
    ['الموصل', 'LOC'],
    [' ', null],
    ['𝒳', 'MISC'],
  ]);
  // A span that covers an emoji keeps it whole (no lone surrogate).
  const e = spanOf(text, '😀', 'E');
  const [, mid] = segment(text, [e]);
  assert.equal(mid.text, '😀');
  for (const s of segment(text, [e, { start: e.start + 1, end: e.start + 3, k: 'X' }])) {
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s.text), 'no lone surrogate in ' + JSON.stringify(s.text));
  }
});

test('adjacent spans are both kept', () => {
  const text = 'بين صنعاءوعدن اليوم';
  const a = spanOf(text, 'صنعاء', 'A');
  const b = { start: a.end, end: a.end + 4, k: 'B' };
  assert.deepEqual(cut(text, [b, a]), [
    ['بين ', null],
    ['صنعاء', 'A'],
    ['وعدن', 'B'],
    [' اليوم', null],
  ]);
});

test('overlapping spans: the earlier wins, the longer on a tie; nested spans drop', () => {
  const text = 'قالت بعثة الأمم المتحدة في صنعاء إن';
  const org = spanOf(text, 'بعثة الأمم المتحدة في صنعاء', 'ORG');
  const loc = spanOf(text, 'صنعاء', 'LOC');
  const un = spanOf(text, 'الأمم المتحدة', 'ORG2');
  assert.deepEqual(cut(text, [loc, un, org]), [
    ['قالت ', null],
    ['بعثة الأمم المتحدة في صنعاء', 'ORG'],
    [' إن', null],
  ]);
  // Same start: the longer span wins whatever the input order.
  const short = { start: org.start, end: org.start + 4, k: 'SHORT' };
  assert.deepEqual(cut(text, [short, org])[1], ['بعثة الأمم المتحدة في صنعاء', 'ORG']);
  // Partial overlap: the later span is dropped, not cut into a fragment.
  const p1 = { start: 5, end: 10, k: 'P1' };
  const p2 = { start: 8, end: 14, k: 'P2' };
  const segs = cut(text, [p2, p1]);
  assert.deepEqual(segs.filter((s) => s[1]).map((s) => s[1]), ['P1']);
  assert.equal(segs.map((s) => s[0]).join(''), text);
});

test('a window [from, to) clips spans (title and body of one analysed text)', () => {
  const title = 'تفجير 💥 في بغداد';
  const body = 'قتل 3 في بغداد';
  const full = title + '\n\n' + body;
  const spans = [spanOf(full, 'بغداد', 'T', 0), spanOf(full, 'بغداد', 'B', 1), { start: cpLength(title) - 2, end: cpLength(title) + 4, k: 'CROSS' }];
  const tEnd = cpLength(title);
  const titleSegs = cut(full, spans, 0, tEnd);
  assert.equal(titleSegs.map((s) => s[0]).join(''), title);
  assert.deepEqual(titleSegs.at(-1), ['بغداد', 'T']);
  const bodySegs = cut(full, spans, tEnd + 2);
  assert.equal(bodySegs.map((s) => s[0]).join(''), body);
  assert.deepEqual(bodySegs.at(-1), ['بغداد', 'B']);
  // Offsets stay those of the whole text.
  const last = segment(full, spans, tEnd + 2).at(-1);
  assert.equal(last.end, cpLength(full));
});

test('invalid spans are ignored, out-of-range ones clamped', () => {
  const text = 'أبها 2015';
  const segs = cut(text, [
    { start: 3, end: 1, k: 'REV' },
    { start: 2, end: 2, k: 'EMPTY' },
    { start: 1.5, end: 3, k: 'FRAC' },
    { start: null, end: 3, k: 'NULL' },
    { start: '0', end: 3, k: 'STR' },
    { start: -5, end: 4, k: 'NEG' },
    { start: 5, end: 999, k: 'BIG' },
  ]);
  assert.deepEqual(segs, [
    ['أبها', 'NEG'],
    [' ', null],
    ['2015', 'BIG'],
  ]);
  assert.deepEqual(segment('', [{ start: 0, end: 3 }]), []);
  assert.deepEqual(cut('abc', []), [['abc', null]]);
});

test('search highlights: pairs to ranges, merged when they overlap or touch', () => {
  const r = pairsToRanges([[10, 14], [0, 3], [2, 5], [5, 7], 'junk', [20], [30, 40]]);
  assert.deepEqual(mergeRanges(r, 35), [
    { start: 0, end: 7 },
    { start: 10, end: 14 },
    { start: 30, end: 35 },
  ]);
  assert.deepEqual(pairsToRanges(null), []);
  const snippet = '…في 😀 الموصل، قتل';
  const hl = mergeRanges(pairsToRanges([[6, 12], [8, 10]]), cpLength(snippet));
  assert.deepEqual(segment(snippet, hl).map((s) => [s.text, !!s.span]), [
    ['…في 😀 ', false],
    ['الموصل', true],
    ['، قتل', false],
  ]);
});
