/**
 * Development aid: `concord serve --demo-if-empty` over a fresh demo store (SQLite, or PostgreSQL
 * with STORE=postgres and CONCORD_TEST_PG set), serving dist/web, until interrupted.
 */
import { startServer } from './harness.ts';

const s = await startServer({ store: process.env.STORE === 'postgres' ? 'postgres' : 'sqlite' });
console.log(`Concord on ${s.url} (${s.store}); Ctrl-C stops it and removes the store`);
process.once('SIGINT', () => void s.close().then(() => process.exit(0)));
