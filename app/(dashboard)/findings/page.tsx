import type { Metadata } from 'next';
import { Forbidden } from '../../../components/ui/forbidden.tsx';
import { PlannedPage } from '../../../components/ui/planned-page.tsx';
import { pageAccess } from '../../../lib/auth/page-guard.ts';

export const metadata: Metadata = { title: 'Findings' };

export default async function Page() {
  const { allowed } = await pageAccess('findings:read');
  if (!allowed) return <Forbidden what="this section" />;
  return <PlannedPage href="/findings" />;
}
