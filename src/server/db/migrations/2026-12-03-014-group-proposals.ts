import type { Kysely } from 'kysely';

/**
 * Joint decisions in working groups: a proposal (found a group of several parties, change its
 * parties, change how another party's organisation takes part) takes effect only when every party
 * whose approval it needs has approved (`wg_proposal_approvals`, one row per party). A proposal is
 * a guarded record of its group (the guard columns, scope `group`); `invited_party_id` names a
 * party that is not yet in the group and must approve too, and `invitation_open` (0/1) says the
 * parties already in the group have all approved, so that party now sees the proposal. The
 * group's status takes two new words (`proposed`, `declined`); the column has no CHECK
 * constraint, so no change is needed there. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wg_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('required_party_ids', 'text', (c) => c.notNull())
    .addColumn('invited_party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('invitation_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wg_proposals_wg_status').on('wg_proposals').columns(['wg_id', 'status']).execute();
  await db.schema.createIndex('wg_proposals_invited').on('wg_proposals').columns(['invited_party_id', 'status']).execute();
  await db.schema
    .createTable('wg_proposal_approvals')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('wg_proposals.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wg_proposal_approvals_pk', ['proposal_id', 'party_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wg_proposal_approvals').execute();
  await db.schema.dropTable('wg_proposals').execute();
}
