import { PageHeader } from '../../app/PageHeader.tsx';

export default function CalendarPage() {
  return <PageHeader title="CalendarPage" />;
}
