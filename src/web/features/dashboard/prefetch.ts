/**
 * Starts everything the dashboard needs the moment the route is known, in parallel: the chart
 * module (the route loads the page's own), the group, the dashboard figures, reference names and
 * the alignment inputs. The components then find their queries already in flight (same query
 * keys). On a first page load most of these requests were already started by the page's boot
 * script (index.html), and `get` takes those responses instead of asking again.
 */
import type { QueryClient } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { bootRequest } from '../../api/boot-requests.ts';
import type { Dashboard, WorkingGroup } from '../../../core/api/working-groups.ts';
import type { List } from '../../../core/api/common.ts';
import type { Organisation, Party } from '../../../core/api/reference.ts';
import { todayIso } from '../../app/format.ts';
import { alignmentQuery } from './alignment.ts';
import { EChart } from './charts/index.ts';

export const defaultAsOf = (g: Pick<WorkingGroup, 'endedOn'> | undefined) => (g?.endedOn && g.endedOn < todayIso() ? g.endedOn : todayIso());

/** Returns when the chart module is in (never rejects: a failed load is retried on render). */
export function prefetchDashboard(qc: QueryClient, wgId: string): Promise<void> {
  const modules = EChart.preload().then(
    () => undefined,
    () => undefined,
  );
  const vars = { wg: wgId };
  void qc.prefetchQuery({ queryKey: ['dashboard', wgId], queryFn: () => get<Dashboard>(...bootRequest('dashboard', vars)) });
  void qc.prefetchQuery({ queryKey: ['commitments', wgId, { state: 'open' }], queryFn: () => get(...bootRequest('openCommitments', vars)) });
  void qc
    .fetchQuery({ queryKey: ['working-groups', wgId], queryFn: () => get<WorkingGroup>(...bootRequest('group', vars)) })
    .then((g) => qc.prefetchQuery(alignmentQuery(wgId, defaultAsOf(g))))
    .catch(() => undefined);
  void qc.prefetchQuery({
    queryKey: ['reference'],
    queryFn: async () => {
      const [p, o] = await Promise.all([get<List<Party>>(...bootRequest('parties', vars)), get<List<Organisation>>(...bootRequest('organisations', vars))]);
      return { parties: p.items, organisations: o.items, people: [] };
    },
  });
  return modules;
}
