// The published-agents register (6.3, 6.7) as of the period's end — the entries in effect then (effective before
// asOf and not superseded before it) — and the publish-review decisions made within the period.
import type { Db } from '@/lib/db.ts';
import type { RegisterEntry } from '@/lib/generated/prisma/client.ts';
import { changesEnd, keyset, PAGE, strings } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

async function* registerRows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const entries = keyset<RegisterEntry, string | undefined>(
    undefined,
    (after) =>
      db.registerEntry.findMany({
        // Superseded at or after asOf: still in effect at the period's end (the supersession is outside it).
        where: {
          workspaceId: ctx.workspaceId,
          effectiveAt: { lt: ctx.asOf },
          OR: [{ supersededAt: null }, { supersededAt: { gte: ctx.asOf } }],
        },
        orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }],
        take: PAGE,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      }),
    (e) => e.id,
  );
  for await (const e of entries) {
    yield {
      id: e.id,
      externalId: e.externalId,
      agentName: e.agentName,
      ownerEmail: e.ownerEmail,
      versionId: e.versionId,
      configHash: e.configHash,
      approvers: e.approvers,
      decisionIds: e.decisionIds,
      effectiveAt: e.effectiveAt,
      conditions: e.conditions,
      kind: e.kind,
    };
  }
}

export const registerSet: EvidenceSetDef = {
  name: 'register',
  title: 'Published-agents register',
  kind: 'state',
  controls: ['6.3', '6.7'],
  columns: [
    'id',
    'externalId',
    'agentName',
    'ownerEmail',
    'versionId',
    'configHash',
    'approvers',
    'decisionIds',
    'effectiveAt',
    'conditions',
    // Last, so the earlier columns keep their positions.
    'kind',
  ],
  note:
    'The register entries in effect at the pack’s as-of instant (effective ' +
    'before it and not superseded before it): each approved agent or GPT ' +
    'configuration with its approvers and effective date; kind is ' +
    'workspace_agent or custom_gpt.',
  rows: registerRows,
};

type DecisionRow = {
  id: string;
  decidedAt: Date;
  externalId: string | null;
  agentName: string | null;
  configHash: string;
  versionId: string | null;
  sequence: number;
  decision: string;
  reason: string;
  reviewerLabel: string;
  reviewerEmail: string | null;
  checklist: number[];
  conditions: string | null;
  exceptionIds: string[];
};

async function* decisionRows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const from = ctx.period.from.toISOString();
  const end = changesEnd(ctx).toISOString();
  let after = { at: new Date(0).toISOString(), id: '' };
  for (;;) {
    const page = await db.$queryRaw<DecisionRow[]>`
      SELECT d.id, d."decidedAt", a."externalId", COALESCE(v.name, a.name) AS "agentName", d."configHash",
      d."versionId", d.sequence, d.decision, d.reason,
        d."reviewerLabel", d."reviewerEmail", d.checklist, d.conditions, d."exceptionIds"
      FROM "ReviewDecision" d LEFT JOIN "Agent" a ON a.id = d."agentId"
      LEFT JOIN LATERAL (
        SELECT r.data->>'name' AS name FROM "RecordVersion" r
        WHERE r."workspaceId" = d."workspaceId" AND r.entity = 'agent' AND r."entityId" = d."agentId"
        AND r.at <= d."decidedAt"
        ORDER BY r.at DESC, r.id DESC LIMIT 1
      ) v ON true
      WHERE d."workspaceId" = ${ctx.workspaceId} AND d."decidedAt" >= ${from}::timestamptz
      AND d."decidedAt" < ${end}::timestamptz
        AND (d."decidedAt", d.id) > (${after.at}::timestamptz, ${after.id})
      ORDER BY d."decidedAt", d.id
      LIMIT ${PAGE}`;
    for (const d of page) {
      yield {
        id: d.id,
        decidedAt: d.decidedAt,
        externalId: d.externalId,
        agentName: d.agentName,
        configHash: d.configHash,
        versionId: d.versionId,
        sequence: Number(d.sequence),
        decision: d.decision,
        reason: d.reason,
        reviewer: d.reviewerLabel,
        reviewerEmail: d.reviewerEmail,
        checklistSteps: (d.checklist ?? []).map(Number),
        conditions: d.conditions,
        exceptionIds: strings(d.exceptionIds),
      };
    }
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { at: last.decidedAt.toISOString(), id: last.id };
  }
}

export const reviewDecisionsSet: EvidenceSetDef = {
  name: 'review-decisions',
  title: 'Publish-review decisions',
  kind: 'changes',
  controls: ['6.3', '6.7'],
  columns: [
    'id',
    'decidedAt',
    'externalId',
    'agentName',
    'configHash',
    'versionId',
    'sequence',
    'decision',
    'reason',
    'reviewer',
    'reviewerEmail',
    'checklistSteps',
    'conditions',
    'exceptionIds',
  ],
  note:
    'Every publish-review decision (approve, reject, request changes) made ' +
    'within the period, pinned to the configuration hash it decided, with ' +
    'the reviewer and the checklist steps confirmed; with the agent’s name ' +
    'as it was when decided.',
  rows: decisionRows,
};
