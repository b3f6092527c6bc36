/**
 * CSV export of a list view: every row its filters select that the caller may see, streamed page
 * by page as the list's own query reads them (visibility in SQL), written by csv-stringify
 * (RFC 4180 quoting of commas, quotes and line breaks). A UTF-8 byte order mark opens the file so
 * that spreadsheet programs read Korean correctly; a text cell that a spreadsheet would take for a
 * formula (starting with = + - @, a tab or a carriage return) is written with a leading apostrophe.
 */
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import type { ExportLanguage } from '../../core/api/export.ts';

export type Cell = string | number | boolean | null | undefined;

/** One column: its header in each language and its value from a presented row. */
export interface Column<R> {
  en: string;
  ko: string;
  value: (row: R) => Cell;
}

/** Rows a pager hands over: a page at a time, an empty page (or none) when done. */
export type Pages<R> = AsyncIterable<R[]>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text, guarded against being read as a formula. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  return typeof v === 'string' && FORMULA_START.test(s) ? `'${s}` : s;
}

/** `name-2026-12-03.csv`, ASCII only. */
export const exportFileName = (name: string, today = new Date().toISOString().slice(0, 10)): string => `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${today}.csv`;

/**
 * Answers with the CSV of `pages`. The first page is read before anything is sent, so a refusal
 * (a filter naming a hidden record, a request too broad) is still an ordinary error answer.
 */
export async function sendCsv<R>(reply: FastifyReply, name: string, lang: ExportLanguage, columns: Column<R>[], pages: Pages<R>): Promise<FastifyReply> {
  const it = pages[Symbol.asyncIterator]();
  const first = await it.next();
  const out = stringify({ bom: true, eof: true, record_delimiter: 'windows' });
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${exportFileName(name)}"`);
  reply.header('cache-control', 'private, no-store');
  const write = async (rows: R[]) => {
    for (const r of rows) {
      if (!out.write(columns.map((c) => cellText(c.value(r))))) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
  };
  void (async () => {
    try {
      out.write(columns.map((c) => (lang === 'ko' ? c.ko : c.en)));
      if (!first.done) await write(first.value);
      for (let next = await it.next(); !next.done; next = await it.next()) await write(next.value);
      out.end();
    } catch (e) {
      reply.log.error({ err: e }, 'CSV export failed after it started');
      out.destroy(e as Error);
    }
  })();
  return reply.send(out);
}

/** Pages of a list read with limit and offset until a short page. */
export async function* byOffset<R>(read: (limit: number, offset: number) => Promise<R[]>, size = 500): AsyncGenerator<R[]> {
  for (let offset = 0; ; offset += size) {
    const rows = await read(size, offset);
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}
