import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { AFTER_GROUP, BOOT_REQUESTS } from './src/web/api/boot-requests.ts';

/** Writes the dashboard's first requests (one list: src/web/api/boot-requests.ts) into the page's boot script. */
const bootRequests = {
  name: 'concord-boot-requests',
  transformIndexHtml: (html: string) => {
    const out = html.replace('/*BOOT_REQUESTS*/ null', JSON.stringify(BOOT_REQUESTS)).replace('/*AFTER_GROUP*/ null', JSON.stringify(AFTER_GROUP));
    if (out.includes('/*BOOT_REQUESTS*/') || out.includes('/*AFTER_GROUP*/')) throw new Error('index.html: the boot script lost its placeholders');
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
