// Response policies (docs/decisions/0026 "Response policies"): saving a version (admins, audited, never rewritten),
// and evaluating the rules for a workspace after its pulls and GPT reads. An evaluation first records its decisions
// (the unique (rule, target, configuration) row is what makes it "at most once") with their audit event, then asks
// for the actions through requestActions as "policy <rule> v<version>", and links each decision to its action. A
// crash between the two leaves decisions without an action: the next evaluation links the action if it was made
// (same rule, target and request time) or makes it then. One evaluation per workspace at a time (an advisory lock).
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { logger } from '@/lib/log.ts';
import { type ActionTarget, MAX_TARGETS, requestActions } from '@/lib/platform/service.ts';
import { hasActKey } from '@/lib/platform/settings.ts';
import { busyTargets, loadResponsePolicy, pastDecisions, policyCandidates } from './queries.ts';
import {
  type DecisionMode,
  isPolicyRule,
  type Planned,
  planDecisions,
  POLICY_RULES,
  type PolicyRule,
  type PolicyRules,
  parsePolicyRules,
  RULE_KINDS,
  RULE_LABELS,
} from './rules.ts';

export const MAX_NOTE = 2000;
const MAX_DETAIL = 1000;
/** Requested one by one (each with its own reason) up to this many in a group; beyond, as one batch. */
const ONE_BY_ONE = 50;
const BATCH_WHY: Record<DecisionMode, string> = {
  dry_run: 'dry run: nothing is sent',
  acted: 'each as its decision says',
  held: `over the rule's hourly limit: they wait for a person to approve them`,
};

export type SaveResult = { changed: boolean; version: number; rules: PolicyRules };

export async function saveResponsePolicy(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: unknown,
  options: { note?: string | null; now?: Date } = {},
): Promise<SaveResult> {
  const parsed = parsePolicyRules(input);
  if (!parsed.ok) throw new AppError('unprocessable', `${parsed.problems.slice(0, 10).join('; ')}. Nothing was saved.`);
  const note = options.note?.trim() || null;
  if (note && note.length > MAX_NOTE)
    throw new AppError('unprocessable', `The note is too long (at most ${MAX_NOTE}).`);
  const now = options.now ?? new Date();
  const rules = parsed.rules;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`response-policy-save:${workspaceId}`}))`;
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
      throw new AppError('not_found', 'No such workspace.');
    const current = await loadResponsePolicy(tx, workspaceId);
    const changes = Object.fromEntries(
      POLICY_RULES.filter((r) => current.rules[r] !== rules[r]).map((r) => [
        r,
        { from: current.rules[r], to: rules[r] },
      ]),
    );
    if (Object.keys(changes).length === 0 && current.version > 0)
      return { changed: false, version: current.version, rules };
    const version = current.version + 1;
    await tx.responsePolicyVersion.create({
      data: {
        workspaceId,
        version,
        rules: rules as Prisma.InputJsonObject,
        note,
        createdBy: actor.label,
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: 'platform.policy.save',
      targetType: 'response_policy',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: { version, note, ...changes },
    });
    return { changed: true, version, rules };
  });
}

export type EvaluateOutcome = {
  version: number;
  decided: Record<DecisionMode, number>;
  /** Actions requested (or linked after a crash) in this evaluation. */
  requested: number;
  /** off: every rule is off · busy: another evaluation of this workspace is running. */
  skipped: 'off' | 'busy' | null;
  /** Rules that are on but fell back to a dry run, since no act key is stored. */
  noActKey: PolicyRule[];
};

const none = (version: number, skipped: EvaluateOutcome['skipped']): EvaluateOutcome => ({
  version,
  decided: { dry_run: 0, acted: 0, held: 0 },
  requested: 0,
  skipped,
  noActKey: [],
});

export const policyActor = (rule: string, version: number): Actor => ({
  id: null,
  label: `policy ${rule} v${version}`,
  role: null,
});

/** Applies the workspace's response policy to what the platform's data shows now. */
export async function evaluateResponsePolicies(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<EvaluateOutcome> {
  const policy = await loadResponsePolicy(db, workspaceId);
  const active = POLICY_RULES.filter((r) => policy.rules[r] !== 'off');
  const pending = await db.responsePolicyDecision.count({ where: { workspaceId, actionId: null } });
  if (active.length === 0 && pending === 0) return none(policy.version, 'off');
  // The lock is held by a transaction that writes nothing: the steps below commit on their own connections.
  return db.$transaction(
    async (lock) => {
      const [row] = await lock.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtext(${`response-policies:${workspaceId}`})) AS locked`;
      if (!row?.locked) return none(policy.version, 'busy');
      const outcome = none(policy.version, null);
      // Without an act key, a rule that is on records what it would do, and acts once a key is stored.
      const rules = { ...policy.rules };
      if (active.some((r) => rules[r] === 'on') && !(await hasActKey(db, workspaceId)))
        for (const r of active)
          if (rules[r] === 'on') {
            rules[r] = 'dry_run';
            outcome.noActKey.push(r);
          }
      const candidates = await policyCandidates(db, workspaceId, new Set(active), now);
      const planned = planDecisions({
        rules,
        candidates,
        decisions: await pastDecisions(db, workspaceId, [...new Set(candidates.map((c) => c.targetId))], now),
        busy: await busyTargets(db, workspaceId),
        now,
      }).map((p) =>
        outcome.noActKey.includes(p.rule) ? { ...p, detail: `${p.detail} No act key is stored: nothing was sent.` } : p,
      );
      if (planned.length) await recordDecisions(db, workspaceId, policy.version, planned, now);
      for (const p of planned) outcome.decided[p.mode]++;
      outcome.requested = await requestPending(db, workspaceId, policy.version, planned);
      return outcome;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/** The decisions and their audit events, one transaction: once committed, no other evaluation decides them again. */
async function recordDecisions(db: Db, workspaceId: string, version: number, planned: Planned[], now: Date) {
  await db.$transaction(
    async (tx) => {
      for (const p of planned.filter((x) => x.replacesDryRun))
        await tx.responsePolicyDecision.updateMany({
          where: { workspaceId, policyKey: p.rule, targetId: p.targetId, configHash: p.configHash, mode: 'dry_run' },
          data: { mode: p.mode, actionId: null, decidedAt: now, detail: p.detail.slice(0, MAX_DETAIL) },
        });
      await tx.responsePolicyDecision.createMany({
        data: planned
          .filter((x) => !x.replacesDryRun)
          .map((p) => ({
            workspaceId,
            policyKey: p.rule,
            targetId: p.targetId,
            configHash: p.configHash,
            mode: p.mode,
            decidedAt: now,
            detail: p.detail.slice(0, MAX_DETAIL),
          })),
        skipDuplicates: true,
      });
      for (const [rule, mode, group] of groups(planned))
        await recordAudit(tx, policyActor(rule, version), {
          action: 'platform.policy.decide',
          targetType: 'response_policy',
          targetId: rule,
          workspaceId,
          at: now,
          diff: {
            rule,
            version,
            mode,
            count: group.length,
            targets: group.map((p) => ({ targetId: p.targetId, configHash: p.configHash })),
          },
        });
    },
    { timeout: 120_000 },
  );
}

function groups<T extends { rule: PolicyRule; mode: DecisionMode }>(rows: T[]): [PolicyRule, DecisionMode, T[]][] {
  const out = new Map<string, [PolicyRule, DecisionMode, T[]]>();
  for (const r of rows) {
    const k = `${r.rule}:${r.mode}`;
    if (!out.has(k)) out.set(k, [r.rule, r.mode, []]);
    out.get(k)![2].push(r);
  }
  return [...out.values()];
}

type PendingRow = {
  id: string;
  rule: PolicyRule;
  mode: DecisionMode;
  targetId: string;
  detail: string;
  decidedAt: Date;
};

/** Asks for the action of every decision that has none yet (this evaluation's, or one a crash left), and links it. */
async function requestPending(db: Db, workspaceId: string, version: number, planned: Planned[]) {
  const rows = await db.responsePolicyDecision.findMany({
    where: { workspaceId, actionId: null },
    select: { id: true, policyKey: true, mode: true, targetId: true, detail: true, decidedAt: true },
    orderBy: [{ decidedAt: 'asc' }, { targetId: 'asc' }],
  });
  const pending: PendingRow[] = rows.flatMap((r) =>
    isPolicyRule(r.policyKey) && ['dry_run', 'acted', 'held'].includes(r.mode)
      ? [{ ...r, rule: r.policyKey, mode: r.mode as DecisionMode }]
      : [],
  );
  if (pending.length === 0) return 0;
  const linked = await linkMade(db, workspaceId, pending);
  const labels = new Map(planned.map((p) => [`${p.rule}\u0000${p.targetId}`, p]));
  const target = (d: PendingRow): ActionTarget => {
    const p = labels.get(`${d.rule}\u0000${d.targetId}`);
    return { agentId: p?.agentId ?? null, targetId: d.targetId, label: p?.label ?? d.targetId };
  };
  let requested = linked.size;
  for (const [rule, mode, group] of groups(pending.filter((d) => !linked.has(d.id)))) {
    const chunks =
      mode !== 'held' && group.length <= ONE_BY_ONE
        ? group.map((d) => [d])
        : Array.from({ length: Math.ceil(group.length / MAX_TARGETS) }, (_, i) =>
            group.slice(i * MAX_TARGETS, (i + 1) * MAX_TARGETS),
          );
    for (const chunk of chunks) {
      try {
        const reason =
          chunk.length === 1
            ? `Response policy “${RULE_LABELS[rule]}” (v${version}): ${chunk[0]!.detail}`
            : `Response policy “${RULE_LABELS[rule]}” (v${version}): ${chunk.length} targets, ${BATCH_WHY[mode]}.`;
        const { ids } = await requestActions(
          db,
          policyActor(rule, version),
          workspaceId,
          {
            kind: RULE_KINDS[rule],
            targets: chunk.map(target),
            reason: reason.slice(0, 2000),
            policy: { key: rule, version },
            dryRun: mode === 'dry_run',
            forceApproval: mode === 'held',
          },
          chunk[0]!.decidedAt,
        );
        await link(
          db,
          chunk.map((d, i) => [d.id, ids[i]!]),
        );
        requested += chunk.length;
      } catch (error) {
        // Left without an action: the next evaluation tries again. One bad group never blocks the others.
        logger.error({ err: error, workspaceId, rule, mode, count: chunk.length }, 'response policy request failed');
      }
    }
  }
  return requested;
}

/** Decisions whose action was made before a crash (same rule and target, requested at the decision's time). */
async function linkMade(db: Db, workspaceId: string, pending: PendingRow[]): Promise<Set<string>> {
  const made = await db.platformAction.findMany({
    where: {
      workspaceId,
      policyKey: { in: [...new Set(pending.map((d) => d.rule))] },
      targetId: { in: [...new Set(pending.map((d) => d.targetId))] },
      requestedAt: { in: [...new Set(pending.map((d) => d.decidedAt.getTime()))].map((t) => new Date(t)) },
    },
    select: { id: true, policyKey: true, targetId: true, requestedAt: true, kind: true, status: true },
  });
  // A dry run's action is final at `dry_run`; an action's is never: the two are not mistaken for one another.
  const key = (rule: string | null, targetId: string, at: Date, dryRun: boolean) =>
    `${rule}\u0000${targetId}\u0000${at.getTime()}\u0000${dryRun}`;
  const byKey = new Map(made.map((a) => [key(a.policyKey, a.targetId, a.requestedAt, a.status === 'dry_run'), a]));
  const pairs: [string, string][] = [];
  for (const d of pending) {
    const a = byKey.get(key(d.rule, d.targetId, d.decidedAt, d.mode === 'dry_run'));
    if (a && a.kind === RULE_KINDS[d.rule]) pairs.push([d.id, a.id]);
  }
  await link(db, pairs);
  return new Set(pairs.map(([id]) => id));
}

async function link(db: Db | Tx, pairs: [string, string][]) {
  for (const [decisionId, actionId] of pairs)
    await db.responsePolicyDecision.update({ where: { id: decisionId }, data: { actionId } });
}

/** The job: every workspace with a saved response policy (or decisions still waiting for their action). */
export async function evaluateAllResponsePolicies(db: Db, now = new Date()) {
  const rows = await db.$queryRaw<{ workspaceId: string }[]>`
    SELECT DISTINCT "workspaceId" FROM "ResponsePolicyVersion"
    UNION SELECT DISTINCT "workspaceId" FROM "ResponsePolicyDecision" WHERE "actionId" IS NULL
    ORDER BY 1`;
  const out: ({ workspaceId: string } & EvaluateOutcome)[] = [];
  for (const { workspaceId } of rows) {
    try {
      const outcome = await evaluateResponsePolicies(db, workspaceId, now);
      if (outcome.skipped !== 'off') logger.info({ workspaceId, ...outcome }, 'response policies');
      out.push({ workspaceId, ...outcome });
    } catch (error) {
      logger.error({ err: error, workspaceId }, 'response policies failed');
    }
  }
  return out;
}
