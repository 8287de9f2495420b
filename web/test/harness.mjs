// Shared by the browser tests and the screenshot script: the target (the
// MARSAD_URL server, or the mock over dist/) and Debian's Chromium driven by
// playwright-core. No browser is ever downloaded.

import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The server under test:
 *   MARSAD_URL=http://127.0.0.1:8080   a server that is already running;
 *   MARSAD_CMD='bin/marsad demo --addr 127.0.0.1:{port}'
 *                                      a command started here ({port} is a
 *                                      free port), waited for on
 *                                      /api/v1/health, and stopped after;
 *   neither: the mock API (test/mock) over dist/, on a free port.
 */
export async function target() {
  if (process.env.MARSAD_CMD) return command(process.env.MARSAD_CMD);
  if (process.env.MARSAD_URL) {
    const url = process.env.MARSAD_URL.replace(/\/+$/, '');
    return { url, mock: false, close: async () => {} };
  }
  if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
    throw new Error('web/dist is not built: run `npm run build` first (or set MARSAD_URL)');
  }
  const { start } = await import('./mock/server.mjs');
  const srv = await start({ port: 0 });
  return { url: srv.url, mock: true, close: srv.close };
}

/** Headless Debian Chromium with a fresh profile. */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    // playwright-core gives every launch a fresh temporary profile
    // (--user-data-dir) of its own and removes it on close.
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {});
    },
  };
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function command(cmd) {
  const port = await freePort();
  const line = cmd.replaceAll('{port}', String(port));
  const child = spawn('sh', ['-c', 'exec ' + line], { stdio: ['ignore', 'inherit', 'inherit'], cwd: process.env.MARSAD_CWD ?? process.cwd() });
  let exited = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + Number(process.env.MARSAD_START_TIMEOUT ?? 120) * 1000;
  for (;;) {
    if (exited !== null) throw new Error(`${line}: exited with ${exited} before serving`);
    try {
      const r = await fetch(url + '/api/v1/health');
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`${line}: no answer on ${url}/api/v1/health`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    mock: false,
    close: () =>
      new Promise((ok) => {
        if (exited !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
