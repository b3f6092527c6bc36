import { PageHeader } from '../../app/PageHeader.tsx';

export default function DocumentsPage() {
  return <PageHeader title="DocumentsPage" />;
}
