import { useEffect, useRef } from 'react';
import { Alert, Box, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { conflictFields, currentVersionOf, isStaleWrite, keepMineOnTheirs } from './conflict.ts';
import type { DiffPart } from './wordDiff.ts';

/** A word diff, from the current text to the user's: what the user's text adds is underlined, what it drops struck through. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts have no identity but their place
          <span key={i}>{p.text}</span>
        ) : p.kind === 'ins' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={i} style={{ background: 'var(--mantine-color-green-light)', textDecoration: 'underline' }}>
            {p.text}
          </ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={i} style={{ background: 'var(--mantine-color-red-light)' }}>
            {p.text}
          </del>
        ),
      )}
    </Text>
  );
}

/**
 * Shown in a form when its write was refused as stale (409 stale_version): the record is
 * reloaded (`refresh`), then each text field the user wrote is set beside the current one with a
 * word diff, and the user chooses: keep mine on top of theirs (sent again with the current
 * version), take theirs (the user's text is dropped), or edit (the user's text stays in the form,
 * now against the current version). Nothing the user typed is lost until they say so.
 */
export function ConflictPanel<T extends Record<string, unknown>>({
  error,
  refresh,
  version,
  fields,
  base,
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
  onEdit,
}: {
  error: unknown;
  /** Reloads the record (its query's refetch). */
  refresh?: () => void;
  /** The loaded record's version: the panel waits until it reaches the one the 409 names. */
  version?: number;
  /** The form's text fields the record holds too, with their labels. */
  fields: { key: keyof T & string; label: string }[];
  base: T;
  mine: T;
  /** The record as it is now, in the form's terms. */
  theirs: Partial<T>;
  onKeepMine: (merged: T) => void;
  onTakeTheirs: () => void;
  onEdit: (merged: T, theirs: T) => void;
}) {
  const { t } = useTranslation();
  const stale = isStaleWrite(error);
  const refreshed = useRef<unknown>(undefined);
  useEffect(() => {
    if (stale && refreshed.current !== error) {
      refreshed.current = error;
      refresh?.();
    }
  }, [stale, error, refresh]);
  if (!stale) return null;
  const wanted = currentVersionOf(error);
  const ready = wanted === undefined || version === undefined || version >= wanted;
  const diffs = ready
    ? conflictFields(
        base,
        mine,
        theirs,
        fields.map((f) => f.key),
      )
    : [];
  const label = (k: string) => fields.find((f) => f.key === k)?.label ?? k;
  const merged = keepMineOnTheirs(base, mine, theirs);
  return (
    <Alert color="orange" variant="light" role="alert" title={t('conflict.title')} data-testid="conflict-panel">
      <Stack gap="xs">
        <Text size="sm">{t('conflict.body')}</Text>
        {!ready ? (
          <Text size="sm" c="dimmed" role="status">
            {t('conflict.loading')}
          </Text>
        ) : null}
        {diffs.map((d) => (
          <Paper key={d.key} withBorder p="xs" data-conflict-field={d.key}>
            <Text size="sm" fw={600}>
              {label(d.key)}
              {!d.changedByMe ? (
                <Text span size="xs" c="dimmed" ml="xs">
                  {t('conflict.onlyTheirs')}
                </Text>
              ) : null}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={4}>
              <Side label={t('conflict.mine')} text={d.mine} testId="conflict-mine" />
              <Side label={t('conflict.theirs')} text={d.theirs} testId="conflict-theirs" />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={4}>
              {t('conflict.diff')}
            </Text>
            <DiffText parts={d.diff} />
          </Paper>
        ))}
        {ready && !diffs.length ? <Text size="sm">{t('conflict.noTextDiffers')}</Text> : null}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onTakeTheirs} disabled={!ready} data-testid="conflict-theirs-action">
            {t('conflict.takeTheirs')}
          </Button>
          <Button size="xs" variant="light" color="orange" onClick={() => onEdit(merged, { ...mine, ...theirs })} disabled={!ready} data-testid="conflict-edit">
            {t('conflict.edit')}
          </Button>
          <Button size="xs" color="orange" onClick={() => onKeepMine(merged)} disabled={!ready} data-testid="conflict-keep-mine">
            {t('conflict.keepMine')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** One side of a conflicting field: its label and its whole text. */
function Side({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {text || '—'}
      </Text>
    </Box>
  );
}

/** The part of useFormState a conflict works on. */
export interface ConflictForm<T> {
  values: T;
  base: T;
  rebase: (start: T, keep: T) => void;
  sent: () => void;
}

/**
 * A form's conflict panel wired to its form and mutation: keep mine resends the merged values
 * (`resend`, which names the record's version as loaded now), take theirs drops the draft and
 * closes, edit leaves the merged text in the form against the current version.
 */
export function FormConflict<T extends Record<string, unknown>>({
  form,
  mutation,
  refresh,
  version,
  fields = [],
  theirs = {},
  resend,
  onClose,
}: {
  form: ConflictForm<T>;
  mutation: { error: unknown; reset: () => void };
  refresh?: () => void;
  version?: number;
  fields?: { key: keyof T & string; label: string }[];
  theirs?: Partial<T>;
  resend: (values: T) => void;
  onClose: () => void;
}) {
  return (
    <ConflictPanel
      error={mutation.error}
      refresh={refresh}
      version={version}
      fields={fields}
      base={form.base}
      mine={form.values}
      theirs={theirs}
      onKeepMine={(merged) => {
        form.rebase({ ...form.values, ...theirs }, merged);
        resend(merged);
      }}
      onTakeTheirs={() => {
        form.sent();
        mutation.reset();
        onClose();
      }}
      onEdit={(merged, current) => {
        form.rebase(current, merged);
        mutation.reset();
      }}
    />
  );
}
