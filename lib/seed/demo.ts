// The demo workspace a newcomer sees on first `npm start` (skipped with TOLLGATE_DEMO_DATA=0).
// Each feature adds its own demo records here, always through the same services the app uses.
import type { Db } from '../db.ts';
import { createWorkspace } from '../workspaces/service.ts';
import type { Actor } from '../audit/record.ts';

export const DEMO_WORKSPACE = {
  id: 'ws-acme-prod',
  name: 'Acme Corp — Production',
  kind: 'workspace' as const,
  principal: '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66',
};

const SEED_ACTOR: Actor = { id: null, label: 'demo-seed', role: null };

/** Seeds only an empty database; returns whether it did. */
export async function seedDemoWorkspace(db: Db): Promise<boolean> {
  const [workspaces, events] = await Promise.all([db.workspace.count(), db.auditEvent.count()]);
  if (workspaces > 0 || events > 0) return false;
  await createWorkspace(db, SEED_ACTOR, DEMO_WORKSPACE);
  return true;
}
