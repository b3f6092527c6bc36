/**
 * The words of the record's vocabularies (scope, classification, stance, states, stages, …) in the
 * export's language, as the web app shows them: read from the app's own catalogues
 * (src/web/i18n/en.json and ko.json), so a CSV says "Own government" / "자국 정부" where the screen
 * does, never the stored code. A code the catalogue does not know is written as it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportLanguage } from '../../core/api/export.ts';

/** The vocabularies a CSV cell may hold, and their place in the catalogues. */
const SECTIONS = {
  scope: 'scope',
  classification: 'classification',
  stance: 'stance',
  commitmentState: 'commitments.filters',
  progress: 'progress',
  meetingStatus: 'meetingStatus',
  meetingLevel: 'meetingLevel',
  meetingFormat: 'meetingFormat',
  stage: 'stage',
  documentKind: 'documentKind',
  grade: 'discipline.grade',
  check: 'discipline.check',
} as const;
export type Vocabulary = keyof typeof SECTIONS;

type Catalogue = Record<string, unknown>;
const catalogues = new Map<ExportLanguage, Catalogue>();

function catalogue(lang: ExportLanguage): Catalogue {
  let c = catalogues.get(lang);
  if (!c) {
    c = JSON.parse(readFileSync(join(import.meta.dirname, `../../web/i18n/${lang}.json`), 'utf8')) as Catalogue;
    catalogues.set(lang, c);
  }
  return c;
}

/** The word for `code` in `vocabulary`, in `lang`; the code itself when the catalogue has none. */
export function wordFor(lang: ExportLanguage, vocabulary: Vocabulary, code: string | null | undefined): string | null {
  if (code == null) return null;
  let node: unknown = catalogue(lang);
  for (const part of SECTIONS[vocabulary].split('.')) node = (node as Catalogue | undefined)?.[part];
  const word = (node as Catalogue | undefined)?.[code];
  return typeof word === 'string' ? word : code;
}
