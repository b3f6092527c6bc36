import { Type, type TObject, type TProperties } from 'typebox';
import { Enum } from './common.ts';

/** Languages of an export's column headers. */
export const EXPORT_LANGUAGES = ['en', 'ko'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

const PAGING = new Set(['limit', 'offset', 'before']);

/**
 * The query of a list's CSV export: the list's own filters without its paging (an export holds
 * every row the filters select), and the language of the column headers.
 */
export function ExportQuery<P extends TProperties>(list: TObject<P>) {
  const filters = Object.fromEntries(Object.entries(list.properties).filter(([k]) => !PAGING.has(k))) as P;
  return Type.Object(
    {
      ...filters,
      lang: Type.Optional(Enum(EXPORT_LANGUAGES, "Language of the column headers (default: the caller's)")),
    },
    { additionalProperties: false },
  );
}

/** The 200 answer of an export, for the OpenAPI document. */
export const CsvResponse = { description: 'text/csv (UTF-8 with a byte order mark)', content: { 'text/csv': { schema: Type.String() } } };
