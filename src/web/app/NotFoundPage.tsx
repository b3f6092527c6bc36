import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './states.tsx';
import { IconInbox } from './icons.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('notFound.title')}
      icon={<IconInbox />}
      action={
        <Button component={Link} to="/">
          {t('nav.allGroups')}
        </Button>
      }
    >
      {t('notFound.body')}
    </EmptyState>
  );
}
