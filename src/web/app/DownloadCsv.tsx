import { Button, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconDownload } from './icons.tsx';

type Filter = Record<string, string | number | boolean | null | undefined>;

/** `/api/<list>/export.csv?<the view's filters>&lang=<the reader's>`: what a table view's download asks for. */
export function csvHref(path: string, filter: Filter, lang: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  q.set('lang', lang === 'ko' ? 'ko' : 'en');
  return `/api${path}?${q}`;
}

/**
 * A table view's "Download CSV": every row the view's current filters select that the reader may
 * see (not only the page on screen), with headers in the reader's language. A plain link: the
 * session cookie goes with it, and the server names the file.
 */
export function DownloadCsv({ path, filter }: { path: string; filter: Filter }) {
  const { t, i18n } = useTranslation();
  return (
    <Tooltip label={t('csv.downloadHelp')}>
      <Button component="a" href={csvHref(path, filter, i18n.language)} download variant="default" leftSection={<IconDownload size={16} />} className="download-csv" data-testid="download-csv">
        {t('csv.download')}
      </Button>
    </Tooltip>
  );
}
