import { Suspense, type ReactNode } from 'react';
import { ActionIcon, AppShell, Badge, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { Link, NavLink as RouterNavLink, Outlet, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession, useSignOut } from './session.tsx';
import { useGroup } from '../features/groups/api.ts';
import { useNames } from './reference.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LoadingState } from './states.tsx';
import { localTitle } from './format.ts';
import { hueText } from './theme.ts';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { IconBell, IconCalendar, IconChecklist, IconFlag, IconInbox, IconDashboard, IconDocument, IconHistory, IconLink, IconLogout, IconPipeline, IconQuote, IconScale, IconUsers } from './icons.tsx';

function Brand() {
  return (
    <UnstyledButton component={Link} to="/" aria-label="Concord" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden>
        <rect width="32" height="32" rx="7" fill="#1c4e80" />
        <path d="M9 16a7 7 0 0 1 12-5M23 16a7 7 0 0 1-12 5" stroke="white" strokeWidth="3" fill="none" strokeLinecap="round" />
      </svg>
      <Text fw={700} size="lg" c={hueText('concord', 9)} style={{ letterSpacing: 0.2 }}>
        Concord
      </Text>
    </UnstyledButton>
  );
}

/** The bell: my notifications, with how many are unread (asked again every minute and when the window comes back). */
function NotificationBell() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['my-notifications', 'unread'],
    queryFn: ({ signal }) => api<{ unread: number }>('/notifications?limit=1', { signal }),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const unread = q.data?.unread ?? 0;
  const label = unread ? t('header.notificationsUnread', { count: unread }) : t('header.notifications');
  // The count is drawn beside the link, not in it: the link's name says it in words (a number
  // inside the link would have to be part of its accessible name, word for word).
  return (
    <Box pos="relative">
      <Tooltip label={label}>
        <ActionIcon component={Link} to="/notifications" variant="subtle" color="gray" aria-label={label} data-testid="notification-bell" data-unread={unread}>
          <IconBell size={18} />
        </ActionIcon>
      </Tooltip>
      {unread ? (
        <Badge size="xs" circle color="red.9" pos="absolute" top={-4} right={-6} style={{ pointerEvents: 'none' }} aria-hidden>
          {unread > 99 ? '99+' : unread}
        </Badge>
      ) : null}
    </Box>
  );
}

function UserBlock() {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const names = useNames();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <NotificationBell />
      <Box visibleFrom="sm" ta="right" style={{ lineHeight: 1.15 }}>
        <Text size="sm" fw={600} data-testid="current-user" component={Link} to="/account" td="none" c="inherit" title={t('account.menu')}>
          {user.displayName}
        </Text>
        <Text size="xs" c="dimmed">
          {names.org(user.organisationId)} · {names.partyCode(user.partyId)}
        </Text>
      </Box>
      <Tooltip label={t('account.menu')}>
        <ActionIcon component={Link} to="/account" variant="subtle" color="gray" hiddenFrom="sm" aria-label={t('account.menu')}>
          <IconUsers size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('header.signOut')}>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLogout size={16} />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}
          aria-label={t('header.signOut')}
        >
          {/* On a phone the icon alone: the header keeps within 390 px. */}
          <Box component="span" visibleFrom="sm">
            {t('header.signOut')}
          </Box>
        </Button>
      </Tooltip>
    </Group>
  );
}

const SECTIONS = [
  { to: '', key: 'dashboard', icon: IconDashboard, end: true },
  { to: 'meetings', key: 'meetings', icon: IconCalendar },
  { to: 'positions', key: 'positions', icon: IconScale },
  { to: 'statements', key: 'statements', icon: IconQuote },
  { to: 'review', key: 'review', icon: IconInbox },
  { to: 'discipline', key: 'discipline', icon: IconFlag },
  { to: 'alignment', key: 'alignment', icon: IconScale },
  { to: 'documents', key: 'documents', icon: IconDocument },
  { to: 'commitments', key: 'commitments', icon: IconChecklist },
  { to: 'projects', key: 'projects', icon: IconPipeline },
  { to: 'audit', key: 'audit', icon: IconHistory },
  { to: 'calendar', key: 'calendar', icon: IconLink },
] as const;

function GroupNav({ wgId, onNavigate }: { wgId: string; onNavigate: () => void }) {
  const { t } = useTranslation();
  const group = useGroup(wgId);
  const role = useSession().data?.user.roles[wgId];
  return (
    <Stack gap={4}>
      <Box px="sm" pb="xs">
        <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
          {t('nav.workingGroup')}
        </Text>
        <Text size="sm" fw={600} lineClamp={3}>
          {group.data ? localTitle(group.data.shortName || group.data.name, group.data.nameKo) : '…'}
        </Text>
        {role ? (
          <Badge size="xs" variant="light" mt={4}>
            {t(`role.${role}`, { defaultValue: role })}
          </Badge>
        ) : null}
      </Box>
      {SECTIONS.map((s) => (
        <NavLink
          key={s.key}
          component={RouterNavLink}
          to={`/groups/${wgId}${s.to ? `/${s.to}` : ''}`}
          end={'end' in s ? s.end : false}
          label={t(`nav.${s.key}`)}
          leftSection={<s.icon size={18} />}
          onClick={onNavigate}
        />
      ))}
      <NavLink component={RouterNavLink} to={`/groups/${wgId}/settings`} label={t('groupAdmin.nav')} leftSection={<IconUsers size={18} />} onClick={onNavigate} data-testid="nav-group-settings" />
      <NavLink component={Link} to="/" label={t('nav.allGroups')} leftSection={<IconUsers size={18} />} onClick={onNavigate} mt="sm" />
    </Stack>
  );
}

/** The frame of every signed-in page: header with language and sign-out, group navigation. */
export function Layout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { wgId } = useParams();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 60 }} navbar={wgId ? { width: { base: 210, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined} padding="lg">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {wgId ? <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} /> : null}
            <Brand />
          </Group>
          <Group gap="md" wrap="nowrap">
            <SearchBox />
            <LanguageSwitch />
            <UserBlock />
          </Group>
        </Group>
      </AppShell.Header>
      {wgId ? (
        <AppShell.Navbar p="xs" aria-label={t('nav.sections')}>
          <ScrollArea>
            <GroupNav wgId={wgId} onNavigate={close} />
          </ScrollArea>
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main id="main" bg="var(--concord-muted)">
        <Box maw={1280} mx="auto">
          <Suspense fallback={<LoadingState />}>{children ?? <Outlet />}</Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
