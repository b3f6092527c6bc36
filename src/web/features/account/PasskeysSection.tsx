import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { FormDialog } from '../../app/FormDialog.tsx';
import { QueryView } from '../../app/states.tsx';
import { formatDateTime } from '../../app/format.ts';
import { PASSKEY_NAME_MAX, type Passkey } from '../../../core/api/passkeys.ts';
import { passkeyErrorMessage, useAddPasskey, useMyPasskeys, useRemovePasskey, useRenamePasskey } from './passkeys.ts';

type T = (k: string, o?: Record<string, unknown>) => string;

/** Names a new passkey and makes it in this browser. Also the enrolment page's form. */
export function AddPasskeyForm({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  const add = useAddPasskey();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setAdded(null);
    if (!name.trim()) return;
    add.mutate(name.trim(), {
      onSuccess: (p) => {
        setAdded(p.name);
        setName('');
        setTouched(false);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('passkeys.add')}>
      <Stack gap="sm" maw={440}>
        {added ? (
          <Alert color="green" variant="light" role="status">
            {t('passkeys.added', { name: added })}
          </Alert>
        ) : null}
        {add.error ? (
          <Alert color="red" variant="light" role="alert" data-testid="passkey-error">
            {passkeyErrorMessage(t, add.error)}
          </Alert>
        ) : null}
        <TextInput
          label={t('passkeys.name')}
          description={t('passkeys.nameHelp')}
          value={name}
          maxLength={PASSKEY_NAME_MAX}
          required
          data-autofocus={autoFocus || undefined}
          onChange={(e) => setName(e.currentTarget.value)}
          error={touched && !name.trim() ? t('error.rule.required') : undefined}
        />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('passkeys.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenameDialog({ passkey, onClose }: { passkey: Passkey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenamePasskey();
  const [name, setName] = useState('');
  const [failures, setFailures] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  if (passkey && shown !== passkey.id) {
    setShown(passkey.id);
    setName(passkey.name);
    rename.reset();
  }
  const submit = () => {
    if (!passkey) return;
    if (!name.trim()) return setFailures((n) => n + 1);
    rename.mutate({ id: passkey.id, version: passkey.version, name: name.trim() }, { onSuccess: onClose, onError: () => setFailures((n) => n + 1) });
  };
  return (
    <FormDialog
      opened={passkey !== null}
      onClose={onClose}
      dirty={passkey !== null && name !== passkey.name}
      failures={failures}
      title={t('passkeys.renameTitle')}
      size="md"
      submitLabel={t('passkeys.rename')}
      pending={rename.isPending}
      onSubmit={submit}
      testId="passkey-rename"
    >
      {rename.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="form-error">
          {passkeyErrorMessage(t, rename.error)}
        </Alert>
      ) : null}
      <TextInput
        label={t('passkeys.name')}
        value={name}
        maxLength={PASSKEY_NAME_MAX}
        required
        data-autofocus
        onChange={(e) => setName(e.currentTarget.value)}
        error={!name.trim() && failures ? t('error.rule.required') : undefined}
      />
    </FormDialog>
  );
}

/** Removing a passkey; the last one is confirmed with the current password or a passkey. */
function RemoveDialog({ passkey, last, onClose }: { passkey: Passkey | null; last: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemovePasskey();
  const [password, setPassword] = useState('');
  const [failures, setFailures] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  if (passkey && shown !== passkey.id) {
    setShown(passkey.id);
    setPassword('');
    remove.reset();
  }
  const run = (o: { currentPassword?: string; withPasskey?: boolean }) => {
    if (!passkey) return;
    remove.mutate({ id: passkey.id, ...o }, { onSuccess: onClose, onError: () => setFailures((n) => n + 1) });
  };
  const submit = () => {
    if (last && !password) return setFailures((n) => n + 1);
    run(last ? { currentPassword: password } : {});
  };
  const err = remove.error;
  const atPassword = err instanceof ApiError && err.field === 'body.currentPassword';
  return (
    <FormDialog
      opened={passkey !== null}
      onClose={onClose}
      dirty={password !== ''}
      failures={failures}
      title={t('passkeys.removeTitle', { name: passkey?.name ?? '' })}
      size="md"
      submitLabel={t('passkeys.remove')}
      submitColor="red"
      pending={remove.isPending}
      onSubmit={submit}
      testId="passkey-remove"
    >
      <Text size="sm">{last ? t('passkeys.removeLast') : t('passkeys.removeHelp')}</Text>
      {err && !atPassword ? (
        <Alert color="red" variant="light" role="alert" data-testid="form-error">
          {passkeyErrorMessage(t, err)}
        </Alert>
      ) : null}
      {last ? (
        <>
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            value={password}
            data-autofocus
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={atPassword ? passkeyErrorMessage(t, err) : !password && failures ? t('error.rule.required') : undefined}
          />
          <Group>
            <Button variant="light" onClick={() => run({ withPasskey: true })} disabled={remove.isPending}>
              {t('passkeys.confirmWithPasskey')}
            </Button>
          </Group>
        </>
      ) : null}
    </FormDialog>
  );
}

function PasskeyTable({ items, t, onRename, onRemove }: { items: Passkey[]; t: T; onRename: (p: Passkey) => void; onRemove: (p: Passkey) => void }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="xs" aria-labelledby="passkeys-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('passkeys.name')}</Table.Th>
            <Table.Th>{t('passkeys.addedAt')}</Table.Th>
            <Table.Th>{t('passkeys.lastUsed')}</Table.Th>
            <Table.Th>
              <span className="sr-only">{t('account.sessions.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-testid="passkey-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">{p.name}</Text>
                  {p.multiDevice ? (
                    <Badge size="sm" variant="light">
                      {t('passkeys.synced')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
              <Table.Td>{p.lastUsedAt ? formatDateTime(p.lastUsedAt) : t('passkeys.never')}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" justify="flex-end">
                  <Button size="compact-sm" variant="light" onClick={() => onRename(p)} aria-label={t('passkeys.renameNamed', { name: p.name })}>
                    {t('passkeys.rename')}
                  </Button>
                  <Button size="compact-sm" variant="light" color="red" onClick={() => onRemove(p)} aria-label={t('passkeys.removeNamed', { name: p.name })}>
                    {t('passkeys.remove')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** My account's passkeys: add (named), list, rename, remove. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const q = useMyPasskeys();
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="passkeys-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="passkeys-title">
          {t('passkeys.title')}
        </Title>
        <QueryView query={q}>
          {(data) => (
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {data.required ? t('passkeys.helpRequired') : t('passkeys.help')}
              </Text>
              {data.items.length ? <PasskeyTable items={data.items} t={t} onRename={setRenaming} onRemove={setRemoving} /> : <Text size="sm">{t('passkeys.none')}</Text>}
              <AddPasskeyForm />
              <RenameDialog passkey={renaming} onClose={() => setRenaming(null)} />
              <RemoveDialog passkey={removing} last={data.confirmRemoval} onClose={() => setRemoving(null)} />
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}
