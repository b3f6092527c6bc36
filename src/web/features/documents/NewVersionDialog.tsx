// biome-ignore-all lint/suspicious/noArrayIndexKey: the clause editor's inputs are controlled by the form (their state is in the form's values, by position), and clause keys are themselves edited
import { useResetOnOpen } from '../../app/form.ts';
import { useState } from 'react';
import { Badge, Box, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../app/FormError.tsx';
import { useNames } from '../../app/reference.ts';
import { useNewVersion } from './api.ts';
import type { Clause, Document as JointDocument } from '../../../core/api/documents.ts';

type Draft = Clause & { isNew?: boolean };

/**
 * Put forward the next version of the whole text: edit clauses in both languages, accept one
 * party's bracketed alternative, or add a clause. A new version voids every earlier sign-off.
 */
export function NewVersionDialog({ doc, opened, onClose }: { doc: JointDocument; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const create = useNewVersion(doc.id);
  const [clauses, setClauses] = useState<Draft[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  useResetOnOpen(opened, () => {
    setClauses([...(doc.current?.clauses ?? [])].sort((a, b) => a.position - b.position).map((c) => ({ ...c, alternatives: [...c.alternatives] })));
    setNote('');
    setError(undefined);
    create.reset();
  });
  const patch = (i: number, p: Partial<Draft>) => setClauses((cs) => cs.map((c, j) => (j === i ? { ...c, ...p } : c)));
  const submit = () => {
    const keys = clauses.map((c) => c.key.trim());
    if (keys.some((k) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(k))) return setError(t('documents.editor.badKey'));
    if (new Set(keys).size !== keys.length) return setError(t('documents.editor.duplicateKey'));
    if (clauses.some((c) => !c.textEn.trim())) return setError(t('documents.editor.englishRequired'));
    setError(undefined);
    create.mutate(
      {
        version: doc.version,
        note: note.trim() || undefined,
        clauses: clauses.map((c) => ({
          key: c.key.trim(),
          status: c.status,
          textEn: c.textEn.trim(),
          textKo: c.textKo?.trim() || null,
          trackId: c.trackId ?? null,
          alternatives: c.status === 'bracketed' ? c.alternatives : [],
        })),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} size="90rem" title={t('documents.editor.title', { n: (doc.current?.number ?? 0) + 1 })}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('documents.editor.help')}
        </Text>
        <FormError error={create.error} message={error} onReload={onClose} />
        {clauses.map((c, i) => (
          <Paper key={i} withBorder p="sm" radius="md" bg={c.status === 'bracketed' ? '#fffaf0' : undefined} data-edit-clause={c.key}>
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <TextInput size="xs" w={160} aria-label={t('documents.clause')} value={c.key} onChange={(e) => patch(i, { key: e.currentTarget.value })} disabled={!c.isNew} />
                <SegmentedControl
                  size="xs"
                  aria-label={t('documents.editor.status')}
                  value={c.status}
                  onChange={(v) => patch(i, { status: v as Clause['status'] })}
                  data={[
                    { value: 'agreed', label: t('documents.status.agreed') },
                    { value: 'bracketed', label: t('documents.status.bracketed') },
                  ]}
                />
              </Group>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setClauses((cs) => cs.filter((_, j) => j !== i))}>
                {t('documents.editor.remove')}
              </Button>
            </Group>
            <SimpleGrid cols={2} spacing="sm">
              <Textarea label="English" autosize minRows={2} value={c.textEn} onChange={(e) => patch(i, { textEn: e.currentTarget.value })} lang="en" />
              <Textarea label="한국어" autosize minRows={2} value={c.textKo ?? ''} onChange={(e) => patch(i, { textKo: e.currentTarget.value })} lang="ko" />
            </SimpleGrid>
            {c.status === 'bracketed' && c.alternatives.length ? (
              <Stack gap={6} mt="sm">
                {c.alternatives.map((a, k) => (
                  <Group key={k} justify="space-between" wrap="nowrap" align="flex-start" pl="sm" style={{ borderLeft: '3px solid #c25e00' }}>
                    <Box>
                      <Text size="xs" fw={700} c="#8a3a00">
                        {t('documents.alternativeOf', { party: names.party(a.partyId) })}
                      </Text>
                      <Text size="sm">{a.textEn}</Text>
                      {a.textKo ? (
                        <Text size="sm" lang="ko">
                          {a.textKo}
                        </Text>
                      ) : null}
                    </Box>
                    <Button size="compact-xs" variant="light" onClick={() => patch(i, { textEn: a.textEn, textKo: a.textKo, status: 'agreed' })} data-testid="accept-alternative">
                      {t('documents.editor.accept')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            ) : null}
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => setClauses((cs) => [...cs, { key: `new-${cs.length + 1}`, position: cs.length, trackId: null, status: 'agreed', textEn: '', textKo: null, alternatives: [], isNew: true }])}
          >
            {t('documents.editor.addClause')}
          </Button>
          {clauses.some((c) => c.status === 'bracketed') ? <Badge color="orange">{t('documents.bracketsN', { count: clauses.filter((c) => c.status === 'bracketed').length })}</Badge> : null}
        </Group>
        <TextInput label={t('documents.editor.note')} placeholder={t('documents.editor.notePlaceholder')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} data-testid="submit-version">
            {t('documents.editor.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
