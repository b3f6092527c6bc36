import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Box, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { IconSearch } from '../../app/icons.tsx';

/** Whether a key press lands in a place that takes typing (where `/` is a character, not a shortcut). */
const typingIn = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || /^(input|textarea|select)$/i.test(el.tagName));

/** A search field: Enter opens /search?q=…; on the search page it starts from the page's query. */
export function SearchField({ testId, autoFocus, inputRef }: { testId: string; autoFocus?: boolean; inputRef?: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onPage = location.pathname === '/search';
  const [value, setValue] = useState(onPage ? (params.get('q') ?? '') : '');
  useEffect(() => {
    if (onPage) setValue(params.get('q') ?? '');
  }, [onPage, params]);
  return (
    <search aria-label={t('search.label')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const q = value.trim();
          if (!q) return;
          const next = new URLSearchParams(onPage ? params : undefined);
          next.set('q', q);
          next.delete('limit');
          navigate(`/search?${next}`);
        }}
      >
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          aria-keyshortcuts="/"
          leftSection={<IconSearch size={16} />}
          size="sm"
          maxLength={200}
          type="search"
          autoFocus={autoFocus}
          data-testid={testId}
        />
      </form>
    </search>
  );
}

/**
 * The header's search: a field from tablet width up, a button to the search page on a phone;
 * `/` anywhere outside a text field focuses the field (on a phone: opens the search page).
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      const field = ref.current;
      const page = document.querySelector<HTMLInputElement>('[data-testid="search-page-box"]');
      const target = field?.offsetParent ? field : page?.offsetParent ? page : null;
      if (target) {
        target.focus();
        target.select();
      } else navigate('/search');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <>
      <Box visibleFrom="sm" w={{ sm: 200, md: 280 }}>
        <SearchField testId="search-box" inputRef={ref} />
      </Box>
      <ActionIcon hiddenFrom="sm" component={Link} to="/search" variant="subtle" color="gray" aria-label={t('search.label')}>
        <IconSearch size={18} />
      </ActionIcon>
    </>
  );
}
