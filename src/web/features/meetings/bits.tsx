import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus, MeetingStatus } from '../../../core/vocabulary.ts';

export const MEETING_STATUS_COLOR: Record<MeetingStatus, string> = { planned: 'concord', held: 'green', postponed: 'orange', cancelled: 'red' };
export const ATTENDANCE_COLOR: Record<AttendanceStatus, string> = { invited: 'gray', attending: 'green', observer: 'cyan', declined: 'red' };

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MEETING_STATUS_COLOR[status]} data-status={status}>
      {t(`meetingStatus.${status}`)}
    </Badge>
  );
}

export function AttendanceBadge({ status }: { status: AttendanceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ATTENDANCE_COLOR[status]} data-attendance={status}>
      {t(`attendance.${status}`)}
    </Badge>
  );
}
