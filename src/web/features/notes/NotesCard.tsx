import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.ts';
import type { List } from '../../../core/api/common.ts';
import type { Note } from '../../../core/api/notes.ts';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { FormError } from '../../app/FormError.tsx';
import { ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDateTime } from '../../app/format.ts';

/**
 * Internal notes on a record. Each note is visible only as its scope allows (by default the
 * writer's own organisation), so two ministries of one government can keep separate notes.
 */
export function NotesCard({ entityType, entityId, canAdd }: { entityType: string; entityId: string; canAdd: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['notes', entityType, entityId];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => get<List<Note>>('/notes', { entityType, entityId }, signal) });
  const [body, setBody] = useState('');
  const [scope, setScope] = useState<string | null>('organisation');
  const add = useMutation({
    mutationFn: () => post<{ id: string }>('/notes', { entityType, entityId, body: body.trim(), scope: scope ?? 'organisation' }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`notes-${entityId}`}>
      <Title order={2} size="h4" id={`notes-${entityId}`} mb="xs">
        {t('notes.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('notes.help')}
      </Text>
      {q.isPending ? (
        <LoadingState rows={2} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('notes.none')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="notes">
          {q.data.items.map((n) => (
            <Box key={n.id} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-grape-3)' }} data-note={n.id}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Text>
              <Group gap="xs" mt={4}>
                <Text size="xs" c="dimmed">
                  {n.createdByName ?? t('audit.system')} · {formatDateTime(n.createdAt)}
                </Text>
                <AccessBadge access={n.access} compact />
              </Group>
            </Box>
          ))}
        </Stack>
      )}
      {canAdd ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate();
          }}
        >
          <Stack gap="xs" mt="md">
            <FormError error={add.error} />
            <Textarea label={t('notes.add')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            <Group justify="space-between" align="flex-end">
              <Select
                label={t('access.scope')}
                size="xs"
                w={220}
                data={(['organisation', 'party', 'group'] as const).map((s) => ({ value: s, label: t(`scope.${s}`) }))}
                value={scope}
                onChange={setScope}
                allowDeselect={false}
              />
              <Button type="submit" size="xs" loading={add.isPending} disabled={!body.trim()}>
                {t('notes.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Paper>
  );
}
