/**
 * The feed fetcher: claims the feeds that are due, fetches each (feeds/http.ts), and adds every new
 * item to the review queue as an article, through the same preparation and write as a pasted one
 * (commands/articles.ts `prepareArticles`, `writeArticles`), in one transaction per item with its
 * audit event, in the name of the user who followed the feed.
 *
 * - **New** means: no item of any feed of the group had the same guid (in this feed), the same
 *   address, or the same content (SHA-256 of the item's text, whitespace and case folded). The
 *   check is made again inside the item's transaction.
 * - **Claims**: a feed is taken with a lease (`lease_owner`, `lease_until`) in one UPDATE whose
 *   subquery picks the due feeds; on PostgreSQL that subquery is `FOR UPDATE SKIP LOCKED`, so
 *   several `concord serve` processes (or a `concord feeds fetch` beside them) never fetch the same
 *   feed at once: a feed another process holds is skipped, not waited for, and its lease ends when
 *   that process records the fetch (or, should it die, when the lease runs out). SQLite
 *   serialises its writers, so the same UPDATE is atomic there.
 * - **Bookkeeping** (last fetch, status, ETag / Last-Modified, failures, next fetch) is the
 *   fetcher's operational state, like a token's last use: not audited and moving no version, so a
 *   follower's edit never meets a 409 because a fetch happened.
 * - **Backoff**: each failure in a row doubles the wait (the interval × 2^failures, at most a day).
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { XMLValidator } from 'fast-xml-parser';
import type { Store } from '../db/database.ts';
import type { GroupFeedRow } from '../db/tables.ts';
import { loadActor } from '../auth/actor.ts';
import { fetchMayAddFor } from '../policies/feed.ts';
import { articleLookups, prepareArticles, writeArticles, type ArticleLookups } from '../commands/articles.ts';
import { newId, runCommand } from '../commands/run.ts';
import { AppError } from '../errors.ts';
import { getFeed, type AddressPolicy } from './http.ts';
import { detectFormat, parseFeed, toIsoDate, type FeedItem } from '../../core/extract/index.ts';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import type { FeedStatus } from '../../core/api/feeds.ts';

export interface FetchOptions {
  /** Minutes between two fetches of a feed that answered. */
  intervalMinutes: number;
  /** The whole answer must arrive within this (default 15 s). */
  timeoutMs?: number;
  /** A larger answer is refused (default 5 MiB). */
  maxBytes?: number;
  addresses?: AddressPolicy;
  /** Who holds the leases this run takes (default: host and process id). */
  leaseOwner?: string;
  /** Fetch every followed feed, due or not (`concord feeds fetch --all`). */
  all?: boolean;
  /** At most this many feeds a round (default 50). */
  limit?: number;
  now?: () => Date;
}

export interface FeedReport {
  feedId: string;
  url: string;
  status: FeedStatus;
  detail: string | null;
  added: number;
  repeated: number;
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, limit: 50 };
const DAY_MS = 24 * 60 * 60_000;

/** The fetcher's settings from the environment (`concord serve`, `concord feeds fetch`); see README "Feeds". */
export function fetchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FetchOptions & { timeoutMs: number; maxBytes: number } {
  const num = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number of at least ${min} (got ${JSON.stringify(raw)})`);
    return n;
  };
  const text = (name: string) => env[name];
  const list = (name: string) =>
    (text(name) ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    intervalMinutes: num('CONCORD_FEEDS_MINUTES', 30, 0),
    timeoutMs: num('CONCORD_FEEDS_TIMEOUT_MS', DEFAULTS.timeoutMs, 100),
    maxBytes: num('CONCORD_FEEDS_MAX_BYTES', DEFAULTS.maxBytes, 1024),
    addresses: { allowPrivate: text('CONCORD_FEEDS_PRIVATE') === 'allow', allow: list('CONCORD_FEEDS_ALLOW'), deny: list('CONCORD_FEEDS_DENY') },
  };
}

/** Claims the due feeds (a lease each), fetches them one after the other, and reports each. */
export async function fetchDueFeeds(store: Store, o: FetchOptions): Promise<FeedReport[]> {
  const owner = o.leaseOwner ?? `${hostname()}:${process.pid}`;
  const ids = await claimDueFeeds(store, { ...o, leaseOwner: owner });
  const out: FeedReport[] = [];
  for (const id of ids) out.push(await fetchClaimed(store, id, { ...o, leaseOwner: owner }));
  return out;
}

/** Takes the lease of the feeds due now (all followed ones with `all`), skipping those another process holds. */
export async function claimDueFeeds(store: Store, o: FetchOptions & { leaseOwner: string }): Promise<string[]> {
  const now = (o.now ?? (() => new Date()))();
  const at = now.toISOString();
  const timeout = o.timeoutMs ?? DEFAULTS.timeoutMs;
  // Long enough for the fetch and its items; a process that dies leaves the feed for this long.
  const until = new Date(now.getTime() + timeout * 4 + 5 * 60_000).toISOString();
  let due = store.db
    .selectFrom('group_feeds')
    .select('id')
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .orderBy('next_fetch_at')
    .orderBy('id')
    .limit(o.limit ?? DEFAULTS.limit);
  if (!o.all) due = due.where('next_fetch_at', '<=', at);
  if (store.dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await store.db.updateTable('group_feeds').set({ lease_owner: o.leaseOwner, lease_until: until }).where('id', 'in', due).returning('id').execute();
  return rows.map((r) => r.id);
}

/** The content key of an item: its text (else its title), whitespace collapsed, case folded. */
export function contentHash(item: Pick<FeedItem, 'title' | 'text'>): string {
  const basis = (item.text.trim() ? item.text : item.title).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(basis).digest('hex');
}

interface Outcome {
  status: FeedStatus;
  detail: string | null;
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
}

/** Fetches one feed this process holds the lease of, adds its new items, and records the outcome. */
export async function fetchClaimed(store: Store, id: string, o: FetchOptions & { leaseOwner: string }): Promise<FeedReport> {
  const db = store.db;
  const feed = await db.selectFrom('group_feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const report: FeedReport = { feedId: id, url: feed.url, status: 'pending', detail: null, added: 0, repeated: 0 };
  const outcome = await fetchAndAdd(store, feed, o, report).catch((e: unknown): Outcome => ({ status: 'network', detail: e instanceof Error ? e.message : String(e) }));
  report.status = outcome.status;
  report.detail = outcome.detail;
  await record(store, feed, outcome, report.added, o);
  return report;
}

async function fetchAndAdd(store: Store, feed: GroupFeedRow, o: FetchOptions & { leaseOwner: string }, report: FeedReport): Promise<Outcome> {
  const follower = feed.added_by ? await loadActor(store.db, feed.added_by) : undefined;
  if (!fetchMayAddFor(follower, feed.wg_id)) return { status: 'not_allowed', detail: 'the user who followed this feed may no longer add articles to the group' };
  const res = await getFeed(feed.url, {
    etag: feed.etag,
    lastModified: feed.last_modified,
    timeoutMs: o.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBytes: o.maxBytes ?? DEFAULTS.maxBytes,
    addresses: o.addresses ?? {},
  });
  if (res.kind === 'not_modified') return { status: 'not_modified', detail: null, etag: res.etag, lastModified: res.lastModified };
  if (res.kind !== 'ok') return { status: res.kind, detail: res.detail };
  const format = detectFormat(res.body);
  const valid = XMLValidator.validate(res.body);
  const xmlError = valid === true ? null : `line ${valid.err.line}: ${valid.err.msg}`;
  if (format !== 'rss' && format !== 'atom') return { status: 'malformed', detail: xmlError ?? 'not an RSS or Atom feed' };
  const items = parseFeed(res.body, { ids: true }).filter((i) => i.text.trim() || i.title.trim());
  // Feeds in the wild are not always well-formed, and the reader is lenient; a feed that is not
  // well-formed and yields no item with a body is broken.
  if (xmlError && !items.some((i) => i.text.trim())) return { status: 'malformed', detail: xmlError };
  const channelTitle = /<(?:channel|feed)\b[^>]*>[\s\S]*?<title[^>]*>([^<]{1,300})<\/title>/i.exec(res.body)?.[1]?.trim() ?? null;
  const today = (o.now ?? (() => new Date()))().toISOString().slice(0, 10);
  // Read once for the feed's items: the directory, the group's issues the follower sees, the parties.
  const lookups = await articleLookups(store.db, follower, feed.wg_id);
  for (const item of items) {
    const added = await addItem(store, feed, follower, item, today, lookups);
    if (added) report.added += 1;
    else report.repeated += 1;
  }
  return { status: 'ok', detail: xmlError ? `not well-formed XML (${xmlError}); read leniently` : null, etag: res.etag, lastModified: res.lastModified, title: channelTitle };
}

/** The guid of an item (RSS `guid`, Atom `id`), else its link. */
const guidOf = (item: FeedItem): string | null => (item.id ?? item.link)?.slice(0, 2000) ?? null;

/**
 * Adds one item as an article of the feed's group, unless the group has it already (by guid,
 * address or content). One transaction: the article, its candidates, its audit event, and the
 * item's record. Returns whether it was added.
 */
async function addItem(store: Store, feed: GroupFeedRow, follower: NonNullable<Awaited<ReturnType<typeof loadActor>>>, item: FeedItem, today: string, lookups: ArticleLookups): Promise<boolean> {
  const hash = contentHash(item);
  const url = item.link && /^https?:\/\//i.test(item.link) ? item.link : null;
  const guid = guidOf(item);
  const seen = async (db: Store['db']) => {
    const q = db
      .selectFrom('group_feed_items')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('wg_id', '=', feed.wg_id), eb('content_hash', '=', hash)]),
          ...(url ? [eb.and([eb('wg_id', '=', feed.wg_id), eb('url', '=', url)])] : []),
          ...(guid ? [eb.and([eb('feed_id', '=', feed.id), eb('guid', '=', guid)])] : []),
        ]),
      )
      .limit(1);
    return Boolean(await q.executeTakeFirst());
  };
  if (await seen(store.db)) return false;
  const ctx = { store, actor: follower, requestId: null };
  let prepared: Awaited<ReturnType<typeof prepareArticles>>;
  try {
    prepared = await prepareArticles(
      ctx,
      {
        wgId: feed.wg_id,
        text: item.text.trim() ? item.text : item.title,
        format: 'text',
        sourceUrl: url,
        publishedOn: toIsoDate(item.date) ?? today,
        title: item.title || null,
        scope: feed.scope,
        classification: CLASSIFICATIONS[Number(feed.classification)],
      },
      { feedId: feed.id, language: feed.language },
      lookups,
    );
  } catch (e) {
    // An item that makes no article (no text, a date out of range) is skipped; a new version of it may.
    if (e instanceof AppError) return false;
    throw e;
  }
  return runCommand(ctx, async (tx, audit) => {
    if (await seen(tx)) {
      // Another fetch took it meanwhile; the audit rule needs an event, so nothing is written.
      throw new AppError('conflict', 'taken meanwhile');
    }
    await writeArticles(tx, audit, prepared);
    await tx
      .insertInto('group_feed_items')
      .values({ id: newId(), feed_id: feed.id, wg_id: feed.wg_id, guid, url, content_hash: hash, article_id: prepared.articles[0]?.id ?? null, first_seen_at: new Date().toISOString() })
      .execute();
    return true;
  }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'conflict') return false;
    throw e;
  });
}

/** Records a fetch's outcome and ends the lease: the next fetch after the interval, or later after failures. */
async function record(store: Store, feed: GroupFeedRow, out: Outcome, added: number, o: FetchOptions & { leaseOwner: string }): Promise<void> {
  const now = (o.now ?? (() => new Date()))();
  const ok = out.status === 'ok' || out.status === 'not_modified';
  const failures = ok ? 0 : Number(feed.failure_count) + 1;
  const interval = Math.max(1, o.intervalMinutes) * 60_000;
  const wait = ok ? interval : Math.min(DAY_MS, interval * 2 ** Math.min(failures, 10));
  await store.db
    .updateTable('group_feeds')
    .set({
      last_fetched_at: now.toISOString(),
      last_status: out.status,
      last_error: out.detail ? out.detail.slice(0, 1000) : null,
      failure_count: failures,
      next_fetch_at: new Date(now.getTime() + wait).toISOString(),
      lease_owner: null,
      lease_until: null,
      item_count: Number(feed.item_count) + added,
      ...(out.etag !== undefined ? { etag: out.etag } : {}),
      ...(out.lastModified !== undefined ? { last_modified: out.lastModified } : {}),
      ...(out.title && !feed.title ? { title: out.title.slice(0, 300) } : {}),
    })
    .where('id', '=', feed.id)
    .where('lease_owner', '=', o.leaseOwner)
    .execute();
}
