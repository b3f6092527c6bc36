import { useMemo } from 'react';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { errorMessage } from '../../app/states.tsx';
import { useUser } from '../../app/session.tsx';
import { localTitle, todayIso } from '../../app/format.ts';
import { useRecordPosition } from './api.ts';
import type { Issue } from '../../../core/api/issues.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { CLASSIFICATIONS, SCOPES, SOURCE_KINDS, STANCES, wordOf, type Classification, type Scope } from '../../../core/vocabulary.ts';

/**
 * Record a stance: append-only, so changing a stance means recording a new one from a later
 * date. Whose stance: the user's government, or one organisation of it.
 */
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
  const f = useFormState(initial);
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
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  const myParty = group.parties.find((p) => p.id === user?.partyId);
  const myOrg = group.members.find((m) => m.organisationId === user?.organisationId);
  const ko = i18n.language === 'ko';
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('positions.recordTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
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
          <Textarea label={t('positions.conditions')} description={t('positions.conditionsHelp')} autosize minRows={2} {...f.field('conditions')} />
          <Textarea label={t('positions.rationale')} autosize minRows={2} {...f.field('rationale')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label={t('positions.validFrom')} required {...f.field('validFrom')} />
            <Select label={t('positions.sourceKind')} clearable data={SOURCE_KINDS.map((s) => ({ value: s, label: t(`sourceKind.${s}`) }))} {...f.field('sourceKind')} />
            <TextInput label={t('positions.sourceRef')} {...f.field('sourceRef')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('access.scope')}
              data={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
              {...f.field('scope')}
              allowDeselect={false}
              description={t(`scopeHelp.${f.values.scope}`)}
            />
            <Select label={t('access.classification')} data={CLASSIFICATIONS.map((s) => ({ value: s, label: t(`classification.${s}`) }))} {...f.field('classification')} allowDeselect={false} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="submit-position">
              {t('positions.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
