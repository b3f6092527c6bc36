import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of src/: every static `import … from` and `export … from` of a relative .ts/.tsx
 * file, type-only ones included (a type-only cycle still ties two modules together for whoever
 * changes them). Dynamic `import()` is left out: those are the deliberate lazy edges (the CLI's
 * commands, the web app's routes and charts, the write thread's worker), taken at run time only.
 */
const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') out.push(...sourceFiles(p));
    } else if (/\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const s of sf.statements) {
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      const spec = s.moduleSpecifier.text;
      if (spec.startsWith('.') && /\.tsx?$/.test(spec)) out.push(resolve(dirname(file), spec));
    }
  }
  return out;
}

const files = sourceFiles(src);
const known = new Set(files);
const graph = new Map<string, string[]>(files.map((f) => [f, staticImports(f).filter((t) => known.has(t))]));
const rel = (f: string) => relative(root, f);

/** Strongly connected components with more than one module (or a module importing itself): Tarjan's algorithm. */
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(comp.map(rel).sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}

test('the static import graph of src/ has no cycle', () => {
  assert.ok(files.length > 100, `found only ${files.length} source files`);
  const found = cycles();
  assert.deepEqual(found, [], `import cycles (each line one strongly connected set of modules):\n${found.map((c) => c.join(' ↔ ')).join('\n')}`);
});

test('layering: nothing in src/core imports from src/server, src/web or src/cli', () => {
  const core = join(src, 'core');
  const above = ['server', 'web', 'cli'].map((d) => `${join(src, d)}/`);
  const bad: string[] = [];
  for (const [f, targets] of graph) {
    if (!f.startsWith(`${core}/`)) continue;
    for (const t of targets) if (above.some((a) => t.startsWith(a))) bad.push(`${rel(f)} → ${rel(t)}`);
  }
  assert.deepEqual(bad, []);
});
