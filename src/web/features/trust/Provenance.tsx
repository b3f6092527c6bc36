import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignOff } from '../../../core/api/documents.ts';
import type { RecordedBy } from '../../../core/api/statements.ts';

/** A key fingerprint in groups of four, for reading aloud and comparing with an administrator's list. */
export const groupedFingerprint = (keyId: string): string => keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;

/** "Recorded by MOFA · confirmed from an article": which organisation put a statement on record, and how. */
export function RecordedByLine({ r }: { r: RecordedBy | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!r) return null;
  const org = (i18n.language === 'ko' && r.orgNameKo) || r.orgAcronym || r.orgName;
  return (
    <Text size="xs" c="dimmed" data-testid="recorded-by" data-org={r.orgId}>
      {t('trust.recordedBy', { org })} · {t(`trust.via.${r.via}`)}
    </Text>
  );
}

/** "signed — key fingerprint …" for a sign-off, or why there is no valid signature. */
export function SignatureLine({ s }: { s: SignOff }) {
  const { t } = useTranslation();
  const sig = s.signature;
  if (!sig) {
    return (
      <Text size="xs" c="dimmed" data-testid="signature" data-signature="none">
        {t('trust.unsigned')}
      </Text>
    );
  }
  return (
    <Text size="xs" c={sig.valid ? 'dimmed' : 'red'} data-testid="signature" data-signature={sig.valid ? 'valid' : 'invalid'} title={sig.publicKey}>
      {t(sig.valid ? 'trust.signedWithKey' : 'trust.signatureInvalid', { fingerprint: groupedFingerprint(sig.keyId) })}
    </Text>
  );
}

/** A link to the document's signed bundle, to check offline with `concord document verify`. */
export function BundleLink({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  return (
    <Anchor href={`/api/documents/${encodeURIComponent(documentId)}/export`} download={`${documentId}.bundle.json`} size="xs" data-testid="bundle-link">
      {t('trust.downloadBundle')}
    </Anchor>
  );
}
