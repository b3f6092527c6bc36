/**
 * Statement commands:
 * - `concord extract FILE...` — the candidate statements Concord would propose from articles
 *   (plain text, HTML, RSS/Atom feeds), as a table or JSON; `--resolve` matches speakers against
 *   the store's people and organisations; `--eval DIR` scores the extractor on a labelled set.
 * - `concord statements check` — message-discipline findings. An operator's command, run on the
 *   server: it reads the store directly as a system view over every record (no user, no
 *   visibility rule), so its output may hold party- and organisation-internal records and must
 *   be handled as such. Users get their own view, limited to what they may see, from the API.
 */
import { readFile } from 'node:fs/promises';
import { CliError, EXIT, out, withStore } from '../shared.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new CliError(`${name} "${value}" is not a date (YYYY-MM-DD)`, EXIT.usage);
  }
  return value;
}

/** Fits `s` in `n` characters (… when cut), padded to `n`. */
export function cell(s: string | null | undefined, n: number): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return (t.length > n ? `${t.slice(0, n - 1)}…` : t).padEnd(n);
}

async function readInput(file: string): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(file, 'utf8');
  } catch {
    throw new CliError(`Cannot read ${file}`);
  }
}

export interface ExtractOpts {
  json?: boolean;
  date?: string;
  url?: string;
  format: string;
  lang: string;
  resolve?: boolean;
  eval?: string;
  details?: boolean;
}

export async function extractCommand(files: string[], o: ExtractOpts): Promise<void> {
  const { extractFromInput, resolveSpeaker, packFor } = await import('../../core/extract/index.ts');
  if (o.eval) {
    const { evaluateDirectory } = await import('../../core/extract/eval-files.ts');
    let r: ReturnType<typeof evaluateDirectory>;
    try {
      r = evaluateDirectory(o.eval, { details: o.details });
    } catch (e) {
      throw new CliError(`Cannot evaluate ${o.eval}: ${(e as Error).message}`);
    }
    out(o.json ? JSON.stringify(r.report, null, 2) : r.table);
    if (!files.length) return;
  }
  if (!files.length) throw new CliError('Name at least one FILE (or - for standard input), or --eval DIR', EXIT.usage);
  const date = checkDateOption(o.date, '--date');
  const inputs = [];
  for (const f of files) inputs.push({ file: f, raw: await readInput(f) });
  let directory: import('../../core/extract/index.ts').SpeakerDirectory | undefined;
  if (o.resolve) {
    const { speakerDirectory } = await import('../../server/queries/articles.ts');
    directory = await withStore((store) => speakerDirectory(store.db));
  }
  const results = inputs.flatMap(({ file, raw }) =>
    extractFromInput(raw, { format: o.format as 'auto', language: o.lang as 'auto', publishedOn: date, sourceUrl: o.url }).map((d, i) => ({
      file,
      item: i + 1,
      title: d.document.title ?? null,
      url: d.document.url ?? o.url ?? null,
      publishedOn: d.document.publishedOn ?? date ?? null,
      candidates: d.candidates.map((c) => ({
        ...c,
        resolution: directory ? resolveSpeaker(c.speaker, directory, d.document.publishedOn ?? date, packFor(d.document.text, o.lang as 'auto')) : undefined,
      })),
    })),
  );
  if (o.json) {
    out(JSON.stringify(results, null, 2));
    return;
  }
  let n = 0;
  for (const r of results) {
    out(
      `${r.file}${results.filter((x) => x.file === r.file).length > 1 ? ` #${r.item}` : ''}${r.title ? ` — ${r.title}` : ''}${r.publishedOn ? ` (${r.publishedOn})` : ''}: ${r.candidates.length} candidate${r.candidates.length === 1 ? '' : 's'}`,
    );
    if (!r.candidates.length) continue;
    out(`  ${cell('#', 3)} ${cell('kind', 8)} ${cell('speaker (as written)', 34)} ${cell(directory ? 'resolved' : 'role / organisation', 30)} quote`);
    r.candidates.forEach((c, i) => {
      const s = c.speaker;
      const res = c.resolution;
      const who = s.anonymous ? `${s.description ?? s.text} [anon]` : s.isOrganisation ? `${s.name ?? s.text} [org]` : (s.name ?? s.text);
      const right = res
        ? [res.personId, res.organisationId ?? (res.partyId ? `party ${res.partyId}` : null), res.role].filter(Boolean).join(' · ') ||
          (res.proposal ? `new ${res.proposal.kind}: ${res.proposal.name}` : '—')
        : [s.role, s.organisation].filter(Boolean).join(', ');
      out(`  ${cell(String(i + 1), 3)} ${cell(c.kind, 8)} ${cell(who, 34)} ${cell(right, 30)} ${cell(c.quote, 90).trimEnd()}`);
    });
    n += r.candidates.length;
  }
  out(`${n} candidate statement${n === 1 ? '' : 's'}; none is a statement until a person confirms it (POST /api/articles, then the review queue).`);
}

export interface CheckOpts {
  group?: string;
  since?: string;
  until?: string;
  json?: boolean;
  all?: boolean;
}

export async function checkCommand(o: CheckOpts): Promise<void> {
  const since = checkDateOption(o.since, '--since');
  const until = checkDateOption(o.until, '--until');
  const { checkDiscipline } = await import('../../server/discipline/check.ts');
  await withStore(async (store) => {
    if (o.group) {
      const wg = await store.db.selectFrom('working_groups').select('id').where('id', '=', o.group).executeTakeFirst();
      if (!wg) throw new CliError(`No working group ${o.group}`);
    }
    const r = await checkDiscipline(store.db, 'system', { wgId: o.group, from: since, to: until });
    const findings = o.all ? r.findings : r.findings.filter((f) => f.grade !== 'consistent');
    if (o.json) {
      out(
        JSON.stringify(
          { view: 'system', group: o.group ?? null, since: since ?? null, until: until ?? null, findings, otherVoices: r.otherVoices, summary: r.summary, ruleWarnings: r.ruleWarnings },
          null,
          2,
        ),
      );
      return;
    }
    out(
      `Message discipline — system view of every record${o.group ? ` in ${o.group}` : ''}${since ? ` since ${since}` : ''}${until ? ` until ${until}` : ''} (operator output: may hold internal records)`,
    );
    for (const [wg, ws] of Object.entries(r.ruleWarnings)) out(`  rules of ${wg}: ${ws.join('; ')}`);
    if (findings.length) {
      out(`${cell('grade', 13)} ${cell('check', 21)} ${cell('date', 10)} ${cell('said by', 28)} ${cell('stance', 16)} ${cell('against', 34)} ${cell('stance', 16)} issue`);
      for (const f of findings) {
        out(
          `${cell(f.grade, 13)} ${cell(f.check, 21)} ${cell(f.subject.date, 10)} ${cell(f.subject.who, 28)} ${cell(f.subject.stance, 16)} ${cell(`${f.against.who} (${f.against.date})`, 34)} ${cell(f.against.stance, 16)} ${cell(f.issue.title, 60).trimEnd()}`,
        );
      }
    }
    const t = r.summary.totals;
    out(
      `${t.total} comparison${t.total === 1 ? '' : 's'}: ${t.contradiction} contradiction${t.contradiction === 1 ? '' : 's'}, ${t.nuance} nuance${t.nuance === 1 ? '' : 's'}, ${t.consistent} consistent${o.all ? '' : ' (not listed; --all lists them)'}`,
    );
    for (const p of r.summary.byOrganisation.filter((x) => x.contradiction + x.nuance > 0)) {
      out(`  ${cell(p.organisationName ?? `(no organisation, ${p.partyId ?? 'no party'})`, 50)} ${p.contradiction} contradiction, ${p.nuance} nuance, ${p.consistent} consistent`);
    }
    if (r.otherVoices.length) {
      out(`Other voices (not graded: not the government's voice on the day they spoke): ${r.otherVoices.length}`);
      for (const v of r.otherVoices) {
        const office = v.office ? ` — ${v.office.title ?? v.office.organisationName}${v.office.title ? `, ${v.office.organisationName}` : ''}${v.office.until ? ` until ${v.office.until}` : ''}` : '';
        out(`  ${cell(v.date, 10)} ${cell(v.reason, 15)} ${cell(v.who, 40)}${office}`);
      }
    }
  });
}
