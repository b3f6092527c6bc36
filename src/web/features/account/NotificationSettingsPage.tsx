import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { QueryView, errorMessage } from '../../app/states.tsx';
import { DELIVERIES, type Delivery, type NotificationKind, type NotificationSettings, type NotificationSettingsInput } from '../../../core/api/notifications.ts';

const key = ['my-notification-settings'] as const;

/** The zones the browser knows, with UTC first (some browsers leave it out of the list). */
function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}
const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

interface Draft {
  timezone: string;
  digestHour: number;
  kinds: Record<string, Delivery>;
  muted: Set<string>;
}

/** The form's starting point: what is saved; before the first save, the defaults with this browser's zone. */
const draftOf = (s: NotificationSettings): Draft => ({
  timezone: s.version === 0 ? browserZone() : s.timezone,
  digestHour: s.digestHour,
  kinds: Object.fromEntries(s.kinds.map((k) => [k.kind, k.delivery])),
  muted: new Set(s.groups.filter((g) => g.muted).map((g) => g.id)),
});

function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [saved, setSaved] = useState(false);
  // A newer record from the server (after a save, or a reload after a conflict) restarts the form.
  useEffect(() => setDraft(draftOf(settings)), [settings]);
  const zones = useMemo(timeZones, []);
  const save = useMutation({
    mutationFn: (body: NotificationSettingsInput) => api<NotificationSettings>('/notification-settings', { method: 'PUT', body, version: settings.version }),
    onSuccess: (fresh) => {
      qc.setQueryData(key, fresh);
      setSaved(true);
    },
  });
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate({
      timezone: draft.timezone,
      digestHour: draft.digestHour,
      kinds: settings.kinds.map((k) => ({ kind: k.kind, delivery: draft.kinds[k.kind] ?? k.default })),
      mutedGroupIds: settings.groups.filter((g) => draft.muted.has(g.id)).map((g) => g.id),
    });
  };
  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const deliveryLabels = DELIVERIES.map((d) => ({ value: d, label: t(`notificationSettings.delivery.${d}`) }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {saved ? (
          <Alert color="green" variant="light" role="status">
            {t('notificationSettings.saved')}
          </Alert>
        ) : null}
        {save.error ? (
          <Alert color="red" variant="light" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{stale ? t('notificationSettings.stale') : errorMessage(t, save.error)}</Text>
              {stale ? (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => {
                    save.reset();
                    void qc.invalidateQueries({ queryKey: key });
                  }}
                >
                  {t('notificationSettings.reload')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}

        <Card withBorder padding="lg" component="section" aria-labelledby="kinds-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="kinds-title">
              {t('notificationSettings.kindsTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('notificationSettings.kindsHelp')}
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-labelledby="kinds-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('notificationSettings.kind')}</Table.Th>
                    <Table.Th>{t('notificationSettings.how')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {settings.kinds.map((k) => (
                    <Table.Tr key={k.kind} data-testid={`kind-${k.kind}`}>
                      <Table.Td>
                        <Text size="sm" fw={600} id={`kind-${k.kind}-label`}>
                          {t(`notificationSettings.kinds.${k.kind}.title`)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`notificationSettings.kinds.${k.kind}.help`)}
                          {draft.kinds[k.kind] !== k.default ? ` · ${t('notificationSettings.defaultIs', { value: t(`notificationSettings.delivery.${k.default}`) })}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          aria-labelledby={`kind-${k.kind}-label`}
                          name={`kind-${k.kind}`}
                          data={deliveryLabels}
                          value={draft.kinds[k.kind] ?? k.default}
                          onChange={(v) => change({ kinds: { ...draft.kinds, [k.kind as NotificationKind]: v as Delivery } })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="digest-title">
          <Stack gap="sm" maw={480}>
            <Title order={2} size="h4" id="digest-title">
              {t('notificationSettings.digestTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('notificationSettings.digestHelp')}
            </Text>
            <Group grow align="flex-start">
              <Select
                label={t('notificationSettings.timezone')}
                data={zones.includes(draft.timezone) ? zones : [draft.timezone, ...zones]}
                value={draft.timezone}
                onChange={(v) => v && change({ timezone: v })}
                searchable
                allowDeselect={false}
                nothingFoundMessage={t('notificationSettings.noZone')}
              />
              <Select
                label={t('notificationSettings.hour')}
                data={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hh(h) }))}
                value={String(draft.digestHour)}
                onChange={(v) => v !== null && change({ digestHour: Number(v) })}
                allowDeselect={false}
              />
            </Group>
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="mute-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="mute-title">
              {t('notificationSettings.muteTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('notificationSettings.muteHelp')}
            </Text>
            {settings.groups.length === 0 ? <Text size="sm">{t('notificationSettings.noGroups')}</Text> : null}
            {settings.groups.map((g) => (
              <Checkbox
                key={g.id}
                data-testid={`mute-${g.id}`}
                label={
                  <>
                    {t('notificationSettings.mute')} <BilingualTitle en={g.name} ko={g.nameKo} />
                  </>
                }
                checked={draft.muted.has(g.id)}
                onChange={(e) => {
                  const muted = new Set(draft.muted);
                  if (e.currentTarget.checked) muted.add(g.id);
                  else muted.delete(g.id);
                  change({ muted });
                }}
              />
            ))}
          </Stack>
        </Card>

        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('notificationSettings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** My notification settings: per kind at once, in the daily digest, or off; the digest's hour and zone; muted groups. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api<NotificationSettings>('/notification-settings', { signal }) });
  return (
    <>
      <PageHeader
        title={t('notificationSettings.title')}
        subtitle={t('notificationSettings.subtitle')}
        crumbs={[{ label: t('account.title'), to: '/account' }, { label: t('notificationSettings.title') }]}
      />
      <QueryView query={q}>{(s) => <SettingsForm settings={s} />}</QueryView>
    </>
  );
}
