import { useMemo } from 'react';
import { Button, Group, List, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormState, zonedToIso, TIMEZONES, useResetOnOpen } from '../../app/form.ts';
import { DateField } from '../../app/DateField.tsx';
import { FormError } from '../../app/FormError.tsx';
import { errorMessage } from '../../app/states.tsx';
import { useReference } from '../../app/reference.ts';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { useCreateSeries } from './api.ts';
import { describeRule } from './rule.ts';
import { MAX_OCCURRENCES, expandSeries, patternRule, type RulePattern } from '../../../core/series.ts';
import { CLASSIFICATIONS, MEETING_FORMATS, MEETING_LEVELS, SCOPES, wordOf, type MeetingFormat, type MeetingLevel } from '../../../core/vocabulary.ts';

const PATTERNS: RulePattern[] = ['monthlyNth', 'monthlyLast', 'monthlyDay', 'weekly', 'biweekly', 'quarterlyNth'];

/** Schedule a meeting series from the meetings page: a rule chosen in words, previewed in the venue's time and the reader's. */
export function SeriesDialog({ opened, onClose, wgId }: { opened: boolean; onClose: () => void; wgId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ref = useReference();
  const create = useCreateSeries();
  const f = useFormState(
    {
      title: '',
      titleKo: '',
      level: 'working' as MeetingLevel,
      format: 'in_person' as MeetingFormat,
      place: '',
      timezone: 'Asia/Seoul',
      start: '',
      durationMinutes: 120 as number | string,
      pattern: 'monthlyNth' as RulePattern,
      ends: 'count' as 'count' | 'until',
      count: 6 as number | string,
      until: '',
      invite: [] as string[],
      scope: 'group',
      classification: 'unclassified',
    },
    { draft: `series.create:${wgId}` },
  );
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const v = f.values;
  const startsAt = v.start ? zonedToIso(v.start, v.timezone) : null;
  const rule = startsAt ? patternRule(v.pattern, startsAt, v.timezone) : null;
  const occurrences = useMemo(() => {
    if (!startsAt || !rule) return [];
    try {
      return expandSeries(
        { startsAt, timezone: v.timezone, rrule: rule, count: v.ends === 'count' ? Number(v.count) || null : null, until: v.ends === 'until' ? v.until || null : null },
        MAX_OCCURRENCES + 1,
      );
    } catch {
      return [];
    }
  }, [startsAt, rule, v.timezone, v.ends, v.count, v.until]);
  const orgs = (ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.acronym ? `${o.acronym} — ` : ''}${i18n.language === 'ko' && o.nameKo ? o.nameKo : o.name}` }));
  const patternLabel = (p: RulePattern) =>
    startsAt ? `${t(`series.patterns.${p}`)} — ${describeRule(t, i18n.language, patternRule(p, startsAt, v.timezone), startsAt, v.timezone)}` : t(`series.patterns.${p}`);

  const submit = () => {
    const ok = f.validate({
      title: (x) => !x.title.trim() && t('form.required'),
      start: (x) => !x.start && t('form.required'),
      count: (x) => x.ends === 'count' && !(Number(x.count) >= 1) && t('form.required'),
      until: (x) => (x.ends === 'until' && !x.until ? t('form.required') : x.ends === 'until' && occurrences.length > MAX_OCCURRENCES && t('series.tooMany', { max: MAX_OCCURRENCES })),
    });
    if (!ok || !startsAt || !rule) return;
    create.mutate(
      {
        wgId,
        title: v.title.trim(),
        titleKo: v.titleKo.trim() || undefined,
        level: v.level,
        format: v.format,
        place: v.place.trim() || undefined,
        timezone: v.timezone,
        startsAt,
        durationMinutes: Number(v.durationMinutes) || 120,
        rrule: rule,
        count: v.ends === 'count' ? Number(v.count) : undefined,
        until: v.ends === 'until' ? v.until : undefined,
        invite: v.invite.length ? v.invite : undefined,
        scope: wordOf(SCOPES, v.scope) ?? undefined,
        classification: wordOf(CLASSIFICATIONS, v.classification) ?? undefined,
      },
      {
        onSuccess: (r) => {
          f.sent();
          onClose();
          navigate(`/groups/${wgId}/series/${r.id}`);
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('series.createTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('series.createHelp')}
          </Text>
          <FormError message={f.errors._form} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('meeting.titleEn')} required {...f.field('title')} data-autofocus name="title" />
            <TextInput label={t('meeting.titleKo')} lang="ko" {...f.field('titleKo')} name="titleKo" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('meeting.level')} data={MEETING_LEVELS.map((l) => ({ value: l, label: t(`meetingLevel.${l}`) }))} {...f.field('level')} allowDeselect={false} />
            <Select label={t('meeting.format')} data={MEETING_FORMATS.map((l) => ({ value: l, label: t(`meetingFormat.${l}`) }))} {...f.field('format')} allowDeselect={false} />
            <Select label={t('meeting.timezone')} data={[...TIMEZONES]} {...f.field('timezone')} allowDeselect={false} searchable />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="datetime-local" label={t('series.firstStart')} required {...f.field('start')} name="start" />
            <NumberInput label={t('series.duration')} min={5} max={1440} step={15} allowDecimal={false} {...f.field('durationMinutes')} name="durationMinutes" />
          </SimpleGrid>
          <Select label={t('series.pattern')} data={PATTERNS.map((p) => ({ value: p, label: patternLabel(p) }))} {...f.field('pattern')} allowDeselect={false} data-testid="series-pattern" />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('series.ends')}
            </Text>
            <SegmentedControl
              value={v.ends}
              onChange={(x) => f.set('ends', x as 'count' | 'until')}
              data={[
                { value: 'count', label: t('series.endsAfter') },
                { value: 'until', label: t('series.endsOn') },
              ]}
            />
            {v.ends === 'count' ? (
              <NumberInput label={t('series.count')} min={1} max={MAX_OCCURRENCES} allowDecimal={false} {...f.field('count')} name="count" />
            ) : (
              <DateField label={t('series.until')} {...f.field('until')} name="until" />
            )}
          </Stack>
          <TextInput label={t('meeting.place')} {...f.field('place')} name="place" />
          {orgs.length ? <MultiSelect label={t('meeting.invite')} data={orgs} searchable {...f.field('invite')} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('access.scope')} data={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))} {...f.field('scope')} allowDeselect={false} description={t(`scopeHelp.${v.scope}`)} />
            <Select label={t('access.classification')} data={CLASSIFICATIONS.map((s) => ({ value: s, label: t(`classification.${s}`) }))} {...f.field('classification')} allowDeselect={false} />
          </SimpleGrid>
          <Stack gap={4} data-testid="series-preview">
            <Text size="sm" fw={600}>
              {t('series.preview')}
            </Text>
            {startsAt && rule ? (
              <>
                <Text size="sm" data-testid="series-rule-text">
                  {t('series.repeats', { rule: describeRule(t, i18n.language, rule, startsAt, v.timezone) })}
                </Text>
                <List size="sm" spacing={4}>
                  {occurrences.slice(0, 4).map((o) => (
                    <List.Item key={o}>
                      <MeetingTime iso={o} timeZone={v.timezone} />
                    </List.Item>
                  ))}
                </List>
                {occurrences.length > 4 ? (
                  <Text size="xs" c="dimmed">
                    {t('series.previewMore', { count: Math.min(occurrences.length, MAX_OCCURRENCES) - 4 })}
                  </Text>
                ) : null}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('series.previewEmpty')}
              </Text>
            )}
          </Stack>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="create-series-submit">
              {t('series.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
