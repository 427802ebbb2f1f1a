// Pre-launch checklist sign-offs against a real PostgreSQL: link and file evidence (SHA-256 kept, limits and
// non-https links refused with nothing saved), the 90-day status (time injected), the audit event, and
// evidence downloads scoped to their workspace.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { MAX_ATTACHMENT_BYTES as MAX_EVIDENCE_BYTES } from '@/lib/attachments/limits.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { checklistStatus, listSignoffs, signStep } from './service.ts';

const DAY = 86_400_000;
const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const t0 = new Date('2026-03-02T09:00:00Z');
let db: Db;
// The download route reads a sign-off's file through the one attachment reader.
const signoffEvidence = (db: Db, workspaceId: string, id: string) =>
  storedFile(db, { home: 'checklistSignoff', workspaceId, id });

beforeAll(async () => {
  db = createDb(await createTestDatabase('checklist'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string) {
  await createWorkspace(db, reviewer, { id, name: id, kind: 'workspace', principal: null });
}

const counts = async (ws: string) => ({
  signoffs: await db.checklistSignoff.count({ where: { workspaceId: ws } }),
  audit: await db.auditEvent.count({ where: { workspaceId: ws, action: 'checklist.sign' } }),
});

describe('checklist sign-offs', () => {
  it('signs a step with an https link and writes the audit event in the same transaction', async () => {
    const ws = 'ws-check-link';
    await workspace(ws);
    const { id } = await signStep(
      db,
      reviewer,
      ws,
      { step: 1, note: ' SCIM report for Q1 ', evidence: { url: 'https://drive.acme.example/scim-q1' } },
      t0,
    );
    const [row] = await listSignoffs(db, ws);
    expect(row).toMatchObject({
      id,
      step: 1,
      note: 'SCIM report for Q1',
      signedById: 'u-rhea',
      signedBy: 'rhea@acme.example',
      signedAt: t0,
      evidenceUrl: 'https://drive.acme.example/scim-q1',
      filename: null,
      sha256: null,
    });
    expect(row).not.toHaveProperty('content');
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: ws, targetId: id },
      select: { action: true, actorLabel: true, targetType: true, diff: true },
    });
    expect(audit).toEqual([
      {
        action: 'checklist.sign',
        actorLabel: 'rhea@acme.example',
        targetType: 'checklist_signoff',
        diff: {
          step: 1,
          name: 'audit_users_and_groups',
          note: 'SCIM report for Q1',
          url: 'https://drive.acme.example/scim-q1',
        },
      },
    ]);
  });

  it('signs a step with a file: kept with its SHA-256, the audit naming it without its content', async () => {
    const ws = 'ws-check-file';
    await workspace(ws);
    const bytes = Buffer.from('role,use_agents,build_agents\nagents-admin,true,true\n');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { id } = await signStep(
      db,
      reviewer,
      ws,
      { step: 2, note: null, evidence: { filename: 'roles/export".csv', contentType: 'text/csv', bytes } },
      t0,
    );
    const [row] = await listSignoffs(db, ws);
    expect(row).toMatchObject({
      id,
      step: 2,
      note: null,
      filename: 'roles_export_.csv',
      contentType: 'text/csv',
      size: bytes.length,
      sha256,
      evidenceUrl: null,
    });
    const file = await signoffEvidence(db, ws, id);
    expect(Buffer.from(file!.content!).equals(bytes)).toBe(true);
    expect(file!.sha256).toBe(sha256);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: ws, targetId: id },
      select: { diff: true },
    });
    expect(event.diff).toEqual({
      step: 2,
      name: 'configure_custom_roles',
      note: null,
      filename: 'roles_export_.csv',
      size: bytes.length,
      sha256,
    });
  });

  it('serves a file only to its own workspace, and never for a link sign-off', async () => {
    const ws = 'ws-check-scope';
    const other = 'ws-check-scope-other';
    await workspace(ws);
    await workspace(other);
    const { id } = await signStep(
      db,
      reviewer,
      ws,
      { step: 3, evidence: { filename: 'apps.csv', bytes: Buffer.from('slack,read_only\n') } },
      t0,
    );
    const link = await signStep(db, reviewer, ws, { step: 3, evidence: { url: 'https://wiki.acme.example/apps' } }, t0);
    expect(await signoffEvidence(db, other, id)).toBeNull();
    expect(await signoffEvidence(db, ws, link.id)).toBeNull();
    expect(await signoffEvidence(db, ws, id)).not.toBeNull();
  });

  it('refuses a file over 10 MB, an empty file, a non-https link and an unknown step, saving nothing', async () => {
    const ws = 'ws-check-refused';
    await workspace(ws);
    const before = await counts(ws);
    await expect(
      signStep(
        db,
        reviewer,
        ws,
        { step: 1, evidence: { filename: 'big.zip', bytes: Buffer.alloc(MAX_EVIDENCE_BYTES + 1) } },
        t0,
      ),
    ).rejects.toMatchObject({ status: 413, message: 'file: the file is larger than 10 MB.' });
    await expect(
      signStep(db, reviewer, ws, { step: 1, evidence: { filename: 'empty.txt', bytes: Buffer.alloc(0) } }, t0),
    ).rejects.toThrow('file: the file is empty.');
    await expect(
      signStep(db, reviewer, ws, { step: 1, evidence: { url: 'http://drive.acme.example/scim' } }, t0),
    ).rejects.toThrow(/^url: Links must use https/);
    await expect(signStep(db, reviewer, ws, { step: 1, evidence: { url: 'javascript:alert(1)' } }, t0)).rejects.toThrow(
      /^url: /,
    );
    await expect(signStep(db, reviewer, ws, { step: 1, evidence: { url: 'not a link' } }, t0)).rejects.toThrow(
      /^url: "not a link" is not a link/,
    );
    await expect(signStep(db, reviewer, ws, { step: 7, evidence: { url: 'https://a.example' } }, t0)).rejects.toThrow(
      'step: choose one of the steps 1, 2, 3, 4, 5, 6.',
    );
    await expect(
      signStep(db, reviewer, 'ws-none', { step: 1, evidence: { url: 'https://a.example' } }, t0),
    ).rejects.toMatchObject({ status: 404 });
    expect(await counts(ws)).toEqual(before);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const ws = 'ws-check-max';
    await workspace(ws);
    await signStep(
      db,
      reviewer,
      ws,
      { step: 4, evidence: { filename: 'skills.bin', bytes: Buffer.alloc(MAX_EVIDENCE_BYTES, 1) } },
      t0,
    );
    expect((await listSignoffs(db, ws))[0]!.size).toBe(MAX_EVIDENCE_BYTES);
  });

  it('reads a step as signed for 90 days, stale after 91, and complete only with all six signed', async () => {
    const ws = 'ws-check-status';
    await workspace(ws);
    for (const step of [1, 2, 3, 4, 5, 6])
      await signStep(db, reviewer, ws, { step, evidence: { url: `https://evidence.acme.example/${step}` } }, t0);
    const fresh = await checklistStatus(db, ws, new Date(t0.getTime() + 89 * DAY));
    expect(fresh).toMatchObject({ signed: 6, complete: true });
    expect(fresh.steps[0]).toMatchObject({ step: 1, status: 'signed', expiresAt: new Date(t0.getTime() + 90 * DAY) });
    const later = await checklistStatus(db, ws, new Date(t0.getTime() + 91 * DAY));
    expect(later.steps.map((s) => s.status)).toEqual(['stale', 'stale', 'stale', 'stale', 'stale', 'stale']);
    expect(later.complete).toBe(false);
    // A new sign-off of step 1 makes it current again; the old one is kept as an earlier sign-off.
    await signStep(
      db,
      reviewer,
      ws,
      { step: 1, evidence: { url: 'https://evidence.acme.example/1b' } },
      new Date(t0.getTime() + 91 * DAY),
    );
    const resigned = await checklistStatus(db, ws, new Date(t0.getTime() + 91 * DAY));
    expect(resigned.steps[0]).toMatchObject({
      status: 'signed',
      latest: { evidenceUrl: 'https://evidence.acme.example/1b' },
      earlier: [{ evidenceUrl: 'https://evidence.acme.example/1' }],
    });
    expect(resigned.signed).toBe(1);
    expect((await checklistStatus(db, 'ws-check-none', t0)).steps.every((s) => s.status === 'missing')).toBe(true);
  });
});
