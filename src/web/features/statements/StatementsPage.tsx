import { PageHeader } from '../../app/PageHeader.tsx';

export default function StatementsPage() {
  return <PageHeader title="StatementsPage" />;
}
