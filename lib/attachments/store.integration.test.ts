// Storing and reading evidence against a real PostgreSQL, in each of the four homes (sign-off, attestation,
// exception, access-review answer): the bytes come back unchanged with their SHA-256, only for their own workspace,
// and a link has no file.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { checkEvidence } from './evidence.ts';
import { storedFile, type FileRef } from './queries.ts';
import { storeEvidence, type EvidenceHome } from './service.ts';

const actor = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const WS = 'ws-attach-store';
const now = new Date('2026-03-02T09:00:00Z');
let db: Db;
let exceptionId: string;
let itemId: string;

beforeAll(async () => {
  db = createDb(await createTestDatabase('attachments'));
  for (const id of [WS, `${WS}-other`]) {
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  }
  ({ id: exceptionId } = await db.exception.create({
    data: {
      workspaceId: WS,
      title: 't',
      businessCase: 'b',
      scopeKind: 'role_bit',
      scope: {},
      requestedBy: 'r',
      requestedAt: now,
      reviewAt: now,
    },
    select: { id: true },
  }));
  const campaign = await db.campaign.create({
    data: {
      workspaceId: WS,
      name: 'c',
      scopes: [],
      reviewers: [],
      status: 'running',
      startsAt: now,
      dueAt: now,
      createdBy: 'r',
    },
  });
  ({ id: itemId } = await db.campaignItem.create({
    data: {
      campaignId: campaign.id,
      workspaceId: WS,
      scope: 'agent-owners',
      key: 'k',
      label: 'l',
      holder: 'h',
      access: 'owner',
      detail: {},
      reviewerId: 'r',
      reviewerLabel: 'r',
    },
    select: { id: true },
  }));
});
afterAll(async () => {
  await db.$disconnect();
});

const homes = (): EvidenceHome[] => [
  { home: 'checklistSignoff', record: { workspaceId: WS, step: 1, signedBy: 'r', signedAt: now } },
  {
    home: 'attestation',
    record: { workspaceId: WS, controlId: '1.1', statement: 'P', attestedBy: 'r', attestedAt: now, expiresAt: now },
  },
  { home: 'exceptionAttachment', record: { exceptionId, addedBy: 'r', addedAt: now } },
  { home: 'campaignAnswer', record: { itemId, ownerEmail: 'o@acme.example', recordedBy: 'r', recordedAt: now } },
];
const ref = (target: EvidenceHome, id: string, workspaceId = WS): FileRef =>
  target.home === 'exceptionAttachment'
    ? { home: target.home, workspaceId, exceptionId, id }
    : { home: target.home, workspaceId, id };

describe('storeEvidence and storedFile', () => {
  it('keep a file with its name, size and SHA-256 in every home, read back only in its workspace', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 60, 104, 116, 109, 108, 62]);
    for (const target of homes()) {
      const evidence = checkEvidence({ filename: `proof ${target.home}.html`, contentType: 'text/html', bytes });
      const { id } = await db.$transaction((tx) => storeEvidence(tx, target, evidence));
      const file = await storedFile(db, ref(target, id));
      expect(file).toEqual({
        filename: `proof ${target.home}.html`,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: expect.any(Uint8Array),
      });
      expect(Buffer.from(file!.content!).equals(bytes)).toBe(true);
      expect(await storedFile(db, ref(target, id, `${WS}-other`))).toBeNull();
    }
  });

  it('keep a link in every home, which is no file to download', async () => {
    for (const target of homes()) {
      const link = checkEvidence({ url: 'https://wiki.acme.example/proof' });
      const { id } = await db.$transaction((tx) => storeEvidence(tx, target, link));
      expect(await storedFile(db, ref(target, id))).toBeNull();
    }
    expect(await db.checklistSignoff.count({ where: { evidenceUrl: 'https://wiki.acme.example/proof' } })).toBe(1);
    expect(await db.attestation.count({ where: { evidenceUrl: 'https://wiki.acme.example/proof' } })).toBe(1);
    expect(await db.exceptionAttachment.count({ where: { url: 'https://wiki.acme.example/proof' } })).toBe(1);
    expect(await db.campaignAnswer.count({ where: { evidenceUrl: 'https://wiki.acme.example/proof' } })).toBe(1);
  });
});
