// biome-ignore-all lint/suspicious/noArrayIndexKey: skeleton rows carry no data; their position is their identity
import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { formatNumber } from './format.ts';
import { REFUSAL_REASON_LIST } from '../../core/api/refusals.ts';

/** A page-level loading state: skeleton rows shaped like the content, announced to screen readers. */
export function LoadingState({ rows = 4, label }: { rows?: number; label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" role="status" aria-live="polite" aria-busy="true" data-state="loading">
      <Text size="sm" c="dimmed">
        {label ?? t('state.loading')}
      </Text>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={i === 0 ? 28 : 18} width={i === 0 ? '40%' : `${90 - i * 8}%`} radius="sm" />
      ))}
    </Stack>
  );
}

export function InlineLoader() {
  const { t } = useTranslation();
  return (
    <Center p="md" role="status" aria-label={t('state.loading')}>
      <Loader size="sm" />
    </Center>
  );
}

/** Turns any error into a sentence the user can act on. */
/**
 * A failed schema check in the user's language, from the rule the API names (`details.rule`,
 * `details.limit`): "At most 50,000 characters" / "50,000자 이내로 입력하세요". Undefined when the
 * API gave no rule (a refusal by a command: its message is the server's).
 */
export function fieldMessage(t: (k: string, o?: Record<string, unknown>) => string, err: ApiError): string | undefined {
  const rule = err.details?.rule;
  if (typeof rule !== 'string' || !RULES.has(rule)) return undefined;
  const limit = typeof err.details?.limit === 'number' ? err.details.limit : undefined;
  return t(`error.rule.${rule}`, { count: limit ?? 0, limit: limit === undefined ? '' : formatNumber(limit, 0) });
}
/**
 * A command's refusal in the user's language, from its stable reason (`refusal.<reason>`, one text
 * per reason of core/api/refusals.ts in en.json and ko.json). Undefined when the error names none.
 */
export function refusalMessage(t: (k: string, o?: Record<string, unknown>) => string, err: ApiError): string | undefined {
  if (!err.reason || !(REFUSAL_REASON_LIST as readonly string[]).includes(err.reason) || err.reason === 'invalid_request') return undefined;
  return t(`refusal.${err.reason}`);
}
const RULES = new Set(['maxLength', 'minLength', 'maxItems', 'minItems', 'minimum', 'maximum', 'format', 'pattern', 'required', 'enum', 'type', 'unknownField']);

export function errorMessage(t: (k: string, o?: Record<string, unknown>) => string, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 409 && err.code === 'stale_version') return t('error.stale');
    const refused = refusalMessage(t, err);
    if (refused && err.status !== 400) return refused;
    if (err.status === 409) return t('error.stale');
    if (err.status === 403) return t('error.forbidden');
    if (err.status === 404) return t('error.notFound');
    if (err.status === 401) return t('error.signedOut');
    if (err.status === 428) return t('error.stale');
    if (err.status === 429) return t('error.rateLimited');
    if (err.status >= 500) return t('error.server');
    return fieldMessage(t, err) ?? refused ?? err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const notYet = error instanceof ApiError && error.status === 404 && /No route/.test(error.message);
  return (
    <Alert color={notYet ? 'gray' : 'red'} variant="light" title={title ?? (notYet ? t('error.notAvailableTitle') : t('error.title'))} role="alert" data-state="error">
      <Stack gap="xs">
        <Text size="sm">{notYet ? t('error.notAvailable') : errorMessage(t, error)}</Text>
        {error instanceof ApiError && error.requestId ? (
          <Text size="xs" c="dimmed">
            {t('error.requestId', { id: error.requestId })}
          </Text>
        ) : null}
        {onRetry ? (
          <Group>
            <Button size="xs" variant="light" onClick={onRetry}>
              {t('action.retry')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children, icon, action }: { title: string; children?: ReactNode; icon?: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" data-state="empty" bg="var(--concord-muted)">
      <Stack align="center" gap={6} ta="center">
        {icon ? (
          <ThemeIcon variant="light" size="xl" radius="xl" color="gray" aria-hidden>
            {icon}
          </ThemeIcon>
        ) : null}
        <Title order={3} size="h5" fw={600}>
          {title}
        </Title>
        {children ? (
          <Text size="sm" c="dimmed" maw={460}>
            {children}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Paper>
  );
}

/** Renders loading, error or content for one query. */
export function QueryView<T>({
  query,
  children,
  rows,
  empty,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  rows?: number;
  empty?: (data: T) => ReactNode | null;
}) {
  if (query.isPending) return <LoadingState rows={rows} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  const e = empty?.(data);
  if (e) return <>{e}</>;
  return <>{children(data)}</>;
}
