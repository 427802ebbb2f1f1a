// Reads of access-review campaigns: the list with progress, one campaign with its items, the users who may
// review, and the revocations still to be seen in the data (for the findings). No service imports.
import type { Db, Tx } from '@/lib/db.ts';
import { can } from '@/lib/auth/permissions.ts';
import { parseRoleMap, parseSubjects, resolveRoles } from '@/lib/auth/role-map.ts';
import { type CampaignChange, campaignFindingKey } from '@/lib/findings/campaign.ts';
import { isOverdue, progressByReviewer } from './rules.ts';
import { readScopes } from './scopes/index.ts';
import { isScope, type Reviewer, type Scope } from './types.ts';

type Reader = Db | Tx;

export function reviewersOf(value: unknown): Reviewer[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is Reviewer => typeof r?.id === 'string' && typeof r?.label === 'string');
}

/**
 * Tollgate users who may decide items (campaigns:decide), their roles derived from their last groups claim
 * through the same role map as sign-in. The environment is read by default; tests pass their own.
 */
export async function eligibleReviewers(
  db: Reader,
  config: { roleMap?: string; adminSubjects?: string } = {},
): Promise<Reviewer[]> {
  const roleMap = parseRoleMap(config.roleMap ?? process.env.TOLLGATE_ROLE_MAP);
  const adminSubjects = parseSubjects(config.adminSubjects ?? process.env.TOLLGATE_ADMIN_SUBJECTS);
  const users = await db.user.findMany({
    where: { subject: { not: null } },
    orderBy: { email: 'asc' },
    select: { id: true, email: true, subject: true, groups: true },
  });
  return users
    .filter((u) =>
      can(resolveRoles({ groups: u.groups, subject: u.subject, roleMap, adminSubjects }), 'campaigns:decide'),
    )
    .map((u) => ({ id: u.id, label: u.email ?? u.subject! }));
}

/** Emails of Tollgate users, lower-cased: an owner among them decides in Tollgate, the others are asked. */
export async function userEmails(db: Reader): Promise<Set<string>> {
  const users = await db.user.findMany({ where: { email: { not: null } }, select: { email: true } });
  return new Set(users.map((u) => u.email!.toLowerCase()));
}

export type CampaignRow = {
  id: string;
  name: string;
  status: string;
  scopes: string[];
  startsAt: Date;
  dueAt: Date;
  endedAt: Date | null;
  recurrenceDays: number | null;
  createdBy: string;
  decided: number;
  total: number;
  overdue: boolean;
};

export async function listCampaigns(db: Reader, workspaceId: string, now: Date): Promise<CampaignRow[]> {
  const campaigns = await db.campaign.findMany({
    where: { workspaceId },
    orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      status: true,
      scopes: true,
      startsAt: true,
      dueAt: true,
      endedAt: true,
      recurrenceDays: true,
      createdBy: true,
    },
  });
  const counts = await db.campaignItem.groupBy({
    by: ['campaignId', 'decision'],
    where: { workspaceId },
    _count: { _all: true },
  });
  return campaigns.map((c) => {
    const mine = counts.filter((k) => k.campaignId === c.id);
    const total = mine.reduce((n, k) => n + k._count._all, 0);
    const decided = mine.filter((k) => k.decision !== null).reduce((n, k) => n + k._count._all, 0);
    return { ...c, decided, total, overdue: isOverdue(c, now) };
  });
}

export type CampaignItemView = {
  id: string;
  scope: string;
  key: string;
  label: string;
  holder: string;
  access: string;
  ownerEmail: string | null;
  ownerIsUser: boolean;
  detail: unknown;
  reviewerId: string;
  reviewerLabel: string;
  decision: string | null;
  reassignTo: string | null;
  reason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  answers: {
    id: string;
    ownerEmail: string;
    recordedBy: string;
    recordedAt: Date;
    url: string | null;
    filename: string | null;
    sha256: string | null;
  }[];
};

export async function getCampaign(db: Reader, workspaceId: string, id: string, now: Date) {
  const c = await db.campaign.findFirst({
    where: { id, workspaceId },
    include: {
      items: {
        orderBy: [{ scope: 'asc' }, { key: 'asc' }],
        include: { answers: { orderBy: { recordedAt: 'asc' }, omit: { content: true } } },
      },
      notices: { orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!c) return null;
  const reviewers = reviewersOf(c.reviewers);
  const items: CampaignItemView[] = c.items.map((i) => ({
    id: i.id,
    scope: i.scope,
    key: i.key,
    label: i.label,
    holder: i.holder,
    access: i.access,
    ownerEmail: i.ownerEmail,
    ownerIsUser: i.ownerIsUser,
    detail: i.detail,
    reviewerId: i.reviewerId,
    reviewerLabel: i.reviewerLabel,
    decision: i.decision,
    reassignTo: i.reassignTo,
    reason: i.reason,
    decidedAt: i.decidedAt,
    decidedBy: i.decidedBy,
    answers: i.answers.map((a) => ({
      id: a.id,
      ownerEmail: a.ownerEmail,
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt,
      url: a.evidenceUrl,
      filename: a.filename,
      sha256: a.sha256,
    })),
  }));
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    scopes: c.scopes,
    reviewers,
    startsAt: c.startsAt,
    dueAt: c.dueAt,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    recurrenceDays: c.recurrenceDays,
    createdBy: c.createdBy,
    previousId: c.previousId,
    escalatedAt: c.escalatedAt,
    overdue: isOverdue(c, now),
    progress: progressByReviewer(reviewers, items),
    items,
    notices: c.notices.map((n) => ({ kind: n.kind, recipient: n.recipient, delivery: n.delivery, sentAt: n.sentAt })),
  };
}
export type CampaignDetail = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;

/**
 * Revoke and reassign decisions whose finding has not been resolved yet, each with who holds the access now
 * (its scope read again). Once resolved, a decision is done: the access coming back later is a new question for
 * the next campaign, not the old finding reopened.
 */
export async function pendingCampaignChanges(db: Reader, workspaceId: string): Promise<CampaignChange[]> {
  const items = await db.campaignItem.findMany({
    where: { workspaceId, decision: { in: ['revoke', 'reassign'] } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      scope: true,
      key: true,
      label: true,
      holder: true,
      access: true,
      detail: true,
      decision: true,
      reassignTo: true,
      reason: true,
      decidedBy: true,
      decidedAt: true,
      campaign: { select: { id: true, name: true } },
    },
  });
  if (items.length === 0) return [];
  const keyOf = (i: (typeof items)[number]) => campaignFindingKey(i.decision as 'revoke' | 'reassign', i.id);
  const resolved = new Set(
    (
      await db.finding.findMany({
        where: { workspaceId, status: 'resolved', key: { in: items.map(keyOf) } },
        select: { key: true },
      })
    ).map((f) => f.key),
  );
  const pending = items.filter((i) => !resolved.has(keyOf(i)));
  if (pending.length === 0) return [];
  const scopes = [...new Set(pending.map((i) => i.scope))].filter(isScope) as Scope[];
  // Only the members and agents the pending decisions are about: a sync never reads the whole fleet for them.
  const subjects = [...new Set(pending.map((i) => subjectOf(i.key)))];
  const now = new Map((await readScopes(db, workspaceId, scopes, subjects)).map((s) => [s.key, s]));
  return pending.map((i) => {
    const current = now.get(i.key);
    return {
      itemId: i.id,
      campaignId: i.campaign.id,
      campaignName: i.campaign.name,
      scope: i.scope,
      key: i.key,
      label: i.label,
      holder: i.holder,
      access: i.access,
      subjectType: i.key.startsWith('agent-role:') ? 'member' : 'agent',
      subjectId: subjectOf(i.key),
      decision: i.decision as 'revoke' | 'reassign',
      reassignTo: i.reassignTo,
      reason: i.reason ?? '',
      decidedBy: i.decidedBy ?? '',
      decidedAt: i.decidedAt ?? new Date(0),
      current: current ? current.holder : null,
    };
  });
}

/** The subject named in an item key: the member's email of a role assignment, else the agent or GPT id. */
function subjectOf(key: string): string {
  const parts = key.split(':');
  return parts[1] ?? key;
}

/** Campaigns as `tollgate campaigns --json` prints them: oldest first, items in key order. */
export async function campaignsJson(db: Reader, workspaceId: string, now: Date) {
  const rows = await listCampaigns(db, workspaceId, now);
  const out = [];
  for (const row of [...rows].reverse()) {
    const c = (await getCampaign(db, workspaceId, row.id, now))!;
    out.push({
      id: c.id,
      name: c.name,
      status: c.status,
      overdue: c.overdue,
      scopes: c.scopes,
      starts_at: c.startsAt.toISOString(),
      due_at: c.dueAt.toISOString(),
      ended_at: c.endedAt?.toISOString() ?? null,
      recurrence_days: c.recurrenceDays,
      progress: c.progress.map((p) => ({ reviewer: p.reviewer, decided: p.decided, total: p.total })),
      items: [...c.items]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((i) => ({
          key: i.key,
          scope: i.scope,
          label: i.label,
          holder: i.holder,
          reviewer: i.reviewerLabel,
          decision: i.decision,
          reassign_to: i.reassignTo,
          reason: i.reason,
          decided_by: i.decidedBy,
          decided_at: i.decidedAt?.toISOString() ?? null,
        })),
    });
  }
  return out;
}
