import { useMemo, useState } from 'react';
import { Anchor, Badge, Box, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, SegmentedControl } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { useIssues } from '../positions/api.ts';
import { useAddStatement, useStatements, type StatementFilter } from './api.ts';
import { StanceBadge } from '../positions/stance.tsx';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { DateField } from '../../app/DateField.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps, maxItems } from '../../app/limits.ts';
import { formatDate, localTitle, todayIso } from '../../app/format.ts';
import { useNames, usePeople, useReference } from '../../app/reference.ts';
import { IconPlus, IconQuote } from '../../app/icons.tsx';
import { MarkBadge } from '../discipline/MarkBadge.tsx';
import { RecordedByLine } from '../trust/Provenance.tsx';
import { useStatementMarks, type Mark } from '../discipline/api.ts';
import { StatementCreateBody, type Statement } from '../../../core/api/statements.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { STATEMENT_MEDIA, STANCES, SCOPES, wordOf, type Scope, type StatementMedium } from '../../../core/vocabulary.ts';

const PAGE = 25;
const SB = StatementCreateBody.properties;

function StatementCard({ s, mark }: { s: Statement; mark?: Mark }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const ko = i18n.language === 'ko';
  const speaker =
    s.speaker.kind === 'person' ? (ko && s.speaker.personNameKo) || s.speaker.personName : s.speaker.kind === 'organisation' ? (ko && s.speaker.orgNameKo) || s.speaker.orgName : s.speaker.description;
  const org = s.speaker.kind === 'person' ? (ko && s.speaker.orgNameKo) || s.speaker.orgName : s.speaker.kind === 'anonymous' ? (ko && s.speaker.orgNameKo) || s.speaker.orgName : null;
  return (
    <Paper withBorder radius="md" p="md" component="article" data-statement={s.id} id={`statement-${s.id}`}>
      <Stack gap={8}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Box>
            <Text fw={600} size="sm">
              {speaker ?? s.speaker.display}
            </Text>
            <Text size="xs" c="dimmed">
              {[org, s.partyId ? names.partyCode(s.partyId) : null].filter(Boolean).join(' · ')}
            </Text>
            <RecordedByLine r={s.recordedBy} />
          </Box>
          <Stack gap={2} align="flex-end">
            <Text size="sm" className="nowrap">
              {formatDate(s.saidOn)}
            </Text>
            <Badge variant="outline" color="gray" size="sm">
              {t(`medium.${s.medium}`, { defaultValue: s.medium })}
            </Badge>
            <MarkBadge mark={mark} />
          </Stack>
        </Group>
        <Text className="quote" size="md" lang={s.language}>
          “{s.quote}”
        </Text>
        {s.context ? (
          <Text size="sm" c="dimmed">
            {s.context}
          </Text>
        ) : null}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6}>
            {s.issues.map((i) => (
              <Group key={i.issueId} gap={4} wrap="wrap">
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {localTitle(i.title, i.titleKo)}
                </Badge>
                {i.stance ? <StanceBadge stance={i.stance} size="xs" /> : null}
              </Group>
            ))}
          </Group>
          <Group gap="xs">
            {s.sourceUrl ? (
              <Anchor href={s.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs">
                {s.sourceTitle || t('statements.source')} ↗
              </Anchor>
            ) : s.sourceTitle ? (
              <Text size="xs" c="dimmed">
                {s.sourceTitle}
              </Text>
            ) : null}
            <AccessBadge access={s.access} compact />
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function AddStatementDialog({ opened, onClose, group }: { opened: boolean; onClose: () => void; group: WorkingGroup }) {
  const { t, i18n } = useTranslation();
  const ref = useReference();
  const people = usePeople();
  const issues = useIssues(group.id);
  const names = useNames();
  const add = useAddStatement();
  const f = useFormState(
    {
      saidOn: todayIso(),
      medium: 'press_briefing' as StatementMedium,
      language: 'en',
      quote: '',
      speakerKind: 'person',
      speakerPersonId: '' as string | null,
      speakerOrgId: '' as string | null,
      speakerDescription: '',
      partyId: '' as string | null,
      context: '',
      sourceUrl: '',
      sourceTitle: '',
      issueIds: [] as string[],
      stance: '' as string | null,
      scope: 'public' as Scope,
    },
    { draft: `statement.create:${group.id}` },
  );
  useResetOnOpen(opened, () => {
    f.reset();
    add.reset();
  });
  const ko = i18n.language === 'ko';
  const submit = () => {
    const ok = f.validate({
      quote: (v) => checkText(t, v.quote, SB.quote, { required: true }),
      saidOn: (v) => !v.saidOn && t('form.required'),
      sourceUrl: (v) => (!v.sourceUrl.trim() ? t('statements.sourceRequired') : checkText(t, v.sourceUrl, SB.sourceUrl, { invalid: t('form.invalidUrl') })),
      sourceTitle: (v) => checkText(t, v.sourceTitle, SB.sourceTitle),
      context: (v) => checkText(t, v.context, SB.context),
      speakerPersonId: (v) => v.speakerKind === 'person' && !v.speakerPersonId && t('form.required'),
      speakerOrgId: (v) => v.speakerKind !== 'person' && !v.speakerOrgId && t('form.required'),
      speakerDescription: (v) => (v.speakerKind === 'anonymous' ? checkText(t, v.speakerDescription, SB.speakerDescription, { required: true }) : false),
      issueIds: (v) => v.issueIds.length > (maxItems(SB.issues) ?? Infinity) && t('create.tooMany', { max: maxItems(SB.issues) }),
    });
    if (!ok) return;
    const v = f.values;
    add.mutate(
      {
        wgId: group.id,
        saidOn: v.saidOn,
        medium: v.medium,
        language: v.language,
        quote: v.quote.trim(),
        speakerPersonId: v.speakerKind === 'person' ? v.speakerPersonId : undefined,
        speakerOrgId: v.speakerKind !== 'person' ? v.speakerOrgId : undefined,
        speakerDescription: v.speakerKind === 'anonymous' ? v.speakerDescription.trim() : undefined,
        partyId: v.partyId || impliedParty || undefined,
        context: v.context.trim() || undefined,
        sourceUrl: v.sourceUrl.trim(),
        sourceTitle: v.sourceTitle.trim() || undefined,
        issues: v.issueIds.length ? v.issueIds.map((issueId) => ({ issueId, stance: wordOf(STANCES, v.stance) })) : undefined,
        scope: v.scope,
      },
      f.sending(onClose),
    );
  };
  const orgOptions = (ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.acronym ? `${o.acronym} — ` : ''}${ko && o.nameKo ? o.nameKo : o.name}` }));
  const person = people.data?.find((p) => p.id === f.values.speakerPersonId);
  const speakerOrg = ref.data?.organisations.find((o) => o.id === f.values.speakerOrgId);
  const impliedParty = (f.values.speakerKind === 'person' ? person?.partyId : speakerOrg?.partyId) ?? null;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      size="xl"
      title={t('statements.addTitle')}
      submitLabel={t('statements.add')}
      pending={add.isPending}
      onSubmit={submit}
      testId="new-statement-form"
    >
      <FormError message={f.errors._form} />
      <Textarea label={t('statements.quote')} description={t('statements.quoteHelp')} required autosize minRows={3} {...lengthProps(SB.quote)} {...f.field('quote')} data-autofocus name="quote" />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t('statements.saidOn')} required {...f.field('saidOn')} />
        <Select label={t('statements.medium')} data={STATEMENT_MEDIA.map((m) => ({ value: m, label: t(`medium.${m}`) }))} {...f.field('medium')} allowDeselect={false} />
        <Select
          label={t('statements.language')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'ko', label: '한국어' },
          ]}
          {...f.field('language')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <SegmentedControl
        aria-label={t('statements.speaker')}
        value={f.values.speakerKind}
        onChange={(v) => f.set('speakerKind', v)}
        data={[
          { value: 'person', label: t('statements.byPerson') },
          { value: 'organisation', label: t('statements.byOrg') },
          { value: 'anonymous', label: t('statements.byAnonymous') },
        ]}
      />
      {f.values.speakerKind === 'person' ? (
        <Select
          label={t('statements.speaker')}
          searchable
          required
          nothingFoundMessage={t('statements.noPerson')}
          data={(people.data ?? []).map((p) => ({
            value: p.id,
            label: `${ko && p.nameKo ? p.nameKo : p.name}${p.roles?.[0] ? ` — ${p.roles[0].organisationAcronym ?? p.roles[0].organisationName}` : ''}`,
          }))}
          {...f.field('speakerPersonId')}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('statements.speakerOrg')} searchable required data={orgOptions} {...f.field('speakerOrgId')} />
          {f.values.speakerKind === 'anonymous' ? (
            <TextInput
              label={t('statements.speakerDescription')}
              placeholder={t('statements.speakerDescriptionExample')}
              required
              {...lengthProps(SB.speakerDescription)}
              {...f.field('speakerDescription')}
            />
          ) : null}
        </SimpleGrid>
      )}
      <Select
        label={t('create.statement.party')}
        description={t('create.statement.partyHelp')}
        clearable
        placeholder={impliedParty ? names.party(impliedParty) : undefined}
        data={(ref.data?.parties ?? []).map((p) => ({ value: p.id, label: names.party(p.id) }))}
        {...f.field('partyId')}
        w={{ base: '100%', sm: '50%' }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('statements.sourceUrl')} required placeholder="https://" {...lengthProps(SB.sourceUrl)} {...f.field('sourceUrl')} name="sourceUrl" />
        <TextInput label={t('statements.sourceTitle')} {...lengthProps(SB.sourceTitle)} {...f.field('sourceTitle')} name="sourceTitle" />
      </SimpleGrid>
      <Textarea label={t('statements.context')} autosize minRows={2} {...lengthProps(SB.context)} {...f.field('context')} name="context" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t('statements.issues')}
          description={t('create.statement.issuesHelp')}
          searchable
          maxValues={maxItems(SB.issues)}
          data={(issues.data?.items ?? []).map((i) => ({ value: i.id, label: localTitle(i.title, i.titleKo) }))}
          {...f.field('issueIds')}
        />
        <Select label={t('statements.stanceExpressed')} clearable data={STANCES.map((s) => ({ value: s, label: t(`stance.${s}`) }))} {...f.field('stance')} disabled={!f.values.issueIds.length} />
      </SimpleGrid>
      <Select
        label={t('access.scope')}
        data={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
        {...f.field('scope')}
        allowDeselect={false}
        description={t(`scopeHelp.${f.values.scope}`)}
        w={{ base: '100%', sm: '50%' }}
      />
    </FormDialog>
  );
}

export default function StatementsPage() {
  const { wgId = '' } = useParams();
  const marks = useStatementMarks(wgId).data;
  const { t, i18n } = useTranslation();
  const g = useGroup(wgId);
  const ref = useReference();
  const people = usePeople();
  const issues = useIssues(wgId);
  const [filter, setFilter] = useState<StatementFilter>({});
  const [limit, setLimit] = useState(PAGE);
  const [q, setQ] = useState('');
  const query = useMemo(() => ({ wgId, ...filter, q: filter.q || undefined, limit }), [wgId, filter, limit]);
  const statements = useStatements(query);
  const [adding, setAdding] = useState(false);
  const ko = i18n.language === 'ko';
  const setF = (k: keyof StatementFilter, v: string | null) => {
    setLimit(PAGE);
    setFilter((f) => ({ ...f, [k]: v || undefined }));
  };
  const active = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader
        title={t('statements.title')}
        subtitle={t('statements.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/statements/export.csv" filter={{ wgId, ...filter, q: filter.q || undefined }} />
            {g.data?.abilities.createStatement ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="new-statement">
                {t('statements.add')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Paper
        withBorder
        radius="md"
        p="sm"
        mb="md"
        component="form"
        role="search"
        aria-label={t('statements.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setF('q', q.trim());
        }}
      >
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="xs">
          <Select
            label={t('statements.speaker')}
            searchable
            clearable
            data={(people.data ?? []).map((p) => ({ value: p.id, label: ko && p.nameKo ? p.nameKo : p.name }))}
            value={filter.speakerPersonId ?? null}
            onChange={(v) => setF('speakerPersonId', v)}
          />
          <Select
            label={t('statements.organisation')}
            searchable
            clearable
            data={(ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.acronym ?? (ko && o.nameKo ? o.nameKo : o.name) }))}
            value={filter.speakerOrgId ?? null}
            onChange={(v) => setF('speakerOrgId', v)}
          />
          <Select
            label={t('statements.issue')}
            searchable
            clearable
            data={(issues.data?.items ?? []).map((i) => ({ value: i.id, label: localTitle(i.title, i.titleKo) }))}
            value={filter.issueId ?? null}
            onChange={(v) => setF('issueId', v)}
          />
          <DateField label={t('statements.from')} value={filter.from ?? ''} onChange={(v) => setF('from', v)} />
          <DateField label={t('statements.to')} value={filter.to ?? ''} onChange={(v) => setF('to', v)} />
          <TextInput label={t('statements.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setF('q', q.trim())} />
        </SimpleGrid>
        {active ? (
          <Group justify="flex-end" mt="xs">
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setQ('');
                setFilter({});
              }}
            >
              {t('action.clear')}
            </Button>
          </Group>
        ) : null}
      </Paper>
      <QueryView
        query={statements}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={active ? t('statements.noMatchTitle') : t('statements.emptyTitle')} icon={<IconQuote />}>
              {active ? t('statements.noMatchBody') : t('statements.emptyBody')}
            </EmptyState>
          ) : null
        }
      >
        {(d) => (
          <Stack gap="sm" data-testid="statements-feed">
            {d.items.map((s) => (
              <StatementCard key={s.id} s={s} mark={marks?.get(s.id)} />
            ))}
            {d.items.length >= limit ? (
              <Group justify="center">
                <Button variant="default" onClick={() => setLimit((l) => l + PAGE)} loading={statements.isFetching}>
                  {t('action.loadMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        )}
      </QueryView>
      {g.data ? <AddStatementDialog opened={adding} onClose={() => setAdding(false)} group={g.data} /> : null}
    </>
  );
}
