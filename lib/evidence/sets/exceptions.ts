// CAB exceptions as of the period's end, with their approvals: each exception's latest version before asOf
// (RecordVersion, entity 'exception'), its status then (an approved exception is expired from its review date
// on), who requested it, who decided and when, the review date, scope, CAB ticket and evidence attachments.
import type { Db } from '@/lib/db.ts';
import { exceptionStatus } from '@/lib/exceptions/state.ts';
import type { SnapshotException } from '@/lib/findings/types.ts';
import { allVersions, cmp, date, iso, strings, textOrNull, type Version } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

type Attachment = {
  id?: string;
  filename?: string | null;
  size?: number | null;
  sha256?: string | null;
  url?: string | null;
  addedBy?: string;
};

/** The data lib/exceptions/service.ts versions (dates as ISO strings). */
export type ExceptionVersion = {
  title: string;
  businessCase: string;
  scopeKind: string;
  scope: unknown;
  findingKeys: string[];
  cabTicket: string | null;
  status: string;
  requestedBy: string;
  requestedAt: string;
  reviewAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  attachments?: Attachment[];
};

/** Every exception as of `asOf`, oldest request first. */
export async function exceptionsAsOf(db: Db, workspaceId: string, asOf: Date): Promise<Version<ExceptionVersion>[]> {
  const versions = await allVersions<ExceptionVersion>(db, workspaceId, 'exception', asOf);
  return versions.sort(
    (a, b) => cmp(iso(a.data.requestedAt) ?? '', iso(b.data.requestedAt) ?? '') || cmp(a.entityId, b.entityId),
  );
}

/** The exceptions that can cover findings (approved, as versioned then), in the shape the findings rules read. */
export function snapshotExceptions(versions: Version<ExceptionVersion>[]): SnapshotException[] {
  return versions
    .filter((v) => v.data.status === 'approved')
    .map((v) => ({
      id: v.entityId,
      status: v.data.status,
      reviewAt: date(v.data.reviewAt)!,
      scopeKind: v.data.scopeKind,
      scope: v.data.scope,
      findingKeys: strings(v.data.findingKeys),
    }));
}

function attachment(a: Attachment) {
  return a.url
    ? { url: a.url, addedBy: a.addedBy ?? null }
    : { filename: a.filename ?? null, bytes: a.size ?? null, sha256: a.sha256 ?? null, addedBy: a.addedBy ?? null };
}

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  for (const { entityId, at, data: e } of await exceptionsAsOf(db, ctx.workspaceId, ctx.asOf)) {
    const reviewAt = date(e.reviewAt)!;
    yield {
      id: entityId,
      title: e.title,
      status: exceptionStatus({ status: e.status, reviewAt }, ctx.asOf),
      scopeKind: e.scopeKind,
      scope: e.scope ?? null,
      findingKeys: strings(e.findingKeys),
      cabTicket: textOrNull(e.cabTicket),
      requestedBy: e.requestedBy,
      requestedAt: iso(e.requestedAt),
      decidedBy: textOrNull(e.decidedBy),
      decidedAt: iso(e.decidedAt),
      decisionNote: textOrNull(e.decisionNote),
      reviewAt: reviewAt.toISOString(),
      revokedBy: textOrNull(e.revokedBy),
      revokedAt: iso(e.revokedAt),
      attachments: (e.attachments ?? []).map(attachment),
      businessCase: e.businessCase,
      stateSince: at.toISOString(),
    };
  }
}

export const exceptionsSet: EvidenceSetDef = {
  name: 'exceptions',
  title: 'CAB exceptions with approvals',
  kind: 'state',
  controls: 'all',
  columns: [
    'id',
    'title',
    'status',
    'scopeKind',
    'scope',
    'findingKeys',
    'cabTicket',
    'requestedBy',
    'requestedAt',
    'decidedBy',
    'decidedAt',
    'decisionNote',
    'reviewAt',
    'revokedBy',
    'revokedAt',
    'attachments',
    'businessCase',
    'stateSince',
  ],
  note:
    'Every exception requested before the pack’s as-of instant as its latest ' +
    'recorded version before then, with its status at that instant (an ' +
    'approved exception whose review date had passed reads expired), ' +
    'requester, decider, review date, scope, CAB ticket and evidence (link, ' +
    'or file name, size and SHA-256).',
  rows,
};
