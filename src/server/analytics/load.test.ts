/**
 * The position log: "as of" semantics (latest valid_from ≤ date; on one day the later recording,
 * then the larger id), "no position" as a missing vote, organisations with the party line they
 * recorded; and the demo's Unification vs Foreign ministries pair through the API.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, seedWorld } from '../../../test/helpers.ts';
import type { PositionRow } from '../db/tables.ts';
import { loadActor } from '../auth/actor.ts';
import { dayOf, loadPositionLog, tableAsOf } from './load.ts';
import { groupAlignment } from './group.ts';
import { loadDemo } from '../demo/load.ts';
import type { Stance } from '../../core/vocabulary.ts';

const ts = '2026-01-01T00:00:00.000Z';

describe('position log', () => {
  test('as of a date: latest valid_from wins; same day: later created_at, then larger id; null stance = no vote', async () => {
    const store = await freshStore('sqlite');
    try {
      const w = await seedWorld(store);
      const g = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'public' as const, classification: 0 };
      await store.db
        .insertInto('issues')
        .values(
          ['a', 'b', 'c'].map((id) => ({
            id,
            wg_id: w.wgId,
            track_id: null,
            code: null,
            title: id,
            title_ko: null,
            description: null,
            keywords: '[]',
            ...g,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })),
        )
        .execute();
      const pos = (id: string, issue: string, stance: Stance | null, on: string, created: string, org: string | null = null): PositionRow => ({
        id,
        wg_id: w.wgId,
        issue_id: issue,
        party_id: w.parties.kr,
        organisation_id: org,
        stance,
        conditions: null,
        rationale: null,
        source_kind: null,
        source_ref: null,
        valid_from: on,
        recorded_by: null,
        created_at: created,
        ...g,
      });
      await store.db
        .insertInto('positions')
        .values([
          pos('p1', 'a', 'support', '2026-01-01', '2026-01-01T09:00:00Z'),
          pos('p2', 'a', 'oppose', '2026-01-01', '2026-01-01T10:00:00Z'), // same day, recorded later: wins
          pos('p4', 'b', 'neutral', '2026-01-01', '2026-01-01T09:00:00Z'),
          pos('p3', 'b', 'support', '2026-01-01', '2026-01-01T09:00:00Z'), // same day and time: larger id (p4) wins
          pos('p5', 'c', 'support', '2026-01-01', ts),
          pos('p6', 'c', null, '2026-02-01', ts), // "no position" from February
          pos('p7', 'a', 'support', '2026-01-05', ts, w.orgs.mofa), // MOFA in its own name
        ])
        .execute();
      const log = await loadPositionLog(store, w.wgId, null);
      const kr = log.participants.findIndex((p) => p.key === `party:${w.parties.kr}`);
      const mofa = log.participants.findIndex((p) => p.key === `org:${w.orgs.mofa}`);
      assert.ok(kr >= 0 && mofa >= 0);
      const vote = (day: string, who: number, issue: string) => {
        const t = tableAsOf(log, dayOf(day));
        return t.votes[who * t.items.length + t.items.findIndex((it) => it.issueId === issue)];
      };
      assert.equal(vote('2026-01-15', kr, 'a'), 3, 'p2 (oppose) recorded later on the same day');
      assert.equal(vote('2026-01-15', kr, 'b'), 2, 'p4 (neutral): larger id on a full tie');
      assert.equal(vote('2026-01-15', kr, 'c'), 1);
      assert.equal(vote('2026-02-15', kr, 'c'), 0, 'no position from February');
      assert.equal(vote('2025-12-31', kr, 'a'), 0, 'nothing in force yet');
      // MOFA: its own stance on a (Jan 5) is later than the party line it recorded (Jan 1); on b and c the party line.
      assert.equal(vote('2026-01-15', mofa, 'a'), 1);
      assert.equal(vote('2026-01-15', mofa, 'b'), 2);
      assert.equal(vote('2026-01-02', mofa, 'a'), 3);
    } finally {
      await store.close();
    }
  });

  test('demo: the Unification vs Foreign ministries pair, as a member of their consultation sees it', async () => {
    const store = await freshStore('sqlite');
    try {
      await loadDemo(store);
      const users = await store.db.selectFrom('users').select(['id', 'organisation_id']).execute();
      const mou = users.find((u) => u.organisation_id === 'rok-mou');
      assert.ok(mou, 'the demo has an MOU user');
      const actor = (await loadActor(store.db, mou.id))!;
      const groups = await store.db.selectFrom('positions').select('wg_id').where('organisation_id', '=', 'rok-mofa').distinct().execute();
      let found = false;
      for (const { wg_id } of groups) {
        const r = await groupAlignment(store, actor, wg_id, {}).catch(() => null);
        const pair = r?.pairs.find((p) => [p.a.label, p.b.label].sort().join('|') === 'KR/MOFA|KR/MOU');
        if (!pair) continue;
        found = true;
        assert.equal(pair.kind, 'organisations');
        assert.ok(pair.figure.n >= 1);
        assert.equal(pair.figure.method, 'state-final-2017');
        assert.equal(pair.label.method, 'state-final-2017');
        assert.ok(pair.trend.points.length >= 1);
      }
      assert.ok(found, 'some group shows KR/MOFA vs KR/MOU to an MOU user');
    } finally {
      await store.close();
    }
  });
});
