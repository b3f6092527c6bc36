import { PageHeader } from '../../app/PageHeader.tsx';

export default function PositionsPage() {
  return <PageHeader title="PositionsPage" />;
}
