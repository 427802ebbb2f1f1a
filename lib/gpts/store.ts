// Stores read GPTs (docs/decisions/0023 "Storage"): a GPT is an Agent row of kind custom_gpt, so every consumer
// that addresses a governed assistant by Agent.id (reviews, exceptions, findings, suspensions, evidence) sees it;
// what only a GPT has sits beside it in GptState and GptConfigVersion. Exactly once: a GPT whose raw object
// hashes as last time writes nothing at all. One transaction per batch (a list page, a file's chunk).
import { randomUUID } from 'node:crypto';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import type { Db, Tx } from '@/lib/db.ts';
import type { AdaptedGpt } from '@/lib/gpts/adapter.ts';
import { gptConfigHash } from '@/lib/gpts/config-hash.ts';
import { diffGptVersions } from '@/lib/gpts/diff.ts';
import type { ObjectProblem } from '@/lib/gpts/platform/parse.ts';
import type { Gpt, GptConfig, GptVisibility } from '@/lib/gpts/types.ts';
import { GPT_KIND } from './queries.ts';
import { rawSha256 } from './store-hash.ts';
import {
  insertGptAgents,
  insertVersions,
  type NewAgentRow,
  type StateRow,
  updateGptAgents,
  upsertStates,
  type VersionRow,
} from './store-write.ts';

/** `retryDetails`: its versions and shared users were wanted but could not be read, so the next read tries again. */
export type GptToStore = { adapted: AdaptedGpt; retryDetails?: boolean };
export type StoreCounts = { created: number; changed: number; unchanged: number };
export type StoreOutcome = StoreCounts & { refused: ObjectProblem[] };

export { rawSha256 };

/** A private GPT is used by its builder alone (a draft, in the agents' words); shared any wider it is published.
 *  A suspension is Tollgate's own decision and outlives a re-read. */
export function gptStatus(visibility: GptVisibility, previous: string | null): string {
  if (previous === 'suspended') return 'suspended';
  return visibility === 'private' ? 'draft' : 'published';
}

type Existing = {
  id: string;
  kind: string;
  name: string;
  ownerEmail: string;
  status: string;
  inLatestExport: boolean;
  gptState: { rawSha256: string | null; gpt: unknown } | null;
};
type History = { agentId: string; kind: string; detail: object };

export async function storeGpts(
  db: Db,
  workspaceId: string,
  items: GptToStore[],
  options: { source: 'api' | 'file'; now?: Date },
): Promise<StoreOutcome> {
  const now = options.now ?? new Date();
  const outcome: StoreOutcome = { created: 0, changed: 0, unchanged: 0, refused: [] };
  if (items.length === 0) return outcome;
  // The same GPT twice in one batch (two files, or a page repeated): the last one read wins.
  const byId = new Map(items.map((item) => [item.adapted.gpt.id, item]));
  await db.$transaction(
    async (tx) => {
      // One writer per workspace at a time (the scheduled read, a file import): each sees what the other stored.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gpts:${workspaceId}`}))`;
      const rows: (Existing & { externalId: string })[] = await tx.agent.findMany({
        where: { workspaceId, externalId: { in: [...byId.keys()] } },
        select: {
          id: true,
          externalId: true,
          kind: true,
          name: true,
          ownerEmail: true,
          status: true,
          inLatestExport: true,
          gptState: { select: { rawSha256: true, gpt: true } },
        },
      });
      const existing = new Map(rows.map((r) => [r.externalId, r]));
      const classifier = await workspaceClassifier(tx, workspaceId, now);
      const plan: Plan = {
        agents: [],
        updates: [],
        versions: [],
        states: [],
        history: [],
        relisted: [],
      };
      for (const [gptId, item] of byId) {
        const found = existing.get(gptId) ?? null;
        if (found && found.kind !== GPT_KIND) {
          outcome.refused.push({ id: gptId, field: 'id', message: 'a workspace agent already has this id' });
          continue;
        }
        const sha = rawSha256(item.adapted.raw.gpt);
        if (found?.gptState?.rawSha256 === sha && !item.retryDetails) {
          if (found.inLatestExport) outcome.unchanged++;
          else {
            plan.relisted.push(found.id);
            plan.history.push({ agentId: found.id, kind: 'back_in_export', detail: {} });
            outcome.changed++;
          }
          continue;
        }
        planGpt(plan, { item, sha, source: options.source, classifier }, found);
        if (found) outcome.changed++;
        else outcome.created++;
      }
      await writePlan(tx, workspaceId, plan, now);
    },
    { timeout: 120_000 },
  );
  return outcome;
}

/** What a batch writes: one statement per table, new and changed GPTs alike. */
type Plan = {
  agents: NewAgentRow[];
  updates: NewAgentRow[];
  versions: VersionRow[];
  states: StateRow[];
  history: History[];
  relisted: string[];
};

type Input = {
  item: GptToStore;
  sha: string;
  source: 'api' | 'file';
  classifier: Awaited<ReturnType<typeof workspaceClassifier>>;
};

function planGpt(plan: Plan, w: Input, found: Existing | null): void {
  const { item } = w;
  const { gpt, versions, raw } = item.adapted;
  const configHash = gptConfigHash(gpt);
  const columns = classificationColumns(w.classifier.classifyGpt({ id: found?.id ?? '', configHash }, gpt));
  const agentId = found?.id ?? randomUUID();
  const row: NewAgentRow = {
    id: agentId,
    externalId: gpt.id,
    name: gpt.name,
    ownerEmail: gpt.owner?.email ?? '',
    status: gptStatus(gpt.sharing.visibility, found?.status ?? null),
    apps: gpt.apps.map((a) => a.id),
    configHash,
    ...columns,
  };
  (found ? plan.updates : plan.agents).push(row);
  plan.history.push(...changesOf(agentId, found, gpt));
  const rawConfigs = new Map([raw.gpt.latest_config, ...(raw.configs ?? [])].map((c) => [c.id, c]));
  for (const v of versions) {
    if (!v.configId) continue;
    // The latest version is the GPT's own configuration: its hash is the one just taken.
    const riskHash = v.configId === gpt.configId ? configHash : gptConfigHash({ ...v, sharing: gpt.sharing });
    plan.versions.push(versionRow(agentId, v, riskHash, rawConfigs.get(v.configId)));
  }
  plan.states.push({
    agentId,
    raw: raw.gpt,
    rawSha256: item.retryDetails ? null : w.sha,
    gpt,
    visibility: gpt.sharing.visibility,
    recipients: gpt.sharing.recipients,
    capabilities: gpt.capabilities,
    configId: gpt.configId,
    platformUpdatedAt: gpt.updatedAt ? new Date(gpt.updatedAt) : null,
    source: w.source,
  });
}

async function writePlan(tx: Tx, workspaceId: string, plan: Plan, now: Date): Promise<void> {
  await insertGptAgents(tx, workspaceId, plan.agents, now);
  await updateGptAgents(tx, workspaceId, plan.updates, now);
  if (plan.relisted.length)
    await tx.agent.updateMany({ where: { id: { in: plan.relisted } }, data: { inLatestExport: true, updatedAt: now } });
  await insertVersions(tx, plan.versions, now);
  await upsertStates(tx, workspaceId, plan.states, now);
  if (plan.history.length)
    await tx.agentHistory.createMany({
      data: plan.history.map((h) => ({ agentId: h.agentId, kind: h.kind, detail: h.detail, at: now })),
    });
}

/** The configs route does not version sharing: a version is hashed with the sharing seen when first read. */
function versionRow(agentId: string, v: GptConfig, riskHash: string, raw: unknown): VersionRow {
  return {
    agentId,
    configId: v.configId!,
    configCreatedAt: v.configCreatedAt ? new Date(v.configCreatedAt) : null,
    riskHash,
    config: v,
    raw,
  };
}

/** The timeline entries of one change, in the agents' kinds where they mean the same thing. */
function changesOf(agentId: string, found: Existing | null, gpt: Gpt): History[] {
  if (!found?.gptState)
    return [
      { agentId, kind: 'created', detail: { name: gpt.name, ownerEmail: gpt.owner?.email ?? '', source: 'gpt' } },
    ];
  const out: History[] = [];
  const before = found.gptState.gpt as Gpt;
  if (!found.inLatestExport) out.push({ agentId, kind: 'back_in_export', detail: {} });
  if (before.name !== gpt.name) out.push({ agentId, kind: 'renamed', detail: { from: before.name, to: gpt.name } });
  const owner = gpt.owner?.email ?? '';
  if (found.ownerEmail !== owner)
    out.push({ agentId, kind: 'owner_changed', detail: { from: found.ownerEmail, to: owner } });
  const changes = diffGptVersions(before, gpt);
  const sharing = changes.filter((c) => c.area === 'sharing');
  const config = changes.filter((c) => c.area !== 'sharing');
  if (sharing.length)
    out.push({
      agentId,
      kind: 'gpt_sharing_changed',
      detail: { from: before.sharing.visibility, to: gpt.sharing.visibility, changes: sharing },
    });
  if (config.length || before.configId !== gpt.configId)
    out.push({
      agentId,
      kind: 'gpt_config_changed',
      detail: { fromConfigId: before.configId, toConfigId: gpt.configId, changes: config },
    });
  return out;
}

/** After a complete read: GPTs the platform no longer lists are kept and marked, never deleted; GPTs it lists
 *  again (unchanged ones included, which the store never touches) are marked back. Returns how many went missing. */
export async function markUnlistedGpts(db: Db, workspaceId: string, listed: Set<string>, now = new Date()) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gpts:${workspaceId}`}))`;
    const rows = await tx.$queryRaw<{ id: string; externalId: string; inLatestExport: boolean }[]>`
      SELECT id, "externalId", "inLatestExport" FROM "Agent"
      WHERE "workspaceId" = ${workspaceId} AND kind = ${GPT_KIND}`;
    const gone = rows.filter((r) => r.inLatestExport && !listed.has(r.externalId)).map((r) => r.id);
    const back = rows.filter((r) => !r.inLatestExport && listed.has(r.externalId)).map((r) => r.id);
    for (const [ids, inLatestExport, kind] of [
      [gone, false, 'missing_from_export'],
      [back, true, 'back_in_export'],
    ] as const) {
      if (ids.length === 0) continue;
      await tx.agent.updateMany({ where: { id: { in: ids } }, data: { inLatestExport, updatedAt: now } });
      await tx.agentHistory.createMany({
        data: ids.map((agentId) => ({ agentId, kind, detail: { source: 'gpt' }, at: now })),
      });
    }
    return gone.length;
  });
}
