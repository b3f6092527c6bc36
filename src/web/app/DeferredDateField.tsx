import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_INPUT_FORMAT } from './date-text.ts';

const load = () => import('./DateField.tsx');
const DateField = lazy(() => load().then((m) => ({ default: m.DateField })));
type Props = ComponentProps<typeof DateField>;

/**
 * A DateField for a page's first screen (the dashboard's "As of"): until the reader reaches for it,
 * it is a read-only input showing the same date in the same words, and the calendar's code (about
 * 10 KB gzipped, @mantine/dates) is not loaded with the page. Pointing at it loads that code;
 * focusing or pressing it puts the real field in its place, focused, its calendar open.
 */
export function DeferredDateField(props: Props) {
  const { i18n } = useTranslation();
  const [real, setReal] = useState(false);
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const stand = (
    <TextInput
      size={props.size}
      label={props.label}
      w={props.w}
      name={props.name}
      readOnly
      value={props.value ? dayjs(props.value).locale(lang).format(DATE_INPUT_FORMAT[lang]) : ''}
      onPointerEnter={() => void load()}
      onPointerDown={() => setReal(true)}
      onFocus={() => setReal(true)}
    />
  );
  if (!real) return stand;
  return (
    <Suspense fallback={stand}>
      <DateField {...props} autoFocus />
    </Suspense>
  );
}
