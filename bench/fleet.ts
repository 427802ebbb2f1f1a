// A large workspace for the posture and Overview benchmarks: agents imported through the real import service
// (half of them published, so every approval-gate check runs) and events generated in SQL (the posture reads
// their per-type counts, kept by the store, not the events themselves).
import type { Actor } from '@/lib/audit/record.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import type { Db } from '@/lib/db.ts';
import { syncControls } from '@/lib/posture/catalogue-sync.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { generateAgents, toCsv } from './generate.ts';

export const BENCH_WS = 'ws-bench';

export async function loadFleet(db: Db, actor: Actor, agents: number, events: number, log: (s: string) => void) {
  await syncControls(db);
  const ws = BENCH_WS;
  await createWorkspace(db, actor, { id: ws, name: 'Bench', kind: 'workspace', principal: 'bench-principal' });
  log(`importing ${agents.toLocaleString('en-US')} agents`);
  const { id } = await previewImport(db, actor, ws, {
    filename: 'agents.csv',
    content: Buffer.from(toCsv(generateAgents(agents))),
    fullExport: true,
  });
  await commitImport(db, actor, ws, id, { skipInvalid: false });
  await db.$executeRaw`UPDATE "Agent" SET status = CASE WHEN hashtext(id) % 2 = 0 THEN 'published' ELSE 'draft' END
                       WHERE "workspaceId" = ${ws}`;
  log(`generating ${events.toLocaleString('en-US')} events`);
  await db.$executeRaw`
    INSERT INTO "LogEvent" ("principalId", "eventId", type, "eventType", at, "agentId", record, "fileId", line)
    SELECT 'bench-principal', 'evt-' || g, 'CUSTOM_AGENTS_LOG', CASE WHEN g % 3 = 0 THEN 'CONNECTOR_CALL_REQUESTED'
    ELSE 'CONNECTOR_CALL_COMPLETED' END,
      now() - (g || ' seconds')::interval, 'agent-' || (g % ${agents}), '{}'::json, 'bench-file', g
    FROM generate_series(1, ${events}) g`;
  await db.$executeRaw`
    INSERT INTO "LogEventCount" ("principalId", type, "eventType", events, newest, oldest)
    SELECT "principalId", type, "eventType", count(*), max(at), min(at) FROM "LogEvent" GROUP BY 1, 2, 3`;
  await db.$executeRaw`ANALYZE`;
  return ws;
}
