import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { JobArgs, JobName, JobResult } from './jobs.ts';

/** Awaits a heavy read; a 503 `busy` answer carries Retry-After (the runner says how long). */
async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AppError && e.code === 'busy') reply.header('retry-after', String(e.details?.retryAfter ?? 5));
    throw e;
  }
}

/** Runs a heavy read for a route on the server's runner. */
export function heavy<K extends JobName>(req: FastifyRequest, reply: FastifyReply, name: K, actor: Actor, args: JobArgs<K>): Promise<JobResult<K>> {
  return withRetryAfter(reply, req.server.heavy.run(name, actor, args));
}

/**
 * Runs a heavy read whose result the route answers unchanged, and answers with its JSON bytes
 * (written on the analysis thread). The bytes are the result as JSON.stringify writes it: the
 * API sweep checks them against the route's declared schema like every other answer.
 */
export async function heavyJson<K extends JobName>(req: FastifyRequest, reply: FastifyReply, name: K, actor: Actor, args: JobArgs<K>): Promise<FastifyReply> {
  const bytes = await withRetryAfter(reply, req.server.heavy.runJson(name, actor, args));
  return reply.type('application/json; charset=utf-8').send(bytes);
}
