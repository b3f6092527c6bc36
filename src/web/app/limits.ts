/**
 * The limits of the API's request schemas (core/api), read from the schemas themselves so that a
 * form refuses exactly what the server would: a field's maxLength and pattern, a list's maxItems.
 */
import type { TSchema } from 'typebox';

type Annotated = { maxLength?: number; minLength?: number; maxItems?: number; pattern?: string; anyOf?: Annotated[]; type?: unknown };

/** The schema itself, or for a nullable one written as `anyOf` the non-null member carrying the annotation. */
const carrier = (s: TSchema, key: keyof Annotated): Annotated | undefined => {
  const a = s as unknown as Annotated;
  if (a[key] !== undefined) return a;
  return a.anyOf?.find((x) => x[key] !== undefined);
};

/** The most characters the API takes in this field. */
export const maxLength = (s: TSchema): number | undefined => carrier(s, 'maxLength')?.maxLength;

/** The most items the API takes in this list. */
export const maxItems = (s: TSchema): number | undefined => carrier(s, 'maxItems')?.maxItems;

/** The pattern the API holds this field to, as a RegExp. */
export const patternOf = (s: TSchema): RegExp | undefined => {
  const p = carrier(s, 'pattern')?.pattern;
  return p ? new RegExp(p) : undefined;
};

/** Input props for a text field: the browser then stops at the API's length. */
export const lengthProps = (s: TSchema): { maxLength?: number } => {
  const n = maxLength(s);
  return n === undefined ? {} : { maxLength: n };
};

/**
 * A check for useFormState.validate: required (when `required`), at most the schema's length, and
 * matching its pattern. Returns the message to show, or false.
 */
export function checkText(t: (k: string, o?: Record<string, unknown>) => string, value: string | null | undefined, s: TSchema, opts: { required?: boolean; invalid?: string } = {}): string | false {
  const v = (value ?? '').trim();
  if (!v) return opts.required ? t('form.required') : false;
  const max = maxLength(s);
  if (max !== undefined && v.length > max) return t('create.tooLong', { max });
  const re = patternOf(s);
  if (re && !re.test(v)) return opts.invalid ?? t('create.invalidFormat');
  return false;
}
