import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { API_KEY_PURPOSE } from './puller/pull-all.ts';
import { saveComplianceSource, sourceSavedMessage } from './sources.ts';

const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('sources'));
  await createWorkspace(db, actor, { id: 'ws-src', name: 'Src', kind: 'workspace', principal: 'p-src' });
  await createWorkspace(db, actor, { id: 'ws-nop', name: 'No principal', kind: 'workspace', principal: null });
});
afterAll(async () => db.$disconnect());

describe('Compliance API source settings', () => {
  it('seals the key, keeps it on update, and never writes it to the audit log', async () => {
    await saveComplianceSource(
      db,
      actor,
      'ws-src',
      {
        baseUrl: 'https://api.chatgpt.com/v1/compliance',
        logTypes: ['custom_agents_log', 'AUDIT_LOG'],
        apiKey: 'sk-secret-1',
        enabled: true,
      },
      'k',
    );
    await saveComplianceSource(
      db,
      actor,
      'ws-src',
      { baseUrl: 'https://api.chatgpt.com/v1/compliance', logTypes: ['CUSTOM_AGENTS_LOG'], enabled: false },
      'k',
    );
    const row = await db.complianceSource.findUniqueOrThrow({ where: { workspaceId: 'ws-src' } });
    expect(row).toMatchObject({ logTypes: ['CUSTOM_AGENTS_LOG'], enabled: false });
    expect(row.keyCiphertext).not.toContain('sk-secret');
    expect(open('k', API_KEY_PURPOSE, row.keyCiphertext)).toBe('sk-secret-1');
    const audit = await db.auditEvent.findMany({ where: { targetType: 'compliance_source' }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['logs.source.create', 'logs.source.update']);
    expect(JSON.stringify(audit.map((a) => a.diff))).not.toContain('sk-secret');
  });

  it('refuses an http base URL, a missing key and an unregistered principal, saving nothing', async () => {
    await expect(
      saveComplianceSource(
        db,
        actor,
        'ws-src',
        { baseUrl: 'http://api.example.com', logTypes: ['AUDIT_LOG'], enabled: true },
        'k',
      ),
    ).rejects.toThrow(/must be https/);
    await expect(
      saveComplianceSource(
        db,
        actor,
        'ws-nop',
        { baseUrl: 'https://api.chatgpt.com/v1/compliance', logTypes: ['AUDIT_LOG'], apiKey: 'x', enabled: true },
        'k',
      ),
    ).rejects.toThrow(/principal/);
    expect(await db.complianceSource.count({ where: { workspaceId: 'ws-nop' } })).toBe(0);
  });

  it('refuses credentials in the base URL with one clear sentence, storing and auditing nothing', async () => {
    const before = await db.auditEvent.count({ where: { targetType: 'compliance_source' } });
    const stored = await db.complianceSource.findUnique({ where: { workspaceId: 'ws-src' } });
    for (const baseUrl of [
      'https://api.chatgpt.com/v1/compliance?api_key=sk-live-123456789',
      'https://user:hunter2@api.chatgpt.com/v1/compliance',
      'https://sk-live-123456789@api.chatgpt.com/v1/compliance',
      'https://api.chatgpt.com/v1/compliance#token=sk-live-123456789',
      'https://api.chatgpt.com/v1/compliance?',
    ]) {
      const error = await saveComplianceSource(
        db,
        actor,
        'ws-src',
        { baseUrl, logTypes: ['AUDIT_LOG'], apiKey: 'sk-k', enabled: true },
        'k',
      ).catch((e: Error) => e);
      expect(error, baseUrl).toBeInstanceOf(Error);
      expect((error as Error).message, baseUrl).toBe(
        'Compliance API base URL: must not contain a user name, password, query or fragment: ' +
          'put the API key in the API key field, where it is stored encrypted.',
      );
      expect((error as Error).message).not.toMatch(/hunter2|sk-live/);
    }
    expect(await db.auditEvent.count({ where: { targetType: 'compliance_source' } })).toBe(before);
    expect(await db.complianceSource.findUnique({ where: { workspaceId: 'ws-src' } })).toEqual(stored);
  });
});

describe('the two keys, bound to the origin of the base URL', () => {
  const READ = 'sk-read-7f3a9c1e';
  const ACT = 'sk-act-42b8d0f6';
  let n = 0;
  /** A workspace of its own per test, with a source holding both keys at https://a.example/v1. */
  async function withBothKeys(): Promise<string> {
    const id = `ws-keys-${++n}`;
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: `p-${id}` });
    const saved = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://a.example/v1', logTypes: ['AUDIT_LOG'], apiKey: READ, actKey: ACT, enabled: true },
      'k',
    );
    expect(saved).toMatchObject({ created: true, readKey: 'stored', actKey: 'stored' });
    return id;
  }
  const row = (id: string) => db.complianceSource.findUniqueOrThrow({ where: { workspaceId: id } });
  const lastDiff = async (id: string) =>
    (await db.auditEvent.findFirstOrThrow({ where: { targetId: id }, orderBy: { seq: 'desc' } })).diff;

  it('seals the act key apart from the read key and records the origin', async () => {
    const id = await withBothKeys();
    const stored = await row(id);
    expect(stored.keyOrigin).toBe('https://a.example');
    expect(open('k', ACT_KEY_PURPOSE, stored.actKeyCiphertext!)).toBe(ACT);
    expect(() => open('k', API_KEY_PURPOSE, stored.actKeyCiphertext!)).toThrow();
    expect(await lastDiff(id)).toMatchObject({ readKeyChanged: true, actKeyChanged: true });
  });

  it('clears both keys when the base URL moves to another origin, and says so', async () => {
    for (const baseUrl of ['https://b.example/v1', 'https://a.example:8443/v1', 'http://localhost/v1']) {
      const id = await withBothKeys();
      const saved = await saveComplianceSource(db, actor, id, { baseUrl, logTypes: ['AUDIT_LOG'], enabled: true }, 'k');
      expect(saved, baseUrl).toEqual({
        created: false,
        readKey: 'none',
        actKey: 'none',
        keysClearedByOriginChange: true,
        enabled: false,
      });
      expect(sourceSavedMessage(saved, false)).toBe(
        "Source saved. The base URL's origin changed, so both stored keys were cleared. " +
          'The puller is paused until a read key is stored.',
      );
      const stored = await row(id);
      expect(stored).toMatchObject({ keyCiphertext: '', actKeyCiphertext: null, enabled: false });
      expect(stored.keyOrigin).toBe(new URL(baseUrl).origin);
      expect(await lastDiff(id)).toMatchObject({
        readKeyChanged: true,
        actKeyChanged: true,
        keysClearedByOriginChange: true,
      });
    }
  });

  it('stores the new keys a request to another origin carries, the old act key gone', async () => {
    const id = await withBothKeys();
    const saved = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://b.example/v1', logTypes: ['AUDIT_LOG'], apiKey: 'sk-read-new', enabled: true },
      'k',
    );
    expect(saved).toMatchObject({ readKey: 'stored', actKey: 'none', keysClearedByOriginChange: true, enabled: true });
    expect(sourceSavedMessage(saved, true)).toBe(
      "Source saved. The base URL's origin changed, so both stored keys were cleared; " +
        'the read key entered now is stored.',
    );
    const stored = await row(id);
    expect(open('k', API_KEY_PURPOSE, stored.keyCiphertext)).toBe('sk-read-new');
    expect(stored.actKeyCiphertext).toBeNull();
  });

  it('keeps both keys on a path change of the same origin', async () => {
    const id = await withBothKeys();
    const saved = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://a.example/v2/compliance', logTypes: ['AUDIT_LOG'], enabled: true },
      'k',
    );
    expect(saved).toMatchObject({ readKey: 'stored', actKey: 'stored', keysClearedByOriginChange: false });
    const stored = await row(id);
    expect(open('k', API_KEY_PURPOSE, stored.keyCiphertext)).toBe(READ);
    expect(open('k', ACT_KEY_PURPOSE, stored.actKeyCiphertext!)).toBe(ACT);
    expect(await lastDiff(id)).toMatchObject({ readKeyChanged: false, actKeyChanged: false });
  });

  it('binds a source saved before keyOrigin existed to the origin of its base URL', async () => {
    const id = await withBothKeys();
    await db.complianceSource.update({ where: { workspaceId: id }, data: { keyOrigin: null } });
    const same = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://a.example/v3', logTypes: ['AUDIT_LOG'], enabled: true },
      'k',
    );
    expect(same.keysClearedByOriginChange).toBe(false);
    await db.complianceSource.update({ where: { workspaceId: id }, data: { keyOrigin: null } });
    const moved = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://evil.example/v3', logTypes: ['AUDIT_LOG'], enabled: true },
      'k',
    );
    expect(moved).toMatchObject({ keysClearedByOriginChange: true, readKey: 'none', actKey: 'none' });
  });

  it('refuses the same key in both fields, naming them, and saves nothing', async () => {
    const id = await withBothKeys();
    const before = await row(id);
    const base = { baseUrl: 'https://a.example/v1', logTypes: ['AUDIT_LOG'], enabled: true };
    for (const input of [
      { ...base, apiKey: 'sk-both', actKey: 'sk-both' },
      { ...base, actKey: READ }, // the stored read key pasted in the act key field
      { ...base, apiKey: ACT }, // the stored act key pasted in the read key field
    ]) {
      await expect(saveComplianceSource(db, actor, id, input, 'k')).rejects.toThrow(
        /read key and the act key are the same key: the read key field .* the act key field/,
      );
    }
    expect(await row(id)).toEqual(before);
  });

  it('removes the act key on request and keeps the read key', async () => {
    const id = await withBothKeys();
    const saved = await saveComplianceSource(
      db,
      actor,
      id,
      { baseUrl: 'https://a.example/v1', logTypes: ['AUDIT_LOG'], removeActKey: true, enabled: true },
      'k',
    );
    expect(saved).toMatchObject({ readKey: 'stored', actKey: 'none', keysClearedByOriginChange: false });
    const stored = await row(id);
    expect(stored.actKeyCiphertext).toBeNull();
    expect(open('k', API_KEY_PURPOSE, stored.keyCiphertext)).toBe(READ);
    expect(await lastDiff(id)).toMatchObject({ readKeyChanged: false, actKeyChanged: true });
  });

  it('writes no key into any audit row', async () => {
    const rows = await db.auditEvent.findMany({ where: { targetType: 'compliance_source' } });
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const key of [READ, ACT, 'sk-read-new', 'sk-both']) expect(text).not.toContain(key);
  });
});
