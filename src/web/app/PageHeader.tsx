// biome-ignore-all lint/suspicious/noArrayIndexKey: breadcrumbs are a fixed list per page; their position is their identity
import type { ReactNode } from 'react';
import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function PageHeader({
  title,
  subtitle,
  actions,
  crumbs,
  badges,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  crumbs?: { label: string; to?: string }[];
  badges?: ReactNode;
}) {
  return (
    <Stack gap={6} mb="lg">
      {crumbs?.length ? (
        <Breadcrumbs separator="›" fz="sm">
          {crumbs.map((c, i) =>
            c.to ? (
              <Anchor key={i} component={Link} to={c.to} size="sm">
                {c.label}
              </Anchor>
            ) : (
              <Text key={i} size="sm" c="dimmed">
                {c.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      ) : null}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Group gap="xs" align="center">
            <Title order={1} size="h2">
              {title}
            </Title>
            {badges}
          </Group>
          {subtitle ? (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
