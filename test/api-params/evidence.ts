// Path parameters of the evidence operations. The demo seeds no evidence pack (packs are jobs kept for an hour), so
// {pack_id} is a pack made once through the Evidence page's own job path, written by a pack worker and waited for.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '@/lib/db.ts';
import { parsePeriod } from '@/lib/evidence/as-of.ts';
import { packJob, startPackJob } from '@/lib/evidence/jobs.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

const actor = { id: null, label: 'api-params', role: null };
let made: Promise<string> | null = null;

/** A finished pack of the demo workspace (control 6.4, the period so far). */
export async function finishedPack(db: Db): Promise<string> {
  // Packs and the signing key go to a data directory of the test's own, never the developer's ./.data.
  process.env.TOLLGATE_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'tollgate-api-packs-'));
  const dataDir = resolveDataDir();
  const { id } = await startPackJob(
    db,
    actor,
    {
      workspaceId: DEMO_WORKSPACE.id,
      scope: { framework: 'soc2', controlId: '6.4' },
      period: parsePeriod('2026-01-01', '2100-01-01'),
    },
    dataDir,
  );
  let job = await packJob(db, id, actor);
  for (let i = 0; i < 600 && (job?.status === 'running' || job?.status === 'queued'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = await packJob(db, id, actor);
  }
  if (job?.status !== 'done') throw new Error(`evidence pack ${job?.status}: ${job?.error}`);
  return id;
}

export const evidenceParams: Record<string, (db: Db) => Promise<string>> = {
  pack_id: (db) => (made ??= finishedPack(db)),
};
