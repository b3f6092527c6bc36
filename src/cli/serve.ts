import { createServer } from 'node:net';
import { buildApp } from '../server/app.ts';
import { isEmpty, migrateToLatest, openStore } from '../server/db/database.ts';
import { WriteThread } from '../server/commands/write-thread.ts';

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** Migrates, optionally loads the demo, then serves until interrupted. */
export async function serve(o: { port: number; host: string; demoIfEmpty: boolean; log: boolean }): Promise<void> {
  // The WAL is checkpointed on a thread of its own, off the request path, by whichever thread
  // commits: the write thread below, or this one when there is none.
  const writeThread = process.env.CONCORD_WRITE_THREAD !== 'off';
  // Only --demo-if-empty may create a store; otherwise a SQLite file must exist (a mistyped path
  // would serve an empty store).
  const store = openStore(undefined, { backgroundCheckpoint: !writeThread, mustExist: !o.demoIfEmpty });
  await migrateToLatest(store.db);
  if (o.demoIfEmpty && (await isEmpty(store.db))) {
    const { loadDemo } = await import('../server/demo/load.ts');
    await loadDemo(store);
    process.stdout.write(`Loaded the demo scenario into ${store.location} (demo users: see README; password concord-demo)\n`);
  }
  // CONCORD_READ_CACHE=off serves every read from the store (for measuring the cold path).
  const readCache = process.env.CONCORD_READ_CACHE === 'off' ? false : process.env.CONCORD_READ_CACHE === 'on' ? true : undefined;
  // On the embedded store the API's commands run on a write thread (which also checkpoints the
  // WAL), the main thread keeping HTTP and reads; CONCORD_WRITE_THREAD=off keeps them here.
  let writer: WriteThread | undefined;
  if (writeThread && store.dialect === 'sqlite' && store.location !== ':memory:') {
    writer = await WriteThread.start(store.location, store);
    // Nothing else here writes any more; a write that slipped past the thread fails loudly.
    store.raw!.exec('PRAGMA query_only = ON');
  }
  const app = await buildApp({ store, logger: o.log, readCache, writer });
  let port = o.port;
  for (let i = 0; i < 20 && !(await portFree(port, o.host)); i++) port += 1;
  if (port !== o.port) process.stdout.write(`Port ${o.port} is busy; using ${port} instead\n`);
  await app.listen({ port, host: o.host });
  const shown = o.host === '127.0.0.1' || o.host === '0.0.0.0' ? 'localhost' : o.host;
  process.stdout.write(`Concord is serving ${store.location} on http://${shown}:${port} (API docs: http://${shown}:${port}/api/docs)\n`);
  const stop = async () => {
    await app.close();
    await writer?.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
}
