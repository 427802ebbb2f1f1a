// Two instances (two data dirs) with one TOLLGATE_PACKS_DIR (decision 0038): a pack one instance's worker wrote is
// served by the other; without the shared folder the other has no file to serve. The sweep of a shared folder
// removes old packs and attempts, and nothing else in it.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/audit/record.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { claimPackJob, createPackJob, readPack, sweepPackJobs } from './jobs.ts';
import { tmp } from './pack.fixture.ts';
import { writePackJob } from './worker.ts';

let db: Db;
const a = tmp('instance-a');
const b = tmp('instance-b');
const shared = tmp('shared-packs');
const actor: Actor = { id: null, label: 'greta.grc@example.com', role: 'grc' };
// A running period: no posture snapshot is needed, the pack evaluates the posture when asked.
const period = { from: new Date(Date.now() - 10 * 86_400_000), to: new Date(Date.now() + 86_400_000) };

beforeAll(async () => {
  db = createDb(await createTestDatabase('packsdir'));
  await createWorkspace(
    db,
    { id: null, label: 'test', role: 'admin' },
    {
      id: 'ws-shared',
      name: 'Shared packs',
      kind: 'workspace',
      principal: null,
    },
  );
});
afterAll(async () => db.$disconnect());
afterEach(() => {
  delete process.env.TOLLGATE_PACKS_DIR;
});

async function writeOnA() {
  const req = { workspaceId: 'ws-shared', scope: { framework: 'soc2' as const, controlId: '6.4' }, period };
  const created = await createPackJob(db, actor, req);
  const held = (await claimPackJob(db, 'worker-on-a', { id: created.id }))!;
  const written = await writePackJob({ db, key: loadSigningKey(a, {}), dataDir: a, name: 'worker-on-a' }, held);
  const done = await db.packJob.findUniqueOrThrow({ where: { id: created.id } });
  return { job: { ...held, status: 'done' as const, file: done.path }, written: written! };
}

const bytesOf = async (stream: NodeJS.ReadableStream | null) => {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('a shared packs folder', () => {
  it('lets instance B serve the pack instance A wrote, byte for byte', async () => {
    process.env.TOLLGATE_PACKS_DIR = shared;
    const { job, written } = await writeOnA();
    expect(path.dirname(written.file)).toBe(shared);
    const served = await bytesOf(await readPack(job, b));
    expect(served?.equals(readFileSync(written.file))).toBe(true);
  });

  it('without it, B has no file of A’s to serve', async () => {
    const { job, written } = await writeOnA();
    expect(path.dirname(written.file)).toBe(path.join(a, 'packs'));
    expect(await readPack(job, b)).toBeNull();
    expect(await bytesOf(await readPack(job, a))).not.toBeNull();
  });

  it('sweeps old packs and attempts out of the shared folder and leaves anything else in it', async () => {
    process.env.TOLLGATE_PACKS_DIR = shared;
    const id = '0b8e2a44-63f1-4b0e-9d6f-3f6f8f0f2a11';
    const names = [`${id}.zip`, `${id}.zip.1-0a1b2c3d.part`, 'someone-elses-backup.tar'];
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const name of names) {
      writeFileSync(path.join(shared, name), 'x');
      utimesSync(path.join(shared, name), old, old);
    }
    await sweepPackJobs(db, b);
    const left = names.filter((n) => {
      try {
        readFileSync(path.join(shared, n));
        return true;
      } catch {
        return false;
      }
    });
    expect(left).toEqual(['someone-elses-backup.tar']);
  });
});
