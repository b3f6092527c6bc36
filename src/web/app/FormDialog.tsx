import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResetOnOpen, type FormDraft } from './form.ts';
import { CLASSIFICATIONS, SCOPES } from '../../core/vocabulary.ts';

/**
 * A dialog with a form: the one place that decides how Concord's dialogs close and submit.
 * Closing (Cancel, Escape, the close button, a click outside) with unsaved changes asks first
 * ("discard changes?") and keeps the form until the user says so; each refused submission (a
 * failed check, a server 400 — counted by useFormState's `failures`) moves focus to the first
 * invalid field. With `draft` (useFormState's), a form reopened over a kept draft says "Draft
 * restored" with a button to discard it, and discarding changes on close discards the draft too.
 */
export function FormDialog({
  opened,
  onClose,
  form,
  dirty = form?.dirty ?? false,
  failures = form?.failures ?? 0,
  draft = form?.draft,
  title,
  size = 'lg',
  submitLabel,
  submitColor,
  pending,
  onSubmit,
  children,
  testId,
  submitTestId,
}: {
  opened: boolean;
  onClose: () => void;
  /** useFormState's state: its `dirty`, `failures` and `draft` (or give them one by one). */
  form?: { dirty: boolean; failures: number; draft?: FormDraft };
  /** Whether the form holds changes that closing would lose. */
  dirty?: boolean;
  /** useFormState's `failures`: focus moves to the first invalid field each time it grows. */
  failures?: number;
  title: ReactNode;
  size?: MantineSize | string;
  submitLabel: string;
  submitColor?: string;
  pending?: boolean;
  onSubmit: () => void;
  children: ReactNode;
  testId?: string;
  submitTestId?: string;
  /** useFormState's `draft`: the note that a draft was restored, and discarding it. */
  draft?: FormDraft;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  useResetOnOpen(opened, () => setAsking(false));
  const requestClose = () => {
    if (pending) return;
    if (dirty) setAsking(true);
    else onClose();
  };
  useEffect(() => {
    if (!failures) return;
    const id = requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"] input, [role="alert"][data-testid="form-error"]');
      if (first) {
        if (first.getAttribute('role') === 'alert') first.setAttribute('tabindex', '-1');
        first.scrollIntoView({ block: 'center' });
        first.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(id);
  }, [failures]);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  return (
    <Modal opened={opened} onClose={requestClose} size={size} title={title} closeOnClickOutside={!asking}>
      <form
        ref={formRef}
        noValidate
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          setAsking(false);
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {draft?.restored ? (
            <Alert color="blue" variant="light" data-testid="draft-restored" py="xs">
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t('draft.restored')}</Text>
                <Button size="compact-xs" variant="subtle" onClick={draft.discard} data-testid="draft-discard">
                  {t('draft.discard')}
                </Button>
              </Group>
            </Alert>
          ) : null}
          {children}
          {asking ? (
            <Alert color="orange" variant="light" role="alertdialog" aria-labelledby="discard-title" data-testid="discard-confirm">
              <Text size="sm" fw={600} id="discard-title">
                {t('create.discard.title')}
              </Text>
              <Text size="sm">{t('create.discard.body')}</Text>
              <Group justify="flex-end" mt="xs">
                <Button ref={keepRef} size="xs" variant="default" onClick={() => setAsking(false)}>
                  {t('create.discard.keep')}
                </Button>
                <Button
                  size="xs"
                  color="red"
                  onClick={() => {
                    setAsking(false);
                    draft?.discard();
                    onClose();
                  }}
                >
                  {t('create.discard.confirm')}
                </Button>
              </Group>
            </Alert>
          ) : (
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={requestClose}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" color={submitColor} loading={pending} data-testid={submitTestId ?? (testId ? `${testId}-submit` : undefined)}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}

/** Who may see the new record and its marking: the scope (with what it means) and the classification. */
export function AccessFields({ scope, classification }: { scope: FieldProps; classification: FieldProps }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('access.scope')}
        data={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
        {...scope}
        allowDeselect={false}
        description={t(`scopeHelp.${String(scope.value as unknown)}`)}
      />
      <Select label={t('access.classification')} data={CLASSIFICATIONS.map((s) => ({ value: s, label: t(`classification.${s}`) }))} {...classification} allowDeselect={false} />
    </SimpleGrid>
  );
}

type FieldProps = { value: never; error: string | undefined; onChange: (e: unknown) => void };
