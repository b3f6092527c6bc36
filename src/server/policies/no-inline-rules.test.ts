import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every permission is decided in a policy file (src/server/policies/). This test reads the
 * server and web sources and fails when a file outside policies/ and auth/ decides one inline:
 * looks at whether the caller is an administrator, compares a group role, or compares the
 * caller's organisation, party, user or clearance with a record's. Such a check belongs in a
 * policy function (with its test); the command, route or page calls it, or reads `abilities`.
 */

const root = join(import.meta.dirname, '..', '..', '..');

/** What deciding a permission inline looks like. */
const RULES: { name: string; re: RegExp }[] = [
  { name: 'whether the caller is an administrator', re: /\b(?:actor|user|me|session)\??\.(?:user\??\.)?isAdmin\b/ },
  { name: "the caller's role read from the roles map", re: /\.roles(?:\?\.)?\[(?!\d)/ },
  { name: 'a group role compared', re: /(?:[=!]==?\s*'(?:chair|secretariat)'|'(?:chair|secretariat)'\s*[=!]==?)/ },
  { name: 'a role compared', re: /\b\w*[rR]ole\s*[=!]==?\s*(?!null\b|undefined\b)['"\w]/ },
  {
    name: "the caller's organisation, party or user compared",
    re: /(?:[=!]==?\s*(?:actor|user\??|me)\.(?:orgId|partyId|userId|organisationId)\b|\b(?:actor|user\??|me)\.(?:orgId|partyId|userId|organisationId)\s*[=!]==?)/,
  },
  { name: "the caller's clearance compared", re: /(?:[<>]=?\s*actor\.clearance\b|\bactor\.clearance\s*[<>]=?)/ },
];

/**
 * Files outside policies/ and auth/ that may match, each with its reason. Keep this list short:
 * a new entry needs a reason a reviewer accepts.
 */
const ALLOWED: Record<string, string> = {
  // A data lookup, not a decision: which party's sign-off row is the caller's own (the page reads
  // `abilities.signOff` for whether they may sign).
  'src/web/features/documents/DocumentPage.tsx': "finds the caller's own party's sign-off row to show it",
  // The form pre-fills the caller's own party and organisation; the server decides.
  'src/web/features/positions/RecordPositionDialog.tsx': "pre-fills the caller's own party and organisation",
  // The badge shows the caller's role in the group; it decides nothing.
  'src/web/app/Layout.tsx': "shows the caller's role in the group as a badge",
  'src/web/features/groups/GroupsPage.tsx': "shows the caller's role in each group as a badge",
};

const SCANNED = ['src/server', 'src/web', 'src/cli'];
const EXEMPT_DIRS = ['src/server/policies', 'src/server/auth', 'src/server/demo', 'src/server/db/migrations'];

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!EXEMPT_DIRS.includes(rel)) yield* sources(rel);
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield rel;
  }
}

/** Each match of a rule in a file, with its line, comments left out. */
function findings(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    for (const r of RULES) if (r.re.test(code)) out.push(`${i + 1}: ${r.name}: ${line.trim()}`);
  });
  return out;
}

test('the patterns catch what they are meant to, and only that', () => {
  for (const bad of [
    'if (!actor.isAdmin) throw forbidden()',
    "if (actor.roles[wgId] !== 'chair')",
    "const canEdit = role === 'chair' || role === 'secretariat';",
    "const canAdd = !!role && role !== 'observer';",
    'const own = body.organisationId === actor.orgId;',
    'if (a.organisationId === user?.organisationId || m.abilities.manageAttendance)',
    'if (patch.classification > actor.clearance) throw',
    'if (body.disabled && id === actor.userId) throw',
    "if (myRole !== 'observer') show();",
  ])
    assert.ok(findings(bad).length, `caught: ${bad}`);
  for (const fine of [
    "import { requireAdmin } from '../policies/admin.ts';",
    'if (input.isAdmin && !canMakeAdministrator(actor)) {',
    'is_admin: input.isAdmin ? 1 : 0,',
    'const guard = { owner_org_id: actor.orgId, owner_party_id: actor.partyId };',
    "await tx.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: userId, role }).execute();",
    '// a comment about actor.isAdmin',
    'if (!canChangeGroupSettings(actor, wg.id)) throw forbidden()',
    'if (role !== null) {',
    "const next = current?.status === 'observer' ? 'declined' : 'attending';",
    "label: p.roles?.[0] ? p.roles[0].organisationName : ''",
  ])
    assert.deepEqual(findings(fine), [], `not caught: ${fine}`);
});

test('no command, route, query, presenter or page decides a permission inline: policies/ does', () => {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const dir of SCANNED) {
    for (const file of sources(dir)) {
      seen.add(file);
      if (ALLOWED[file]) continue;
      for (const f of findings(readFileSync(join(root, file), 'utf8'))) problems.push(`${file}:${f}`);
    }
  }
  assert.ok(seen.has('src/server/commands/working-groups.ts') && seen.has('src/web/features/meetings/MeetingPage.tsx'), 'the scan reached commands/ and the web app');
  assert.deepEqual(problems, [], 'move each of these into a policy function (src/server/policies/) and call it, or read `abilities` from the API');
});

test('every allowed file still exists and still needs its place on the list', () => {
  for (const file of Object.keys(ALLOWED)) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.ok(findings(text).length, `${relative(root, join(root, file))} no longer matches: take it off ALLOWED`);
  }
});
