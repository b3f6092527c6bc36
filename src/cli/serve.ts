import { createServer } from 'node:net';
import { buildApp } from '../server/app.ts';
import { isEmpty, migrateToLatest, openStore } from '../server/db/database.ts';
import { WriteThread } from '../server/commands/write-thread.ts';
import { HeavyThread } from '../server/heavy/thread.ts';
import { FeedThread } from '../server/feeds/thread.ts';
import { fetchOptionsFromEnv } from '../server/feeds/fetch.ts';
import { createLogger } from '../server/logging.ts';
import { loadOrCreateKey, takeCheckpoint } from '../server/audit/checkpoint.ts';
import { DEFAULT_SESSION_LIMITS } from '../server/auth/sessions.ts';
import { passkeySettingsFromEnv } from '../server/auth/passkeys.ts';
import { missingProviderOrganisations, signInSettingsFromEnv } from '../server/auth/oidc-config.ts';
import { Deliverer, smtpTransport } from '../server/notify/deliver.ts';

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/**
 * TRUST_PROXY: `true` (trust every hop: only when the server cannot be reached but through the
 * proxy), a number of hops, or the proxies' addresses and CIDRs separated by commas.
 */
export function parseTrustProxy(v: string | undefined): boolean | number | string[] | undefined {
  const t = v?.trim();
  if (!t || t === 'false') return undefined;
  if (t === 'true') return true;
  if (/^\d+$/.test(t)) return Number(t);
  return t
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** How long a stop waits for requests in flight before it closes their connections (CONCORD_DRAIN_MS). */
function drainMs(): number {
  const v = process.env.CONCORD_DRAIN_MS;
  if (v === undefined || v === '') return 10_000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`CONCORD_DRAIN_MS must be a whole number of milliseconds (got "${v}")`);
  return n;
}

/** A whole number > 0 from the environment, or undefined when unset; anything else stops the start. */
function positiveInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0 (got ${JSON.stringify(raw)})`);
  return n;
}

/** Minutes between the audit checkpoints written to the log (CONCORD_CHECKPOINT_MINUTES; 0: none). */
function checkpointMinutes(): number {
  const v = process.env.CONCORD_CHECKPOINT_MINUTES;
  if (v === undefined || v === '') return 60;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`CONCORD_CHECKPOINT_MINUTES must be a number of minutes, 0 for none (got "${v}")`);
  return n;
}

/**
 * Migrates, optionally loads the demo, then serves until SIGTERM or SIGINT: the server stops
 * taking connections, lets the requests in flight finish (up to CONCORD_DRAIN_MS), stops the
 * write thread once its writes are committed, closes the store and exits 0. A second signal stops
 * at once.
 */
export async function serve(o: { port: number; host: string; demoIfEmpty: boolean; usersOnlyIfEmpty?: boolean }): Promise<void> {
  const log = createLogger();
  const drain = drainMs();
  // CONCORD_SIGNIN_PER_MINUTE: failed sign-ins (per client address) before the backoff starts (default 10).
  const signInPerMinute = positiveInteger('CONCORD_SIGNIN_PER_MINUTE');
  // How long browser sessions last: idle minutes and absolute hours (defaults in auth/sessions.ts).
  const idleMinutes = positiveInteger('CONCORD_SESSION_IDLE_MINUTES');
  const maxHours = positiveInteger('CONCORD_SESSION_MAX_HOURS');
  const sessionLimits = { idleMinutes: idleMinutes ?? DEFAULT_SESSION_LIMITS.idleMinutes, maxHours: maxHours ?? DEFAULT_SESSION_LIMITS.maxHours };
  // Passkeys: who must use one (CONCORD_PASSKEY_REQUIRED_ABOVE) and the address they are bound to (CONCORD_PUBLIC_URL).
  const passkeys = passkeySettingsFromEnv();
  // Identity providers (CONCORD_OIDC_PROVIDERS, CONCORD_PUBLIC_URL) and CONCORD_PASSWORD_SIGNIN: a mistake stops the start here.
  const signIn = signInSettingsFromEnv();
  // The WAL is checkpointed on a thread of its own, off the request path, by whichever thread
  // commits: the write thread below, or this one when there is none.
  const writeThread = process.env.CONCORD_WRITE_THREAD !== 'off';
  // Only --demo-if-empty may create a store; otherwise a SQLite file must exist (a mistyped path
  // would serve an empty store).
  const store = openStore(undefined, { backgroundCheckpoint: !writeThread, mustExist: !o.demoIfEmpty && !o.usersOnlyIfEmpty });
  const applied = await migrateToLatest(store.db);
  if (applied.length) log.info({ migrations: applied }, `Applied ${applied.length} migration(s) to ${store.location}`);
  if (o.demoIfEmpty && (await isEmpty(store.db))) {
    const { loadDemo } = await import('../server/demo/load.ts');
    await loadDemo(store);
    log.info({ store: store.location }, `Loaded the demo scenario into ${store.location} (demo users: see README; password concord-demo)`);
  } else if (o.usersOnlyIfEmpty && (await isEmpty(store.db))) {
    const { loadDemo } = await import('../server/demo/load.ts');
    const { usersOnlyScenario } = await import('../server/demo/scenario.ts');
    await loadDemo(store, usersOnlyScenario());
    log.info({ store: store.location }, `Loaded the demo's users and reference data (no groups) into ${store.location} (password concord-demo)`);
  }
  for (const problem of await missingProviderOrganisations(store.db, signIn.providers)) log.warn(`CONCORD_OIDC_PROVIDERS: ${problem}; nobody is admitted to it until it exists`);
  if (signIn.providers.length) {
    log.info(
      { providers: signIn.providers.map((p) => p.id), passwordSignIn: signIn.passwordSignIn },
      `Sign-in through ${signIn.providers.map((p) => p.id).join(', ')}${signIn.passwordSignIn ? ' and passwords' : ' only (password sign-in off)'}`,
    );
  }
  // CONCORD_READ_CACHE=off serves every read from the store (for measuring the cold path).
  const readCache = process.env.CONCORD_READ_CACHE === 'off' ? false : process.env.CONCORD_READ_CACHE === 'on' ? true : undefined;
  const readCacheMB = process.env.CONCORD_READ_CACHE_MB ? Number(process.env.CONCORD_READ_CACHE_MB) : undefined;
  if (readCacheMB !== undefined && !(readCacheMB > 0)) throw new Error(`CONCORD_READ_CACHE_MB must be a positive number of megabytes (got "${process.env.CONCORD_READ_CACHE_MB}")`);
  // On the embedded store the API's commands run on a write thread (which also checkpoints the
  // WAL), the main thread keeping HTTP and reads; CONCORD_WRITE_THREAD=off keeps them here.
  let writer: WriteThread | undefined;
  if (writeThread && store.dialect === 'sqlite' && store.location !== ':memory:') {
    writer = await WriteThread.start(store.location, store);
    // Nothing else here writes any more; a write that slipped past the thread fails loudly.
    store.sqlite!.write.exec('PRAGMA query_only = ON');
  }
  // Alignment and message discipline run on an analysis thread, so no request holds the event
  // loop (CONCORD_ANALYSIS_THREAD=off runs them here).
  const heavy =
    process.env.CONCORD_ANALYSIS_THREAD !== 'off' && store.location !== ':memory:'
      ? await HeavyThread.start({
          threads: Number(process.env.CONCORD_ANALYSIS_THREADS) || 1,
          onWarm: (groups, ms) => groups.length && log.info({ groups, ms }, `Analysis thread: loaded the positions of ${groups.join(', ')} ahead in ${ms} ms`),
        })
      : undefined;
  const app = await buildApp({ store, logger: log, readCache, readCacheMB, writer, heavy, trustProxy: parseTrustProxy(process.env.TRUST_PROXY), signInPerMinute, sessionLimits, passkeys, signIn });
  let port = o.port;
  for (let i = 0; i < 20 && !(await portFree(port, o.host)); i++) port += 1;
  if (port !== o.port) log.warn({ port, wanted: o.port }, `Port ${o.port} is busy; using ${port} instead`);
  await app.listen({ port, host: o.host });
  const address = app.server.address();
  if (address && typeof address === 'object') port = address.port; // --port 0: the one the system gave
  const shown = o.host === '127.0.0.1' || o.host === '0.0.0.0' ? 'localhost' : o.host;
  log.info(
    { store: store.location, url: `http://${shown}:${port}`, writeThread: Boolean(writer) },
    `Concord is serving ${store.location} on http://${shown}:${port} (API docs: http://${shown}:${port}/api/docs)`,
  );

  // The signals are heard from the moment the port is open: the steps below (the feed thread,
  // the first checkpoint, the deliverer) take a moment, and a SIGTERM in that moment must still
  // stop the server cleanly. Each step looks whether a stop has begun before it starts.
  let stopping = false;
  let feeds: FeedThread | undefined;
  let checkpoints: NodeJS.Timeout | undefined;
  let deliverer: Deliverer | undefined;
  let lastHead = '';
  let checkpoint = async (): Promise<void> => {};
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'Second signal: stopping at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, drainMs: drain }, 'Stopping: no new connections; letting requests in flight finish');
    const timer = setTimeout(() => {
      log.warn({ drainMs: drain }, 'Requests still in flight after the drain timeout: closing their connections');
      app.server.closeAllConnections();
    }, drain);
    timer.unref();
    // A keep-alive connection whose request has now been answered is closed, not left to the timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    idle.unref();
    let code = 0;
    try {
      await app.close();
      clearTimeout(timer);
      clearInterval(idle);
      await started.catch(() => {});
      clearInterval(checkpoints);
      await feeds?.close();
      await deliverer?.stop();
      await writer?.close();
      await checkpoint();
      await store.close();
      log.info('Stopped cleanly');
    } catch (e) {
      code = 1;
      log.error({ err: e }, 'Stopping failed');
    }
    log.flush();
    process.exit(code);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));

  const started = (async () => {
    // The feeds groups follow are fetched on a thread of their own, every CONCORD_FEEDS_MINUTES
    // (0: never); a round looks for due feeds every CONCORD_FEEDS_TICK_MS (default a minute).
    const feedOptions = fetchOptionsFromEnv();
    if (feedOptions.intervalMinutes > 0 && store.location !== ':memory:') {
      feeds = await FeedThread.start({
        options: feedOptions,
        tickMs: positiveInteger('CONCORD_FEEDS_TICK_MS'),
        onReports: (reports) => {
          for (const r of reports) (r.status === 'ok' || r.status === 'not_modified' ? log.info : log.warn).call(log, { feed: r }, `Feed ${r.url}: ${r.status}, ${r.added} new item(s)`);
        },
        onError: (message) => log.error({ err: message }, `Feed thread: ${message}`),
      });
      log.info({ minutes: feedOptions.intervalMinutes }, `Fetching followed feeds every ${feedOptions.intervalMinutes} minute(s)`);
    }
    if (stopping) return;

    // Signed checkpoints of the audit chain in the log: a fixed point outside the database that
    // `concord audit verify --checkpoint` can check the store against (audit/checkpoint.ts).
    const key = loadOrCreateKey();
    log.info({ keyId: key.keyId, keyFile: key.path }, `Instance key ${key.keyId} (audit checkpoints are signed with it)`);
    const every = checkpointMinutes();
    checkpoint = async () => {
      try {
        const c = await takeCheckpoint(store.db, key);
        if (c.head === lastHead) return;
        lastHead = c.head;
        log.info({ checkpoint: c }, `Audit checkpoint: event ${c.seq}`);
      } catch (e) {
        log.error({ err: e }, 'Could not take an audit checkpoint');
      }
    };
    await checkpoint();
    if (stopping) return;
    checkpoints = every > 0 ? setInterval(() => void checkpoint(), every * 60_000) : undefined;
    checkpoints?.unref();

    // The outbox's deliverer: notifications leave by e-mail when SMTP_URL names a server
    // (notify/deliver.ts); its loop writes the reminders and digests either way (notify/schedule.ts).
    const smtp = process.env.SMTP_URL;
    deliverer = new Deliverer({
      store,
      writer,
      transport: smtp ? smtpTransport(smtp) : null,
      scheduleMs: positiveInteger('CONCORD_NOTIFY_SCHEDULE_MS') ?? 60_000,
      onError: (e) => log.error({ err: e }, 'Could not deliver notifications'),
    });
    deliverer.start(positiveInteger('CONCORD_NOTIFY_EVERY_MS') ?? 10_000);
    if (smtp) log.info({ smtp: smtp.replace(/\/\/[^@/]*@/, '//***@') }, 'Notifications are mailed through SMTP');
  })();
  started.catch((e) => {
    if (stopping) return;
    log.fatal({ err: e }, 'Could not start the background tasks; stopping');
    log.flush();
    process.exit(1);
  });
  await new Promise(() => {});
}
