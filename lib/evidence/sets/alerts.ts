// Alerts (6.4, 6.6) raised within the period: created in [from, end), with severity, rule, agent, the events
// behind them, their triage status as it stands now (triage after the period is part of the evidence that the
// alert was handled) and how many triage notes they carry.
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { changesEnd, keyset, PAGE } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const SELECT = {
  id: true,
  createdAt: true,
  at: true,
  ruleId: true,
  title: true,
  severity: true,
  agentId: true,
  eventIds: true,
  message: true,
  status: true,
  assignee: true,
  updatedAt: true,
  _count: { select: { notes: true } },
} satisfies Prisma.AlertSelect;
type AlertRow = Prisma.AlertGetPayload<{ select: typeof SELECT }>;

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const alerts = keyset<AlertRow, string | undefined>(
    undefined,
    (after) =>
      db.alert.findMany({
        where: { workspaceId: ctx.workspaceId, createdAt: { gte: ctx.period.from, lt: changesEnd(ctx) } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: PAGE,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
        select: SELECT,
      }),
    (a) => a.id,
  );
  for await (const a of alerts) {
    yield {
      id: a.id,
      createdAt: a.createdAt,
      at: a.at,
      ruleId: a.ruleId,
      title: a.title,
      severity: a.severity,
      agentId: a.agentId,
      eventIds: a.eventIds,
      status: a.status,
      assignee: a.assignee,
      triageNotes: a._count.notes,
      updatedAt: a.updatedAt,
      message: a.message,
    };
  }
}

export const alertsSet: EvidenceSetDef = {
  name: 'alerts',
  title: 'Alerts',
  kind: 'changes',
  controls: ['6.4', '6.6'],
  columns: [
    'id',
    'createdAt',
    'at',
    'ruleId',
    'title',
    'severity',
    'agentId',
    'eventIds',
    'status',
    'assignee',
    'triageNotes',
    'updatedAt',
    'message',
  ],
  note:
    'Every alert raised within the period (createdAt; at is when its ' +
    'triggering event happened) with severity, rule, agent and events, and ' +
    'its triage status and notes count as they stand at generation.',
  rows,
};
