/** Development aid: the server with the demo (or factory) data on :8080 serving dist/web. */
import { startServer } from './harness.ts';

const s = await startServer();
const port = Number(process.env.PORT ?? 8080);
await s.app.close();
const { buildApp } = await import('../../src/server/app.ts');
const app = await buildApp({ store: s.store, webRoot: 'dist/web', signInPerMinute: 10_000 });
await app.listen({ port, host: '127.0.0.1' });
console.log(`Concord on http://127.0.0.1:${port} (demo: ${s.demo})`);
