/**
 * The compact copy of a group's log (./index.ts), on both stores: it is the log the positions
 * give, it is rebuilt once an audited write moves the marker, and it never lets the API show a
 * restricted position: a copy over a group with any restricted issue or position is not the
 * shared public log, and a reader's log then comes from their own visibility-filtered load.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, seedWorld, storeKinds, type World } from '../../../../test/helpers.ts';
import type { Store } from '../../db/database.ts';
import type { PositionRow } from '../../db/tables.ts';
import { runCommand } from '../../commands/run.ts';
import { loadActor } from '../../auth/actor.ts';
import type { Scope } from '../../../core/vocabulary.ts';
import { loadPositionLog, type PositionLog } from '../load.ts';
import { groupLog } from '../cache.ts';
import { currentPublicLog, wholeLog } from './index.ts';
import { decodeLog, encodeLog } from './codec.ts';

const ts = '2026-01-01T00:00:00.000Z';

/** Records a position as a command does: in a transaction, with its audit event. */
async function record(
  store: Store,
  w: World,
  id: string,
  issue: string,
  party: string,
  stance: PositionRow['stance'],
  guard: { scope: Scope; classification: number } = { scope: 'public', classification: 0 },
) {
  const owner = party === w.parties.kr ? w.orgs.mofa : w.orgs.state;
  const g = { owner_org_id: owner, owner_party_id: party, ...guard };
  await runCommand({ store, actor: null, requestId: null }, async (tx, audit) => {
    await tx
      .insertInto('positions')
      .values({
        id,
        wg_id: w.wgId,
        issue_id: issue,
        party_id: party,
        organisation_id: null,
        stance,
        conditions: null,
        rationale: null,
        source_kind: null,
        source_ref: null,
        valid_from: '2026-01-02',
        recorded_by: null,
        created_at: ts,
        ...g,
      })
      .execute();
    audit({ action: 'position.record', entityType: 'position', entityId: id, after: { stance }, guard: { ...g, wg_id: w.wgId } });
  });
}

const arrays = (log: PositionLog) => ({
  items: log.items.map((i) => i.issueId),
  participants: log.participants.map((p) => p.key),
  rows: log.rows,
  cellItem: [...log.cellItem],
  cellWho: [...log.cellWho],
  start: [...log.start],
  day: [...log.day],
  code: [...log.code],
});

async function world(store: Store): Promise<World> {
  const w = await seedWorld(store);
  const g = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'public' as const, classification: 0 };
  await store.db
    .insertInto('issues')
    .values(
      ['i-1', 'i-2'].map((id) => ({ id, wg_id: w.wgId, track_id: null, code: null, title: id, title_ko: null, description: null, keywords: '[]', ...g, version: 1, created_at: ts, updated_at: ts })),
    )
    .execute();
  await record(store, w, 'p-1', 'i-1', w.parties.kr, 'support');
  await record(store, w, 'p-2', 'i-1', w.parties.us, 'oppose');
  await record(store, w, 'p-3', 'i-2', w.parties.us, 'neutral');
  return w;
}

for (const kind of storeKinds()) {
  describe(`compact copy of a group's log (${kind})`, () => {
    test('the copy is the log the positions give; an audited write makes it stale and the next read rebuilds it', async () => {
      const store = await freshStore(kind);
      try {
        const w = await world(store);
        const first = await wholeLog(store, w.wgId);
        assert.deepEqual(arrays(first), arrays(await loadPositionLog(store, w.wgId, null)));
        const row = await store.db.selectFrom('analytics_logs').select(['wg_id', 'marker']).where('wg_id', '=', w.wgId).executeTakeFirst();
        assert.ok(row, 'the copy is kept');
        const again = await wholeLog(store, w.wgId);
        assert.notEqual(again, first, 'read from the copy, not the same object');
        assert.deepEqual(arrays(again), arrays(first));
        assert.ok(await currentPublicLog(store, w.wgId), 'a wholly public group: the copy is the shared log');

        await record(store, w, 'p-4', 'i-2', w.parties.kr, 'oppose');
        assert.equal(await currentPublicLog(store, w.wgId), null, 'stale once the marker moved');
        const after = await wholeLog(store, w.wgId);
        assert.equal(after.rows, 4);
        assert.deepEqual(arrays(after), arrays(await loadPositionLog(store, w.wgId, null)));
        const moved = await store.db.selectFrom('analytics_logs').select('marker').where('wg_id', '=', w.wgId).executeTakeFirstOrThrow();
        assert.notEqual(moved.marker, row.marker, 'rebuilt at the new marker');
      } finally {
        await store.close();
      }
    });

    test('a restricted position never reaches a reader through the copy', async () => {
      const store = await freshStore(kind);
      try {
        const w = await world(store);
        const reader = (await loadActor(store.db, w.users.dod_observer.id))!; // US, clearance 0
        // The copy of the public group is built and served as the shared log.
        await wholeLog(store, w.wgId);
        assert.equal((await groupLog(store, reader, w.wgId)).log.rows, 3);
        // A KR party-scoped, classified position: the copy's marker no longer holds.
        await record(store, w, 'p-secret', 'i-2', w.parties.kr, 'strongly_oppose', { scope: 'party', classification: 2 });
        assert.equal(await currentPublicLog(store, w.wgId), null);
        const seen = await groupLog(store, reader, w.wgId);
        assert.equal(seen.shared, false);
        assert.equal(seen.log.rows, 3, 'the US reader does not get the KR position');
        // The operator's view rebuilds the copy with the restricted position in it: still never the shared log.
        const whole = await wholeLog(store, w.wgId);
        assert.equal(whole.rows, 4);
        assert.equal(await currentPublicLog(store, w.wgId), null, 'a copy over restricted records is not public');
        const other = (await loadActor(store.db, w.users.state_member.id))!;
        assert.equal((await groupLog(store, other, w.wgId)).log.rows, 3);
        const kr = (await loadActor(store.db, w.users.mofa_chair.id))!; // KR, clearance 3
        assert.equal((await groupLog(store, kr, w.wgId)).log.rows, 4, 'the owning party sees it');
      } finally {
        await store.close();
      }
    });
  });
}

describe('compact codec', () => {
  test('round trip, and a copy of another format is refused', async () => {
    const store = await freshStore('sqlite');
    try {
      const w = await world(store);
      const log = await loadPositionLog(store, w.wgId, null);
      const bytes = encodeLog(log);
      assert.deepEqual(arrays(decodeLog(bytes)!), arrays(log));
      assert.deepEqual(arrays(decodeLog(new Uint8Array(bytes).subarray(0))!), arrays(log));
      const other = Buffer.from(bytes);
      other.write('{"format":999', 4, 'utf8');
      assert.equal(decodeLog(other), null);
      assert.equal(decodeLog(bytes.subarray(0, bytes.length - 8)), null, 'a truncated copy');
    } finally {
      await store.close();
    }
  });
});
