import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localTitle } from '../../app/format.ts';
import { useSeries } from './api.ts';
import { repeatsText } from './rule.ts';

/** On a meeting of a series: that it is one, the series' rule in words, and a link to the whole series. */
export function SeriesLink({ wgId, seriesId }: { wgId: string; seriesId: string }) {
  const { t, i18n } = useTranslation();
  const q = useSeries(seriesId);
  if (!q.data) return null;
  const s = q.data;
  return (
    <Text size="sm" data-testid="series-link">
      <Anchor component={Link} to={`/groups/${wgId}/series/${seriesId}`}>
        {t('series.partOf', { title: localTitle(s.title, s.titleKo) })}
      </Anchor>{' '}
      <Text span c="dimmed" size="sm">
        · {repeatsText(t, i18n.language, s)}
      </Text>
    </Text>
  );
}
