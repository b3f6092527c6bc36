import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Concord web app. Root is src/web; the build lands in dist/web, which the Fastify server
 * serves with an SPA fallback. In development, /api is proxied to a server on :8080.
 */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
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
