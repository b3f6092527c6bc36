import { PageHeader } from '../../app/PageHeader.tsx';

export default function ProjectsPage() {
  return <PageHeader title="ProjectsPage" />;
}
