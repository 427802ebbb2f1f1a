// The demo workspace a newcomer sees on first `npm start` (skipped with TOLLGATE_DEMO_DATA=0).
// Each feature adds its own demo records here, always through the same services the app uses.
import type { Db } from '@/lib/db.ts';
import { takeSnapshot } from '@/lib/posture/snapshot.ts';
import { openLogFeed } from './demo-logs.ts';
import { governanceSteps } from './demo-governance.ts';
import { approvalSteps, checklistSteps } from './demo-reviews.ts';
import { suspensionSteps } from './demo-suspensions.ts';
import { postureSteps } from './demo-posture.ts';
import { ago, dailySnapshots, runTimeline, type Step } from './timeline.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { saveCatalogueApp } from '@/lib/apps/service.ts';
import type { CatalogueApp } from '@/lib/apps/types.ts';
import { DEMO_EXPORT, DEMO_EXPORT_FILENAME, DEMO_LATER_EXPORT, DEMO_LATER_EXPORT_FILENAME } from './demo-agents.ts';
import { campaignSteps } from './demo-campaigns.ts';
import { gptReadSteps } from './demo-gpt-reads.ts';
import type { DemoPlatform } from './demo-platform.ts';

export const DEMO_WORKSPACE = {
  id: 'ws-acme-prod',
  name: 'Acme Corp — Production',
  kind: 'workspace' as const,
  principal: '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66',
};

const SEED_ACTOR: Actor = { id: null, label: 'demo-seed', role: null };

/** The posture history the demo shows (lib/seed/timeline.ts): a daily snapshot on each of these last days. */
const HISTORY_DAYS = 42;
const HOUR = 3_600_000;

export type SeedOptions = {
  url?: string;
  now?: Date;
  /** The demo's Compliance API (demo-platform.ts): its GPTs are read on their dates, and campaigns review them. */
  platform?: DemoPlatform & { secretKey: string };
  /** The demo identity provider's issuer, so that the reviewers the seed signs in are the ones who sign in later. */
  issuer?: string;
};

/**
 * Seeds only an empty database; returns whether it did. Every dated step (the inventory's imports among them) in
 * time order with the posture's daily snapshots among them; with `url`, the Compliance Logs of those weeks are
 * delivered as the days pass (the platform delivers late and in pieces anyway), through the upload pipeline.
 */
export async function seedDemoWorkspace(db: Db, options: SeedOptions = {}): Promise<boolean> {
  const [workspaces, events] = await Promise.all([db.workspace.count(), db.auditEvent.count()]);
  if (workspaces > 0 || events > 0) return false;
  const ws = DEMO_WORKSPACE.id;
  const now = options.now ?? new Date();
  const steps = [
    ...inventorySteps(db, ws, now),
    ...governanceSteps(db, SEED_ACTOR, ws, now),
    ...checklistSteps(db, ws, now),
    // Approvals need the agents the logs build.
    ...(options.url ? approvalSteps(db, ws, now) : []),
    ...suspensionSteps(db, { workspaceId: ws, now }),
    ...postureSteps(db, ws, now),
    ...(options.platform
      ? [
          ...gptReadSteps(db, ws, now, { ...options.platform, principal: DEMO_WORKSPACE.principal }),
          ...campaignSteps(db, ws, now, options.issuer),
        ]
      : []),
    ...dailySnapshots(db, ws, now, HISTORY_DAYS),
  ];
  // Every step writes its audit events at its own time, and the chain's times never go back (lib/audit/chain.ts
  // auditTime): so the workspace is created before the earliest step, and nothing runs outside the timeline.
  await createWorkspace(db, SEED_ACTOR, DEMO_WORKSPACE, new Date(Math.min(...steps.map((s) => s.at.getTime())) - HOUR));
  const logs = options.url ? await openLogFeed(db, options.url, DEMO_WORKSPACE.principal, now, SEED_ACTOR.label) : null;
  try {
    await runTimeline(steps, logs ? (at) => logs.deliverUntil(at) : undefined);
    await logs?.deliverUntil(now);
  } finally {
    await logs?.close();
    // From here on the platform serves the GPTs as they are now, to the scheduled read.
    options.platform?.setClock(null);
  }
  // The state the seed leaves, evaluated: what the Overview and a pack of the running period speak for.
  await takeSnapshot(db, ws, 'change', options.now ?? new Date(), { force: true });
  return true;
}

/** A custom MCP server a reviewer has classified: reads issues (private data, untrusted content), sends nothing out. */
const JIRA_SYNC: CatalogueApp = {
  id: 'mcp:jira-sync',
  name: 'Jira Sync (MCP)',
  aliases: [],
  legs: ['private_data', 'untrusted_content'],
  actions: [
    { name: 'search_issues', access: 'read', externalSend: false, approvalCategory: null },
    { name: 'read_issue', access: 'read', externalSend: false, approvalCategory: null },
  ],
};

/**
 * The agent inventory, the way an admin builds it: a first full export; within the hour the reviewer classifies
 * the mcp:jira-sync server, then adds its write action; a later full export with a few changes the next day.
 */
function inventorySteps(db: Db, workspaceId: string, now: Date): Step[] {
  const withComment: CatalogueApp = {
    ...JIRA_SYNC,
    actions: [
      ...JIRA_SYNC.actions,
      {
        name: 'comment_on_issue',
        access: 'write',
        externalSend: false,
        approvalCategory: 'jira_comment_on_owned_ticket',
      },
    ],
  };
  const first = ago(now, 62);
  const classified = ago(now, 62, 20);
  const extended = ago(now, 62, 45);
  const later = ago(now, 61);
  return [
    { at: first, run: () => importExport(db, workspaceId, DEMO_EXPORT_FILENAME, DEMO_EXPORT, first) },
    { at: classified, run: () => saveCatalogueApp(db, SEED_ACTOR, workspaceId, JIRA_SYNC, undefined, classified) },
    { at: extended, run: () => saveCatalogueApp(db, SEED_ACTOR, workspaceId, withComment, JIRA_SYNC.id, extended) },
    { at: later, run: () => importExport(db, workspaceId, DEMO_LATER_EXPORT_FILENAME, DEMO_LATER_EXPORT, later) },
  ];
}

async function importExport(db: Db, workspaceId: string, filename: string, csv: string, at: Date) {
  const { id } = await previewImport(
    db,
    SEED_ACTOR,
    workspaceId,
    { filename, content: Buffer.from(csv), fullExport: true },
    at,
  );
  return commitImport(db, SEED_ACTOR, workspaceId, id, { skipInvalid: false, now: at });
}
