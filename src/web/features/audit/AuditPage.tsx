import { PageHeader } from '../../app/PageHeader.tsx';

export default function AuditPage() {
  return <PageHeader title="AuditPage" />;
}
