import { createServer } from 'node:net';
import { buildApp } from '../server/app.ts';
import { isEmpty, migrateToLatest, openStore } from '../server/db/database.ts';

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** Migrates, optionally loads the demo, then serves until interrupted. */
export async function serve(o: { port: number; host: string; demoIfEmpty: boolean; log: boolean }): Promise<void> {
  // The server checkpoints the embedded store's WAL on a worker thread, off the request path.
  const store = openStore(undefined, { backgroundCheckpoint: true });
  await migrateToLatest(store.db);
  if (o.demoIfEmpty && (await isEmpty(store.db))) {
    const { loadDemo } = await import('../server/demo/load.ts');
    await loadDemo(store);
    process.stdout.write(`Loaded the demo scenario into ${store.location} (demo users: see README; password concord-demo)\n`);
  }
  // CONCORD_READ_CACHE=off serves every read from the store (for measuring the cold path).
  const readCache = process.env.CONCORD_READ_CACHE === 'off' ? false : process.env.CONCORD_READ_CACHE === 'on' ? true : undefined;
  const app = await buildApp({ store, logger: o.log, readCache });
  let port = o.port;
  for (let i = 0; i < 20 && !(await portFree(port, o.host)); i++) port += 1;
  if (port !== o.port) process.stdout.write(`Port ${o.port} is busy; using ${port} instead\n`);
  await app.listen({ port, host: o.host });
  const shown = o.host === '127.0.0.1' || o.host === '0.0.0.0' ? 'localhost' : o.host;
  process.stdout.write(`Concord is serving ${store.location} on http://${shown}:${port} (API docs: http://${shown}:${port}/api/docs)\n`);
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
}
