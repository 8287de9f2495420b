// Shared by the browser tests and the screenshot script: the target (the
// MARSAD_URL server, or the mock over dist/) and Debian's Chromium driven by
// playwright-core. No browser is ever downloaded.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The server under test: MARSAD_URL when set, else the mock on a free port. */
export async function target() {
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
