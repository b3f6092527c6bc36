/**
 * Demo scenario, part 5: demo users (one shared password, see docs/demo-users.md) and internal
 * notes that show the visibility rule at work.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';

export const DEMO_PASSWORD = 'concord-demo';

type User = DemoScenario['users'][number];
type Role = User['roles'][number];
const all = (role: string, ...wgIds: string[]): Role[] => wgIds.map((wg_id) => ({ wg_id, role }));

function u(key: string, display_name: string, organisation_id: string, clearance: number, roles: Role[], note: string, extra: Partial<User> = {}): User {
  return {
    id: `u-${key.replace('.', '-')}`,
    email: `${key}@concord.demo`,
    display_name,
    organisation_id,
    password: DEMO_PASSWORD,
    clearance,
    is_admin: 0,
    locale: 'en',
    disabled: 0,
    roles,
    note,
    ...extra,
  };
}

export const users: DemoScenario['users'] = [
  u(
    'mofa.secretariat',
    'MOFA secretariat (demo)',
    'rok-mofa',
    2,
    all('secretariat', 'wg-2018', 'cg-2025', 'ic-2026'),
    'Runs all three groups for MOFA: schedule meetings, draft documents, record positions; sees MOFA and ROK-internal records up to confidential.',
  ),
  u(
    'mofa.desk',
    'MOFA desk officer (demo)',
    'rok-mofa',
    1,
    all('member', 'wg-2018', 'cg-2025', 'ic-2026'),
    'An ordinary MOFA member: sees pos-rok-internal and note-mofa-internal, but not note-mou-internal.',
  ),
  u(
    'mou.desk',
    'MOU desk officer (demo)',
    'rok-mou',
    1,
    all('member', 'wg-2018', 'ic-2026'),
    'MOU member of the 2018 group and of the MOU–MOFA consultation; MOU does not take part in cg-2025, so its group-scope records are hidden. Sees note-mou-internal.',
  ),
  u('mou.vice', 'MOU vice-minister office (demo)', 'rok-mou', 2, all('chair', 'ic-2026'), 'Chair of the MOU–MOFA vice-minister consultation (ic-2026).', { locale: 'ko' }),
  u(
    'nso.analyst',
    'NSO analyst (demo)',
    'rok-nso',
    3,
    all('observer', 'wg-2018', 'cg-2025', 'ic-2026'),
    'Observer of every group with top clearance; sees ROK party-scope records but not organisation-scope records of MOFA or MOU.',
  ),
  u(
    'state.secretariat',
    'State secretariat (demo)',
    'us-state',
    2,
    all('secretariat', 'wg-2018', 'cg-2025'),
    'Runs the US side of wg-2018 and cg-2025; sees pos-us-internal and note-us-internal, never pos-rok-internal.',
  ),
  u('state.desk', 'State desk officer (demo)', 'us-state', 1, all('member', 'wg-2018', 'cg-2025'), 'An ordinary State member; compare with state.secretariat for classification.'),
  u('nsc.observer', 'NSC observer (demo)', 'us-nsc', 1, all('observer', 'wg-2018'), 'Observer of the 2018 group; sees US party-scope records.'),
  u('dod.desk', 'DoD desk officer (demo)', 'us-dod', 1, all('member', 'cg-2025'), 'Member of cg-2025 only: sees its group records, and nothing group-scoped of wg-2018.'),
  u('un.observer', 'UN 1718 Committee observer (demo)', 'un-1718', 0, [], 'No roles and no clearance: sees only public, unclassified records (statements, public issues, the Joint Fact Sheet).'),
  u(
    'admin',
    'Administrator (demo)',
    'rok-mofa',
    0,
    [],
    "ROK administrator: manages reference data and the ROK side's accounts; administration is not clearance, so classified records stay hidden. Raising a clearance waits for a second ROK administrator.",
    { is_admin: 1 },
  ),
  u('admin.nso', 'Second ROK administrator (demo)', 'rok-nso', 0, [], 'A second ROK administrator: approves or rejects the clearance raises that admin@ asks for (and the other way round).', {
    is_admin: 1,
  }),
  u('state.admin', 'US administrator (demo)', 'us-state', 0, [], "US administrator: manages the US side's accounts only; cannot see or change any ROK account.", { is_admin: 1 }),
];

export const notes: DemoScenario['notes'] = [
  {
    id: 'note-mou-internal',
    wg_id: 'cg-2025',
    entity_type: 'meeting',
    entity_id: 'm-2025-12-16',
    body:
      'MOU internal (demo entry): we did not attend because the meeting follows up the Joint Fact Sheet and concerns ROK–US diplomatic issues; ' +
      'we will consult the US separately if necessary. Our own policy briefing for 41 institutions is the same afternoon.',
    ...guard('rok-mou', 'organisation', 1),
  },
  {
    id: 'note-mofa-internal',
    wg_id: 'cg-2025',
    entity_type: 'meeting',
    entity_id: 'm-2025-12-16',
    body:
      'MOFA internal (demo entry): the official name was changed to "ROK–U.S. Consultation on Joint Fact Sheet Implementation"; ' +
      'the NSC asked both ministries to keep divisions out of public view.',
    ...guard('rok-mofa', 'organisation', 1),
  },
  {
    id: 'note-us-internal',
    wg_id: 'cg-2025',
    entity_type: 'meeting',
    entity_id: 'm-2025-12-16',
    body: 'US internal (demo entry): the Unification Ministry did not attend; the Embassy remains in frequent working-level contact with MOU.',
    ...guard('us-state', 'party', 1),
  },
];
