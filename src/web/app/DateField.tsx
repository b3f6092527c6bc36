import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { useTranslation } from 'react-i18next';
import { DATE_INPUT_FORMAT, parseDateText } from './date-text.ts';

/**
 * Concord's date input: a calendar date shown and typed in the interface language's order
 * ("16 Dec 2025", "2025. 12. 16.") rather than the browser's (mm/dd/yyyy), with a calendar to pick
 * from; the ISO form (2025-12-16) is always accepted too. Its value is the API's YYYY-MM-DD text
 * ('' when empty), so it drops in where a `type="date"` input was, with useFormState's `field`.
 */
export function DateField({
  value,
  onChange,
  min,
  max,
  ...rest
}: Omit<DateInputProps, 'value' | 'onChange' | 'minDate' | 'maxDate'> & {
  value: string | null | undefined;
  onChange: (value: string) => void;
  /** The first date allowed, YYYY-MM-DD. */
  min?: string;
  /** The last date allowed, YYYY-MM-DD. */
  max?: string;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  // The calendar opens with the field and closes once a whole date is typed or picked (so that it
  // never lies over the button the user goes on to press), on Escape and when the field is left.
  const [open, setOpen] = useState(false);
  return (
    <DateInput
      {...rest}
      // The visible input carries the field's name too (the name itself goes to DateInput's hidden input).
      data-field={rest.name}
      value={value || null}
      onChange={(v) => {
        setOpen(false);
        onChange(v ?? '');
      }}
      onFocus={(e) => {
        setOpen(true);
        rest.onFocus?.(e);
      }}
      onClick={(e) => {
        setOpen(true);
        rest.onClick?.(e);
      }}
      onBlur={(e) => {
        setOpen(false);
        rest.onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          // Closes the calendar, not the dialog around the field.
          e.stopPropagation();
          setOpen(false);
        }
        rest.onKeyDown?.(e);
      }}
      dateParser={(text) => parseDateText(text)}
      valueFormat={DATE_INPUT_FORMAT[lang]}
      locale={lang}
      minDate={min}
      maxDate={max}
      allowDeselect={rest.allowDeselect ?? !rest.required}
      popoverProps={{ withinPortal: true, ...rest.popoverProps, opened: open }}
    />
  );
}
