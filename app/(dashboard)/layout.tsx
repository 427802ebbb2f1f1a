import { AppShell } from '../../components/shell/app-shell.tsx';
import { requireUser } from '../../lib/auth/page-guard.ts';
import { db } from '../../lib/db.ts';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const workspaces = await db().workspace.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 2 });
  const label = workspaces.length > 1 ? `${workspaces.length}+ workspaces` : (workspaces[0]?.name ?? null);
  return (
    <AppShell user={user} workspaceName={label}>
      {children}
    </AppShell>
  );
}
