// What a page answers with HTTP 403 (forbidden() from next/navigation), inside the dashboard's shell.
import { NotAllowed } from '@/components/ui/forbidden.tsx';

export default function DashboardForbidden() {
  return <NotAllowed />;
}
