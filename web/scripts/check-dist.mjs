// After `vite build`: checks that the UI can run under the CSP of README.md
// and never parses data as HTML, then writes gzip copies of the larger files
// (web.Handler serves them to clients that accept gzip).
//
// Fails (exit 1) when:
//   - dist/index.html has an inline script, an inline event handler, a
//     <style> element or a style attribute;
//   - the source uses an HTML sink (innerHTML, outerHTML, insertAdjacentHTML,
//     document.write) or eval / new Function;
//   - the built JavaScript calls eval or new Function (script-src 'self' has
//     no 'unsafe-eval').

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const problems = [];

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// 1. index.html
const html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc\s*=/.test(m[1]) || m[2].trim() !== '') problems.push('index.html: inline <script>: ' + m[0].slice(0, 80));
}
if (/<[^>]+\son[a-z]+\s*=/i.test(html)) problems.push('index.html: inline event handler');
if (/<style\b/i.test(html)) problems.push('index.html: <style> element');
if (/<[^>]+\sstyle\s*=/i.test(html)) problems.push('index.html: style attribute');

// 2. sources: no HTML sinks, no eval.
const sink = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\s*\(|document\.write(ln)?\s*\(|\beval\s*\(|new\s+Function\s*\(|setAttribute\(\s*['"]style['"]|createContextualFragment|DOMParser/;
for (const f of walk(join(root, 'src')).filter((f) => /\.(ts|js)$/.test(f))) {
  readFileSync(f, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/^\s*\*/.test(code)) return;
      if (sink.test(code)) problems.push(`${relative(root, f)}:${i + 1}: HTML sink or eval: ${line.trim()}`);
    });
}

// 3. built JavaScript: no eval (CSP).
const files = walk(dist);
for (const f of files.filter((f) => f.endsWith('.js'))) {
  const js = readFileSync(f, 'utf8');
  if (/\beval\s*\(|new\s+Function\s*\(/.test(js)) problems.push(`${relative(root, f)}: eval or new Function`);
}

if (problems.length) {
  console.error('check-dist: the build breaks the UI\'s rules:\n  ' + problems.join('\n  '));
  process.exit(1);
}

// 4. gzip copies
let n = 0;
for (const f of files) {
  if (!/\.(js|css|html|svg|json)$/.test(f)) continue;
  const buf = readFileSync(f);
  if (buf.length < 1024) continue;
  writeFileSync(f + '.gz', gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }));
  n++;
}
console.log(`check-dist: index.html has no inline script or style; no HTML sinks in src/; ${n} files gzipped`);
