// A second baseline for PostgreSQL: a bare Fastify handler that makes the store's cheapest round
// trips and nothing else: a GET reads one page of meetings by primary key order (one query), a
// POST inserts one row in a transaction (begin, insert, commit: one WAL flush). No
// authentication, visibility, audit chain or notifications: what any handler on this store pays.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('create table if not exists bench_bare_writes (id text primary key, body text not null)');
const app = Fastify({ logger: false });
app.get('/bare-pg', async () => ({ items: (await pool.query('select id, title, starts_at, status from meetings order by id limit 20')).rows }));
app.post('/bare-pg', async (req) => {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const id = randomUUID();
    await c.query('insert into bench_bare_writes (id, body) values ($1, $2)', [id, JSON.stringify(req.body)]);
    await c.query('commit');
    return { id };
  } finally {
    c.release();
  }
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
