import { useMemo, useState } from 'react';
import { Anchor, Badge, Box, Button, Checkbox, FileInput, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DateField } from '../../app/DateField.tsx';
import { EmptyState, QueryView, errorMessage } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { useFormState } from '../../app/form.ts';
import { formatDate } from '../../app/format.ts';
import { useNames, usePeople, useReference } from '../../app/reference.ts';
import { IconInbox } from '../../app/icons.tsx';
import { useGroup } from '../groups/api.ts';
import { STANCES, type Stance } from '../../../core/vocabulary.ts';
import { hueText } from '../../app/theme.ts';
import { useAddArticle, useCandidates, useConfirmCandidate, useRejectCandidate, useUpdateCandidate, type ArticleInput, type Candidate, type CandidateStatus } from './api.ts';

/** The sentence with the quoted words marked; the quote alone when it is not found in it. */
export function Highlighted({ sentence, quote }: { sentence: string | null; quote: string }) {
  const i = sentence ? sentence.indexOf(quote) : -1;
  if (!sentence || i < 0) return <mark className="quote-mark">{quote}</mark>;
  return (
    <>
      {sentence.slice(0, i)}
      <mark className="quote-mark">{quote}</mark>
      {sentence.slice(i + quote.length)}
    </>
  );
}

function Intake({ wgId }: { wgId: string }) {
  const { t } = useTranslation();
  const add = useAddArticle();
  const [tab, setTab] = useState<string | null>('paste');
  const [done, setDone] = useState<number | null>(null);
  const f = useFormState({ text: '', format: 'auto' as ArticleInput['format'], sourceUrl: '', publishedOn: '' });
  const readFile = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    f.set('text', text);
    const name = file.name.toLowerCase();
    f.set('format', name.endsWith('.rss') ? 'rss' : name.endsWith('.atom') ? 'atom' : /\.html?$/.test(name) ? 'html' : name.endsWith('.txt') ? 'text' : 'auto');
  };
  const submit = () => {
    if (!f.validate({ text: (v) => !v.text.trim() && t('review.textRequired'), sourceUrl: (v) => !!v.sourceUrl && !/^https?:\/\//.test(v.sourceUrl) && t('review.urlInvalid') })) return;
    setDone(null);
    add.mutate(
      { wgId, text: f.values.text, format: f.values.format, sourceUrl: f.values.sourceUrl || null, publishedOn: f.values.publishedOn || null },
      {
        onSuccess: (r) => {
          setDone(r.items.reduce((n, a) => n + a.candidates.length, 0));
          f.reset();
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="intake-title">
      <Title order={2} size="h4" id="intake-title" mb={4}>
        {t('review.intakeTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('review.intakeHelp')}
      </Text>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="paste">{t('review.paste')}</Tabs.Tab>
          <Tabs.Tab value="upload">{t('review.upload')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="paste">
          <Textarea label={t('review.articleText')} description={t('review.articleTextHelp')} autosize minRows={5} maxRows={14} {...f.field('text')} data-testid="article-text" />
        </Tabs.Panel>
        <Tabs.Panel value="upload">
          <FileInput
            label={t('review.file')}
            description={t('review.fileHelp')}
            accept=".txt,.html,.htm,.xml,.rss,.atom,text/plain,text/html,application/rss+xml,application/atom+xml"
            onChange={(file) => void readFile(file)}
            clearable
          />
          {f.values.text ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t('review.fileLoaded', { n: f.values.text.length })}
            </Text>
          ) : null}
          {f.errors.text ? (
            <Text size="xs" c="red" mt={4}>
              {f.errors.text}
            </Text>
          ) : null}
        </Tabs.Panel>
      </Tabs>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="sm">
        <TextInput label={t('review.sourceUrl')} placeholder="https://" {...f.field('sourceUrl')} />
        <DateField label={t('review.publishedOn')} {...f.field('publishedOn')} />
        <Select
          label={t('review.format')}
          data={(['auto', 'text', 'html', 'rss', 'atom'] as const).map((v) => ({ value: v, label: t(`review.formats.${v}`) }))}
          value={f.values.format}
          onChange={(v) => v && f.set('format', v as ArticleInput['format'])}
          allowDeselect={false}
        />
      </SimpleGrid>
      <FormError message={f.errors._form} />
      <Group justify="space-between" mt="sm">
        <Text size="sm" c={hueText('teal', 8)} role="status" data-testid="intake-result">
          {done !== null ? t('review.found', { count: done }) : ''}
        </Text>
        <Button onClick={submit} loading={add.isPending} data-testid="submit-article">
          {t('review.extract')}
        </Button>
      </Group>
    </Paper>
  );
}

function Speaker({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const names = useNames();
  const r = c.resolution;
  const resolved = c.speakerPersonName
    ? `${c.speakerPersonName}${r.role ? `, ${r.role}` : ''}${c.speakerOrgName ? ` — ${c.speakerOrgName}` : ''}`
    : c.speakerOrgName
      ? c.speakerOrgName
      : c.speakerDescription
        ? t('review.anonymous', { description: c.speakerDescription })
        : r.proposal
          ? t('review.proposed', { name: r.proposal.name, role: r.proposal.roles[0]?.title ?? '' })
          : t('review.unresolved');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <Box>
        <Text size="xs" c="dimmed">
          {t('review.asWritten')}
        </Text>
        <Text size="sm">{c.speakerAsWritten.text}</Text>
      </Box>
      <Box data-testid="speaker-resolved">
        <Text size="xs" c="dimmed">
          {t('review.resolvedAs')}{' '}
          <Badge size="xs" variant="outline" color={r.match === 'none' ? 'orange' : 'gray'} tt="none">
            {t(`review.match.${r.match}`)}
          </Badge>
        </Text>
        <Text size="sm" fw={500}>
          {resolved}
          {c.partyId ? (
            <Text span size="xs" c="dimmed">
              {' '}
              · {names.partyCode(c.partyId)}
            </Text>
          ) : null}
        </Text>
      </Box>
    </SimpleGrid>
  );
}

type Choice = { selected: boolean; stance: Stance | null };

function EditDialog({ c, onClose }: { c: Candidate; onClose: () => void }) {
  const { t } = useTranslation();
  const people = usePeople();
  const ref = useReference();
  const update = useUpdateCandidate();
  const f = useFormState({ quote: c.quote, speakerPersonId: c.speakerPersonId ?? '', speakerOrgId: c.speakerOrgId ?? '', speakerDescription: c.speakerDescription ?? '' });
  const save = () => {
    if (!f.validate({ quote: (v) => !v.quote.trim() && t('review.quoteRequired') })) return;
    update.mutate(
      {
        c,
        body: {
          quote: f.values.quote.trim(),
          speakerPersonId: f.values.speakerPersonId || null,
          speakerOrgId: f.values.speakerOrgId || null,
          speakerDescription: f.values.speakerDescription.trim() || null,
        },
      },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('review.editTitle')} size="lg">
      <Stack gap="sm">
        <Textarea label={t('review.quote')} autosize minRows={2} {...f.field('quote')} />
        <Select
          label={t('review.speakerPerson')}
          searchable
          clearable
          data={(people.data ?? []).map((p) => ({ value: p.id, label: p.nameKo ? `${p.name} (${p.nameKo})` : p.name }))}
          value={f.values.speakerPersonId || null}
          onChange={(v) => f.set('speakerPersonId', v ?? '')}
        />
        <Select
          label={t('review.speakerOrg')}
          searchable
          clearable
          data={(ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={f.values.speakerOrgId || null}
          onChange={(v) => f.set('speakerOrgId', v ?? '')}
        />
        <TextInput label={t('review.speakerDescription')} description={t('review.speakerDescriptionHelp')} {...f.field('speakerDescription')} />
        <FormError message={f.errors._form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={save} loading={update.isPending} data-testid="save-candidate">
            {t('action.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CandidateCard({ c, wgId }: { c: Candidate; wgId: string }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(c.issues.map((i) => [i.issueId, { selected: i.selected, stance: i.stance }])));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateCandidate();
  const confirm = useConfirmCandidate();
  const reject = useRejectCandidate();
  const canReview = c.abilities.review && c.status === 'pending';
  const chosen = Object.entries(choices)
    .filter(([, v]) => v.selected)
    .map(([issueId, v]) => ({ issueId, stance: v.stance }));
  const dirty = c.issues.some((i) => (choices[i.issueId]?.selected ?? false) !== i.selected || (choices[i.issueId]?.stance ?? null) !== i.stance);
  const onErr = (e: unknown) => setError(errorMessage(t, e));
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      data-candidate={c.id}
      data-status={c.status}
      aria-label={t('review.candidateLabel', { speaker: c.speakerPersonName ?? c.speakerOrgName ?? c.speakerAsWritten.text })}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" lh={1.6}>
            <Highlighted sentence={c.sentence} quote={c.quote} />
          </Text>
          <Stack gap={4} align="flex-end">
            <Badge variant="light" color={c.status === 'confirmed' ? 'teal' : c.status === 'rejected' ? 'gray' : 'blue'} data-testid="candidate-status">
              {t(`review.status.${c.status}`)}
            </Badge>
            <Badge variant="outline" color="gray" size="xs" tt="none">
              {t(`review.kind.${c.kind}`)}
            </Badge>
          </Stack>
        </Group>
        <Speaker c={c} />
        <Box>
          <Text size="xs" c="dimmed" mb={4}>
            {t('review.issues')}
          </Text>
          {c.issues.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('review.noIssues')}
            </Text>
          ) : (
            <Stack gap={6}>
              {c.issues.map((i) => {
                const ch = choices[i.issueId] ?? { selected: false, stance: null };
                return (
                  <Group key={i.issueId} gap="sm" wrap="wrap" data-issue={i.issueId}>
                    <Checkbox
                      label={i.title}
                      checked={ch.selected}
                      disabled={!canReview}
                      onChange={(e) => setChoices((s) => ({ ...s, [i.issueId]: { ...ch, selected: e.currentTarget.checked } }))}
                      style={{ flex: 1, minWidth: 220 }}
                    />
                    {i.score !== null ? (
                      <Text size="xs" c="dimmed">
                        {t('review.score', { score: Math.round(i.score * 100) })}
                      </Text>
                    ) : null}
                    <Select
                      size="xs"
                      w={170}
                      aria-label={t('review.stanceFor', { issue: i.title })}
                      placeholder={t('stance.none')}
                      disabled={!canReview || !ch.selected}
                      clearable
                      data={STANCES.map((s) => ({ value: s, label: t(`stance.${s}`) }))}
                      value={ch.stance}
                      onChange={(v) => setChoices((s) => ({ ...s, [i.issueId]: { ...ch, stance: (v as Stance | null) ?? null } }))}
                    />
                  </Group>
                );
              })}
            </Stack>
          )}
        </Box>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            {[c.article.title, c.article.publishedOn ? formatDate(c.article.publishedOn) : null].filter(Boolean).join(' · ')}
            {c.article.feedName ? (
              <span data-testid="candidate-feed">
                {' · '}
                {t('feeds.fromFeed', { name: c.article.feedName })}
              </span>
            ) : null}
            {c.article.sourceUrl ? (
              <>
                {' · '}
                <Anchor href={c.article.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs" underline="always">
                  {t('statements.source')} ↗
                </Anchor>
              </>
            ) : null}
          </Text>
          {c.status === 'confirmed' && c.statementId ? (
            <Anchor component={Link} to={`/groups/${wgId}/statements#statement-${c.statementId}`} size="sm" data-testid="statement-link">
              {t('review.toStatement')}
            </Anchor>
          ) : null}
          {canReview ? (
            <Group gap="xs">
              {dirty ? (
                <Button size="xs" variant="light" loading={update.isPending} onClick={() => update.mutate({ c, body: { issues: chosen } }, { onError: onErr })}>
                  {t('review.saveIssues')}
                </Button>
              ) : null}
              <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="edit-candidate">
                {t('action.edit')}
              </Button>
              <Button size="xs" variant="light" color="gray" loading={reject.isPending} onClick={() => reject.mutate({ c, reason: null }, { onError: onErr })} data-testid="reject-candidate">
                {t('review.reject')}
              </Button>
              <Button size="xs" loading={confirm.isPending} onClick={() => confirm.mutate({ c, issues: chosen }, { onError: onErr })} data-testid="confirm-candidate">
                {t('review.confirm')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {error ? <FormError message={error} /> : null}
      </Stack>
      {editing ? <EditDialog c={c} onClose={() => setEditing(false)} /> : null}
    </Paper>
  );
}

export default function ReviewQueuePage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const canAdd = !!useGroup(wgId).data?.abilities.addArticle;
  const [status, setStatus] = useState<CandidateStatus | 'all'>('pending');
  const q = useCandidates(wgId, status);
  const sorted = useMemo(() => [...(q.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.position - b.position), [q.data]);
  return (
    <>
      <PageHeader title={t('review.title')} subtitle={t('review.subtitle')} />
      <Stack gap="md">
        {canAdd ? <Intake wgId={wgId} /> : null}
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {t('review.candidates')}
          </Title>
          <SegmentedControl
            aria-label={t('review.filter')}
            size="xs"
            value={status}
            onChange={(v) => setStatus(v as CandidateStatus | 'all')}
            data={(['pending', 'confirmed', 'rejected', 'all'] as const).map((s) => ({ value: s, label: t(`review.status.${s}`) }))}
          />
        </Group>
        <QueryView
          query={q}
          empty={(d) =>
            d.items.length === 0 ? (
              <EmptyState title={t('review.emptyTitle')} icon={<IconInbox />}>
                {canAdd ? t('review.emptyBody') : t('review.emptyBodyReader')}
              </EmptyState>
            ) : null
          }
        >
          {() => (
            <Stack gap="sm" data-testid="candidates">
              {sorted.map((c) => (
                <CandidateCard key={`${c.id}:${c.version}`} c={c} wgId={wgId} />
              ))}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </>
  );
}
