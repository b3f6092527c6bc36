import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../i18n/index.ts';

/** EN / 한국어, remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={i18n.language === 'ko' ? 'ko' : 'en'}
      onChange={(v) => setLanguage(v as Lang)}
      data={[
        {
          value: 'en',
          label: (
            <span lang="en" data-testid="lang-en">
              EN
            </span>
          ),
        },
        {
          value: 'ko',
          label: (
            <span lang="ko" data-testid="lang-ko">
              한국어
            </span>
          ),
        },
      ]}
    />
  );
}
