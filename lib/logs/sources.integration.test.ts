import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { API_KEY_PURPOSE } from './puller/pull-all.ts';
import { saveComplianceSource } from './sources.ts';

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
