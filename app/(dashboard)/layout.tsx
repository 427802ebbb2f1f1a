import { AppShell } from '@/components/shell/app-shell.tsx';
import { requireUser } from '@/lib/auth/page-guard.ts';
import { currentWorkspace } from '@/lib/workspaces/current.ts';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} workspaces={await currentWorkspace()}>
      {children}
    </AppShell>
  );
}
