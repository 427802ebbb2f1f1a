// "Classify this agent in its workspace" is written once (issue 16, item 3): the agent page, the review context,
// reclassification and `tollgate agents` call workspaceClassifier; and it applies the workspace's observed
// action control, against a real PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { importControlsPack } from '@/lib/action-control/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { reviewContext } from '@/lib/reviews/context.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, previewImport } from './import/service.ts';
import { workspaceClassifier } from './classify-in-workspace.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('classify_ws'));
});
afterAll(async () => {
  await db.$disconnect();
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' ? [] : sources(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
}

describe('classifying an agent in its workspace', () => {
  it('is written once: no other module reads acceptances and classifies itself', () => {
    const own = path.join('lib', 'agents', 'classify-in-workspace.ts');
    const copies = ['app', 'lib', 'cli'].flatMap(sources).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return f !== own && /trifectaAcceptances\(/.test(text) && /classifyAgent\(/.test(text);
    });
    expect(copies).toEqual([]);
  });

  it('classifies under the current catalogue and observed action control, as stored and as reviewed', async () => {
    const ws = 'ws-classify-once';
    await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
    const csv = 'agent_id,agent_name,owner_email,connected_apps\nmail,Mail helper,a@acme.com,Gmail;Google Drive\n';
    const { id } = await previewImport(db, actor, ws, {
      filename: 'a.csv',
      content: Buffer.from(csv),
      fullExport: true,
    });
    await commitImport(db, actor, ws, id, { skipInvalid: false });
    const agent = await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId: 'mail' } },
    });

    expect((await workspaceClassifier(db, ws)).classify(agent).classification.effectiveState).toBe('exposed');
    const pack = JSON.stringify({
      apps: { gmail: { enabled: true, action_control: 'read_only', new_actions_default: 'deny' } },
    });
    await importControlsPack(db, actor, ws, { side: 'observed', filename: 'live.jsonc', text: pack });

    const classifier = await workspaceClassifier(db, ws);
    const { connectors, classification } = classifier.classify(agent);
    expect(classification.effectiveState).toBe('mitigated');
    expect(connectors.find((c) => /gmail/i.test(c.app))?.actionControl).toBe('read_only');
    expect(classifier.catalogue.version).toBeGreaterThanOrEqual(0);
    // Reclassification (the stored state) and the review context agree with it.
    const stored = await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { effectiveState: true } });
    expect(stored.effectiveState).toBe('mitigated');
    expect((await reviewContext(db, ws, 'mail', new Date()))?.classification.effectiveState).toBe('mitigated');
  });
});
