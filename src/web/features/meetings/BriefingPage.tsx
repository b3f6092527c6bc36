import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { useGroup } from '../groups/api.ts';
import { useNames } from '../../app/reference.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { Bilingual, BilingualTitle } from '../../app/Bilingual.tsx';
import { ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDate, formatPercent, localTitle } from '../../app/format.ts';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { IconPrinter } from '../../app/icons.tsx';
import { StanceBadge } from '../positions/stance.tsx';
import type { Briefing } from '../../../core/api/briefing.ts';

export const useBriefing = (meetingId: string | undefined) =>
  useQuery({ queryKey: ['briefing', meetingId], queryFn: ({ signal }) => get<Briefing>(`/meetings/${meetingId}/briefing`, undefined, signal), enabled: !!meetingId });

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="briefing-section" data-testid={id}>
      <Title order={2} size="h3" id={id} mb="xs" className="briefing-heading">
        {title}
      </Title>
      {children}
    </section>
  );
}

function Agenda({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  const names = useNames();
  if (!b.agenda.length) return <Text c="dimmed">{t('briefing.noAgenda')}</Text>;
  return (
    <Stack gap="md">
      {b.agenda.map((a, i) => (
        <div key={a.id} className="briefing-item" data-testid="briefing-agenda-item">
          <Group gap="xs" align="baseline" wrap="nowrap">
            <Text fw={700}>{i + 1}.</Text>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Bilingual en={a.title} ko={a.titleKo} size="md" />
            </div>
          </Group>
          <Text size="sm" c="dimmed" mt={2}>
            {[
              a.trackName ? `${t('briefing.track')}: ${localTitle(a.trackName, a.trackNameKo)}` : null,
              a.leadOrgId ? `${t('briefing.lead')}: ${names.org(a.leadOrgId)}` : null,
              a.issue ? `${t('briefing.issue')}: ${localTitle(a.issue.title, a.issue.titleKo)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {a.issue ? (
            a.positions.length ? (
              <Table fz="sm" mt={4} data-testid="briefing-positions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('briefing.whose')}</Table.Th>
                    <Table.Th scope="col">{t('briefing.stance')}</Table.Th>
                    <Table.Th scope="col">{t('briefing.since')}</Table.Th>
                    <Table.Th scope="col" w="50%">
                      {t('briefing.conditions')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.positions.map((p) => (
                    <Table.Tr key={p.id} data-position={p.id}>
                      <Table.Td>
                        {names.party(p.partyId)}
                        {p.organisationId ? ` · ${names.orgShort(p.organisationId)}` : ''}
                      </Table.Td>
                      <Table.Td>
                        <StanceBadge stance={p.stance} />
                      </Table.Td>
                      <Table.Td className="nowrap">{formatDate(p.validFrom)}</Table.Td>
                      <Table.Td>{[p.conditions, p.rationale].filter(Boolean).join(' — ') || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed" mt={4}>
                {t('briefing.noPositions')}
              </Text>
            )
          ) : null}
        </div>
      ))}
    </Stack>
  );
}

function Commitments({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  const names = useNames();
  if (!b.commitments.length) return <Text c="dimmed">{t('briefing.noCommitments')}</Text>;
  return (
    <Table fz="sm" data-testid="briefing-commitments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="40%">
            {t('commitments.commitment')}
          </Table.Th>
          <Table.Th scope="col">{t('commitments.owner')}</Table.Th>
          <Table.Th scope="col">{t('commitments.dueCol')}</Table.Th>
          <Table.Th scope="col">{t('briefing.state')}</Table.Th>
          <Table.Th scope="col">{t('briefing.latestReports')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {b.commitments.map((c) => (
          <Table.Tr key={c.id} data-commitment={c.id}>
            <Table.Td>
              <Bilingual en={c.title} ko={c.titleKo} />
            </Table.Td>
            <Table.Td>{c.responsiblePartyId ? names.party(c.responsiblePartyId) : t('commitments.bothParties')}</Table.Td>
            <Table.Td className="nowrap">{c.dueOn ? formatDate(c.dueOn) : '—'}</Table.Td>
            <Table.Td>
              <Badge color={c.disputed ? 'red' : c.overdue ? 'orange' : 'blue'} variant="light">
                {t(`commitments.filters.${c.state}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {c.latestByParty.length
                ? c.latestByParty.map((r) => (
                    <Text size="xs" key={r.partyId}>
                      {names.partyCode(r.partyId)}: {t(`progress.${r.report.status}`, { defaultValue: r.report.status })} ({formatDate(r.report.reportedOn)})
                    </Text>
                  ))
                : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Statements({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  if (!b.statements.length) return <Text c="dimmed">{t('briefing.noStatements')}</Text>;
  return (
    <Stack gap="xs" data-testid="briefing-statements">
      {b.statements.map((s) => (
        <div key={s.id} className="briefing-item">
          <Text size="sm" fw={600}>
            {formatDate(s.saidOn)} · {localTitle(s.speaker.display, s.speaker.personNameKo ?? s.speaker.orgNameKo)}
          </Text>
          <Text size="sm" lang={s.language}>
            “{s.quote}”
          </Text>
          {s.sourceUrl ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {s.sourceTitle ?? s.sourceUrl}
            </Text>
          ) : null}
        </div>
      ))}
    </Stack>
  );
}

function Alignment({ b }: { b: Briefing }) {
  const { t } = useTranslation();
  const names = useNames();
  const a = b.alignment;
  const methodName = (id: string) => t(`methods.${id}.name`, { defaultValue: id });
  if (!a.available) return <Text c="dimmed">{t('briefing.alignmentTooMany')}</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="briefing-alignment-basis">
        {t('briefing.alignmentBasis', { method: methodName(a.method), issues: a.basis.issues, positions: a.basis.positions, date: formatDate(b.asOf) })}
      </Text>
      {a.pairs.length ? (
        <Table fz="sm" data-testid="briefing-alignment">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('alignment.pair')}</Table.Th>
              <Table.Th scope="col">{t('alignment.agreementCol')}</Table.Th>
              <Table.Th scope="col">{t('alignment.labelCol')}</Table.Th>
              <Table.Th scope="col">{t('briefing.method')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.pairs.map((p) => (
              <Table.Tr key={`${p.a.key}|${p.b.key}`}>
                <Table.Td className="nowrap" fw={600}>
                  {names.party(p.a.id)} ↔ {names.party(p.b.id)}
                </Table.Td>
                <Table.Td data-testid="briefing-pair-value">
                  {p.tooFew || p.value === null ? t('alignment.tooFew') : formatPercent(p.value)} <span className="nowrap">(n = {p.n})</span>
                </Table.Td>
                <Table.Td>{p.label ? t(`alignment.apiLabel.${p.label.replace(/ /g, '_')}`, { defaultValue: p.label }) : '—'}</Table.Td>
                <Table.Td>{t('explorer.figureHelp', { method: methodName(p.method), n: p.n })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('briefing.noPairs')}
        </Text>
      )}
    </Stack>
  );
}

/** A meeting's briefing book: one printable page (the print stylesheet drops the app's chrome). */
export default function BriefingPage() {
  const { wgId = '', meetingId } = useParams();
  const { t } = useTranslation();
  const q = useBriefing(meetingId);
  const g = useGroup(wgId);
  const crumbs = [
    { label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : t('nav.workingGroup'), to: `/groups/${wgId}` },
    { label: t('nav.meetings'), to: `/groups/${wgId}/meetings` },
    ...(q.data ? [{ label: localTitle(q.data.meeting.title, q.data.meeting.titleKo), to: `/groups/${wgId}/meetings/${meetingId}` }] : []),
  ];
  if (q.isPending)
    return (
      <>
        <PageHeader title={t('briefing.title')} crumbs={crumbs} />
        <LoadingState rows={8} />
      </>
    );
  if (q.error)
    return (
      <>
        <PageHeader title={t('briefing.title')} crumbs={crumbs} />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const b = q.data;
  const m = b.meeting;
  return (
    <div className="briefing" data-testid="briefing">
      <PageHeader
        crumbs={crumbs}
        title={
          <>
            <Text span inherit display="block" size="sm" c="dimmed" fw={500}>
              {t('briefing.title')}
            </Text>
            <BilingualTitle en={m.title} ko={m.titleKo} />
          </>
        }
        subtitle={
          <>
            <MeetingTime iso={m.startsAt} timeZone={m.timezone} /> · {t(`meetingLevel.${m.level}`)} · {t(`meetingFormat.${m.format}`)}
            {m.place ? ` · ${m.place}` : ''}
          </>
        }
        actions={
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="briefing-print">
            {t('briefing.print')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Alert variant="light" color="gray" data-testid="briefing-visible-only">
          {t('briefing.visibleOnly', { date: formatDate(b.asOf) })}
        </Alert>
        <Section id="briefing-agenda" title={t('briefing.agenda')}>
          <Agenda b={b} />
        </Section>
        <Section id="briefing-commitments-section" title={t('briefing.commitments')}>
          <Commitments b={b} />
        </Section>
        <Section id="briefing-statements-section" title={t('briefing.statements', { from: formatDate(b.statementsFrom), to: formatDate(b.asOf) })}>
          <Statements b={b} />
        </Section>
        <Section id="briefing-alignment-section" title={t('briefing.alignment')}>
          <Alignment b={b} />
        </Section>
      </Stack>
    </div>
  );
}
