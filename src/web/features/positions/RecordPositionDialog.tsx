import { useMemo } from 'react';
import { Select, SimpleGrid, Textarea, TextInput, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { DateField } from '../../app/DateField.tsx';
import { lengthProps } from '../../app/limits.ts';
import { useUser } from '../../app/session.tsx';
import { localTitle, todayIso } from '../../app/format.ts';
import { useRecordPosition } from './api.ts';
import type { Issue } from '../../../core/api/issues.ts';
import { PositionCreateBody } from '../../../core/api/positions.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { SOURCE_KINDS, STANCES, wordOf, type Classification, type Scope } from '../../../core/vocabulary.ts';

/**
 * Record a stance: append-only, so changing a stance means recording a new one from a later
 * date. Whose stance: the user's government, or one organisation of it.
 */
const PB = PositionCreateBody.properties;

export function RecordPositionDialog({ opened, onClose, group, issues, issueId }: { opened: boolean; onClose: () => void; group: WorkingGroup; issues: Issue[]; issueId?: string }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const record = useRecordPosition();
  const initial = useMemo(
    () => ({
      issueId: issueId ?? '',
      holder: 'party' as 'party' | 'organisation',
      stance: 'support' as string,
      conditions: '',
      rationale: '',
      sourceKind: '' as string | null,
      sourceRef: '',
      validFrom: todayIso(),
      scope: 'party' as Scope,
      classification: 'unclassified' as Classification,
    }),
    [issueId],
  );
  const f = useFormState(initial, { draft: `position.record:${group.id}` });
  useResetOnOpen(opened, () => {
    f.reset(initial);
    record.reset();
  });
  const recordable = issues.filter((i) => i.abilities.recordPosition);
  const submit = () => {
    if (!f.validate({ issueId: (v) => !v.issueId && t('form.required'), validFrom: (v) => !/^\d{4}-\d{2}-\d{2}$/.test(v.validFrom) && t('form.required') })) return;
    const v = f.values;
    record.mutate(
      {
        wgId: group.id,
        issueId: v.issueId,
        partyId: user?.partyId,
        organisationId: v.holder === 'organisation' ? user?.organisationId : undefined,
        stance: wordOf(STANCES, v.stance),
        conditions: v.conditions.trim() || undefined,
        rationale: v.rationale.trim() || undefined,
        sourceKind: wordOf(SOURCE_KINDS, v.sourceKind) ?? undefined,
        sourceRef: v.sourceRef.trim() || undefined,
        validFrom: v.validFrom,
        scope: v.scope,
        classification: v.classification,
      },
      f.sending(onClose),
    );
  };
  const myParty = group.parties.find((p) => p.id === user?.partyId);
  const myOrg = group.members.find((m) => m.organisationId === user?.organisationId);
  const ko = i18n.language === 'ko';
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={t('positions.recordTitle')}
      submitLabel={t('positions.record')}
      pending={record.isPending}
      onSubmit={submit}
      testId="position-form"
      submitTestId="submit-position"
    >
      <Text size="sm" c="dimmed">
        {t('positions.appendOnly')}
      </Text>
      <FormError message={f.errors._form} />
      <Select
        label={t('positions.issue')}
        required
        searchable
        data={recordable.map((i) => ({ value: i.id, label: `${i.code ? `${i.code} · ` : ''}${localTitle(i.title, i.titleKo)}` }))}
        {...f.field('issueId')}
      />
      <SegmentedControl
        aria-label={t('positions.holder')}
        data={[
          { value: 'party', label: t('positions.forParty', { party: myParty ? (ko && myParty.nameKo ? myParty.nameKo : myParty.name) : '' }) },
          { value: 'organisation', label: t('positions.forOrg', { org: myOrg ? (myOrg.acronym ?? myOrg.name) : '' }) },
        ]}
        value={f.values.holder}
        onChange={(v) => f.set('holder', v as 'party' | 'organisation')}
      />
      <Select
        label={t('positions.stance')}
        data={[...STANCES.map((s) => ({ value: s, label: t(`stance.${s}`) })), { value: 'none', label: t('stance.none') }]}
        {...f.field('stance')}
        allowDeselect={false}
        data-autofocus
      />
      <Textarea label={t('positions.conditions')} description={t('positions.conditionsHelp')} autosize minRows={2} {...lengthProps(PB.conditions)} {...f.field('conditions')} name="conditions" />
      <Textarea label={t('positions.rationale')} autosize minRows={2} {...lengthProps(PB.rationale)} {...f.field('rationale')} name="rationale" />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t('positions.validFrom')} required {...f.field('validFrom')} name="validFrom" />
        <Select label={t('positions.sourceKind')} clearable data={SOURCE_KINDS.map((s) => ({ value: s, label: t(`sourceKind.${s}`) }))} {...f.field('sourceKind')} />
        <TextInput label={t('positions.sourceRef')} {...lengthProps(PB.sourceRef)} {...f.field('sourceRef')} name="sourceRef" />
      </SimpleGrid>
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}
