// Against a real PostgreSQL: the database refuses edits, and `tollgate audit verify` (the real CLI,
// as a subprocess) catches a row tampered with the protection lifted, or a forged signature.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { recordAudit } from './record.ts';
import { signAuditHead } from './sign-head.ts';
import { loadSigningKey, signHeadStatement } from './signing.ts';

const run = promisify(execFile);
let url: string;
let db: Db;
let dataDir: string;

async function cliVerify() {
  try {
    const { stdout } = await run(process.execPath, ['bin/tollgate.mjs', 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir },
    });
    return { code: 0, out: stdout.trim() };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout.trim() };
  }
}

async function sql(text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  url = await createTestDatabase('audit');
  db = createDb(url);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tg-audit-'));
  chmodSync(dataDir, 0o755);
  for (let i = 1; i <= 4; i++) {
    await db.$transaction((tx) =>
      recordAudit(
        tx,
        { id: 'u1', label: 'ada@example.com', role: 'admin', sourceIp: '127.0.0.1' },
        {
          action: 'workspace.create',
          targetType: 'workspace',
          targetId: `ws-${i}`,
          diff: { after: { name: `W${i}`, secretKey: 'hunter2' } },
        },
      ),
    );
  }
  await signAuditHead(db, loadSigningKey(dataDir), 'test');
});
afterAll(async () => db.$disconnect());

describe('audit trail', () => {
  it('stores secrets redacted and chains events in order', async () => {
    const events = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual([1n, 2n, 3n, 4n]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(JSON.stringify(events[0]!.diff)).not.toContain('hunter2');
  });

  it('reports an intact chain', async () => {
    expect(await cliVerify()).toEqual({ code: 0, out: 'chain intact (4 events)' });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database', async () => {
    await expect(sql(`UPDATE "AuditEvent" SET "actorLabel" = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM "AuditEvent" WHERE seq = 4`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM "AuditSignature"`)).rejects.toThrow(/append-only/);
  });

  it('catches a forged signature made with another key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const forger = {
      privateKey,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      keyId: 'sha256:forged',
    };
    await db.auditSignature.create({
      data: {
        seq: head.seq,
        hash: head.hash,
        signature: signHeadStatement(forger, head.seq, head.hash),
        keyId: forger.keyId,
        publicKey: forger.publicKeyPem,
        reason: 'forged',
      },
    });
    const result = await cliVerify();
    expect(result).toEqual({ code: 1, out: expect.stringMatching(/^bad signature .*not the trusted key/) });
    expect(result.out).toMatch(/^bad signature .*not the trusted key/);
    await sql(
      `ALTER TABLE "AuditSignature" DISABLE TRIGGER USER; DELETE FROM "AuditSignature"
       WHERE reason = 'forged'; ALTER TABLE "AuditSignature" ENABLE TRIGGER USER;`,
    );
  });

  it('catches a row tampered with the protection lifted', async () => {
    await sql(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;
      UPDATE "AuditEvent" SET "actorLabel" = 'mallory@example.com' WHERE seq = 2;
      ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;`);
    expect(await cliVerify()).toEqual({
      code: 1,
      out: 'chain broken at event 2: its content does not match its hash (the row was altered)',
    });
  });
});
