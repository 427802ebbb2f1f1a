// The demo workspace a newcomer sees on first `npm start` (skipped with TOLLGATE_DEMO_DATA=0).
// Each feature adds its own demo records here, always through the same services the app uses.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../db.ts';
import { ingestAndApply } from '../logs/pipeline.ts';
import { demoActivity } from './demo-activity.ts';
import { seedGovernance } from './demo-governance.ts';
import { seedApprovals, seedChecklist } from './demo-reviews.ts';
import { seedDemoSuspensions } from './demo-suspensions.ts';
import { seedPosture } from './demo-posture.ts';
import { createWorkspace } from '../workspaces/service.ts';
import type { Actor } from '../audit/record.ts';
import { commitImport, previewImport } from '../agents/import/service.ts';
import { saveCatalogueApp } from '../apps/service.ts';
import type { CatalogueApp } from '../apps/types.ts';
import { DEMO_EXPORT, DEMO_EXPORT_FILENAME, DEMO_LATER_EXPORT, DEMO_LATER_EXPORT_FILENAME } from './demo-agents.ts';

export const DEMO_WORKSPACE = {
  id: 'ws-acme-prod',
  name: 'Acme Corp — Production',
  kind: 'workspace' as const,
  principal: '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66',
};

const SEED_ACTOR: Actor = { id: null, label: 'demo-seed', role: null };

/** Seeds only an empty database; returns whether it did. With `url`, also a few weeks of agent activity. */
export async function seedDemoWorkspace(db: Db, options: { url?: string; now?: Date } = {}): Promise<boolean> {
  const [workspaces, events] = await Promise.all([db.workspace.count(), db.auditEvent.count()]);
  if (workspaces > 0 || events > 0) return false;
  await createWorkspace(db, SEED_ACTOR, DEMO_WORKSPACE);
  await seedInventory(db, DEMO_WORKSPACE.id);
  const now = options.now ?? new Date();
  await seedGovernance(db, SEED_ACTOR, DEMO_WORKSPACE.id, now);
  await seedChecklist(db, DEMO_WORKSPACE.id, now);
  if (options.url) await seedActivity(db, options.url, now);
  await seedDemoSuspensions(db, { workspaceId: DEMO_WORKSPACE.id, now });
  await seedPosture(db, DEMO_WORKSPACE.id, now);
  return true;
}

/**
 * The Compliance Logs of the last weeks, through the same pipeline as an upload, in two files: the agents'
 * creation, then — once the reviewers have approved two of them, as they did before those were published —
 * everything else (the platform delivers files late and out of order anyway).
 */
async function seedActivity(db: Db, url: string, now: Date) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-demo-'));
  const lines = demoActivity(DEMO_WORKSPACE.principal, now);
  const created = lines.filter((l) => l.includes('"event_type":"AGENT_CREATED"'));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, part] of [['acme-prod-custom-agents-log-1.jsonl', created], ['acme-prod-custom-agents-log-2.jsonl', lines.filter((l) => !created.includes(l))]] as const) {
      const file = path.join(dir, name);
      await writeFile(file, `${part.join('\n')}\n`);
      await ingestAndApply(client, db, file, { source: 'upload', name, startedBy: SEED_ACTOR.label });
      if (part === created) await seedApprovals(db, DEMO_WORKSPACE.id, now);
    }
  } finally {
    await client.end();
    await rm(dir, { recursive: true, force: true });
  }
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
 * The agent inventory, the way an admin builds it: a first full export; the reviewer classifies the
 * mcp:jira-sync server, then adds its write action; a later full export with a few changes.
 */
async function seedInventory(db: Db, workspaceId: string) {
  await importExport(db, workspaceId, DEMO_EXPORT_FILENAME, DEMO_EXPORT);
  await saveCatalogueApp(db, SEED_ACTOR, workspaceId, JIRA_SYNC);
  const withComment: CatalogueApp = { ...JIRA_SYNC, actions: [...JIRA_SYNC.actions, { name: 'comment_on_issue', access: 'write', externalSend: false, approvalCategory: 'jira_comment_on_owned_ticket' }] };
  await saveCatalogueApp(db, SEED_ACTOR, workspaceId, withComment, JIRA_SYNC.id);
  await importExport(db, workspaceId, DEMO_LATER_EXPORT_FILENAME, DEMO_LATER_EXPORT);
}

async function importExport(db: Db, workspaceId: string, filename: string, csv: string) {
  const { id } = await previewImport(db, SEED_ACTOR, workspaceId, { filename, content: Buffer.from(csv), fullExport: true });
  return commitImport(db, SEED_ACTOR, workspaceId, id, { skipInvalid: false });
}
