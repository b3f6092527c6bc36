import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { errorMessage } from './states.tsx';

/** The error above a form; on 409 it says someone else changed the record and offers a reload. */
export function FormError({ error, message, onReload }: { error?: unknown; message?: string; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error && !message) return null;
  const stale = error instanceof ApiError && (error.status === 409 || error.status === 428);
  return (
    <Alert color={stale ? 'orange' : 'red'} variant="light" role="alert" title={stale ? t('error.staleTitle') : undefined} data-testid={stale ? 'stale-error' : 'form-error'}>
      <Text size="sm">{message ?? errorMessage(t, error)}</Text>
      {stale && onReload ? (
        <Group mt="xs">
          <Button size="xs" variant="light" color="orange" onClick={onReload}>
            {t('action.reload')}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
