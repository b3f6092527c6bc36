import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { useDocuments } from './api.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { IconDocument, IconPlus } from '../../app/icons.tsx';
import { NewDocumentDialog } from './NewDocumentDialog.tsx';

export default function DocumentsPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const q = useDocuments(wgId);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={t('documents.title')}
        subtitle={t('documents.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/documents/export.csv" filter={{ wgId }} />
            {g.data?.abilities.createDocument ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="new-document">
                {t('create.doc.open')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <QueryView
        query={q}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('documents.emptyTitle')} icon={<IconDocument />}>
              {t('documents.emptyBody')}
            </EmptyState>
          ) : null
        }
      >
        {(d) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" data-testid="documents-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('documents.document')}</Table.Th>
                    <Table.Th scope="col">{t('documents.kind')}</Table.Th>
                    <Table.Th scope="col">{t('documents.latest')}</Table.Th>
                    <Table.Th scope="col">{t('documents.state')}</Table.Th>
                    <Table.Th scope="col">{t('access.visibility')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.items.map((doc) => (
                    <Table.Tr key={doc.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/groups/${wgId}/documents/${doc.id}`} fw={600} size="sm">
                          <BilingualTitle en={doc.title} ko={doc.titleKo} />
                        </Anchor>
                        {doc.releasedOn ? (
                          <Text size="xs" c="dimmed">
                            {t('documents.released', { date: formatDate(doc.releasedOn) })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`documentKind.${doc.kind}`, { defaultValue: doc.kind })}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{doc.latestVersion ? t('documents.versionN', { n: doc.latestVersion }) : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        {doc.adopted ? <Badge color="green">{t('documents.adoptedV', { n: doc.adoptedVersion })}</Badge> : <Badge color="orange">{t('documents.inNegotiation')}</Badge>}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <AccessBadge access={doc.access} compact />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryView>
      <Stack />
      {g.data ? <NewDocumentDialog opened={adding} onClose={() => setAdding(false)} group={g.data} /> : null}
    </>
  );
}
