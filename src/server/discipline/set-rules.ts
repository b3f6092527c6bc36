import { badRequest, forbidden } from '../errors.ts';
import { canChangeGroupSettings } from '../policies/working-group.ts';
import { getVisible } from '../queries/visible.ts';
import { guardOf } from '../commands/guard.ts';
import { runCommand, updateVersioned, type ActingContext } from '../commands/run.ts';
import { mergeRules } from '../../core/api/discipline-rules.ts';

/**
 * Sets a working group's message-discipline rules (If-Match: the group's version): the entries
 * that differ from the defaults, or null for the defaults. Chair and secretariat only. Every
 * entry is checked; a bad one is refused with 400 naming it, so what is stored always applies.
 */
export async function setDisciplineRules(ctx: ActingContext, wgId: string, version: number, overrides: Record<string, unknown> | null): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const wg = await getVisible(db, actor, 'working_groups', wgId, 'Working group');
  if (!canChangeGroupSettings(actor, wg.id)) throw forbidden("Only the chair or the secretariat may set the group's message-discipline rules");
  if (overrides) {
    const { warnings } = mergeRules(overrides);
    if (warnings.length) {
      const key = warnings[0].split(':')[0].split('.')[0];
      throw badRequest(`body.overrides.${key}`, warnings.join('; '), 'not_allowed_value');
    }
  }
  const json = overrides && Object.keys(overrides).length ? JSON.stringify(overrides) : null;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'working_groups', wg.id, version, { discipline_rules: json });
    audit({
      action: 'working_group.update',
      entityType: 'working_group',
      entityId: wg.id,
      before: { discipline_rules: wg.discipline_rules ?? null },
      after: { discipline_rules: json },
      guard: guardOf(wg),
    });
  });
}
