// "Test connection" with the stored keys against the simulated platform: the result is stored with its time,
// audited without the key, and dropped when the key it tested changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { saveComplianceSource } from '@/lib/logs/sources.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { keyStatusOf } from './key-queries.ts';
import { testStoredKey } from './keys.ts';

const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
const SECRET = 'a-secret-key-of-at-least-32-characters!';
const READ = 'sk-read-keys-5a6b';
const ACT = 'sk-act-keys-7c8d';
const AT = new Date('2026-12-06T10:00:00Z');
let db: Db;
let sim: PlatformSim;
let swapped: PlatformSim;

beforeAll(async () => {
  db = createDb(await createTestDatabase('platform_keys'));
  sim = await startPlatformSim({ principal: 'p-keys', source: arraySource([]), apiKey: READ, actKey: ACT });
  swapped = await startPlatformSim({ principal: 'p-swapped', source: arraySource([]), apiKey: READ, actKey: ACT });
  for (const id of ['ws-keys', 'ws-swapped', 'ws-none'])
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: id.replace('ws-', 'p-') });
});
afterAll(async () => {
  await sim.close();
  await swapped.close();
  await db.$disconnect();
});

const save = (workspaceId: string, keys: { apiKey?: string; actKey?: string; removeActKey?: boolean }) =>
  saveComplianceSource(
    db,
    actor,
    workspaceId,
    { baseUrl: workspaceId === 'ws-swapped' ? swapped.url : sim.url, logTypes: ['AUDIT_LOG'], enabled: true, ...keys },
    SECRET,
  );

describe('testStoredKey', () => {
  it('tests each stored key, stores the result with its time and audits it without the key', async () => {
    await save('ws-keys', { apiKey: READ, actKey: ACT });
    const read = await testStoredKey(db, actor, 'ws-keys', 'read', SECRET, { now: () => AT });
    const act = await testStoredKey(db, actor, 'ws-keys', 'act', SECRET, { now: () => AT });
    expect(read).toMatchObject({ at: AT.toISOString(), ok: true, status: 200 });
    expect(act).toMatchObject({ at: AT.toISOString(), ok: true, status: 404 });
    expect(await keyStatusOf(db, 'ws-keys')).toEqual({
      hasReadKey: true,
      hasActKey: true,
      keyOrigin: new URL(sim.url).origin,
      tests: { read, act },
    });
    const audit = await db.auditEvent.findMany({ where: { action: 'platform.key.test', targetId: 'ws-keys' } });
    expect(audit.map((a) => a.diff)).toEqual([
      { key: 'read', ok: true, status: 200, detail: read.detail },
      { key: 'act', ok: true, status: 404, detail: act.detail },
    ]);
    const all = await db.auditEvent.findMany({ where: { workspaceId: 'ws-keys' } });
    const text = JSON.stringify(all, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(text).not.toContain(READ);
    expect(text).not.toContain(ACT);
  });

  it('drops the last test of a key that changes, and of a key removed', async () => {
    await save('ws-keys', { actKey: 'sk-act-keys-other' });
    expect((await keyStatusOf(db, 'ws-keys'))!.tests).toEqual({ read: expect.objectContaining({ ok: true }) });
    await save('ws-keys', { removeActKey: true });
    expect(await keyStatusOf(db, 'ws-keys')).toMatchObject({ hasActKey: false, tests: { read: { ok: true } } });
    await expect(testStoredKey(db, actor, 'ws-keys', 'act', SECRET)).rejects.toThrow('No act key is stored.');
  });

  it('tells keys entered in each other’s field apart, naming the field', async () => {
    await save('ws-swapped', { apiKey: ACT, actKey: READ });
    const read = await testStoredKey(db, actor, 'ws-swapped', 'read', SECRET);
    const act = await testStoredKey(db, actor, 'ws-swapped', 'act', SECRET);
    expect([read.ok, read.status, act.ok, act.status]).toEqual([false, 403, false, 403]);
    expect(read.detail).toMatch(/^the read key cannot read \(403\): is this the act key/);
    expect(act.detail).toMatch(/^the act key lacks the delete\/act scope \(403\): is this the read key/);
    expect(swapped.acted).toEqual([]);
  });

  it('says when there is nothing to test', async () => {
    await expect(testStoredKey(db, actor, 'ws-none', 'read', SECRET)).rejects.toThrow(/No Compliance API source/);
    expect(await keyStatusOf(db, 'ws-none')).toBeNull();
  });
});
