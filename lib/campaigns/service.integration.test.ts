// Access-review campaigns against a real PostgreSQL (time injected): the snapshot taken at start, decisions by the
// assigned reviewer only, completion, a revoke that is a finding until the data shows it done, the owner's answer
// recorded with evidence, recurrence, and the reminder and escalation notices.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { saveWebhook } from '@/lib/alerts/notify.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { sendCampaignNotices } from './notices.ts';
import { eligibleReviewers, getCampaign, pendingCampaignChanges } from './queries.ts';
import {
  closeCampaign,
  decideItem,
  moveItem,
  recordOwnerAnswer,
  runCampaignLifecycle,
  startCampaign,
} from './service.ts';

const DAY = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const reviewerConfig = { roleMap: 'tg-grc=grc,tg-reviewers=reviewer,tg-audit=auditor', adminSubjects: '' };
let db: Db;
const users: Record<string, { id: string; label: string; role: string; roles: ('grc' | 'reviewer' | 'auditor')[] }> =
  {};
const texts: string[] = [];
let server: http.Server;

async function user(name: string, group: string, role: 'grc' | 'reviewer' | 'auditor') {
  const u = await db.user.create({
    data: { issuer: 'https://idp.test', subject: `sub-${name}`, email: `${name}@tollgate.example`, groups: [group] },
  });
  users[name] = { id: u.id, label: u.email!, role, roles: [role] };
}

async function workspace(id: string) {
  await createWorkspace(db, users.greta!, { id, name: id, kind: 'workspace', principal: null });
  await db.agentRole.create({
    data: {
      workspaceId: id,
      side: 'observed',
      name: 'agents-build',
      buildAgents: true,
      useAgents: true,
      groupName: 'builders',
      updatedBy: 't',
    },
  });
  await db.agentRole.create({
    data: { workspaceId: id, side: 'observed', name: 'no-agents', groupName: 'everyone', updatedBy: 't' },
  });
  const group = await db.group.create({ data: { workspaceId: id, displayName: 'builders', source: 'scim' } });
  for (const email of ['ann@acme.example', 'bob@acme.example']) {
    const m = await db.member.create({
      data: { workspaceId: id, email, userName: email, identitySource: 'scim' },
    });
    await db.groupMember.create({ data: { groupId: group.id, memberId: m.id } });
  }
  await db.member.create({
    data: {
      workspaceId: id,
      email: 'cy@acme.example',
      userName: 'cy',
      identitySource: 'csv',
      directAgentRoles: ['agents-build'],
    },
  });
  await importAgents(id, ['a1,Alpha,ann@acme.example,Gmail', 'a2,Beta,rhea@tollgate.example,Slack'], t0);
}

async function importAgents(ws: string, lines: string[], now: Date) {
  const { id } = await previewImport(db, users.greta!, ws, {
    filename: 'a.csv',
    content: Buffer.from(['agent_id,agent_name,owner_email,connected_apps', ...lines].join('\n')),
    fullExport: true,
  });
  await commitImport(db, users.greta!, ws, id, { skipInvalid: false, now });
}

const start = (ws: string, extra: Partial<Parameters<typeof startCampaign>[3]> = {}) =>
  startCampaign(
    db,
    users.greta!,
    ws,
    {
      name: 'Q1 access review',
      scopes: ['agent-roles', 'agent-owners'],
      reviewerIds: [users.rhea!.id, users.sam!.id],
      dueAt: at(14),
      recurrenceDays: null,
      ...extra,
    },
    { now: t0, reviewerConfig },
  );

beforeAll(async () => {
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1'; // the local receiver below
  db = createDb(await createTestDatabase('campaigns'));
  await user('greta', 'tg-grc', 'grc');
  await user('rhea', 'tg-reviewers', 'reviewer');
  await user('sam', 'tg-reviewers', 'reviewer');
  await user('otto', 'tg-audit', 'auditor');
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
  server.close();
  await db.$disconnect();
});

describe('reviewers', () => {
  it('are the Tollgate users whose roles may decide; an auditor may not', async () => {
    const labels = (await eligibleReviewers(db, reviewerConfig)).map((r) => r.label);
    expect(labels).toEqual(['greta@tollgate.example', 'rhea@tollgate.example', 'sam@tollgate.example']);
    await workspace('ws-refuse');
    await expect(start('ws-refuse', { reviewerIds: [users.otto!.id] })).rejects.toThrow(/reviewers/);
  });
});

describe('a campaign', () => {
  it('snapshots role holders and owners at start; what was reviewed stays what it was', async () => {
    await workspace('ws-snap');
    const { id, items } = await start('ws-snap');
    const c = (await getCampaign(db, 'ws-snap', id, t0))!;
    expect(c.status).toBe('running');
    expect(items).toBe(c.items.length);
    expect(c.items.map((i) => i.key).sort()).toEqual([
      'agent-owner:a1',
      'agent-owner:a2',
      'agent-role:ann@acme.example:agents-build',
      'agent-role:bob@acme.example:agents-build',
      'agent-role:cy@acme.example:agents-build',
    ]);
    // The owner who is a Tollgate user decides in Tollgate; the other is asked.
    const owners = Object.fromEntries(c.items.filter((i) => i.ownerEmail).map((i) => [i.ownerEmail, i.ownerIsUser]));
    expect(owners).toEqual({ 'ann@acme.example': false, 'rhea@tollgate.example': true });
    // Nobody reviews their own access: rhea owns Beta, so sam reviews it.
    expect(c.items.find((i) => i.key === 'agent-owner:a2')!.reviewerLabel).toBe('sam@tollgate.example');
    expect(c.progress.map((p) => p.total).reduce((a, b) => a + b)).toBe(5);

    await importAgents(
      'ws-snap',
      ['a1,Alpha,dora@acme.example,Gmail', 'a2,Beta,rhea@tollgate.example,Slack', 'a3,Gamma,x@acme.example,Gmail'],
      at(1),
    );
    const later = (await getCampaign(db, 'ws-snap', id, at(1)))!;
    expect(later.items.find((i) => i.key === 'agent-owner:a1')!.holder).toBe('ann@acme.example');
    expect(later.items).toHaveLength(5);
  });

  it('is decided by the assigned reviewer only, once, with a reason; complete when every item is', async () => {
    await workspace('ws-decide');
    const { id } = await start('ws-decide');
    const c = (await getCampaign(db, 'ws-decide', id, t0))!;
    const item = c.items.find((i) => i.reviewerId === users.rhea!.id)!;
    await expect(
      decideItem(db, users.sam!, 'ws-decide', item.id, { decision: 'keep', reason: 'ok' }, at(1)),
    ).rejects.toThrow(/assigned to rhea/);
    await expect(
      decideItem(db, users.rhea!, 'ws-decide', item.id, { decision: 'keep', reason: ' ' }, at(1)),
    ).rejects.toThrow(/reason/);
    const role = c.items.find((i) => i.scope === 'agent-roles')!;
    const reviewerOf = (i: { reviewerId: string }) => Object.values(users).find((u) => u.id === i.reviewerId)!;
    await expect(
      decideItem(db, reviewerOf(role), 'ws-decide', role.id, {
        decision: 'reassign',
        reason: 'x',
        reassignTo: 'z@acme.example',
      }),
    ).rejects.toThrow(/only ownership/);
    for (const i of c.items) {
      const result = await decideItem(
        db,
        reviewerOf(i),
        'ws-decide',
        i.id,
        { decision: 'keep', reason: 'Still needed' },
        at(2),
      );
      expect(result.completed).toBe(i === c.items.at(-1));
    }
    const done = (await getCampaign(db, 'ws-decide', id, at(2)))!;
    expect(done.status).toBe('completed');
    expect(done.endedAt).toEqual(at(2));
    expect(done.progress.every((p) => p.decided === p.total)).toBe(true);
    await expect(
      decideItem(db, users.greta!, 'ws-decide', item.id, { decision: 'revoke', reason: 'no' }),
    ).rejects.toThrow(/completed/);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: 'ws-decide', action: { startsWith: 'campaign.' } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((e) => e.action).filter((a) => a !== 'campaign.decide')).toEqual([
      'campaign.create',
      'campaign.start',
      'campaign.complete',
    ]);
    expect(audit.filter((e) => e.action === 'campaign.decide')).toHaveLength(5);
  });

  it('makes a revoke a finding with a due date, resolved once the data no longer shows the access', async () => {
    await workspace('ws-revoke');
    const { id } = await start('ws-revoke');
    const c = (await getCampaign(db, 'ws-revoke', id, t0))!;
    const bob = c.items.find((i) => i.key === 'agent-role:bob@acme.example:agents-build')!;
    await decideItem(db, users.greta!, 'ws-revoke', bob.id, { decision: 'revoke', reason: 'Left the team' }, at(1));
    const finding = await db.finding.findUniqueOrThrow({
      where: { workspaceId_key: { workspaceId: 'ws-revoke', key: `campaign-revoke:${bob.id}` } },
    });
    expect(finding).toMatchObject({
      status: 'open',
      kind: 'campaign-revoke',
      control: '6.1',
      subjectId: 'bob@acme.example',
    });
    expect(finding.dueAt.getTime()).toBeGreaterThan(at(1).getTime());

    // Nothing changed yet: the job's sync keeps it open.
    await runCampaignLifecycle(db, at(2));
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe('open');

    // Bob leaves the builders group: the access is gone, the finding resolves and stays resolved.
    const member = await db.member.findFirstOrThrow({ where: { workspaceId: 'ws-revoke', email: 'bob@acme.example' } });
    await db.groupMember.deleteMany({ where: { memberId: member.id } });
    await runCampaignLifecycle(db, at(3));
    expect(await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).toMatchObject({
      status: 'resolved',
      resolvedAt: at(3),
    });
    expect(await pendingCampaignChanges(db, 'ws-revoke')).toEqual([]);
  });

  it('records an outside owner’s answer with evidence; a reassign is open until the new owner shows', async () => {
    await workspace('ws-answer');
    const { id } = await start('ws-answer');
    const c = (await getCampaign(db, 'ws-answer', id, t0))!;
    const alpha = c.items.find((i) => i.key === 'agent-owner:a1')!;
    const beta = c.items.find((i) => i.key === 'agent-owner:a2')!;
    await expect(
      recordOwnerAnswer(db, users.greta!, 'ws-answer', beta.id, {
        decision: 'keep',
        reason: 'x',
        evidence: { url: 'https://wiki.acme.example/a' },
      }),
    ).rejects.toThrow(/no owner outside Tollgate/);
    await expect(
      recordOwnerAnswer(db, users.greta!, 'ws-answer', alpha.id, { decision: 'keep', reason: 'x', evidence: null }),
    ).rejects.toThrow(/evidence/);
    await recordOwnerAnswer(
      db,
      users.greta!,
      'ws-answer',
      alpha.id,
      {
        decision: 'reassign',
        reason: 'Ann moves to sales; Dora takes it over',
        reassignTo: 'Dora@acme.example',
        evidence: { filename: 'reply.eml', contentType: 'message/rfc822', bytes: Buffer.from('Yes, give it to Dora.') },
      },
      at(1),
    );
    const after = (await getCampaign(db, 'ws-answer', id, at(1)))!.items.find((i) => i.id === alpha.id)!;
    expect(after).toMatchObject({
      decision: 'reassign',
      reassignTo: 'dora@acme.example',
      decidedBy: 'greta@tollgate.example',
    });
    expect(after.answers).toEqual([
      expect.objectContaining({
        ownerEmail: 'ann@acme.example',
        filename: 'reply.eml',
        url: null,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const key = `campaign-reassign:${alpha.id}`;
    expect(
      (await db.finding.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: 'ws-answer', key } } })).status,
    ).toBe('open');
    await importAgents('ws-answer', ['a1,Alpha,dora@acme.example,Gmail', 'a2,Beta,rhea@tollgate.example,Slack'], at(2));
    await runCampaignLifecycle(db, at(2));
    expect(
      (await db.finding.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: 'ws-answer', key } } })).status,
    ).toBe('resolved');
  });
});

describe('moving an item', () => {
  it('hands an undecided item to another reviewer who may decide, never to its holder or an auditor', async () => {
    await workspace('ws-move');
    const { id } = await start('ws-move', { reviewerIds: [users.sam!.id] });
    const items = (await getCampaign(db, 'ws-move', id, t0))!.items;
    const beta = items.find((i) => i.key === 'agent-owner:a2')!;
    await expect(
      moveItem(db, users.greta!, 'ws-move', beta.id, users.rhea!.id, { now: t0, reviewerConfig }),
    ).rejects.toThrow(/own access/);
    await expect(
      moveItem(db, users.greta!, 'ws-move', beta.id, users.otto!.id, { now: t0, reviewerConfig }),
    ).rejects.toThrow(/may decide/);
    const alpha = items.find((i) => i.key === 'agent-owner:a1')!;
    await moveItem(db, users.greta!, 'ws-move', alpha.id, users.rhea!.id, { now: t0, reviewerConfig });
    const after = (await getCampaign(db, 'ws-move', id, t0))!;
    expect(after.items.find((i) => i.id === alpha.id)!.reviewerLabel).toBe('rhea@tollgate.example');
    expect(after.progress.map((p) => [p.reviewer, p.total])).toEqual([
      ['sam@tollgate.example', items.length - 1],
      ['rhea@tollgate.example', 1],
    ]);
    // Now Rhea decides it, and Sam may not.
    await expect(decideItem(db, users.sam!, 'ws-move', alpha.id, { decision: 'keep', reason: 'x' })).rejects.toThrow(
      /assigned to rhea/,
    );
    await decideItem(db, users.rhea!, 'ws-move', alpha.id, { decision: 'keep', reason: 'Ann still runs it' });
  });
});

describe('recurrence', () => {
  it('schedules the next campaign when one ends or is due; it starts on its day with a fresh snapshot', async () => {
    await workspace('ws-recur');
    const { id } = await start('ws-recur', { recurrenceDays: 90 });
    expect((await runCampaignLifecycle(db, at(5))).scheduled).toBe(0);
    await closeCampaign(db, users.greta!, 'ws-recur', id, at(6));
    expect((await runCampaignLifecycle(db, at(6))).scheduled).toBe(1);
    expect((await runCampaignLifecycle(db, at(7))).scheduled).toBe(0);
    const next = await db.campaign.findUniqueOrThrow({ where: { previousId: id } });
    expect(next).toMatchObject({ status: 'scheduled', startsAt: at(90), dueAt: at(104), recurrenceDays: 90 });
    expect(await db.campaignItem.count({ where: { campaignId: next.id } })).toBe(0);

    await importAgents('ws-recur', ['a1,Alpha,ann@acme.example,Gmail'], at(60));
    await runCampaignLifecycle(db, at(90));
    const started = (await getCampaign(db, 'ws-recur', next.id, at(90)))!;
    expect(started.status).toBe('running');
    expect(started.items.map((i) => i.key).filter((k) => k.startsWith('agent-owner:'))).toEqual(['agent-owner:a1']);
  });

  it('follows a campaign that is past its due date though still running', async () => {
    await workspace('ws-recur-due');
    const { id } = await start('ws-recur-due', { recurrenceDays: 30 });
    expect((await runCampaignLifecycle(db, at(15))).scheduled).toBe(1);
    expect((await db.campaign.findUniqueOrThrow({ where: { previousId: id } })).startsAt).toEqual(at(30));
  });
});

describe('notices', () => {
  it('asks outside owners once, reminds reviewers near the due date once, escalates once when overdue', async () => {
    await workspace('ws-notice');
    await saveWebhook(
      db,
      users.greta!,
      'ws-notice',
      { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, minSeverity: 'high', enabled: true },
      'k',
    );
    const { id } = await start('ws-notice');
    texts.length = 0;
    const only = async (now: Date) => {
      await sendCampaignNotices(db, 'k', { now });
      return db.campaignNotice.findMany({ where: { campaignId: id }, orderBy: { id: 'asc' } });
    };
    let sent = await only(at(1));
    expect(sent.map((n) => [n.kind, n.recipient])).toEqual([['ask', 'ann@acme.example']]);
    expect(texts.some((t) => t.includes('ann@acme.example') && t.includes('Alpha'))).toBe(true);
    expect(await only(at(2))).toHaveLength(1);

    sent = await only(at(12));
    expect(
      sent
        .filter((n) => n.kind === 'remind')
        .map((n) => n.recipient)
        .sort(),
    ).toEqual(['rhea@tollgate.example', 'sam@tollgate.example']);
    expect(await only(at(13))).toHaveLength(3);

    sent = await only(at(15));
    const escalation = sent.filter((n) => n.kind === 'escalate');
    expect(escalation).toHaveLength(1);
    expect(escalation[0]!.delivery).toBe('sent');
    expect(escalation[0]!.text).toMatch(/overdue since 2026-03-16: 5 item\(s\) undecided/);
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).escalatedAt).toEqual(at(15));
    expect(await only(at(16))).toHaveLength(4);
    const audited = await db.auditEvent.count({ where: { workspaceId: 'ws-notice', action: 'campaign.escalate' } });
    expect(audited).toBe(1);
  });
});
