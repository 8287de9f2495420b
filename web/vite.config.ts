import { defineConfig } from 'vite';
import { writeFileSync } from 'node:fs';

// The build goes to dist/, which web/embed.go embeds into the marsad binary.
// The page must run under a CSP with no inline script or style
// (see README.md): no module-preload polyfill (it is an inline script), CSS
// in files, no inlined assets.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  json: { stringify: true },
  server: {
    // `npm run dev`: the UI with hot reload, the API from `npm run mock`
    // (or a marsad server: MARSAD_API=http://127.0.0.1:8080 npm run dev).
    proxy: { '/api': process.env.MARSAD_API ?? 'http://127.0.0.1:8787' },
  },
  plugins: [
    {
      name: 'marsad-keep-placeholder',
      // dist/.gitkeep is committed so that go:embed finds a file on a fresh
      // clone; put it back after Vite empties the folder.
      closeBundle() {
        writeFileSync('dist/.gitkeep', '');
      },
    },
  ],
});
