// Evidence packs through /api/v1: created as a job on the Evidence page's path (202 + Location), polled, downloaded
// as a ZIP that verifies against the install's signing key and names the token as its generator, 409 while not
// done, the audit events of the pack and its download naming the token, and packs scoped to their workspace; a pack
// per AI-governance framework (issue 21) as the Evidence page writes it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { workspacePackJobs } from '@/lib/evidence/jobs.ts';
import { readEntries } from '@/lib/evidence/pack.fixture.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';
import { FRAMEWORK_LABELS } from '@/lib/frameworks/catalogues.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { MAX_RUNNING } from './evidence.ts';
import { createTestDatabase } from '@/test/db.ts';

let db: Db;
let auditor: Awaited<ReturnType<typeof makeToken>>;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-api-evidence-'));
const body = { framework: 'soc2', control_id: '6.4', from: '2026-01-01', to: '2100-01-01' };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apievidence');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  process.env.TOLLGATE_DATA_DIR = dataDir;
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  const admin = { id: null, label: 'test', role: 'admin' };
  for (const id of ['ws-e', 'ws-f'])
    await createWorkspace(db, admin, { id, name: `Workspace ${id}`, kind: 'workspace', principal: null });
  auditor = await makeToken(db, 'auditor', null);
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

async function finished(location: string) {
  for (let i = 0; i < 300; i++) {
    const got = await api('GET', location.replace('/api/v1', ''), { token: auditor.token });
    expect(got.status).toBe(200);
    if (got.json!.status !== 'running') return got.json!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the pack did not finish');
}

describe('evidence packs', () => {
  it('starts a pack as a job, then downloads the ZIP the Evidence page would give, signed and audited', async () => {
    const started = await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body });
    expect(started.status, started.text).toBe(202);
    const id = String(started.json!.id);
    expect(started.headers.get('location')).toBe(`/api/v1/evidence-packs/${id}?ws=ws-e`);
    expect(started.json).toMatchObject({ framework: 'soc2', control_id: '6.4', download: null });
    const pack = await finished(started.headers.get('location')!);
    expect(pack).toMatchObject({ id, status: 'done', error: null });
    expect(pack.files_written).toBe(pack.file_count);

    const zip = await api('GET', `/evidence-packs/${id}/download?ws=ws-e`, { token: auditor.token });
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    // The harness reads bodies as text; the bytes come from a second download, as a client would retry.
    const bytes = await zipBytes(id);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const file = path.join(dataDir, `downloaded-${id}.zip`);
    writeFileSync(file, bytes);
    const verified = await verifyPack(file, { trustedPublicKeyPem: loadSigningKey(dataDir).publicKeyPem });
    const label = `API token ${auditor.prefix}… of api-`;
    expect(verified).toMatchObject({ ok: true, manifestSha256: pack.manifest_sha256 });
    expect(verified.ok && verified.generatedBy.startsWith(label)).toBe(true);
    expect(zip.headers.get('x-manifest-sha256')).toBe(pack.manifest_sha256);

    const events = await db.auditEvent.findMany({
      where: { workspaceId: 'ws-e', action: { in: ['evidence.pack', 'evidence.download'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['evidence.pack', 'evidence.download', 'evidence.download']);
    expect(events.every((e) => e.actorLabel.startsWith(label) && e.actorId === auditor.ownerId)).toBe(true);
    expect((events[0]!.diff as { manifestSha256: string }).manifestSha256).toBe(pack.manifest_sha256);
  });

  it('answers 409 while a pack is not done, and names a failure', async () => {
    const started = await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body });
    const id = String(started.json!.id);
    await finished(started.headers.get('location')!);
    // Held by a live worker (a fresh heartbeat), then failed: set on the job's row, as a worker would.
    const set = (data: { status: string; error?: string | null }) =>
      db.packJob.update({ where: { id }, data: { ...data, worker: 'test', heartbeatAt: new Date() } });
    try {
      await set({ status: 'running' });
      const busy = await api('GET', `/evidence-packs/${id}/download?ws=ws-e`, { token: auditor.token });
      expect(busy.status).toBe(409);
      expect(busy.headers.get('content-type')).toBe('application/problem+json');
      expect(busy.json!.type).toBe('https://tollgate.dev/problems/conflict');
      await set({ status: 'failed', error: 'disk full' });
      const failed = await api('GET', `/evidence-packs/${id}/download?ws=ws-e`, { token: auditor.token });
      expect(failed.status).toBe(409);
      expect(failed.json!.detail).toContain('disk full');
    } finally {
      await set({ status: 'done', error: null });
    }
  });

  it('lists and shows packs of their own workspace only, newest first, paged', async () => {
    const ids = (await workspacePackJobs(db, 'ws-e')).map((j) => j.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const first = await api('GET', '/evidence-packs?ws=ws-e&limit=1', { token: auditor.token });
    const second = await api('GET', `/evidence-packs?ws=ws-e&limit=1&cursor=${first.json!.next_cursor}`, {
      token: auditor.token,
    });
    expect(
      [...(first.json!.data as { id: string }[]), ...(second.json!.data as { id: string }[])].map((p) => p.id),
    ).toEqual(ids.slice(0, 2));
    const inF = (await api('GET', '/evidence-packs?ws=ws-f', { token: auditor.token })).json!.data as { id: string }[];
    expect(inF.map((p) => p.id)).toEqual((await workspacePackJobs(db, 'ws-f')).map((j) => j.id));
    expect(inF.some((p) => ids.includes(p.id))).toBe(false);
    expect((await api('GET', `/evidence-packs/${ids[0]}?ws=ws-f`, { token: auditor.token })).status).toBe(404);
    const other = (await makeToken(db, 'auditor', 'ws-f')).token;
    expect((await api('GET', `/evidence-packs/${ids[0]}`, { token: other })).status).toBe(404);
    expect((await api('GET', `/evidence-packs/${ids[0]}/download?ws=ws-e`, { token: other })).status).toBe(404);
  });

  it('refuses a bad request before starting anything, and replays a repeated Idempotency-Key', async () => {
    const count = (await workspacePackJobs(db, 'ws-e')).length;
    const bad = await api('POST', '/evidence-packs?ws=ws-e', {
      token: auditor.token,
      body: { ...body, framework: 'iso' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json!.errors).toEqual([expect.objectContaining({ field: 'body.framework' })]);
    const backwards = { ...body, from: '2026-02-01', to: '2026-01-01' };
    expect((await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body: backwards })).status).toBe(422);
    const headers = { 'idempotency-key': 'pack-once' };
    const one = await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body, headers });
    const two = await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body, headers });
    expect(two.json!.id).toBe(one.json!.id);
    expect((await workspacePackJobs(db, 'ws-e')).length).toBe(count + 1);
    await finished(one.headers.get('location')!);
  });

  it('refuses another pack while as many as allowed are being written for the workspace', async () => {
    const jobs = (await workspacePackJobs(db, 'ws-e')).slice(0, MAX_RUNNING);
    expect(jobs).toHaveLength(MAX_RUNNING);
    const ids = { id: { in: jobs.map((j) => j.id) } };
    try {
      // Held by a live worker: a fresh heartbeat, so no worker takes them over meanwhile.
      await db.packJob.updateMany({ where: ids, data: { status: 'running', worker: 'test', heartbeatAt: new Date() } });
      const refused = await api('POST', '/evidence-packs?ws=ws-e', { token: auditor.token, body });
      expect(refused.status).toBe(409);
      expect(refused.json!.detail).toContain(`${MAX_RUNNING} packs`);
      const elsewhere = await api('POST', '/evidence-packs?ws=ws-f', { token: auditor.token, body });
      expect(elsewhere.status).toBe(202);
      await finished(elsewhere.headers.get('location')!);
    } finally {
      await db.packJob.updateMany({ where: ids, data: { status: 'done' } });
    }
  });

  it('writes a pack for an AI-governance framework, with its mapping table, that verifies', async () => {
    const started = await api('POST', '/evidence-packs?ws=ws-f', {
      token: auditor.token,
      body: { framework: 'iso42001', from: '2026-01-01', to: '2100-01-01' },
    });
    expect(started.status, started.text).toBe(202);
    const pack = await finished(started.headers.get('location')!);
    expect(pack).toMatchObject({ framework: 'iso42001', control_id: null, status: 'done', error: null });
    const file = path.join(dataDir, `downloaded-${pack.id}.zip`);
    writeFileSync(file, await zipBytes(String(pack.id), 'ws-f'));
    const verified = await verifyPack(file, { trustedPublicKeyPem: loadSigningKey(dataDir).publicKeyPem });
    expect(verified).toMatchObject({ ok: true, manifestSha256: pack.manifest_sha256 });
    const html = (await readEntries(file)).get('report/report.html')!.toString('utf8');
    expect(html).toContain(`${FRAMEWORK_LABELS.iso42001} items`);
    expect(html).toContain('Why each maps');
  });
});

/** The download's bytes, read as bytes (the test harness reads bodies as text). */
async function zipBytes(id: string, ws = 'ws-e'): Promise<Buffer> {
  const { GET } = (await import('@/app/api/v1/[...path]/route.ts')) as unknown as {
    GET: (r: Request) => Promise<Response>;
  };
  const response = await GET(
    new Request(`http://localhost:3000/api/v1/evidence-packs/${id}/download?ws=${ws}`, {
      headers: { authorization: `Bearer ${auditor.token}` },
    }),
  );
  return Buffer.from(await response.arrayBuffer());
}
