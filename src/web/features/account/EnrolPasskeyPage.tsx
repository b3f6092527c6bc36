import { Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useSession, useSignOut } from '../../app/session.tsx';
import { AddPasskeyForm } from './PasskeysSection.tsx';

/**
 * What a user the server requires to have a passkey sees after their password while they have
 * none: their session reaches nothing else until they add one here (or sign out). Adding it turns
 * the session into a full one, and the page they asked for follows.
 */
export default function EnrolPasskeyPage() {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Box mih="100vh" bg="var(--concord-muted)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main" w={480} maw="92vw" aria-labelledby="enrol-title">
          <Stack gap="md">
            <Title order={1} size="h3" id="enrol-title">
              {t('passkeys.enrol.title')}
            </Title>
            <Text size="sm">{t('passkeys.enrol.body', { email: user?.email ?? '' })}</Text>
            <AddPasskeyForm autoFocus />
            <Group>
              <Button variant="subtle" onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}>
                {t('passkeys.enrol.signOut')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
