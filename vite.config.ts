import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { AFTER_GROUP, BOOT_REQUESTS } from './src/web/api/boot-requests.ts';

/**
 * Writes into the page's boot script the dashboard's first requests (one list:
 * src/web/api/boot-requests.ts) and, in a build, where each language's catalogue chunk is
 * (src/web/i18n/index.ts loads the reader's; the boot script preloads it beside the entry).
 */
const bootRequests: Plugin = {
  name: 'concord-boot-requests',
  transformIndexHtml: (html, ctx) => {
    const catalogues: Record<string, string> = {};
    for (const chunk of Object.values(ctx.bundle ?? {})) {
      const lang = chunk.type === 'chunk' ? /\/i18n\/(en|ko)\.json$/.exec(chunk.facadeModuleId ?? '')?.[1] : undefined;
      if (lang) catalogues[lang] = `/${chunk.fileName}`;
    }
    if (ctx.bundle && Object.keys(catalogues).length !== 2) throw new Error('vite.config.ts: the build has no chunk for each catalogue');
    const out = html
      .replace('/*BOOT_REQUESTS*/ null', JSON.stringify(BOOT_REQUESTS))
      .replace('/*AFTER_GROUP*/ null', JSON.stringify(AFTER_GROUP))
      .replace('/*CATALOGUES*/ null', ctx.bundle ? JSON.stringify(catalogues) : 'null');
    if (/\/\*(BOOT_REQUESTS|AFTER_GROUP|CATALOGUES)\*\//.test(out)) throw new Error('index.html: the boot script lost its placeholders');
    return out;
  },
};

/**
 * The Concord web app. Root is src/web; the build lands in dist/web, which the Fastify server
 * serves with an SPA fallback. In development, /api is proxied to a server on :8080.
 */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), bootRequests],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
});
