// The one pipeline behind upload, CLI and puller: store a file exactly once, then apply what its new
// events say to the derived state (agents, runs, classification, alerts) of each registered workspace.
import type pg from 'pg';
import type { Db } from '@/lib/db.ts';
import { agentsOfFile, applyAgentEvents } from './apply.ts';
import { ingestFile, type FileOutcome, type IngestOptions } from './store.ts';

export type Applied = { agents: number; runs: number; alerts: number; heldPrincipals: string[] };
export type PipelineOutcome = FileOutcome & { applied: Applied };

export async function ingestAndApply(
  client: pg.ClientBase,
  db: Db,
  file: string,
  options: IngestOptions,
): Promise<PipelineOutcome> {
  const stored = await ingestFile(client, file, options);
  return { ...stored, applied: await applyFile(db, stored.fileId) };
}

export async function applyFile(db: Db, fileId: string): Promise<Applied> {
  const applied: Applied = { agents: 0, runs: 0, alerts: 0, heldPrincipals: [] };
  for (const [principal, agentIds] of await agentsOfFile(db, fileId)) {
    const outcome = await applyAgentEvents(db, principal, agentIds);
    if (outcome.workspaceId === null) applied.heldPrincipals.push(principal);
    applied.agents += outcome.agents;
    applied.runs += outcome.runs;
    applied.alerts += outcome.alerts.length;
  }
  return applied;
}

/** Applies everything held for a principal once a workspace is registered with it. */
export async function applyPrincipal(db: Db, principal: string): Promise<Applied> {
  const rows = await db.$queryRaw<
    { agentId: string }[]
  >`SELECT DISTINCT "agentId" FROM "LogEvent" WHERE "principalId" = ${principal} AND "agentId" IS NOT NULL`;
  const outcome = await applyAgentEvents(
    db,
    principal,
    rows.map((r) => r.agentId),
  );
  return {
    agents: outcome.agents,
    runs: outcome.runs,
    alerts: outcome.alerts.length,
    heldPrincipals: outcome.workspaceId ? [] : [principal],
  };
}
