// The pack worker process (lib/evidence/worker-spawn.ts starts it with a capped heap, under tsx): writes every queued
// pack and takes over those whose worker fell silent, then exits. It inherits the instance's environment: the
// database, the data directory (where packs are written) and the audit signing key.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { runPackJobs } from '@/lib/evidence/worker.ts';
import { PACK_WORKER_POOL_MAX, staleSeconds } from '@/lib/evidence/worker-spawn.ts';
import { logger } from '@/lib/log.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  logger.error('pack worker: DATABASE_URL is not set');
  process.exit(1);
}
const dataDir = resolveDataDir();
// A small pool: the writer reads one query at a time, beside its heartbeat and the final transaction. It counts in
// every instance's share of PostgreSQL's connections (README "Running more than one instance").
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: PACK_WORKER_POOL_MAX }) });
const name = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
try {
  const written = await runPackJobs({
    db,
    key: loadSigningKey(dataDir),
    dataDir,
    name,
    stale: staleSeconds(),
    heartbeatMs: Number(process.env.TOLLGATE_PACK_HEARTBEAT_MS) || 1000,
  });
  if (written > 0) logger.info({ worker: name, written }, 'pack worker done');
} finally {
  await db.$disconnect();
}
