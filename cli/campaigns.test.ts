// `tollgate campaigns --json` as a script runs it: a real process against a real database, the same decisions the
// Campaigns page shows.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { getCampaign } from '@/lib/campaigns/queries.ts';
import { decideItem, startCampaign } from '@/lib/campaigns/service.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-campaigns-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
let url: string;
let db: Db;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'campaigns', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_campaigns');
  db = createDb(url);
  const u = await db.user.create({
    data: { issuer: 'i', subject: 's-greta', email: 'greta@tollgate.example', groups: ['tg-grc'] },
  });
  const greta = { id: u.id, label: 'greta@tollgate.example', role: 'grc', roles: ['grc'] as const };
  await createWorkspace(db, greta, { id: 'ws-c', name: 'ws-c', kind: 'workspace', principal: null });
  for (const [id, owner] of [
    ['b2', 'bo@acme.example'],
    ['a1', 'al@acme.example'],
  ])
    await db.agent.create({
      data: {
        workspaceId: 'ws-c',
        externalId: id!,
        name: id!.toUpperCase(),
        ownerEmail: owner!,
        ...NO_APPS,
        configHash: 'h',
      },
    });
  const { id } = await startCampaign(
    db,
    greta,
    'ws-c',
    {
      name: 'Owners',
      scopes: ['agent-owners'],
      reviewerIds: [u.id],
      dueAt: new Date(Date.now() + 86_400_000),
      recurrenceDays: 90,
    },
    { reviewerConfig: { roleMap: 'tg-grc=grc' } },
  );
  const item = (await getCampaign(db, 'ws-c', id, new Date()))!.items.find((i) => i.key === 'agent-owner:b2')!;
  await decideItem(db, greta, 'ws-c', item.id, { decision: 'revoke', reason: 'Nobody uses it' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('tollgate campaigns', () => {
  it('prints every campaign with its items sorted by key and each decision with who, when and why', async () => {
    const { code, stdout } = await run('--json', '--workspace', 'ws-c');
    expect(code).toBe(0);
    const [c] = JSON.parse(stdout);
    expect(c).toMatchObject({ name: 'Owners', status: 'running', recurrence_days: 90, scopes: ['agent-owners'] });
    expect(c.progress).toEqual([{ reviewer: 'greta@tollgate.example', decided: 1, total: 2 }]);
    expect(c.items.map((i: { key: string }) => i.key)).toEqual(['agent-owner:a1', 'agent-owner:b2']);
    expect(c.items[1]).toMatchObject({
      decision: 'revoke',
      reason: 'Nobody uses it',
      decided_by: 'greta@tollgate.example',
      holder: 'bo@acme.example',
    });
    expect(c.items[0].decision).toBeNull();
  });
});
