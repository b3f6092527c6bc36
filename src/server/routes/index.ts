import type { FastifyInstance } from 'fastify';
import type { SessionLimits } from '../auth/sessions.ts';
import type { IdentityProviders } from '../auth/oidc.ts';
import sessionRoutes from './session/index.ts';
import referenceRoutes from './reference/index.ts';
import usersRoutes from './users/index.ts';
import workingGroupsRoutes from './working-groups/index.ts';
import proposalsRoutes from './proposals/index.ts';
import meetingRoutes from './meetings/index.ts';
import briefingRoutes from './briefing/index.ts';
import exportRoutes from './export/index.ts';
import seriesRoutes from './series/index.ts';
import issuesRoutes from './issues/index.ts';
import positionsRoutes from './positions/index.ts';
import statementsRoutes from './statements/index.ts';
import documentsRoutes from './documents/index.ts';
import commitmentsRoutes from './commitments/index.ts';
import projectsRoutes from './projects/index.ts';
import notesRoutes from './notes/index.ts';
import auditRoutes from './audit/index.ts';
import articlesRoutes from './articles/index.ts';
import feedsRoutes from './feeds/index.ts';
import alignmentRoutes from './alignment/index.ts';
import disciplineRoutes from './discipline/index.ts';
import searchRoutes from './search/index.ts';
import notificationRoutes from './notifications/index.ts';
import passkeyRoutes from './passkeys/index.ts';
import identityRoutes from './identity/index.ts';

/** Every route module of the API, mounted under /api. */
export async function registerRoutes(api: FastifyInstance, opts: { signInPerMinute: number; sessionLimits: SessionLimits; providers: IdentityProviders }) {
  // On stop, heavy reads still waiting are answered 503 at once rather than held through the drain.
  api.addHook('preClose', async () => {
    await api.heavy.close();
  });
  await api.register(sessionRoutes, { ...opts, passwordSignIn: opts.providers.settings.passwordSignIn });
  await api.register(passkeyRoutes, opts);
  await api.register(identityRoutes, opts);
  await api.register(referenceRoutes);
  await api.register(usersRoutes);
  await api.register(workingGroupsRoutes);
  await api.register(proposalsRoutes);
  await api.register(meetingRoutes);
  await api.register(briefingRoutes);
  await api.register(seriesRoutes);
  await api.register(issuesRoutes);
  await api.register(positionsRoutes);
  await api.register(statementsRoutes);
  await api.register(documentsRoutes);
  await api.register(commitmentsRoutes);
  await api.register(projectsRoutes);
  await api.register(notesRoutes);
  await api.register(auditRoutes);
  await api.register(articlesRoutes);
  await api.register(feedsRoutes);
  await api.register(alignmentRoutes);
  await api.register(disciplineRoutes);
  await api.register(searchRoutes);
  await api.register(exportRoutes);
  await api.register(notificationRoutes);
}
