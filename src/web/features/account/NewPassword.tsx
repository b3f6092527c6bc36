import { useState } from 'react';
import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../app/states.tsx';
import { formatNumber } from '../../app/format.ts';
import { PASSWORD_MIN_LENGTH } from '../../../core/api/session.ts';

/** A new password typed twice: the text, and whether it is long enough and the same both times. */
export function useNewPassword() {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const tooShort = [...next].length < PASSWORD_MIN_LENGTH;
  const mismatch = next !== again;
  return {
    next,
    again,
    setNext,
    setAgain,
    tooShort,
    mismatch,
    ok: !tooShort && !mismatch,
    clear: () => {
      setNext('');
      setAgain('');
    },
  };
}

/** A refusal of a password form in the reader's language (the app's shared wording), and the field it names. */
export const refusalOf = (t: (k: string, o?: Record<string, unknown>) => string, err: unknown): { field?: string; message: string } | null =>
  err ? { field: err instanceof ApiError ? err.field : undefined, message: errorMessage(t, err) } : null;

/** The two fields of a new password, with the client's checks once the form was sent and the server's refusal of `body.newPassword`. */
export function NewPasswordFields({ pw, touched, refused, autoFocus }: { pw: ReturnType<typeof useNewPassword>; touched: boolean; refused?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('account.password.new')}
        autoComplete="new-password"
        required
        value={pw.next}
        onChange={(e) => pw.setNext(e.currentTarget.value)}
        error={(touched && pw.tooShort ? t('error.rule.minLength', { count: PASSWORD_MIN_LENGTH, limit: formatNumber(PASSWORD_MIN_LENGTH, 0) }) : undefined) ?? refused}
        maxLength={1000}
        data-autofocus={autoFocus || undefined}
      />
      <PasswordInput
        label={t('account.password.again')}
        autoComplete="new-password"
        required
        value={pw.again}
        onChange={(e) => pw.setAgain(e.currentTarget.value)}
        error={touched && pw.mismatch ? t('account.error.mismatch') : undefined}
        maxLength={1000}
      />
    </>
  );
}
