// The baseline: a bare Fastify JSON handler, nothing else, on the same machine and Node.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const payload = { items: [{ id: 'm-1', title: 'Working-level videoconference', startsAt: '2018-12-07T01:00:00.000Z', status: 'held' }] };
app.get('/bare', async () => payload);
app.post('/bare', async (req) => ({ id: 'x', received: req.body !== undefined }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
