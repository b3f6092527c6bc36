// biome-ignore-all lint/suspicious/noArrayIndexKey: the editor's inputs are controlled by the draft list (their state is in it, by position), and clause keys are themselves edited
import { Badge, Box, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AlternativeInput, ClauseInput } from '../../../core/api/documents.ts';
import { lengthProps, maxItems, maxLength, patternOf } from '../../app/limits.ts';
import type { Clause } from '../../../core/api/documents.ts';
import type { ClauseInput as ClauseBody } from './api.ts';

const C = ClauseInput.properties;
const A = AlternativeInput.properties;

export interface AlternativeDraft {
  partyId: string | null;
  textEn: string;
  textKo: string;
}
export interface ClauseDraft {
  key: string;
  status: 'agreed' | 'bracketed';
  textEn: string;
  textKo: string;
  trackId: string | null;
  alternatives: AlternativeDraft[];
  /** A clause of the earlier version keeps its key (commitments and sign-offs refer to it). */
  locked?: boolean;
}
/** Problems by path within the list: "2.textEn", "0.alternatives.1.partyId", "_list". */
export type ClauseErrors = Record<string, string>;

/** The clauses of a version as drafts, in order. */
export const draftsOf = (clauses: readonly Clause[]): ClauseDraft[] =>
  [...clauses]
    .sort((a, b) => a.position - b.position)
    .map((c) => ({
      key: c.key,
      status: c.status,
      textEn: c.textEn,
      textKo: c.textKo ?? '',
      trackId: c.trackId,
      alternatives: c.alternatives.map((a) => ({ partyId: a.partyId, textEn: a.textEn, textKo: a.textKo ?? '' })),
      locked: true,
    }));

/** A key not yet used: the next number after the highest numeric key, else "new-N". */
export function nextKey(clauses: readonly ClauseDraft[]): string {
  const nums = clauses.map((c) => Number(c.key)).filter((n) => Number.isInteger(n) && n >= 0);
  const used = new Set(clauses.map((c) => c.key));
  let k = nums.length || !clauses.length ? String(Math.max(0, ...nums) + 1) : `new-${clauses.length + 1}`;
  for (let i = clauses.length + 1; used.has(k); i++) k = `new-${i}`;
  return k;
}

export const emptyClause = (key: string): ClauseDraft => ({ key, status: 'agreed', textEn: '', textKo: '', trackId: null, alternatives: [] });

/** The checks the server makes on a clause list, in the same terms (limits from the API schema). */
export function checkClauses(t: (k: string, o?: Record<string, unknown>) => string, clauses: readonly ClauseDraft[], maxClauses: number | undefined): ClauseErrors {
  const e: ClauseErrors = {};
  if (!clauses.length) e._list = t('create.doc.needClause');
  if (maxClauses !== undefined && clauses.length > maxClauses) e._list = t('create.doc.tooManyClauses', { max: maxClauses });
  const keyRe = patternOf(C.key);
  const seen = new Set<string>();
  const long = (v: string, s: Parameters<typeof maxLength>[0]) => {
    const m = maxLength(s);
    return m !== undefined && v.trim().length > m ? t('create.tooLong', { max: m }) : undefined;
  };
  clauses.forEach((c, i) => {
    const key = c.key.trim();
    if (!key) e[`${i}.key`] = t('form.required');
    else if (keyRe && !keyRe.test(key)) e[`${i}.key`] = t('documents.editor.badKey');
    else if (long(key, C.key)) e[`${i}.key`] = long(key, C.key)!;
    else if (seen.has(key)) e[`${i}.key`] = t('documents.editor.duplicateKey');
    seen.add(key);
    if (!c.textEn.trim()) e[`${i}.textEn`] = t('documents.editor.englishRequired');
    else if (long(c.textEn, C.textEn)) e[`${i}.textEn`] = long(c.textEn, C.textEn)!;
    if (long(c.textKo, C.textKo)) e[`${i}.textKo`] = long(c.textKo, C.textKo)!;
    if (c.status !== 'bracketed') return;
    const maxAlt = maxItems(C.alternatives);
    if (maxAlt !== undefined && c.alternatives.length > maxAlt) e[`${i}.alternatives`] = t('create.doc.tooManyAlternatives', { max: maxAlt });
    const parties = new Set<string>();
    c.alternatives.forEach((a, j) => {
      const at = `${i}.alternatives.${j}`;
      if (!a.partyId) e[`${at}.partyId`] = t('form.required');
      else if (parties.has(a.partyId)) e[`${at}.partyId`] = t('create.doc.partyTwice');
      if (a.partyId) parties.add(a.partyId);
      if (!a.textEn.trim()) e[`${at}.textEn`] = t('documents.editor.englishRequired');
      else if (long(a.textEn, A.textEn)) e[`${at}.textEn`] = long(a.textEn, A.textEn)!;
      if (long(a.textKo, A.textKo)) e[`${at}.textKo`] = long(a.textKo, A.textKo)!;
    });
  });
  return e;
}

/** The drafts as the API's clause list: an agreed clause carries no alternatives. */
export const clauseBodies = (clauses: readonly ClauseDraft[]): ClauseBody[] =>
  clauses.map((c) => ({
    key: c.key.trim(),
    status: c.status,
    textEn: c.textEn.trim(),
    textKo: c.textKo.trim() || null,
    trackId: c.trackId ?? null,
    alternatives: c.status === 'bracketed' ? c.alternatives.map((a) => ({ partyId: a.partyId ?? '', textEn: a.textEn.trim(), textKo: a.textKo.trim() || null })) : [],
  }));

/** The server's 400 on a clause ("body.clauses.2.alternatives.0.textEn") as the editor's path ("2.alternatives.0.textEn"). */
export const clausePath = (field: string | undefined): string | undefined => field?.match(/^body\.clauses\.(\d+(?:\.[\w.]+)?)$/)?.[1];

/**
 * The whole text of a document as editable clauses: each in English and Korean, agreed or
 * bracketed; a bracketed clause carries each party's alternative wording, and accepting one
 * makes it the agreed text (how a bracket is resolved in a new version).
 */
export function ClauseEditor({
  clauses,
  onChange,
  errors,
  parties,
}: {
  clauses: ClauseDraft[];
  onChange: (next: ClauseDraft[]) => void;
  errors: ClauseErrors;
  parties: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const patch = (i: number, p: Partial<ClauseDraft>) => onChange(clauses.map((c, j) => (j === i ? { ...c, ...p } : c)));
  const patchAlt = (i: number, k: number, p: Partial<AlternativeDraft>) => patch(i, { alternatives: clauses[i].alternatives.map((a, j) => (j === k ? { ...a, ...p } : a)) });
  const partyName = (id: string | null) => parties.find((p) => p.id === id)?.name ?? '';
  const maxAlt = maxItems(C.alternatives) ?? 20;
  const bracketed = clauses.filter((c) => c.status === 'bracketed').length;
  return (
    <Stack gap="sm" data-testid="clause-editor">
      {clauses.map((c, i) => {
        const label = t('create.doc.clauseN', { key: c.key || i + 1 });
        return (
          <Paper key={i} withBorder p="sm" radius="md" bg={c.status === 'bracketed' ? '#fffaf0' : undefined} data-edit-clause={c.key} data-clause-index={i} role="group" aria-label={label}>
            <Group justify="space-between" mb="xs" align="flex-start">
              <Group gap="xs" align="flex-start">
                <TextInput
                  size="xs"
                  w={160}
                  label={t('create.doc.key')}
                  value={c.key}
                  onChange={(e) => patch(i, { key: e.currentTarget.value })}
                  disabled={c.locked}
                  error={errors[`${i}.key`]}
                  {...lengthProps(C.key)}
                  data-field="key"
                />
                <SegmentedControl
                  size="xs"
                  mt={22}
                  aria-label={t('documents.editor.status')}
                  value={c.status}
                  onChange={(v) => patch(i, { status: v as ClauseDraft['status'] })}
                  data={[
                    { value: 'agreed', label: t('documents.status.agreed') },
                    { value: 'bracketed', label: t('documents.status.bracketed') },
                  ]}
                />
              </Group>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => onChange(clauses.filter((_, j) => j !== i))} aria-label={`${t('documents.editor.remove')}: ${label}`}>
                {t('documents.editor.remove')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Textarea
                label={t('create.doc.textEn')}
                required
                autosize
                minRows={2}
                value={c.textEn}
                onChange={(e) => patch(i, { textEn: e.currentTarget.value })}
                lang="en"
                error={errors[`${i}.textEn`]}
                {...lengthProps(C.textEn)}
                data-field="textEn"
              />
              <Textarea
                label={t('create.doc.textKo')}
                autosize
                minRows={2}
                value={c.textKo}
                onChange={(e) => patch(i, { textKo: e.currentTarget.value })}
                lang="ko"
                error={errors[`${i}.textKo`]}
                {...lengthProps(C.textKo)}
                data-field="textKo"
              />
            </SimpleGrid>
            {c.status === 'bracketed' ? (
              <Stack gap={6} mt="sm">
                <Text size="xs" c="dimmed">
                  {t('create.doc.bracketHelp')}
                </Text>
                {c.alternatives.map((a, k) => (
                  <Box key={k} pl="sm" style={{ borderLeft: '3px solid #c25e00' }} data-alternative={k}>
                    <Group justify="space-between" align="flex-end" wrap="nowrap" mb={4}>
                      <Select
                        size="xs"
                        w={240}
                        label={t('create.doc.altParty')}
                        required
                        data={parties.map((p) => ({ value: p.id, label: p.name }))}
                        value={a.partyId}
                        onChange={(v) => patchAlt(i, k, { partyId: v })}
                        error={errors[`${i}.alternatives.${k}.partyId`]}
                        allowDeselect={false}
                        data-field="altParty"
                      />
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          disabled={!a.textEn.trim()}
                          onClick={() => patch(i, { textEn: a.textEn, textKo: a.textKo, status: 'agreed', alternatives: [] })}
                          data-testid="accept-alternative"
                        >
                          {a.partyId ? t('create.doc.acceptOf', { party: partyName(a.partyId) }) : t('documents.editor.accept')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => patch(i, { alternatives: c.alternatives.filter((_, j) => j !== k) })}>
                          {t('create.doc.removeAlternative')}
                        </Button>
                      </Group>
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <Textarea
                        size="xs"
                        label={t('create.doc.altTextEn')}
                        required
                        autosize
                        minRows={1}
                        value={a.textEn}
                        onChange={(e) => patchAlt(i, k, { textEn: e.currentTarget.value })}
                        lang="en"
                        error={errors[`${i}.alternatives.${k}.textEn`]}
                        {...lengthProps(A.textEn)}
                        data-field="altTextEn"
                      />
                      <Textarea
                        size="xs"
                        label={t('create.doc.altTextKo')}
                        autosize
                        minRows={1}
                        value={a.textKo}
                        onChange={(e) => patchAlt(i, k, { textKo: e.currentTarget.value })}
                        lang="ko"
                        error={errors[`${i}.alternatives.${k}.textKo`]}
                        {...lengthProps(A.textKo)}
                        data-field="altTextKo"
                      />
                    </SimpleGrid>
                  </Box>
                ))}
                {errors[`${i}.alternatives`] ? (
                  <Text size="xs" c="red" role="alert">
                    {errors[`${i}.alternatives`]}
                  </Text>
                ) : null}
                {c.alternatives.length < Math.min(maxAlt, parties.length) ? (
                  <Group>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => {
                        const free = parties.find((p) => !c.alternatives.some((x) => x.partyId === p.id));
                        patch(i, { alternatives: [...c.alternatives, { partyId: free?.id ?? null, textEn: '', textKo: '' }] });
                      }}
                      data-testid="add-alternative"
                    >
                      {t('create.doc.addAlternative')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ) : null}
          </Paper>
        );
      })}
      {errors._list ? (
        <Text size="sm" c="red" role="alert">
          {errors._list}
        </Text>
      ) : null}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...clauses, emptyClause(nextKey(clauses))])} data-testid="add-clause">
          {t('documents.editor.addClause')}
        </Button>
        {bracketed ? <Badge color="orange">{t('documents.bracketsN', { count: bracketed })}</Badge> : null}
      </Group>
    </Stack>
  );
}
