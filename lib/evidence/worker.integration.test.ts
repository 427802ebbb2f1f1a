// Pack workers (decision 0033): a worker SIGKILLed half-way through a pack leaves nothing served, and its job is taken
// over and written again, whole and identical; two worker processes never write the same job; a worker that lost
// its job publishes nothing; a pack that keeps killing its worker fails instead of looping.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS, hashEvent } from '@/lib/audit/chain.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { type AuditRow, copyAuditEvents } from '@/test/audit-events.ts';
import { createTestDatabase } from '@/test/db.ts';
import { generatePack } from './generate.ts';
import {
  claimPackJob,
  createPackJob,
  MAX_ATTEMPTS,
  type PackJob,
  packJob,
  packsDir,
  readPack,
  startPackJob,
  takePack,
} from './jobs.ts';
import { tmp } from './pack.fixture.ts';
import { verifyPack } from './pack-verify.ts';
import { writePackJob } from './worker.ts';
import { packWorkerPid, workerCommand } from './worker-spawn.ts';

let db: Db;
let url: string;
const dataDir = tmp('pack-worker');
const actor: Actor = { id: null, label: 'greta.grc@example.com', role: 'grc' };
const DAY = 86_400_000;
// A running period: the pack speaks for the instant it was asked for, and its posture is evaluated then.
const period = { from: new Date(Date.now() - 10 * DAY), to: new Date(Date.now() + DAY) };
const EVENTS = 60_000;

beforeAll(async () => {
  url = await createTestDatabase('packworker');
  Object.assign(process.env, {
    DATABASE_URL: url,
    TOLLGATE_DATA_DIR: dataDir,
    TOLLGATE_PACK_STALE_SECONDS: '2',
    TOLLGATE_PACK_HEARTBEAT_MS: '250',
  });
  db = createDb(url);
  const admin = { id: null, label: 'test', role: 'admin' };
  for (const id of ['ws-big', 'ws-small', 'ws-lost'])
    await createWorkspace(db, admin, { id, name: `Workspace ${id}`, kind: 'workspace', principal: null });
  await appendEvents('ws-big', EVENTS);
  loadSigningKey(dataDir);
}, 120_000);
afterAll(async () => db.$disconnect());

/** Events chained as recordAudit chains them, dated within the period: the pack's audit-log extract grows with them. */
async function appendEvents(ws: string, count: number) {
  const head = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  let seq = head?.seq ?? 0n;
  let prevHash = head?.hash ?? GENESIS;
  const start = Date.now() - 5 * DAY;
  const rows: AuditRow[] = [];
  for (let j = 0; j < count; j++) {
    seq += 1n;
    const content = {
      seq,
      at: new Date(start + j * 1000),
      actorId: null,
      actorLabel: `user${j % 40}@example.com`,
      role: 'admin',
      action: 'agent.update',
      targetType: 'agent',
      targetId: `agt-${j}`,
      workspaceId: ws,
      diff: JSON.parse(canonicalJson({ after: { status: 'published' }, note: `change ${j}` })),
      requestId: null,
      sourceIp: null,
      prevHash,
    };
    prevHash = hashEvent(content);
    rows.push({ ...content, hash: prevHash });
  }
  await copyAuditEvents(url, rows);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    const got = await read();
    if (got) return got;
  }
  const select = { id: true, status: true, attempt: true, worker: true, error: true };
  const rows = await db.packJob.findMany({ select });
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(rows)}`);
}
const row = (id: string) => db.packJob.findUniqueOrThrow({ where: { id } });
const packEvents = (ws: string) =>
  db.auditEvent.findMany({
    where: { workspaceId: ws, action: 'evidence.pack' },
    select: { diff: true, actorLabel: true, requestId: true, sourceIp: true },
  });

describe('pack workers', () => {
  it('takes over a pack whose worker was SIGKILLed mid-write; nothing half-written is served', async () => {
    const asked = { ...actor, requestId: 'req-pack-1', sourceIp: '203.0.113.9' };
    const job = await startPackJob(db, asked, { workspaceId: 'ws-big', scope: { framework: 'all' }, period }, dataDir);
    // Well into the audit-log extract: the ZIP is half-written.
    const first = await until('the worker to write the audit log', async () => {
      const r = await row(job.id);
      return r.status === 'running' && r.current.startsWith('evidence/audit-log') && r.bytes > 1_000_000 && r;
    });
    const pid = packWorkerPid();
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    await until('the worker to die', async () => packWorkerPid() === null);

    // What the killed worker left: a .part file, no pack; the job is still running, and nothing downloads.
    const left = readdirSync(packsDir(dataDir)).filter((f) => f.startsWith(job.id));
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => f.endsWith('.part'))).toBe(true);
    const meanwhile = (await packJob(db, job.id, actor))!;
    expect(meanwhile.status).toBe('running');
    expect(await readPack(meanwhile, dataDir)).toBeNull();
    expect(await takePack(db, meanwhile, dataDir)).toBeNull();

    // Its heartbeat goes stale: the instance's next worker takes the job over and writes it again from the start.
    const done = await until('the pack to be taken over and done', async () => {
      const r = await row(job.id);
      return r.status !== 'running' && r;
    });
    expect(done).toMatchObject({ status: 'done', attempt: 2, error: null });
    expect(done.worker).not.toBe(first.worker);
    // Its history says so: the second claim names the worker that fell silent.
    expect(done.history).toEqual([
      expect.objectContaining({ attempt: 1, worker: first.worker, takenOverFrom: null }),
      expect.objectContaining({ attempt: 2, worker: done.worker, takenOverFrom: first.worker }),
    ]);
    expect(readdirSync(packsDir(dataDir)).filter((f) => f.startsWith(job.id))).toEqual([`${job.id}.zip`]);
    const bytes = readFileSync(done.path!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(done.sha256);
    expect(BigInt(bytes.length)).toBe(done.size);
    const key = loadSigningKey(dataDir);
    const verified = await verifyPack(done.path!, { trustedPublicKeyPem: key.publicKeyPem });
    expect(verified).toMatchObject({ ok: true, manifestSha256: done.manifestSha256, generatedBy: actor.label });
    // Recorded once, by the attempt that finished, for the request that asked.
    const recorded = await packEvents('ws-big');
    expect(recorded.map((e) => (e.diff as { manifestSha256: string }).manifestSha256)).toEqual([done.manifestSha256]);
    expect(recorded[0]).toMatchObject({ actorLabel: actor.label, requestId: 'req-pack-1', sourceIp: '203.0.113.9' });

    // The same pack as one written in a single go for the same instant: a takeover changes nothing in it.
    const again = path.join(tmp('pack-again'), 'again.zip');
    const direct = await generatePack(
      db,
      actor,
      { workspaceId: 'ws-big', scope: { framework: 'all' }, period },
      createWriteStream(again),
      key,
      { now: job.createdAt },
    );
    expect(direct.manifestSha256).toBe(done.manifestSha256);
  }, 180_000);

  it('two worker processes started together never write the same job', async () => {
    const req = { workspaceId: 'ws-small', scope: { framework: 'soc2' as const, controlId: '6.4' }, period };
    const jobs: PackJob[] = [];
    for (let i = 0; i < 6; i++) jobs.push(await createPackJob(db, actor, req));
    const { command, args } = workerCommand();
    const exits = [0, 1].map(
      () =>
        new Promise<number | null>((resolve) => {
          // A busy machine may delay a heartbeat past this file's 2 s: no takeover here, only two claimers.
          const env = { ...process.env, TOLLGATE_PACK_STALE_SECONDS: '60' };
          const child = spawn(command, args, { stdio: 'inherit', env });
          child.once('exit', resolve);
        }),
    );
    expect(await Promise.all(exits)).toEqual([0, 0]);
    const rows = await db.packJob.findMany({ where: { id: { in: jobs.map((j) => j.id) } } });
    expect(rows.map((r) => [r.status, r.attempt])).toEqual(jobs.map(() => ['done', 1]));
    expect(await packEvents('ws-small')).toHaveLength(jobs.length);
  }, 120_000);

  it('two claimers asking at once never get the same job', async () => {
    const req = { workspaceId: 'ws-lost', scope: { framework: 'soc2' as const, controlId: '6.4' }, period };
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) ids.add((await createPackJob(db, actor, req)).id);
    const other = createDb(url);
    try {
      const claims = await Promise.all(
        [db, other].flatMap((client, c) =>
          Array.from({ length: 8 }, (_, i) => claimPackJob(client, `claimer-${c}-${i}`, { stale: 3600 })),
        ),
      );
      const mine = claims.filter((j) => j && ids.has(j.id)).map((j) => j!.id);
      expect(mine).toHaveLength(new Set(mine).size);
      expect(mine.length).toBeGreaterThan(0);
    } finally {
      await other.$disconnect();
      await db.packJob.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'failed', worker: null } });
    }
  });

  it('a worker whose job was taken over publishes nothing and records nothing', async () => {
    const req = { workspaceId: 'ws-lost', scope: { framework: 'soc2' as const, controlId: '6.4' }, period };
    const created = await createPackJob(db, actor, req);
    const held = (await claimPackJob(db, 'worker-a', { id: created.id }))!;
    // Another worker holds it now (its heartbeat went stale and it was claimed again).
    await db.packJob.update({ where: { id: held.id }, data: { worker: 'worker-b', attempt: held.attempt + 1 } });
    const before = (await packEvents('ws-lost')).length;
    const key = loadSigningKey(dataDir);
    const result = await writePackJob({ db, key, dataDir, name: 'worker-a', heartbeatMs: 50 }, held);
    expect(result).toBeNull();
    expect(readdirSync(packsDir(dataDir)).filter((f) => f.startsWith(held.id))).toEqual([]);
    expect(await packEvents('ws-lost')).toHaveLength(before);
    expect(await row(held.id)).toMatchObject({ status: 'running', worker: 'worker-b', path: null });
  });

  it(`fails a pack whose worker died ${MAX_ATTEMPTS} times instead of writing it again`, async () => {
    const req = { workspaceId: 'ws-lost', scope: { framework: 'soc2' as const, controlId: '6.4' }, period };
    const job = await createPackJob(db, actor, req);
    await db.packJob.update({
      where: { id: job.id },
      data: { status: 'running', worker: 'gone', attempt: MAX_ATTEMPTS, heartbeatAt: new Date(Date.now() - 60_000) },
    });
    expect(await claimPackJob(db, 'worker-c', { id: job.id, stale: 2 })).toBeNull();
    const failed = await row(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain(`${MAX_ATTEMPTS} times`);
  });
});
