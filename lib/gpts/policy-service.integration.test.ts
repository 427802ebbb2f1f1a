// The GPT policy, file classifications and use cases against a real PostgreSQL, through the findings pipeline:
// the default policy until one is saved, every save a version with its audit event, and the GPT findings opened,
// owned, dated and resolved as the policy, a classification or a use case changes — or excepted by their key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { HIGH_SEVERITY_DAYS } from '@/lib/findings/due.ts';
import { gptFindingKey } from '@/lib/findings/gpt.ts';
import { listFindings } from '@/lib/findings/queries.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { approveException, requestException } from '@/lib/exceptions/service.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { DEFAULT_GPT_POLICY } from '@/lib/gpts/policy.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { classifyGptFile, setGptUseCase } from './file-class-service.ts';
import { gptPolicyHistory, loadGptPolicy } from './policy-queries.ts';
import { saveGptPolicy } from './policy-service.ts';
import { finishGptRead, startGptRead } from './store-runs.ts';
import { storeGpts } from './store.ts';

const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const demo = (name: string) => DEMO.find((d) => (d.gpt.latest_config as { name: string }).name === name)!;
const t0 = new Date('2026-12-02T09:00:00Z');
const DAY = 86_400_000;
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_policy'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspaceWith(ws: string, names: string[], options: { principal?: string; sync?: boolean } = {}) {
  await createWorkspace(db, admin, { id: ws, name: ws, kind: 'workspace', principal: options.principal ?? null });
  const items = [];
  for (const name of names) {
    const d = demo(name);
    const adapted = await adaptGpt({
      gpt: d.gpt as RawGpt,
      configs: d.configs as RawConfig[],
      sharedUsers: d.sharedUsers as RawSharedUser[],
    });
    items.push({ adapted, retryDetails: false });
  }
  await storeGpts(db, ws, items, { source: 'api', now: t0 });
  if (options.sync !== false) await db.$transaction((tx) => syncFindings(tx, ws, t0));
  return names.map((n) => String(demo(n).gpt.id));
}

const openFindings = async (ws: string, now = t0) =>
  (await listFindings(db, ws, { status: 'open' }, now)).filter((f) => f.kind.startsWith('gpt-'));
const keys = async (ws: string) => (await openFindings(ws)).map((f) => f.key).sort();

describe('GPT policy', () => {
  it('is the default until saved: no action domain is allowed, so every action is a finding', async () => {
    const ws = 'ws-gptp-default';
    const [weather] = await workspaceWith(ws, ['Field visit weather']);
    expect(await loadGptPolicy(db, ws)).toMatchObject({ ...DEFAULT_GPT_POLICY, version: 0, source: 'default' });
    expect(await keys(ws)).toContain(
      gptFindingKey('gpt-action-domain-not-allowed', weather!, 'action:api.open-meteo.com'),
    );
  });

  it('saves a new version each time, audited with its changes, and re-runs the findings in the same save', async () => {
    const ws = 'ws-gptp-save';
    const [weather] = await workspaceWith(ws, ['Field visit weather']);
    const domainKey = gptFindingKey('gpt-action-domain-not-allowed', weather!, 'action:api.open-meteo.com');
    const noAuthKey = gptFindingKey('gpt-action-no-auth', weather!, 'action:api.open-meteo.com');
    expect(await keys(ws)).toEqual(expect.arrayContaining([domainKey, noAuthKey]));

    const policy = {
      ...DEFAULT_GPT_POLICY,
      allowedActionDomains: ['Open-Meteo.com.'],
      publicApiDomains: ['open-meteo.com'],
    };
    const first = await saveGptPolicy(db, admin, ws, policy, { note: 'Weather is fine', now: t0 });
    expect(first).toMatchObject({ changed: true, version: 1 });
    expect(first.policy.allowedActionDomains).toEqual(['open-meteo.com']);
    expect(await keys(ws)).not.toContain(domainKey);
    expect(await keys(ws)).not.toContain(noAuthKey);

    expect(await saveGptPolicy(db, admin, ws, policy, { now: t0 })).toMatchObject({ changed: false, version: 1 });
    const second = await saveGptPolicy(db, admin, ws, { ...policy, allowedActionDomains: [] }, { now: t0 });
    expect(second).toMatchObject({ changed: true, version: 2 });
    expect(await keys(ws)).toContain(domainKey);

    expect((await gptPolicyHistory(db, ws)).map((v) => [v.version, v.createdBy, v.note])).toEqual([
      [2, admin.label, null],
      [1, admin.label, 'Weather is fine'],
    ]);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: ws, action: 'gpts.policy.save' },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.diff)).toEqual([
      expect.objectContaining({ version: 1, allowedActionDomains: { added: ['open-meteo.com'], removed: [] } }),
      expect.objectContaining({ version: 2, allowedActionDomains: { added: [], removed: ['open-meteo.com'] } }),
    ]);
  });

  it('refuses hostile or malformed input and saves nothing', async () => {
    const ws = 'ws-gptp-bad';
    await workspaceWith(ws, []);
    const bad = JSON.parse('{"__proto__": {"x": 1}, "allowedActionDomains": []}');
    await expect(saveGptPolicy(db, admin, ws, bad)).rejects.toThrow(/Nothing was saved/);
    await expect(saveGptPolicy(db, admin, ws, { ...DEFAULT_GPT_POLICY, maxVisibility: 'everyone' })).rejects.toThrow(
      /maxVisibility/,
    );
    expect(await db.gptPolicyVersion.count({ where: { workspaceId: ws } })).toBe(0);
  });

  it('a GPT shared beyond the policy is a finding owned by its owner, due in the high-severity window', async () => {
    const ws = 'ws-gptp-sharing';
    const [logo] = await workspaceWith(ws, ['Logo and banner studio']);
    const [finding] = (await openFindings(ws)).filter((f) => f.kind === 'gpt-shared-beyond-policy');
    expect(finding).toMatchObject({
      key: gptFindingKey('gpt-shared-beyond-policy', logo!, 'gpt'),
      control: '3.1',
      owner: String(demo('Logo and banner studio').gpt.owner_email),
      subject: { type: 'agent', id: logo, label: 'Logo and banner studio', href: `/agents/${logo}` },
    });
    expect(finding!.due.getTime() - t0.getTime()).toBe(HIGH_SEVERITY_DAYS * 86_400_000);
    await saveGptPolicy(db, admin, ws, { ...DEFAULT_GPT_POLICY, maxVisibility: 'anyone_with_link' }, { now: t0 });
    expect((await openFindings(ws)).filter((f) => f.kind === 'gpt-shared-beyond-policy')).toEqual([]);
  });

  it('an exception of the findings scope covers the GPT finding it lists, and nothing else', async () => {
    const ws = 'ws-gptp-exception';
    const [logo] = await workspaceWith(ws, ['Logo and banner studio']);
    const key = gptFindingKey('gpt-shared-beyond-policy', logo!, 'gpt');
    const ciso = { id: 'u-cyrus', label: 'cyrus@acme.example', role: 'ciso', roles: ['ciso'] as const };
    const body = { title: 'Public logo studio', businessCase: 'Event partners outside the workspace use it.' };
    // The scope of only the findings listed: a request that lists none is refused.
    await expect(
      requestException(db, admin, ws, {
        ...body,
        scope: { kind: 'findings' },
        reviewAt: new Date(Date.now() + 30 * DAY),
      }),
    ).rejects.toThrow(/tick at least one finding/);
    const { id } = await requestException(db, admin, ws, {
      ...body,
      scope: { kind: 'findings' },
      findingKeys: [key],
      reviewAt: new Date(Date.now() + 30 * DAY),
    });
    await approveException(db, ciso, ws, id);
    const now = new Date();
    const all = await listFindings(db, ws, { status: 'all' }, now);
    expect(all.find((f) => f.key === key)?.status).toBe('excepted');
    // Nothing else of the GPT is covered.
    expect(all.filter((f) => f.subject.id === logo && f.key !== key).every((f) => f.status === 'open')).toBe(true);
  });
});

describe('knowledge-file classification and use case', () => {
  it('classifications and a use case resolve their findings; memory with a restricted file opens one', async () => {
    const ws = 'ws-gptp-files';
    const [contract] = await workspaceWith(ws, ['Contract clause checker']);
    const gpt = demo('Contract clause checker');
    const files = (gpt.gpt.latest_config as { files: { id: string; name: string }[] }).files;
    const unclassified = (await openFindings(ws)).filter((f) => f.kind === 'gpt-file-unclassified');
    expect(unclassified.map((f) => f.key).sort()).toEqual(
      files.map((f) => gptFindingKey('gpt-file-unclassified', contract!, `file:${f.id}`)).sort(),
    );

    await classifyGptFile(db, admin, ws, { gptId: contract!, fileId: files[0]!.id, classification: 'restricted' }, t0);
    await classifyGptFile(db, admin, ws, { gptId: contract!, fileId: files[1]!.id, classification: 'public' }, t0);
    const after = await keys(ws);
    expect(after.filter((k) => k.startsWith('gpt-file-unclassified'))).toEqual([]);
    expect(after).toContain(gptFindingKey('gpt-memory-with-sensitive-file', contract!, `file:${files[0]!.id}`));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'gpts.file.classify' } });
    expect(audit.diff).toMatchObject({ fileId: files[0]!.id, classification: { from: null, to: 'restricted' } });

    expect(after).toContain(gptFindingKey('gpt-no-use-case', contract!, 'gpt'));
    await setGptUseCase(
      db,
      admin,
      ws,
      { gptId: contract!, useCase: 'Legal checks supplier contracts against the playbook.' },
      t0,
    );
    expect(await keys(ws)).not.toContain(gptFindingKey('gpt-no-use-case', contract!, 'gpt'));
  });

  it('refuses an unknown classification, a file the GPT does not have, and a workspace agent’s id', async () => {
    const ws = 'ws-gptp-files-bad';
    const [contract] = await workspaceWith(ws, ['Contract clause checker']);
    await expect(
      classifyGptFile(db, admin, ws, { gptId: contract!, fileId: 'file-nope', classification: 'public' }),
    ).rejects.toThrow(/no knowledge file/);
    await expect(
      classifyGptFile(db, admin, ws, { gptId: contract!, fileId: 'x', classification: 'secret' }),
    ).rejects.toThrow(/Choose one of/);
    await expect(setGptUseCase(db, admin, ws, { gptId: 'g-none', useCase: 'A reason long enough.' })).rejects.toThrow(
      /No GPT/,
    );
    expect(await db.gptFileClassification.count({ where: { workspaceId: ws } })).toBe(0);
  });
});

describe('what the GPT findings read besides the policy', () => {
  it('a read that changed GPTs re-runs the findings when it finishes', async () => {
    const ws = 'ws-gptp-read';
    await workspaceWith(ws, ['Logo and banner studio'], { sync: false });
    expect(await openFindings(ws)).toEqual([]);
    const runId = await startGptRead(db, ws, 'api', null, t0);
    await finishGptRead(
      db,
      runId,
      { listed: 1, created: 1, changed: 0, unchanged: 0, missing: 0 },
      { complete: true },
      t0,
    );
    expect((await openFindings(ws)).map((f) => f.kind)).toContain('gpt-shared-beyond-policy');
  });

  it('not used in 90 days only when the Compliance Logs go back that far and show no later use', async () => {
    const ws = 'ws-gptp-usage';
    const principal = 'org-gptp-usage';
    const day = 86_400_000;
    const [idle, busy] = await workspaceWith(ws, ['SQL explainer', 'Spreadsheet formula helper'], {
      principal,
      sync: false,
    });
    const event = (eventId: string, agentId: string, at: Date) => ({
      principalId: principal,
      eventId,
      type: 'CUSTOM_GPTS_LOG',
      at,
      agentId,
      record: {},
      fileId: 'f-1',
      line: 1,
    });
    await db.logEvent.createMany({
      data: [
        event('e-1', idle!, new Date(t0.getTime() - 120 * day)),
        event('e-2', busy!, new Date(t0.getTime() - 5 * day)),
      ],
    });
    const count = { principalId: principal, type: 'CUSTOM_GPTS_LOG', eventType: '', events: 2n };
    // Logs that began 100 days ago: the idle GPT's last use (120 days ago) is in no log; it shows no use since.
    await db.logEventCount.create({
      data: { ...count, oldest: new Date(t0.getTime() - 100 * day), newest: new Date(t0.getTime() - 5 * day) },
    });
    await db.$transaction((tx) => syncFindings(tx, ws, t0));
    const unused = (await openFindings(ws)).filter((f) => f.kind === 'gpt-unused').map((f) => f.subject.id);
    expect(unused).toEqual([idle]);

    // Logs that began last month prove nothing about 90 days: the finding resolves.
    await db.logEventCount.update({
      where: { principalId_type_eventType: { principalId: principal, type: 'CUSTOM_GPTS_LOG', eventType: '' } },
      data: { oldest: new Date(t0.getTime() - 30 * day) },
    });
    await db.$transaction((tx) => syncFindings(tx, ws, t0));
    expect((await openFindings(ws)).filter((f) => f.kind === 'gpt-unused')).toEqual([]);
  });
});
