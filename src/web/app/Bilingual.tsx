import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * An English/Korean pair shown side by side when both exist (equally authentic texts are read
 * together); just the one text otherwise. The reader's language comes first.
 */
export function Bilingual({ en, ko, size = 'sm', stackNarrow = true }: { en: string | null | undefined; ko: string | null | undefined; size?: string; stackNarrow?: boolean }) {
  const { i18n } = useTranslation();
  if (!ko)
    return (
      <Text size={size} lang="en">
        {en ?? '—'}
      </Text>
    );
  if (!en)
    return (
      <Text size={size} lang="ko">
        {ko}
      </Text>
    );
  const koFirst = i18n.language === 'ko';
  const a = koFirst ? { lang: 'ko', text: ko } : { lang: 'en', text: en };
  const b = koFirst ? { lang: 'en', text: en } : { lang: 'ko', text: ko };
  return (
    <Box className={`bilingual${stackNarrow ? ' stack-narrow' : ''}`}>
      <Text size={size} lang={a.lang}>
        {a.text}
      </Text>
      <Text size={size} lang={b.lang} c="dimmed">
        {b.text}
      </Text>
    </Box>
  );
}

/** A title in the reader's language with the other language beneath in small print. */
export function BilingualTitle({ en, ko }: { en: string; ko: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!ko) return <span lang="en">{en}</span>;
  const koFirst = i18n.language === 'ko';
  return (
    <span>
      <span lang={koFirst ? 'ko' : 'en'}>{koFirst ? ko : en}</span>
      <Text component="span" display="block" size="xs" c="dimmed" lang={koFirst ? 'en' : 'ko'} fw={400}>
        {koFirst ? en : ko}
      </Text>
    </span>
  );
}
