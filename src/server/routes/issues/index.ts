import type { FastifyInstance } from 'fastify';

/** Placeholder until this resource's routes land. */
export default async function issuesRoutes(_app: FastifyInstance) {}
