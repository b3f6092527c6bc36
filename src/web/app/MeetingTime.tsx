import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { meetingTimes } from './datetime.ts';

/**
 * A meeting's time as every screen shows it: the venue's time, labelled, and below it the
 * reader's own time, labelled, when that reads differently (datetime.ts meetingTimes).
 */
export function MeetingTime({ iso, timeZone, size = 'sm' }: { iso: string | null | undefined; timeZone: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t, i18n } = useTranslation();
  const { venue, viewer } = meetingTimes(i18n.language === 'ko' ? 'ko-KR' : 'en-GB', iso, timeZone);
  return (
    <span data-testid="meeting-time">
      <Text span size={size} data-testid="venue-time" className="nowrap">
        {venue}{' '}
        <Text span size="xs" c="dimmed">
          ({t('series.time.venue')})
        </Text>
      </Text>
      {viewer ? (
        <Text span display="block" size="xs" c="dimmed" data-testid="viewer-time" className="nowrap">
          {viewer} ({t('series.time.yours')})
        </Text>
      ) : null}
    </span>
  );
}
