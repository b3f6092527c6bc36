// biome-ignore-all lint/suspicious/noArrayIndexKey: stage periods, stage history and date changes are append-only, time-ordered and read-only; they have no id of their own
import { useMemo, useState } from 'react';
import { Badge, Box, Button, Card, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title, UnstyledButton } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { useDashboardData, useProject, useProjects } from './api.ts';
import { NewProjectDialog, RescheduleDialog, StageDialog } from './dialogs.tsx';
import { PIPELINE, STAGE_COLOR, STAGE_HEX, TERMINAL, daysInCurrentStage } from './stages.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { useNames } from '../../app/reference.ts';
import { EmptyState, ErrorState, LoadingState, QueryView } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { IconClock, IconPipeline, IconPlus } from '../../app/icons.tsx';
import type { Project, ProjectSummary } from '../../../core/api/projects.ts';

function StageClocks({ p }: { p: Project }) {
  const { t } = useTranslation();
  const periods = p.stageTimes.filter((s) => s.days !== null);
  const max = Math.max(1, ...periods.map((s) => s.days ?? 0));
  return (
    <Stack gap={6} data-testid="stage-clocks">
      {periods.map((s, i) => (
        <Box key={i}>
          <Group justify="space-between" gap="xs">
            <Text size="xs" fw={600}>
              {t(`stage.${s.stage}`)}
              {s.ongoing ? ` · ${t('projects.ongoing')}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDate(s.enteredOn)} → {s.leftOn ? formatDate(s.leftOn) : t('projects.now')} · <b>{t('projects.daysLong', { count: s.days ?? 0 })}</b>
            </Text>
          </Group>
          <Box h={8} bg="var(--concord-track)" style={{ borderRadius: 4, overflow: 'hidden' }} aria-hidden>
            <Box h={8} w={`${Math.max(2, ((s.days ?? 0) / max) * 100)}%`} bg={STAGE_HEX[s.stage]} style={{ borderRadius: 4, opacity: s.ongoing ? 1 : 0.75 }} />
          </Box>
        </Box>
      ))}
    </Stack>
  );
}

function ProjectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const q = useProject(id ?? undefined);
  const [dialog, setDialog] = useState<null | 'stage' | 'reschedule'>(null);
  const p = q.data;
  return (
    <Drawer opened={!!id} onClose={onClose} position="right" size="xl" title={p ? <BilingualTitle en={p.name} ko={p.nameKo} /> : t('state.loading')}>
      {q.isPending ? (
        <LoadingState rows={6} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : p ? (
        <Stack gap="md" data-testid="project-detail">
          <Group gap="xs">
            <Badge color={STAGE_COLOR[p.stage]}>{t(`stage.${p.stage}`)}</Badge>
            <AccessBadge access={p.access} compact />
            {p.proponentOrgName ? (
              <Text size="sm" c="dimmed">
                {t('projects.proponent')}: <OrgName id={p.proponentOrgId} fallback={p.proponentOrgName} />
              </Text>
            ) : null}
          </Group>
          {p.description ? <Text size="sm">{p.description}</Text> : null}
          {p.statusNote ? (
            <Text size="sm" c="dimmed">
              {p.statusNote}
            </Text>
          ) : null}
          <Group gap="xs">
            {p.abilities.changeStage && p.allowedNextStages.length ? (
              <Button size="xs" onClick={() => setDialog('stage')} data-testid="change-stage">
                {t('projects.changeStage')}
              </Button>
            ) : null}
            {p.abilities.reschedule ? (
              <Button size="xs" variant="light" color="orange" onClick={() => setDialog('reschedule')} data-testid="reschedule">
                {t('projects.reschedule')}
              </Button>
            ) : null}
          </Group>
          <SimpleGrid cols={3} spacing="xs">
            <Paper withBorder p="xs">
              <Text size="lg" fw={700}>
                {daysInCurrentStage(p) ?? '—'}
              </Text>
              <Text size="xs" c="dimmed">
                {t('projects.daysInStage')}
              </Text>
            </Paper>
            <Paper withBorder p="xs">
              <Text size="lg" fw={700}>
                {p.daysFromReviewToExemption ?? '—'}
              </Text>
              <Text size="xs" c="dimmed">
                {t('projects.reviewToExemption')}
              </Text>
            </Paper>
            <Paper withBorder p="xs">
              <Text size="lg" fw={700}>
                {formatDate(p.plannedOn)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('projects.planned')}
              </Text>
            </Paper>
          </SimpleGrid>
          <Box>
            <Title order={3} size="h5" mb="xs">
              {t('projects.stageClocks')}
            </Title>
            <StageClocks p={p} />
          </Box>
          <Box>
            <Title order={3} size="h5" mb="xs">
              {t('projects.timeline')}
            </Title>
            <Timeline active={p.stageHistory.length - 1} bulletSize={14} lineWidth={2}>
              {p.stageHistory.map((e, i) => (
                <Timeline.Item
                  key={i}
                  title={
                    <Text size="sm" fw={600}>
                      {t(`stage.${e.stage}`)}
                    </Text>
                  }
                  color={STAGE_COLOR[e.stage]}
                >
                  <Text size="xs" c="dimmed">
                    {formatDate(e.occurredOn)}
                    {e.timezone ? ` (${e.timezone})` : ''}
                    {e.authorityOrgName ? ` · ${names.org(e.authorityOrgId, e.authorityOrgName)}` : ''}
                  </Text>
                  {e.reason ? <Text size="sm">{e.reason}</Text> : null}
                </Timeline.Item>
              ))}
            </Timeline>
          </Box>
          <Box>
            <Title order={3} size="h5" mb="xs">
              {t('projects.postponements')}
            </Title>
            {p.dateChanges.length ? (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('projects.changedOn')}</Table.Th>
                    <Table.Th scope="col">{t('projects.fromTo')}</Table.Th>
                    <Table.Th scope="col">{t('meeting.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.dateChanges.map((c, i) => (
                    <Table.Tr key={i}>
                      <Table.Td className="nowrap">{formatDate(c.changedOn)}</Table.Td>
                      <Table.Td className="nowrap">
                        {formatDate(c.oldDate)} → {c.newDate ? formatDate(c.newDate) : t('projects.unknownDate')}
                      </Table.Td>
                      <Table.Td>{c.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {t('projects.noPostponements')}
              </Text>
            )}
          </Box>
          <StageDialog p={p} opened={dialog === 'stage'} onClose={() => setDialog(null)} onReload={() => void q.refetch()} />
          <RescheduleDialog p={p} opened={dialog === 'reschedule'} onClose={() => setDialog(null)} onReload={() => void q.refetch()} />
        </Stack>
      ) : null}
    </Drawer>
  );
}

function ProjectCard({ p, days, onOpen }: { p: ProjectSummary; days: number | undefined; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton onClick={onOpen} w="100%" data-project={p.id}>
      <Card withBorder radius="sm" padding="sm" style={{ borderLeft: `4px solid ${STAGE_HEX[p.stage]}` }}>
        <Text size="sm" fw={600} lineClamp={3}>
          {localTitle(p.name, p.nameKo)}
        </Text>
        {p.proponentOrgName ? (
          <Text size="xs" c="dimmed">
            <OrgName id={p.proponentOrgId} fallback={p.proponentOrgName} />
          </Text>
        ) : null}
        <Group gap={6} mt={6}>
          {days !== undefined ? (
            <Badge size="sm" tt="none" variant="light" color={days > 90 && !TERMINAL.has(p.stage) ? 'orange' : 'gray'} leftSection={<IconClock size={11} />}>
              {t('projects.daysShort', { n: days })}
            </Badge>
          ) : null}
          {p.plannedOn ? (
            <Text size="xs" c="dimmed">
              {t('projects.plannedShort', { date: formatDate(p.plannedOn) })}
            </Text>
          ) : null}
        </Group>
      </Card>
    </UnstyledButton>
  );
}

export default function ProjectsPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const q = useProjects(wgId);
  const dash = useDashboardData(wgId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const days = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of dash.data?.projects ?? []) for (const i of s.items) m.set(i.id, i.daysInStage);
    return m;
  }, [dash.data]);
  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/projects/export.csv" filter={{ wgId }} />
            {g.data?.abilities.proposeProject ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="new-project">
                {t('create.project.open')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <QueryView
        query={q}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('dashboard.noProjectsTitle')} icon={<IconPipeline />}>
              {t('dashboard.noProjectsBody')}
            </EmptyState>
          ) : null
        }
      >
        {(d) => {
          const used = new Set(d.items.map((p) => p.stage));
          // The main flow always shows; side and end states only when a project is in them.
          const columns = PIPELINE.filter((s) => used.has(s) || ['group_review', 'exemption_requested', 'implementation'].includes(s));
          return (
            // biome-ignore lint/a11y/useSemanticElements: the pipeline's columns are flex boxes (role listitem); ul/li would bring list styling into the board
            <div className="pipeline" data-testid="pipeline" role="list" aria-label={t('projects.pipeline')}>
              {columns.map((stage) => {
                const items = d.items.filter((p) => p.stage === stage);
                return (
                  <Paper key={stage} withBorder radius="md" p="xs" bg="var(--concord-muted)" role="listitem" aria-label={t(`stage.${stage}`)}>
                    <Group justify="space-between" mb="xs" px={4}>
                      <Text size="sm" fw={700}>
                        {t(`stage.${stage}`)}
                      </Text>
                      <Badge size="sm" color={STAGE_COLOR[stage]} variant="light">
                        {items.length}
                      </Badge>
                    </Group>
                    <Stack gap="xs">
                      {items.length ? (
                        items.map((p) => <ProjectCard key={p.id} p={p} days={days.get(p.id)} onOpen={() => setOpenId(p.id)} />)
                      ) : (
                        <Text size="xs" c="dimmed" ta="center" py="md">
                          {t('projects.emptyColumn')}
                        </Text>
                      )}
                    </Stack>
                  </Paper>
                );
              })}
            </div>
          );
        }}
      </QueryView>
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} />
      {g.data ? <NewProjectDialog opened={adding} onClose={() => setAdding(false)} group={g.data} onCreated={setOpenId} /> : null}
    </>
  );
}

/** An organisation's name in the reader's language (the record's own name until the list of organisations is loaded). */
function OrgName({ id, fallback }: { id: string | null | undefined; fallback: string | null | undefined }) {
  return <>{useNames().org(id, fallback)}</>;
}
