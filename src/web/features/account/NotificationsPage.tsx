import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { formatDateTime } from '../../app/format.ts';
import type { Notification } from '../../../core/api/notifications.ts';

const key = ['my-notifications'] as const;

/** My notifications: the same ones that are mailed, each written when its change committed, in my language. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api<{ items: Notification[]; unread: number }>('/notifications', { signal }) });
  const read = useMutation({
    mutationFn: (id: string) => api<null>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={q.data ? t('notifications.unread', { count: q.data.unread }) : undefined}
        crumbs={[{ label: t('account.title'), to: '/account' }, { label: t('notifications.title') }]}
        actions={
          <Button component={Link} to="/settings/notifications" variant="light">
            {t('notificationSettings.link')}
          </Button>
        }
      />
      <QueryView query={q} empty={(d) => (d.items.length === 0 ? <EmptyState title={t('notifications.emptyTitle')}>{t('notifications.emptyBody')}</EmptyState> : null)}>
        {(d) => (
          <Stack gap="sm">
            {d.items.map((n) => (
              <Card key={n.id} withBorder padding="md" data-testid="notification" data-read={n.readAt ? 'yes' : 'no'}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Group gap="xs">
                      {!n.readAt ? (
                        <Badge size="sm" variant="filled">
                          {t('notifications.new')}
                        </Badge>
                      ) : null}
                      <Text fw={600}>{n.subject}</Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)} · {t(`notifications.email.${n.email}`)}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Text>
                  <Group gap="xs">
                    {n.path ? (
                      <Button component={Link} to={n.path} size="compact-sm" variant="light">
                        {t(`notifications.open.${n.entityType}`)}
                      </Button>
                    ) : null}
                    {!n.readAt ? (
                      <Button size="compact-sm" variant="subtle" loading={read.isPending && read.variables === n.id} onClick={() => read.mutate(n.id)}>
                        {t('notifications.markRead')}
                      </Button>
                    ) : null}
                  </Group>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
    </>
  );
}
