import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMeetings } from '../meetings/api.ts';
import { MeetingStatusBadge } from '../meetings/bits.tsx';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { localTitle } from '../../app/format.ts';
import { ErrorState, LoadingState } from '../../app/states.tsx';

/** The calendar page's list of the meetings ahead, series occurrences among them, each in the venue's time and the reader's. */
export function UpcomingMeetings({ wgId, from }: { wgId: string; from: string }) {
  const { t } = useTranslation();
  const q = useMeetings(wgId, { from, limit: 12 });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="upcoming-meetings">
      <Title order={2} size="h4" mb="xs" id="upcoming-meetings">
        {t('series.upcomingTitle')}
      </Title>
      {q.isPending ? (
        <LoadingState rows={2} />
      ) : q.error || !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('series.upcomingEmpty')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="upcoming-meetings">
          {[...q.data.items]
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            .map((m) => (
              <Group key={m.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="upcoming-meeting">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/groups/${wgId}/meetings/${m.id}`} size="sm" fw={600}>
                    {localTitle(m.title, m.titleKo)}
                  </Anchor>
                  <MeetingTime iso={m.startsAt} timeZone={m.timezone} size="xs" />
                </Stack>
                <Group gap={4} wrap="nowrap">
                  {m.seriesId ? (
                    <Badge component={Link} to={`/groups/${wgId}/series/${m.seriesId}`} variant="light" style={{ cursor: 'pointer' }}>
                      {t('series.seriesBadge')}
                    </Badge>
                  ) : null}
                  <MeetingStatusBadge status={m.status} />
                </Group>
              </Group>
            ))}
        </Stack>
      )}
    </Paper>
  );
}
