// The baseline: a bare Fastify JSON handler, nothing else, on the same machine and Node.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const payload = { items: [{ id: 'm-1', title: 'Working-level videoconference', startsAt: '2018-12-07T01:00:00.000Z', status: 'held' }] };
app.get('/bare', async () => payload);
// The same bytes a Concord list answer carries (the benchmark passes them in a file), so the
// cost of the body on the wire can be told apart from Concord's own work.
const bodyFile = process.env.BARE_BODY_FILE;
const body = bodyFile ? readFileSync(bodyFile, 'utf8') : JSON.stringify(payload);
app.get('/bare-body', (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
app.post('/bare', async (req) => ({ id: 'x', received: req.body !== undefined }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
