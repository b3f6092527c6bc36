import { Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps } from '../../app/limits.ts';
import { errorMessage } from '../../app/states.tsx';
import { localTitle } from '../../app/format.ts';
import { useCreateIssue } from './api.ts';
import { IssueCreateBody } from '../../../core/api/issues.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';

const S = IssueCreateBody.properties;

/** A new issue of the group: the question its parties take positions on, in English and Korean, on one of its tracks. */
export function NewIssueDialog({ opened, onClose, group, onCreated }: { opened: boolean; onClose: () => void; group: WorkingGroup; onCreated?: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateIssue();
  const f = useFormState({ title: '', titleKo: '', code: '', trackId: null as string | null, description: '', scope: 'group', classification: 'unclassified' }, { draft: `issue.create:${group.id}` });
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const submit = () => {
    const ok = f.validate({
      title: (v) => checkText(t, v.title, S.title, { required: true }),
      titleKo: (v) => checkText(t, v.titleKo, S.titleKo),
      code: (v) => checkText(t, v.code, S.code),
      description: (v) => checkText(t, v.description, S.description),
    });
    if (!ok) return;
    const v = f.values;
    create.mutate(
      {
        wgId: group.id,
        title: v.title.trim(),
        titleKo: v.titleKo.trim() || undefined,
        code: v.code.trim() || undefined,
        trackId: v.trackId || undefined,
        description: v.description.trim() || undefined,
        scope: v.scope as never,
        classification: v.classification as never,
      },
      {
        onSuccess: (r) => {
          f.sent();
          onClose();
          onCreated?.(r.id);
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };
  return (
    <FormDialog opened={opened} onClose={onClose} form={f} title={t('create.issue.title')} submitLabel={t('create.issue.submit')} pending={create.isPending} onSubmit={submit} testId="new-issue-form">
      <Text size="sm" c="dimmed">
        {t('create.issue.help')}
      </Text>
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('create.titleEn')} required {...lengthProps(S.title)} {...f.field('title')} data-autofocus name="title" />
        <TextInput label={t('create.titleKo')} lang="ko" {...lengthProps(S.titleKo)} {...f.field('titleKo')} name="titleKo" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('create.track')}
          clearable
          data={group.tracks.map((tr) => ({ value: tr.id, label: localTitle(tr.name, tr.nameKo) }))}
          {...f.field('trackId')}
          nothingFoundMessage={t('create.noTracks')}
        />
        <TextInput label={t('create.issue.code')} description={t('create.issue.codeHelp')} {...lengthProps(S.code)} {...f.field('code')} name="code" />
      </SimpleGrid>
      <Textarea label={t('create.description')} autosize minRows={3} {...lengthProps(S.description)} {...f.field('description')} name="description" />
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}
