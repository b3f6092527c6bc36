import { Badge, Button } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAccessRequests } from './api.ts';

/** The link to the access requests, for those who review them (shown on their account page). */
export function AccessRequestsLink() {
  const { t } = useTranslation();
  const q = useAccessRequests();
  if (!q.data?.canReview) return null;
  return (
    <Button component={Link} to="/access-requests" variant="light" rightSection={q.data.items.length ? <Badge size="sm">{q.data.items.length}</Badge> : null}>
      {t('accessRequests.title')}
    </Button>
  );
}
