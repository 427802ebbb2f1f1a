// Control attestations against a real PostgreSQL: link and file evidence (SHA-256 kept), the refusals (expiry over
// 90 days, non-https link, unknown control, statement length, file size) with nothing saved, revoking, the list
// without content, downloads scoped to their workspace, and the audit events.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { attestationStatus } from './attestation-state.ts';
import { MAX_ATTACHMENT_BYTES as MAX_ATTESTATION_BYTES } from '@/lib/attachments/limits.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { attest, listAttestations, revokeAttestation } from './attestations.ts';

const DAY = 86_400_000;
const greta = { id: 'u-greta', label: 'greta@acme.example', role: 'grc' };
const known: ReadonlySet<string> = new Set(['1.1', '2.3', '5.2']);
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const statement = 'Data retention is set to 30 days in the admin console.';
let db: Db;
// The download route reads an attestation's file through the one attachment reader.
const attestationEvidence = (db: Db, workspaceId: string, id: string) =>
  storedFile(db, { home: 'attestation', workspaceId, id });

beforeAll(async () => {
  db = createDb(await createTestDatabase('attestations'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string) {
  await createWorkspace(db, greta, { id, name: id, kind: 'workspace', principal: null });
}

const counts = async (ws: string) => ({
  attestations: await db.attestation.count({ where: { workspaceId: ws } }),
  audit: await db.auditEvent.count({ where: { workspaceId: ws, action: { startsWith: 'attestation.' } } }),
});

describe('attestations', () => {
  it('attests with an https link and writes the audit event in the same transaction', async () => {
    const ws = 'ws-att-link';
    await workspace(ws);
    const expiresAt = at(90 * DAY);
    const { id } = await attest(
      db,
      greta,
      ws,
      {
        controlId: '2.3',
        statement: `  ${statement} `,
        expiresAt,
        evidence: { url: 'https://drive.acme.example/retention' },
      },
      known,
      t0,
    );
    const [row] = await listAttestations(db, ws);
    expect(row).toMatchObject({
      id,
      controlId: '2.3',
      statement,
      attestedById: 'u-greta',
      attestedBy: 'greta@acme.example',
      attestedAt: t0,
      expiresAt,
      evidenceUrl: 'https://drive.acme.example/retention',
      filename: null,
      sha256: null,
      revokedAt: null,
      revokedBy: null,
    });
    expect(row).not.toHaveProperty('content');
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: ws, targetId: id },
      select: { action: true, actorLabel: true, targetType: true, diff: true },
    });
    expect(audit).toEqual([
      {
        action: 'attestation.create',
        actorLabel: 'greta@acme.example',
        targetType: 'attestation',
        diff: {
          controlId: '2.3',
          statement,
          attestedAt: t0.toISOString(),
          expiresAt: expiresAt.toISOString(),
          url: 'https://drive.acme.example/retention',
        },
      },
    ]);
    expect(attestationStatus([row!], at(90 * DAY - 1)).status).toBe('valid');
    expect(attestationStatus([row!], expiresAt).status).toBe('stale');
  });

  it('attests with a file: kept with its SHA-256, the audit naming it without its content', async () => {
    const ws = 'ws-att-file';
    await workspace(ws);
    const bytes = Buffer.from('setting,value\nretention_days,30\n');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { id } = await attest(
      db,
      greta,
      ws,
      {
        controlId: '1.1',
        statement,
        expiresAt: at(30 * DAY),
        evidence: { filename: 'console/export".csv', contentType: 'text/csv', bytes },
      },
      known,
      t0,
    );
    const [row] = await listAttestations(db, ws);
    expect(row).toMatchObject({
      id,
      controlId: '1.1',
      filename: 'console_export_.csv',
      contentType: 'text/csv',
      size: bytes.length,
      sha256,
      evidenceUrl: null,
    });
    const file = await attestationEvidence(db, ws, id);
    expect(Buffer.from(file!.content!).equals(bytes)).toBe(true);
    expect(file!.sha256).toBe(sha256);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws, targetId: id },
      select: { action: true, diff: true },
    });
    expect(event).toEqual({
      action: 'attestation.create',
      diff: {
        controlId: '1.1',
        statement,
        attestedAt: t0.toISOString(),
        expiresAt: at(30 * DAY).toISOString(),
        filename: 'console_export_.csv',
        size: bytes.length,
        sha256,
      },
    });
  });

  it('serves a file only to its own workspace, and never for a link attestation', async () => {
    const ws = 'ws-att-scope';
    const other = 'ws-att-scope-other';
    await workspace(ws);
    await workspace(other);
    const { id } = await attest(
      db,
      greta,
      ws,
      { controlId: '1.1', statement, expiresAt: at(DAY), evidence: { filename: 'a.txt', bytes: Buffer.from('a') } },
      known,
      t0,
    );
    const link = await attest(
      db,
      greta,
      ws,
      { controlId: '1.1', statement, expiresAt: at(DAY), evidence: { url: 'https://a.example/x' } },
      known,
      t0,
    );
    expect(await attestationEvidence(db, other, id)).toBeNull();
    expect(await attestationEvidence(db, ws, link.id)).toBeNull();
    expect(await attestationEvidence(db, ws, id)).not.toBeNull();
  });

  it('refuses a bad expiry, link, control, statement or file, saving nothing', async () => {
    const ws = 'ws-att-refused';
    await workspace(ws);
    const before = await counts(ws);
    const input = { controlId: '2.3', statement, expiresAt: at(30 * DAY), evidence: { url: 'https://a.example/ok' } };
    const refuse = (over: Partial<typeof input> | Record<string, unknown>) =>
      attest(db, greta, ws, { ...input, ...over } as typeof input, known, t0);
    await expect(refuse({ expiresAt: at(90 * DAY + 1) })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/^expiresAt: .* is more than 90 days after the attestation/),
    });
    await expect(refuse({ expiresAt: t0 })).rejects.toThrow(/^expiresAt: .* is not after the attestation/);
    await expect(refuse({ evidence: { url: 'http://a.example/retention' } })).rejects.toThrow(
      /^url: Links must use https/,
    );
    await expect(refuse({ evidence: { url: 'javascript:alert(1)' } })).rejects.toThrow(/^url: /);
    await expect(refuse({ evidence: { url: 'https://user:pw@a.example/' } })).rejects.toThrow(
      /^url: Links must not carry a user name or password/,
    );
    await expect(refuse({ evidence: undefined })).rejects.toThrow('evidence: give an https link (url) or a file.');
    await expect(refuse({ controlId: '9.9' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/^controlId: control "9\.9" does not take an attestation/),
    });
    await expect(refuse({ controlId: '' })).rejects.toThrow('controlId: choose the control to attest.');
    await expect(refuse({ statement: ' too short ' })).rejects.toThrow('statement: at least 10 characters');
    await expect(refuse({ statement: 'x'.repeat(2001) })).rejects.toThrow('statement: at most 2,000 characters');
    await expect(
      refuse({ evidence: { filename: 'big.zip', bytes: Buffer.alloc(MAX_ATTESTATION_BYTES + 1) } }),
    ).rejects.toMatchObject({ status: 413, message: 'file: the file is larger than 10 MB.' });
    await expect(refuse({ evidence: { filename: 'empty.txt', bytes: Buffer.alloc(0) } })).rejects.toThrow(
      'file: the file is empty.',
    );
    await expect(attest(db, greta, 'ws-none', input, known, t0)).rejects.toMatchObject({ status: 404 });
    expect(await counts(ws)).toEqual(before);
  });

  it('accepts a file of exactly 10 MB and a statement of exactly 10 and 2,000 characters', async () => {
    const ws = 'ws-att-max';
    await workspace(ws);
    const base = { controlId: '5.2', expiresAt: at(DAY) };
    await attest(
      db,
      greta,
      ws,
      {
        ...base,
        statement: 'x'.repeat(10),
        evidence: { filename: 'max.bin', bytes: Buffer.alloc(MAX_ATTESTATION_BYTES, 1) },
      },
      known,
      t0,
    );
    await attest(
      db,
      greta,
      ws,
      { ...base, statement: 'y'.repeat(2000), evidence: { url: 'https://a.example' } },
      known,
      t0,
    );
    expect((await listAttestations(db, ws)).map((a) => a.statement.length).sort()).toEqual([10, 2000]);
  });

  it('revokes with a reason, audited; the control falls back to its older attestation; twice is refused', async () => {
    const ws = 'ws-att-revoke';
    await workspace(ws);
    const old = await attest(
      db,
      greta,
      ws,
      { controlId: '2.3', statement, expiresAt: at(60 * DAY), evidence: { url: 'https://a.example/old' } },
      known,
      t0,
    );
    const newer = await attest(
      db,
      greta,
      ws,
      { controlId: '2.3', statement, expiresAt: at(DAY + 60 * DAY), evidence: { url: 'https://a.example/new' } },
      known,
      at(DAY),
    );
    expect(attestationStatus(await listAttestations(db, ws), at(2 * DAY)).current?.id).toBe(newer.id);

    const auditor = { id: 'u-ivan', label: 'ivan@acme.example', role: 'grc' };
    await revokeAttestation(db, auditor, ws, newer.id, { reason: ' Setting changed back to 365 days. ' }, at(2 * DAY));
    const list = await listAttestations(db, ws);
    expect(list.find((a) => a.id === newer.id)).toMatchObject({
      revokedAt: at(2 * DAY),
      revokedBy: 'ivan@acme.example',
    });
    expect(attestationStatus(list, at(2 * DAY))).toMatchObject({ status: 'valid', current: { id: old.id } });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws, action: 'attestation.revoke' },
      select: { actorLabel: true, targetType: true, targetId: true, diff: true },
    });
    expect(event).toEqual({
      actorLabel: 'ivan@acme.example',
      targetType: 'attestation',
      targetId: newer.id,
      diff: {
        controlId: '2.3',
        attestedBy: 'greta@acme.example',
        expiresAt: at(61 * DAY).toISOString(),
        revokedAt: at(2 * DAY).toISOString(),
        reason: 'Setting changed back to 365 days.',
      },
    });

    await expect(revokeAttestation(db, auditor, ws, newer.id, { reason: 'again' }, at(3 * DAY))).rejects.toMatchObject({
      status: 409,
      message: 'This attestation was already revoked by ivan@acme.example on 2026-03-04.',
    });
    await expect(revokeAttestation(db, auditor, ws, old.id, { reason: '  ' })).rejects.toThrow(
      'reason: say why the attestation is revoked',
    );
    await expect(
      revokeAttestation(db, auditor, 'ws-att-link', old.id, { reason: 'wrong workspace' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'attestation.revoke' } })).toBe(1);
    await revokeAttestation(db, auditor, ws, old.id, { reason: 'Retention policy replaced.' }, at(3 * DAY));
    expect(attestationStatus(await listAttestations(db, ws), at(3 * DAY))).toEqual({
      status: 'none',
      current: null,
      expiresAt: null,
    });
  });

  it('lists the workspace attestations newest first, only its own', async () => {
    const ws = 'ws-att-list';
    await workspace(ws);
    for (const [i, controlId] of ['1.1', '2.3', '1.1'].entries()) {
      await attest(
        db,
        greta,
        ws,
        {
          controlId,
          statement: `${statement} #${i}`,
          expiresAt: at((i + 1) * DAY + DAY),
          evidence: { url: `https://a.example/${i}` },
        },
        known,
        at(i * DAY),
      );
    }
    const list = await listAttestations(db, ws);
    expect(list.map((a) => [a.controlId, a.evidenceUrl])).toEqual([
      ['1.1', 'https://a.example/2'],
      ['2.3', 'https://a.example/1'],
      ['1.1', 'https://a.example/0'],
    ]);
    expect(list.every((a) => !('content' in a))).toBe(true);
    expect(await listAttestations(db, 'ws-att-nothing')).toEqual([]);
  });
});
