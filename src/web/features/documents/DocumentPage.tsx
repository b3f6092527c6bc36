import { PageHeader } from '../../app/PageHeader.tsx';

export default function DocumentPage() {
  return <PageHeader title="DocumentPage" />;
}
