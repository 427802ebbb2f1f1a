// CAB exceptions against a real PostgreSQL: who may decide, the 90-day rule with nothing half-saved,
// expiry at the review instant (time injected), revocation, and a trifecta accepted until its agent changes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { parseAgentFilter } from '@/lib/agents/filter.ts';
import { fleetSummary, listAgents } from '@/lib/agents/queries.ts';
import { acceptedAgentIds } from './acceptances.ts';
import { coveringExceptions, getException, listExceptions } from './queries.ts';
import { addAttachment, approveException, rejectException, requestException, revokeException } from './service.ts';
import { exceptionStatus } from './state.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { findingStatus as findingStatusOf } from '@/lib/findings/status.ts';

const DAY = 86_400_000;
const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] as const };
const ciso = { id: 'u-cyrus', label: 'cyrus@acme.example', role: 'ciso', roles: ['ciso'] as const };
const t0 = new Date('2026-03-02T09:00:00Z');
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('exceptions'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string, csv = '') {
  await createWorkspace(db, reviewer, { id, name: id, kind: 'workspace', principal: null });
  if (csv) await importAgents(id, csv);
  // The real cause of a finding: Slack observed with allow_all, evaluated by the findings engine.
  await db.actionControl.create({
    data: { workspaceId: id, side: 'observed', appId: 'slack', enabled: true, mode: 'allow_all', updatedBy: 'test' },
  });
  await db.$transaction((tx) => syncFindings(tx, id, t0));
  expect(
    await db.finding.findFirst({ where: { workspaceId: id, key: 'allow-all:slack' }, select: { status: true } }),
  ).toEqual({ status: 'open' });
}

async function importAgents(ws: string, csv: string) {
  const { id } = await previewImport(db, reviewer, ws, {
    filename: 'a.csv',
    content: Buffer.from(`agent_id,agent_name,owner_email,connected_apps\n${csv}`),
    fullExport: true,
  });
  await commitImport(db, reviewer, ws, id, { skipInvalid: false });
}

const slackRequest = (reviewAt = new Date(t0.getTime() + 60 * DAY)) => ({
  title: 'Slack for the support bot',
  businessCase: 'Support answers customers from Slack; the CAB accepted this for one quarter.',
  scope: { kind: 'action_control', appId: 'slack', mode: 'allow_all' },
  findingKeys: ['allow-all:slack'],
  cabTicket: 'CHG-1042',
  reviewAt,
  links: ['https://cab.acme.example/CHG-1042'],
});

const counts = async (ws: string) => ({
  exceptions: await db.exception.count({ where: { workspaceId: ws } }),
  versions: await db.recordVersion.count({ where: { workspaceId: ws, entity: 'exception' } }),
  audit: await db.auditEvent.count({ where: { workspaceId: ws, action: { startsWith: 'exceptions.' } } }),
});

describe('CAB exceptions', () => {
  it('refuses approval by the requester, even holding the approve permission, and saves nothing', async () => {
    const ws = 'ws-exc-self';
    await workspace(ws);
    const cisoRequesting = { ...ciso, roles: ['ciso', 'reviewer'] as const };
    const { id } = await requestException(db, cisoRequesting, ws, slackRequest(), t0);
    const before = await counts(ws);
    await expect(approveException(db, cisoRequesting, ws, id, {}, t0)).rejects.toThrow(
      /requester cannot decide their own exception/,
    );
    // The same person by e-mail under another user id is still the requester.
    await expect(
      approveException(db, { ...ciso, id: 'u-other', label: 'CYRUS@acme.example' }, ws, id, {}, t0),
    ).rejects.toThrow(/requester cannot decide/);
    await expect(
      approveException(db, { ...reviewer, id: 'u-ada', label: 'ada@acme.example' }, ws, id, {}, t0),
    ).rejects.toThrow(/exceptions:approve/);
    expect(await counts(ws)).toEqual(before);
    expect((await db.exception.findUniqueOrThrow({ where: { id } })).status).toBe('requested');
  });

  it('refuses a review date 91 days out, at request and at approval, with nothing saved', async () => {
    const ws = 'ws-exc-91';
    await workspace(ws);
    await expect(
      requestException(db, reviewer, ws, slackRequest(new Date(t0.getTime() + 91 * DAY)), t0),
    ).rejects.toThrow(/is 91 days away; at most 90/);
    expect(await counts(ws)).toEqual({ exceptions: 0, versions: 0, audit: 0 });

    const { id } = await requestException(db, reviewer, ws, slackRequest(), t0);
    const before = await counts(ws);
    await expect(
      approveException(db, ciso, ws, id, { reviewAt: new Date(t0.getTime() + 91 * DAY) }, t0),
    ).rejects.toThrow('The review date 2026-06-01 is 91 days after approval; at most 90 are allowed.');
    // A request left undecided past its proposed review date cannot be approved as it stands.
    await expect(approveException(db, ciso, ws, id, {}, new Date(t0.getTime() + 61 * DAY))).rejects.toThrow(
      /is not after approval/,
    );
    expect(await counts(ws)).toEqual(before);
    expect((await db.exception.findUniqueOrThrow({ where: { id } })).status).toBe('requested');
  });

  it('is in force once approved, covers its findings, and expires at the review instant with no write', async () => {
    const ws = 'ws-exc-expiry';
    await workspace(ws);
    const reviewAt = new Date(t0.getTime() + 30 * DAY);
    const { id } = await requestException(db, reviewer, ws, slackRequest(reviewAt), t0);
    expect((await coveringExceptions(db, ws, t0)).size).toBe(0);
    await approveException(db, ciso, ws, id, { note: 'CAB 2026-03-02' }, t0);

    expect((await coveringExceptions(db, ws, new Date(reviewAt.getTime() - 1))).get('allow-all:slack')?.id).toBe(id);
    expect((await coveringExceptions(db, ws, reviewAt)).size).toBe(0);
    // The Findings page's rule agrees: excepted until the review instant, open from it.
    const finding = await db.finding.findFirstOrThrow({ where: { workspaceId: ws, key: 'allow-all:slack' } });
    const exceptions = await db.exception.findMany({
      where: { workspaceId: ws },
      select: { id: true, status: true, reviewAt: true, scopeKind: true, scope: true, findingKeys: true },
    });
    expect(findingStatusOf(finding, exceptions, new Date(reviewAt.getTime() - 1))).toEqual({
      status: 'excepted',
      exceptionId: id,
    });
    expect(findingStatusOf(finding, exceptions, reviewAt)).toEqual({ status: 'open', exceptionId: null });
    const [atReview] = await listExceptions(db, ws, reviewAt);
    expect(atReview).toMatchObject({ id, status: 'expired', stored: 'approved' });
    expect((await listExceptions(db, ws, new Date(reviewAt.getTime() - 13 * DAY)))[0]).toMatchObject({
      status: 'approved',
      expiring: true,
    });
    expect((await listExceptions(db, ws, new Date(reviewAt.getTime() - 15 * DAY)))[0]).toMatchObject({
      status: 'approved',
      expiring: false,
    });
    // Expired is not revocable; renewal is a new request.
    await expect(revokeException(db, ciso, ws, id, {}, reviewAt)).rejects.toThrow(
      /is expired.*Renewal is a new request/,
    );

    const versions = await versionsOf(db, ws, 'exception', id);
    expect(versions.map((v) => (v.data as { status: string }).status)).toEqual(['requested', 'approved']);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: ws, targetId: id },
      orderBy: { seq: 'asc' },
      select: { action: true, actorLabel: true, diff: true },
    });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ['exceptions.request', 'rhea@acme.example'],
      ['exceptions.approve', 'cyrus@acme.example'],
    ]);
    expect(audit[1]!.diff).toMatchObject({ from: 'requested', to: 'approved', note: 'CAB 2026-03-02' });
  });

  it('revokes an approval, reopening its findings; rejects a request only with a note', async () => {
    const ws = 'ws-exc-revoke';
    await workspace(ws);
    const { id } = await requestException(db, reviewer, ws, slackRequest(), t0);
    await approveException(db, ciso, ws, id, {}, t0);
    const later = new Date(t0.getTime() + DAY);
    await revokeException(db, ciso, ws, id, { note: 'Support moved to Zendesk' }, later);
    expect(exceptionStatus(await db.exception.findUniqueOrThrow({ where: { id } }), later)).toBe('revoked');
    expect((await coveringExceptions(db, ws, later)).size).toBe(0);
    await expect(approveException(db, ciso, ws, id, {}, later)).rejects.toThrow(/is revoked/);

    const other = await requestException(db, reviewer, ws, slackRequest(), t0);
    await expect(rejectException(db, ciso, ws, other.id, {}, t0)).rejects.toThrow(/note is required/);
    await rejectException(db, ciso, ws, other.id, { note: 'Use read-only' }, t0);
    expect(await getException(db, ws, other.id, t0)).toMatchObject({
      status: 'rejected',
      decidedBy: 'cyrus@acme.example',
      decisionNote: 'Use read-only',
    });
  });

  it('refuses unknown findings, http links, and keeps attachments with their SHA-256 (10 MB at most)', async () => {
    const ws = 'ws-exc-attach';
    await workspace(ws);
    await expect(requestException(db, reviewer, ws, { ...slackRequest(), findingKeys: ['nope'] }, t0)).rejects.toThrow(
      /Unknown finding nope/,
    );
    await expect(
      requestException(db, reviewer, ws, { ...slackRequest(), links: ['http://cab.acme.example/x'] }, t0),
    ).rejects.toThrow(/https/);
    const { id } = await requestException(db, reviewer, ws, slackRequest(), t0);
    await addAttachment(
      db,
      reviewer,
      ws,
      id,
      { filename: 'cab-minutes.pdf', contentType: 'application/pdf', bytes: Buffer.from('minutes') },
      t0,
    );
    await expect(
      addAttachment(db, reviewer, ws, id, { filename: 'big.bin', bytes: Buffer.alloc(10 * 1024 * 1024 + 1) }, t0),
    ).rejects.toMatchObject({ status: 413 });
    await expect(addAttachment(db, reviewer, ws, id, { url: 'ftp://x.example/y' }, t0)).rejects.toThrow(/https/);
    const detail = await getException(db, ws, id, t0);
    expect(detail!.attachments.map((a) => [a.filename ?? a.url, a.sha256])).toEqual([
      ['https://cab.acme.example/CHG-1042', null],
      ['cab-minutes.pdf', createHash('sha256').update('minutes').digest('hex')],
    ]);
    expect(detail!.history).toHaveLength(2);
    await expect(
      addAttachment(db, reviewer, 'ws-exc-revoke', id, { url: 'https://x.example' }, t0),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('accepts an agent’s trifecta at its configuration hash until it changes or the review date passes', async () => {
    const ws = 'ws-exc-trifecta';
    await workspace(ws, 'inbox,Inbox triage,a@acme.example,Google Drive;Slack\n');
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: ws, externalId: 'inbox' } });
    expect(agent.effectiveState).toBe('exposed');
    const reviewAt = new Date(Date.now() + 30 * DAY);
    const now = new Date();
    const { id } = await requestException(
      db,
      reviewer,
      ws,
      {
        title: 'Inbox triage replies in Slack',
        businessCase: 'Triage posts summaries to a private Slack channel.',
        scope: { kind: 'trifecta', agentId: 'inbox' },
        reviewAt,
      },
      now,
    );
    expect((await db.exception.findUniqueOrThrow({ where: { id } })).scope).toEqual({
      agentId: agent.id,
      configHash: agent.configHash,
    });
    await approveException(db, ciso, ws, id, {}, now);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).effectiveState).toBe('accepted');
    expect(await acceptedAgentIds(db, ws, now)).toEqual([agent.id]);
    // At the review instant nothing is written, and the agent is no longer accepted.
    expect(await acceptedAgentIds(db, ws, reviewAt)).toEqual([]);

    // A new connector changes the configuration hash: the exception lapses.
    await importAgents(ws, 'inbox,Inbox triage,a@acme.example,Google Drive;Slack;Gmail\n');
    const changed = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(changed.configHash).not.toBe(agent.configHash);
    expect(changed.effectiveState).toBe('exposed');
    expect(await acceptedAgentIds(db, ws, now)).toEqual([]);
    expect((await listExceptions(db, ws, now))[0]).toMatchObject({ id, status: 'approved', lapsed: true });
  });

  it('puts the agent back to exposed when its trifecta exception is revoked', async () => {
    const ws = 'ws-exc-trifecta-revoke';
    await workspace(ws, 'bot,Release bot,a@acme.example,Google Drive;Slack\n');
    const now = new Date();
    const { id } = await requestException(
      db,
      reviewer,
      ws,
      {
        title: 'Release bot',
        businessCase: 'Posts release notes to the public channel.',
        scope: { kind: 'trifecta', agentId: 'bot' },
        reviewAt: new Date(now.getTime() + 10 * DAY),
      },
      now,
    );
    await approveException(db, ciso, ws, id, {}, now);
    const state = async () =>
      (await db.agent.findFirstOrThrow({ where: { workspaceId: ws, externalId: 'bot' } })).effectiveState;
    expect(await state()).toBe('accepted');
    await revokeException(db, ciso, ws, id, {}, now);
    expect(await state()).toBe('exposed');
  });

  it('shows an agent whose exception expired as exposed in the inventory, though stored as accepted', async () => {
    const ws = 'ws-exc-inventory';
    await workspace(ws, 'bot,Release bot,a@acme.example,Google Drive;Slack\nfiles,Files,a@acme.example,Google Drive\n');
    const now = new Date();
    const { id } = await requestException(
      db,
      reviewer,
      ws,
      {
        title: 'Release bot',
        businessCase: 'Posts release notes to the public channel.',
        scope: { kind: 'trifecta', agentId: 'bot' },
        reviewAt: new Date(now.getTime() + 10 * DAY),
      },
      now,
    );
    await approveException(db, ciso, ws, id, {}, now);
    const shown = async (state?: string) =>
      (await listAgents(db, ws, parseAgentFilter(state ? { state } : {}))).rows.map(
        (r) => `${r.externalId}:${r.effectiveState}`,
      );
    expect(await shown('accepted')).toEqual(['bot:accepted']);
    expect(await shown('exposed')).toEqual([]);
    expect(await fleetSummary(db, ws)).toMatchObject({ accepted: 1, exposed: 0 });

    // The review instant passes: no job runs, the stored column is untouched, the inventory reads exposed.
    await db.exception.update({ where: { id }, data: { reviewAt: new Date(now.getTime() - 1) } });
    expect((await db.agent.findFirstOrThrow({ where: { workspaceId: ws, externalId: 'bot' } })).effectiveState).toBe(
      'accepted',
    );
    expect(await shown('accepted')).toEqual([]);
    expect(await shown('exposed')).toEqual(['bot:exposed']);
    expect((await shown()).sort()).toEqual(['bot:exposed', 'files:none']);
    expect(await fleetSummary(db, ws)).toMatchObject({ accepted: 0, exposed: 1 });
  });
});
