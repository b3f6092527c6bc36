/**
 * The one file-reading part of the extraction module: loads a labelled evaluation directory and
 * scores the extractor on it. Meant to back `concord extract --eval DIR`.
 *
 * Directory layout:
 * - `<case>.json`: `{ id, publishedOn?, textFile?, tags?, statements: GoldStatement[] }`; the
 *   passage is `textFile` (resolved relative to the JSON file) or else `<case>.txt` beside it.
 * - `_directory.json` (optional): a {@link SpeakerDirectory} for id-based speaker matching.
 * Files starting with `_` are not cases. Subdirectories holding cases (a held-out part, another
 * language: `heldout/`, `ko/`, `ko/heldout/`) are scored as separate groups, each with its own
 * `_directory.json` or else the nearest parent's.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve, basename } from 'node:path';
import type { SpeakerDirectory } from './types.ts';
import { type EvalCase, type EvalReport, type GoldStatement, evaluate, formatReport } from './evaluate.ts';

interface CaseFile {
  id?: string;
  publishedOn?: string;
  textFile?: string;
  text?: string;
  tags?: string[];
  statements: GoldStatement[];
}

/** Read the labelled cases (and the speaker directory, if present) from `dir`. */
export function loadEvalDirectory(dir: string): { cases: EvalCase[]; directory?: SpeakerDirectory } {
  const root = resolve(dir);
  const files = readdirSync(root)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort();
  const cases: EvalCase[] = [];
  for (const f of files) {
    const path = join(root, f);
    const data = JSON.parse(readFileSync(path, 'utf8')) as CaseFile;
    const textPath = data.textFile ? resolve(dirname(path), data.textFile) : join(root, `${basename(f, '.json')}.txt`);
    const text = data.text ?? readFileSync(textPath, 'utf8');
    cases.push({ id: data.id ?? basename(f, '.json'), text, publishedOn: data.publishedOn, statements: data.statements, tags: data.tags });
  }
  const dirPath = join(root, '_directory.json');
  const directory = existsSync(dirPath) ? (JSON.parse(readFileSync(dirPath, 'utf8')) as SpeakerDirectory) : undefined;
  return { cases, directory };
}

/** Subdirectories (recursively, sorted) that hold at least one case file, relative to `root`. */
function caseSubdirectories(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const sub = rel ? `${rel}/${name}` : name;
    if (!statSync(join(root, sub)).isDirectory()) continue;
    if (readdirSync(join(root, sub)).some((f) => f.endsWith('.json') && !f.startsWith('_'))) out.push(sub);
    out.push(...caseSubdirectories(root, sub));
  }
  return out;
}

/**
 * Load `dir` and evaluate the extractor on it; `table` is the printable report. The report covers
 * the cases directly in `dir`; each subdirectory with cases is scored separately in `report.groups`.
 */
export function evaluateDirectory(dir: string, opts: { details?: boolean } = {}): { report: EvalReport; table: string } {
  const root = resolve(dir);
  const { cases, directory } = loadEvalDirectory(root);
  const report = evaluate(cases, { directory });
  const groups: NonNullable<EvalReport['groups']> = [];
  for (const sub of caseSubdirectories(root)) {
    const loaded = loadEvalDirectory(join(root, sub));
    let dirOf = loaded.directory;
    for (let up = sub; !dirOf && up.includes('/'); ) {
      up = up.slice(0, up.lastIndexOf('/'));
      dirOf = loadEvalDirectory(join(root, up)).directory;
    }
    groups.push({ name: sub, report: evaluate(loaded.cases, { directory: dirOf ?? directory }) });
  }
  if (groups.length) report.groups = groups;
  return { report, table: formatReport(report, opts.details) };
}
