import { PageHeader } from '../../app/PageHeader.tsx';

export default function CommitmentsPage() {
  return <PageHeader title="CommitmentsPage" />;
}
