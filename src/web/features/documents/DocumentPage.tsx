// biome-ignore-all lint/suspicious/noArrayIndexKey: a word diff is recomputed whole and holds no state; a part's position is its identity
import { useState } from 'react';
import { Alert, Badge, Box, Button, Code, Grid, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { useDocument, useDocumentDiff, useDocumentVersion, useSignOff } from './api.ts';
import { wordDiff } from '../../app/wordDiff.ts';
import { NewVersionDialog } from './NewVersionDialog.tsx';
import { ClauseCommitments, type ClauseCommit } from './ClauseCommitments.tsx';
import { NewCommitmentDialog } from '../commitments/NewCommitmentDialog.tsx';
import { useCommitments } from '../commitments/api.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { EmptyState, ErrorState, LoadingState, errorMessage } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { formatDate, formatDateTime, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { useUser } from '../../app/session.tsx';
import { IconDocument } from '../../app/icons.tsx';
import { BundleLink, SignatureLine } from '../trust/Provenance.tsx';
import type { ChangedClause, Clause, Version as DocumentVersion, Document as JointDocument } from '../../../core/api/documents.ts';

/** A clause: English and Korean side by side; bracketed text marked, with each party's alternative. */
function ClauseRow({ c, commit }: { c: Clause; commit?: ClauseCommit }) {
  const { t } = useTranslation();
  const bracketed = c.status === 'bracketed';
  return (
    <Table.Tr data-clause={c.key} data-status={c.status} style={bracketed ? { background: '#fffaf0' } : undefined}>
      <Table.Td valign="top" w={80}>
        <Text size="sm" fw={600}>
          {c.key}
        </Text>
        {bracketed ? (
          <Badge color="orange" size="xs" mt={4}>
            {t('documents.bracketed')}
          </Badge>
        ) : null}
        {commit ? <ClauseCommitments c={c} commit={commit} /> : null}
      </Table.Td>
      <Table.Td valign="top" lang="en">
        <Text size="sm">{bracketed ? <span className="bracket">[{c.textEn}]</span> : c.textEn}</Text>
      </Table.Td>
      <Table.Td valign="top" lang="ko">
        {c.textKo ? (
          <Text size="sm">{bracketed ? <span className="bracket">[{c.textKo}]</span> : c.textKo}</Text>
        ) : (
          <Text size="xs" c="dimmed" lang={undefined}>
            {t('documents.noKorean')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Alternatives({ c }: { c: Clause }) {
  const { t } = useTranslation();
  const names = useNames();
  if (c.status !== 'bracketed' || !c.alternatives.length) return null;
  return (
    <Table.Tr style={{ background: '#fffaf0' }} data-alternatives={c.key}>
      <Table.Td />
      <Table.Td colSpan={2} pt={0}>
        <Stack gap={6}>
          {c.alternatives.map((a) => (
            <Box key={a.partyId} pl="sm" style={{ borderLeft: '3px solid #c25e00' }}>
              <Text size="xs" fw={700} c="#8a3a00">
                {t('documents.alternativeOf', { party: names.party(a.partyId) })}
              </Text>
              <SimpleGrid cols={2} spacing="md">
                <Text size="sm" lang="en">
                  [{a.textEn}]
                </Text>
                <Text size="sm" lang="ko">
                  {a.textKo ? `[${a.textKo}]` : ''}
                </Text>
              </SimpleGrid>
            </Box>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function ClauseTable({ v, commit }: { v: DocumentVersion; commit?: ClauseCommit }) {
  const { t } = useTranslation();
  if (!v.clauses.length) return <EmptyState title={t('documents.noClauses')} icon={<IconDocument />} />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" data-testid="clauses">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('documents.clause')}</Table.Th>
            <Table.Th scope="col" w="46%">
              English
            </Table.Th>
            <Table.Th scope="col" w="46%" lang="ko">
              한국어
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...v.clauses].sort((a, b) => a.position - b.position).flatMap((c) => [<ClauseRow key={c.key} c={c} commit={commit} />, <Alternatives key={`${c.key}-alt`} c={c} />])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Redline({ before, after }: { before: string | null; after: string | null }) {
  const parts = wordDiff(before ?? '', after ?? '');
  return (
    <Text size="sm">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'del' ? (
          <del key={i} className="diff-del">
            {p.text}
          </del>
        ) : (
          <ins key={i} className="diff-ins">
            {p.text}
          </ins>
        ),
      )}
    </Text>
  );
}

function DiffView({ doc }: { doc: JointDocument }) {
  const { t } = useTranslation();
  const nums = doc.versions.map((v) => v.number).sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(nums.length > 1 ? nums[nums.length - 2] : null);
  const [to, setTo] = useState<number | null>(nums.length ? nums[nums.length - 1] : null);
  const q = useDocumentDiff(doc.id, from, to);
  const opts = nums.map((n) => ({ value: String(n), label: t('documents.versionN', { n }) }));
  if (nums.length < 2)
    return (
      <Text size="sm" c="dimmed">
        {t('documents.oneVersion')}
      </Text>
    );
  const changedText = (c: ChangedClause) => (
    <Table.Tr key={c.key} data-diff="changed">
      <Table.Td valign="top">
        <Text size="sm" fw={600}>
          {c.key}
        </Text>
        <Text size="xs" c="dimmed">
          {c.changes.map((x) => t(`documents.change.${x}`)).join(', ')}
        </Text>
      </Table.Td>
      <Table.Td valign="top" lang="en">
        <Redline before={c.textEn.before} after={c.textEn.after} />
        {c.status.changed ? (
          <Text size="xs" mt={4}>
            {t(`documents.status.${c.status.before}`)} → {t(`documents.status.${c.status.after}`)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td valign="top" lang="ko">
        <Redline before={c.textKo.before} after={c.textKo.after} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="sm">
      <Group>
        <Select label={t('documents.from')} data={opts} value={from === null ? null : String(from)} onChange={(v) => setFrom(v ? Number(v) : null)} w={160} allowDeselect={false} />
        <Select label={t('documents.to')} data={opts} value={to === null ? null : String(to)} onChange={(v) => setTo(v ? Number(v) : null)} w={160} allowDeselect={false} />
      </Group>
      {from === to ? (
        <Text size="sm" c="dimmed">
          {t('documents.pickTwo')}
        </Text>
      ) : q.isPending ? (
        <LoadingState rows={4} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Group gap="xs">
            <Badge color="green" variant="light">
              {t('documents.addedN', { n: q.data.added.length })}
            </Badge>
            <Badge color="red" variant="light">
              {t('documents.removedN', { n: q.data.removed.length })}
            </Badge>
            <Badge color="orange" variant="light">
              {t('documents.changedN', { n: q.data.changed.length })}
            </Badge>
            <Badge color="gray" variant="light">
              {t('documents.unchangedN', { n: q.data.unchanged.length })}
            </Badge>
          </Group>
          {q.data.added.length + q.data.removed.length + q.data.changed.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('documents.noDifferences')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" data-testid="diff">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('documents.clause')}</Table.Th>
                    <Table.Th scope="col" w="46%">
                      English
                    </Table.Th>
                    <Table.Th scope="col" w="46%" lang="ko">
                      한국어
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.changed.map(changedText)}
                  {q.data.added.map((c) => (
                    <Table.Tr key={`a-${c.key}`} data-diff="added">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {c.key}
                        </Text>
                        <Badge color="green" size="xs">
                          {t('documents.added')}
                        </Badge>
                      </Table.Td>
                      <Table.Td lang="en">
                        <ins className="diff-ins">{c.textEn}</ins>
                      </Table.Td>
                      <Table.Td lang="ko">{c.textKo ? <ins className="diff-ins">{c.textKo}</ins> : null}</Table.Td>
                    </Table.Tr>
                  ))}
                  {q.data.removed.map((c) => (
                    <Table.Tr key={`r-${c.key}`} data-diff="removed">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {c.key}
                        </Text>
                        <Badge color="red" size="xs">
                          {t('documents.removed')}
                        </Badge>
                      </Table.Td>
                      <Table.Td lang="en">
                        <del className="diff-del">{c.textEn}</del>
                      </Table.Td>
                      <Table.Td lang="ko">{c.textKo ? <del className="diff-del">{c.textKo}</del> : null}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

function SignOffPanel({ doc, onSign }: { doc: JointDocument; onSign: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const user = useUser();
  const cur = doc.current;
  const mine = doc.signOffs.find((s) => s.partyId === user?.partyId);
  const canSign = !!doc.abilities.signOff && !!cur && cur.latest && cur.bracketedClauses === 0 && !!mine && !mine.signed;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="signoff-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="signoff-title">
          {t('documents.signOff')}
        </Title>
        {doc.adopted ? (
          <Badge color="green" size="lg" data-testid="adopted">
            {t('documents.adoptedV', { n: doc.adoptedVersion })}
          </Badge>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {cur ? t('documents.signOffOn', { n: cur.number }) : null}
      </Text>
      <Stack gap="xs" data-testid="signoffs">
        {doc.signOffs.map((s) => (
          <Group key={s.partyId} justify="space-between" wrap="nowrap" data-party={s.partyId} data-signed={s.signed}>
            <Group gap="xs" wrap="nowrap">
              <ThemeIcon size="sm" radius="xl" color={s.signed ? 'green' : 'gray'} variant={s.signed ? 'filled' : 'light'} aria-hidden>
                {s.signed ? '✓' : '…'}
              </ThemeIcon>
              <Text size="sm" fw={600}>
                {names.party(s.partyId, s.partyName || null)}
              </Text>
            </Group>
            <Box ta="right">
              <Text size="xs" c={s.signed ? undefined : 'dimmed'}>
                {s.signed && s.signOff ? t('documents.signedAt', { date: formatDateTime(s.signOff.signedAt) }) : t('documents.notSigned')}
              </Text>
              {s.signed && s.signOff ? <SignatureLine s={s.signOff} /> : null}
            </Box>
          </Group>
        ))}
      </Stack>
      {doc.signOffs.some((s) => s.signed) ? <BundleLink documentId={doc.id} /> : null}
      {cur && cur.bracketedClauses > 0 ? (
        <Alert color="orange" variant="light" mt="sm">
          {t('documents.cannotSignBrackets', { count: cur.bracketedClauses })}
        </Alert>
      ) : null}
      {canSign ? (
        <Button mt="md" fullWidth h="auto" py={8} styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }} onClick={onSign} data-testid="sign-off">
          {t('documents.signVersion', { n: cur!.number, party: names.party(user?.partyId) })}
        </Button>
      ) : null}
    </Paper>
  );
}

function SignDialog({ doc, opened, onClose }: { doc: JointDocument; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const user = useUser();
  const sign = useSignOff(doc.id);
  const cur = doc.current;
  if (!cur) return null;
  return (
    <Modal
      opened={opened}
      onClose={() => {
        sign.reset();
        onClose();
      }}
      title={t('documents.signTitle', { n: cur.number })}
    >
      <Stack gap="sm">
        <Text size="sm">{t('documents.signExplain', { party: names.party(user?.partyId), title: localTitle(doc.title, doc.titleKo) })}</Text>
        <Box>
          <Text size="xs" c="dimmed">
            {t('documents.contentHash')}
          </Text>
          <Code block fz="xs" tabIndex={0} style={{ wordBreak: 'break-all' }}>
            {cur.contentHash}
          </Code>
        </Box>
        <FormError error={sign.error} message={sign.error ? errorMessage(t, sign.error) : undefined} onReload={onClose} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button loading={sign.isPending} onClick={() => sign.mutate({ number: cur.number, contentHash: cur.contentHash }, { onSuccess: onClose })} data-testid="confirm-sign-off">
            {t('documents.confirmSign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default function DocumentPage() {
  const { wgId = '', documentId } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const q = useDocument(documentId);
  const [viewing, setViewing] = useState<number | null>(null);
  const [signing, setSigning] = useState(false);
  const [editing, setEditing] = useState(false);
  const [committing, setCommitting] = useState<Clause | null>(null);
  const ver = useDocumentVersion(documentId, viewing);
  const fromClauses = useCommitments(q.data?.wgId ?? undefined, { documentId });
  const crumbs = [
    { label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` },
    { label: t('documents.title'), to: `/groups/${wgId}/documents` },
  ];
  if (q.isPending)
    return (
      <>
        <PageHeader title={t('state.loading')} crumbs={crumbs} />
        <LoadingState rows={8} />
      </>
    );
  if (q.error)
    return (
      <>
        <PageHeader title={t('documents.title')} crumbs={crumbs} />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const doc = q.data;
  const shown = viewing === null || viewing === doc.current?.number ? doc.current : ver.data;
  // Commitments are recorded from the latest text's clauses (the server takes the clause from it).
  const commit: ClauseCommit | undefined =
    shown && shown === doc.current ? { items: fromClauses.data?.items ?? [], wgId, canCreate: !!g.data?.abilities.createCommitment, onCreate: setCommitting } : undefined;
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={<BilingualTitle en={doc.title} ko={doc.titleKo} />}
        actions={
          doc.abilities.createVersion && doc.current ? (
            <Button variant="light" onClick={() => setEditing(true)} data-testid="new-version">
              {t('documents.editor.open')}
            </Button>
          ) : null
        }
        badges={doc.adopted ? <Badge color="green">{t('documents.adoptedV', { n: doc.adoptedVersion })}</Badge> : <Badge color="orange">{t('documents.inNegotiation')}</Badge>}
        subtitle={
          <>
            {t(`documentKind.${doc.kind}`, { defaultValue: doc.kind })}
            {doc.releasedOn ? ` · ${t('documents.released', { date: formatDate(doc.releasedOn) })}` : ''}
          </>
        }
      />
      <Group mb="md" gap="xs">
        <AccessBadge access={doc.access} />
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="md" p="md">
            <Tabs defaultValue="text" keepMounted={false}>
              <Tabs.List mb="sm">
                <Tabs.Tab value="text">{t('documents.text')}</Tabs.Tab>
                <Tabs.Tab value="diff">{t('documents.compare')}</Tabs.Tab>
                <Tabs.Tab value="history">{t('documents.signOffHistory')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="text">
                <Group justify="space-between" mb="sm" align="flex-end">
                  <Select
                    label={t('documents.version')}
                    data={doc.versions.map((v) => ({
                      value: String(v.number),
                      label: `${t('documents.versionN', { n: v.number })}${v.number === doc.current?.number ? ` (${t('documents.latestShort')})` : ''}`,
                    }))}
                    value={String(viewing ?? doc.current?.number ?? '')}
                    onChange={(v) => setViewing(v ? Number(v) : null)}
                    w={220}
                    allowDeselect={false}
                  />
                  {shown ? (
                    <Tooltip label={shown.contentHash}>
                      <Text size="xs" c="dimmed">
                        {t('documents.hashShort', { hash: shown.contentHash.slice(0, 12) })} · {formatDateTime(shown.createdAt)}
                      </Text>
                    </Tooltip>
                  ) : null}
                </Group>
                {shown?.note ? (
                  <Text size="sm" c="dimmed" mb="sm">
                    {shown.note}
                  </Text>
                ) : null}
                {viewing !== null && ver.isPending ? (
                  <LoadingState rows={5} />
                ) : shown ? (
                  <ClauseTable v={shown} commit={commit} />
                ) : (
                  <EmptyState title={t('documents.noClauses')} icon={<IconDocument />} />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="diff">
                <DiffView doc={doc} />
              </Tabs.Panel>
              <Tabs.Panel value="history">
                {doc.signOffHistory.length ? (
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('documents.party')}</Table.Th>
                        <Table.Th scope="col">{t('documents.version')}</Table.Th>
                        <Table.Th scope="col">{t('documents.signedOn')}</Table.Th>
                        <Table.Th scope="col">{t('documents.voided')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {doc.signOffHistory.map((s) => (
                        <Table.Tr key={s.id}>
                          <Table.Td>
                            <PartyName id={s.partyId} />
                          </Table.Td>
                          <Table.Td>{t('documents.versionN', { n: s.versionNumber })}</Table.Td>
                          <Table.Td>{formatDateTime(s.signedAt)}</Table.Td>
                          <Table.Td>{s.voidedAt ? `${formatDate(s.voidedAt)} — ${s.voidedReason ?? ''}` : '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('documents.noSignOffs')}
                  </Text>
                )}
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <SignOffPanel doc={doc} onSign={() => setSigning(true)} />
            <Paper withBorder radius="md" p="md">
              <Title order={2} size="h4" mb="xs">
                {t('documents.versions')}
              </Title>
              <Stack gap={6}>
                {[...doc.versions].reverse().map((v) => (
                  <Box key={v.number}>
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {t('documents.versionN', { n: v.number })}
                      </Text>
                      {v.bracketedClauses ? (
                        <Badge size="xs" color="orange">
                          {t('documents.bracketsN', { count: v.bracketedClauses })}
                        </Badge>
                      ) : null}
                      {doc.adoptedVersion === v.number ? (
                        <Badge size="xs" color="green">
                          {t('documents.adopted')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(v.createdAt)}
                      {v.note ? ` · ${v.note}` : ''}
                    </Text>
                  </Box>
                ))}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <SignDialog doc={doc} opened={signing} onClose={() => setSigning(false)} />
      {g.data ? (
        <NewCommitmentDialog
          opened={!!committing}
          onClose={() => setCommitting(null)}
          group={g.data}
          source={committing ? { documentId: doc.id, clauseKey: committing.key, label: `${committing.key} — ${committing.textEn}` } : undefined}
        />
      ) : null}
      <NewVersionDialog
        doc={doc}
        opened={editing}
        onClose={() => {
          setEditing(false);
          setViewing(null);
        }}
      />
    </>
  );
}

function PartyName({ id }: { id: string }) {
  return <>{useNames().party(id)}</>;
}
