import type { FastifyInstance } from 'fastify';
import sessionRoutes from './session/index.ts';
import meetingRoutes from './meetings/index.ts';

/** Every route module of the API, mounted under /api. */
export async function registerRoutes(api: FastifyInstance, opts: { signInPerMinute: number }) {
  await api.register(sessionRoutes, opts);
  await api.register(meetingRoutes);
}
