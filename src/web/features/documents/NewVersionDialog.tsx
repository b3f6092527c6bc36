import { useEffect, useMemo, useState } from 'react';
import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { FormDialog } from '../../app/FormDialog.tsx';
import { lengthProps, maxItems, maxLength } from '../../app/limits.ts';
import { useNames } from '../../app/reference.ts';
import { errorMessage } from '../../app/states.tsx';
import { useUser } from '../../app/session.tsx';
import { clearDraft, draftKey, loadDraft, saveDraft, sessionDrafts, withDraft } from '../../app/drafts.ts';
import { ApiError } from '../../api/client.ts';
import { useGroup } from '../groups/api.ts';
import { useNewVersion } from './api.ts';
import { ClauseEditor, checkClauses, clauseBodies, clausePath, draftsOf, type ClauseDraft, type ClauseErrors } from './ClauseEditor.tsx';
import { VersionCreateBody, type Document as JointDocument } from '../../../core/api/documents.ts';

const V = VersionCreateBody.properties;

/** Someone else changed the document first: the form error offers a reload. */
const isStale = (e: unknown) => e instanceof ApiError && (e.status === 409 || e.status === 428);

/**
 * Put forward the next version of the whole text: edit clauses in both languages, resolve a
 * bracket by accepting one party's alternative (or by marking the clause agreed), bracket a
 * clause with each party's wording, or add a clause. A new version voids every earlier sign-off.
 */
export function NewVersionDialog({ doc, opened, onClose }: { doc: JointDocument; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const group = useGroup(doc.wgId ?? undefined);
  const create = useNewVersion(doc.id);
  const start = useMemo(() => draftsOf(doc.current?.clauses ?? []), [doc.current]);
  const [clauses, setClauses] = useState<ClauseDraft[]>(start);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ClauseErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [failures, setFailures] = useState(0);
  const user = useUser();
  const key = user ? draftKey(user.id, `document.version:${doc.id}:${doc.version}`) : undefined;
  const [restored, setRestored] = useState(false);
  useResetOnOpen(opened, () => {
    const d = withDraft({ clauses: start, note: '' }, key ? loadDraft<{ clauses: ClauseDraft[]; note: string }>(sessionDrafts(), key) : undefined);
    setClauses(d.values.clauses);
    setNote(d.values.note);
    setRestored(d.restored);
    setErrors({});
    setFormError(undefined);
    create.reset();
  });
  const parties = (group.data?.parties ?? []).map((p) => ({ id: p.id, name: names.party(p.id) }));
  const dirty = note.trim() !== '' || JSON.stringify(clauses) !== JSON.stringify(start);
  // The unsent text is kept in the tab (app/drafts.ts) for this document's version.
  useEffect(() => {
    if (key && dirty) saveDraft(sessionDrafts(), key, { clauses, note });
  }, [key, dirty, clauses, note]);
  const draft = {
    restored,
    discard: () => {
      if (key) clearDraft(sessionDrafts(), key);
      setRestored(false);
      setClauses(start);
      setNote('');
    },
  };
  const refuse = (e: ClauseErrors, form?: string) => {
    setErrors(e);
    setFormError(form);
    setFailures((n) => n + 1);
  };
  const submit = () => {
    const e = checkClauses(t, clauses, maxItems(V.clauses));
    const noteMax = maxLength(V.note);
    if (noteMax !== undefined && note.trim().length > noteMax) e.note = t('create.tooLong', { max: noteMax });
    if (Object.keys(e).length) return refuse(e);
    setErrors({});
    setFormError(undefined);
    create.mutate(
      { version: doc.version, note: note.trim() || undefined, clauses: clauseBodies(clauses) },
      {
        onSuccess: () => {
          if (key) clearDraft(sessionDrafts(), key);
          onClose();
        },
        onError: (err) => {
          const path = err instanceof ApiError && err.status === 400 ? (clausePath(err.field) ?? (err.field === 'body.note' ? 'note' : undefined)) : undefined;
          if (path) refuse({ [path]: errorMessage(t, err).replace(/^[\w.]+: /, '') });
          else if (!isStale(err)) refuse({}, errorMessage(t, err));
        },
      },
    );
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      dirty={dirty}
      failures={failures}
      size="90rem"
      title={t('documents.editor.title', { n: (doc.current?.number ?? 0) + 1 })}
      submitLabel={t('documents.editor.submit')}
      pending={create.isPending}
      onSubmit={submit}
      submitTestId="submit-version"
      draft={draft}
    >
      <Text size="sm" c="dimmed">
        {t('documents.editor.help')}
      </Text>
      <FormError error={isStale(create.error) ? create.error : undefined} message={formError} onReload={onClose} />
      <ClauseEditor clauses={clauses} onChange={setClauses} errors={errors} parties={parties} />
      <TextInput
        label={t('documents.editor.note')}
        placeholder={t('documents.editor.notePlaceholder')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
        {...lengthProps(V.note)}
      />
    </FormDialog>
  );
}
