import { Anchor, Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Clause } from '../../../core/api/documents.ts';
import type { CommitmentSummary } from '../../../core/api/commitments.ts';

/** The commitments recorded from a document's clauses, and whether the reader may record one. */
export interface ClauseCommit {
  items: CommitmentSummary[];
  wgId: string;
  canCreate: boolean;
  onCreate: (c: Clause) => void;
}

/** Under a clause's key: how many commitments come from it (a link to them) and "from this clause". */
export function ClauseCommitments({ c, commit }: { c: Clause; commit: ClauseCommit }) {
  const { t } = useTranslation();
  const n = commit.items.filter((x) => x.clauseKey === c.key).length;
  if (!n && !commit.canCreate) return null;
  return (
    <Stack gap={2} mt={6} align="flex-start">
      {n ? (
        <Anchor component={Link} to={`/groups/${commit.wgId}/commitments`} size="xs" data-testid="clause-commitments" data-count={n}>
          {t('create.commitment.fromClauseCount', { count: n })}
        </Anchor>
      ) : null}
      {commit.canCreate ? (
        <Button size="compact-xs" variant="subtle" px={0} onClick={() => commit.onCreate(c)} data-testid="commit-from-clause">
          {t('create.commitment.fromThisClause')}
        </Button>
      ) : null}
    </Stack>
  );
}
