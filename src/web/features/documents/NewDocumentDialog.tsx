import { useState } from 'react';
import { Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { DateField } from '../../app/DateField.tsx';
import { FormError } from '../../app/FormError.tsx';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps, maxItems } from '../../app/limits.ts';
import { useNames } from '../../app/reference.ts';
import { errorMessage } from '../../app/states.tsx';
import { ApiError } from '../../api/client.ts';
import { useCreateDocument } from './api.ts';
import { ClauseEditor, checkClauses, clauseBodies, clausePath, emptyClause, type ClauseDraft, type ClauseErrors } from './ClauseEditor.tsx';
import { DocumentCreateBody } from '../../../core/api/documents.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../core/vocabulary.ts';

const D = DocumentCreateBody.properties;
const START: ClauseDraft[] = [emptyClause('1')];

/**
 * A new joint document of the group: its title in English and Korean and version 1 of its text,
 * clause by clause in both languages; a clause not yet agreed is bracketed, with each party's
 * alternative wording.
 */
export function NewDocumentDialog({ opened, onClose, group }: { opened: boolean; onClose: () => void; group: WorkingGroup }) {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const create = useCreateDocument();
  const f = useFormState(
    { kind: 'joint_statement' as DocumentKind, title: '', titleKo: '', releasedOn: '', note: '', scope: 'group', classification: 'unclassified' },
    { draft: `document.create:${group.id}` },
  );
  const [clauses, setClauses] = useState<ClauseDraft[]>(START);
  const [clauseErrors, setClauseErrors] = useState<ClauseErrors>({});
  useResetOnOpen(opened, () => {
    f.reset();
    setClauses(START);
    setClauseErrors({});
    create.reset();
  });
  const parties = group.parties.map((p) => ({ id: p.id, name: names.party(p.id) }));
  const dirty = f.dirty || JSON.stringify(clauses) !== JSON.stringify(START);
  const submit = () => {
    const ce = checkClauses(t, clauses, maxItems(D.clauses));
    setClauseErrors(ce);
    const ok = f.validate({
      title: (v) => checkText(t, v.title, D.title, { required: true }),
      titleKo: (v) => checkText(t, v.titleKo, D.titleKo),
      note: (v) => checkText(t, v.note, D.note),
    });
    if (!ok) return;
    if (Object.keys(ce).length) return f.setFailures((n) => n + 1);
    const v = f.values;
    create.mutate(
      {
        wgId: group.id,
        kind: v.kind,
        title: v.title.trim(),
        titleKo: v.titleKo.trim() || null,
        releasedOn: v.releasedOn || null,
        note: v.note.trim() || undefined,
        clauses: clauseBodies(clauses),
        scope: v.scope as never,
        classification: v.classification as never,
      },
      {
        onSuccess: (r) => {
          f.sent();
          onClose();
          navigate(`/groups/${group.id}/documents/${r.id}`);
        },
        onError: (e) => {
          const path = e instanceof ApiError && e.status === 400 ? clausePath(e.field) : undefined;
          if (path) {
            setClauseErrors({ [path]: errorMessage(t, e).replace(/^[\w.]+: /, '') });
            f.setFailures((n) => n + 1);
          } else f.fromServer(e, errorMessage(t, e));
        },
      },
    );
  };
  return (
    <FormDialog
      draft={f.draft}
      opened={opened}
      onClose={onClose}
      dirty={dirty}
      failures={f.failures}
      size="90rem"
      title={t('create.doc.title')}
      submitLabel={t('create.doc.submit')}
      pending={create.isPending}
      onSubmit={submit}
      testId="new-document-form"
    >
      <Text size="sm" c="dimmed">
        {t('create.doc.help')}
      </Text>
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('create.titleEn')} required {...lengthProps(D.title)} {...f.field('title')} data-autofocus name="title" />
        <TextInput label={t('create.titleKo')} lang="ko" {...lengthProps(D.titleKo)} {...f.field('titleKo')} name="titleKo" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('documents.kind')} data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))} {...f.field('kind')} allowDeselect={false} />
        <DateField label={t('create.doc.releasedOn')} description={t('create.doc.releasedOnHelp')} {...f.field('releasedOn')} name="releasedOn" />
      </SimpleGrid>
      <Title order={3} size="h5" mt="xs">
        {t('create.doc.clauses')}
      </Title>
      <ClauseEditor clauses={clauses} onChange={setClauses} errors={clauseErrors} parties={parties} />
      <TextInput label={t('documents.editor.note')} placeholder={t('create.doc.notePlaceholder')} {...lengthProps(D.note)} {...f.field('note')} name="note" />
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}
