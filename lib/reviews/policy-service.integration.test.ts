// The approval policy against a real PostgreSQL: the guide's until saved; a save is one transaction (row,
// version, audit event with what was added and removed); dropping a guide category needs a confirmation;
// imports are all or nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { GUIDE_POLICY, loadPolicy } from './policy.ts';
import { exportPolicyPack } from './policy-pack.ts';
import { importPolicyPack, savePolicy } from './policy-service.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.03-approval-policy.jsonc', import.meta.url),
  'utf8',
);
const actor = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const t0 = new Date('2026-05-04T09:00:00Z');
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('policy'));
});
afterAll(async () => {
  await db.$disconnect();
});

const workspace = (id: string) => createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
const counts = async (ws: string) => ({
  rows: await db.approvalPolicy.count({ where: { workspaceId: ws } }),
  versions: await db.recordVersion.count({ where: { workspaceId: ws, entity: 'approval_policy' } }),
  audit: await db.auditEvent.count({ where: { workspaceId: ws, action: { startsWith: 'reviews.policy.' } } }),
});
const withoutEmail = {
  required: GUIDE_POLICY.required.filter((c) => c !== 'email_send'),
  logged: [...GUIDE_POLICY.logged],
};

describe('approval policy', () => {
  it('is the guide’s until saved; a save writes the row, a version and the audit event with its diff', async () => {
    const ws = 'ws-policy-save';
    await workspace(ws);
    expect(await loadPolicy(db, ws)).toEqual({ ...GUIDE_POLICY, source: 'guide', updatedBy: null, updatedAt: null });

    const next = {
      required: [...GUIDE_POLICY.required, 'hr_record_update'],
      logged: ['drive_create_or_update_within_owned_folder', 'confluence_comment'],
    };
    const result = await savePolicy(db, actor, ws, next, { now: t0 });
    expect(result).toMatchObject({
      changed: true,
      diff: {
        requiredAdded: ['hr_record_update'],
        requiredRemoved: [],
        loggedAdded: ['confluence_comment'],
        loggedRemoved: ['notion_create_page_in_owned_workspace', 'jira_comment_on_owned_ticket'],
      },
    });
    expect(result.departures.map((d) => [d.name, d.direction])).toEqual([
      ['notion_create_page_in_owned_workspace', 'weaker'],
      ['jira_comment_on_owned_ticket', 'weaker'],
      ['hr_record_update', 'stricter'],
      ['confluence_comment', 'stricter'],
    ]);
    expect(await loadPolicy(db, ws)).toEqual({
      ...next,
      source: 'saved',
      updatedBy: 'rhea@acme.example',
      updatedAt: t0,
    });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'reviews.policy.update' } });
    expect(audit).toMatchObject({ actorLabel: 'rhea@acme.example', targetType: 'approval_policy', targetId: ws });
    expect(audit.diff).toMatchObject({
      requiredAdded: ['hr_record_update'],
      loggedAdded: ['confluence_comment'],
      loggedRemoved: ['notion_create_page_in_owned_workspace', 'jira_comment_on_owned_ticket'],
      before: { source: 'guide', required: [...GUIDE_POLICY.required] },
      after: next,
      weakerThanGuide: [
        'notion_create_page_in_owned_workspace: not logged; the guide logs it',
        'jira_comment_on_owned_ticket: not logged; the guide logs it',
      ],
    });
    const versions = await db.recordVersion.findMany({ where: { workspaceId: ws, entity: 'approval_policy' } });
    expect(versions.map((v) => [v.entityId, v.at, v.data])).toEqual([
      [
        ws,
        t0,
        { required: next.required, logged: next.logged, updatedBy: 'rhea@acme.example', updatedAt: t0.toISOString() },
      ],
    ]);

    // Saving the same lists again writes nothing.
    expect((await savePolicy(db, actor, ws, next)).changed).toBe(false);
    expect(await counts(ws)).toEqual({ rows: 1, versions: 1, audit: 1 });
  });

  it('refuses to drop a guide category without the confirmation, and writes nothing', async () => {
    const ws = 'ws-policy-confirm';
    await workspace(ws);
    await expect(savePolicy(db, actor, ws, withoutEmail)).rejects.toThrow(
      'Confirm removing the guide’s human approval from email_send first. Nothing was saved.',
    );
    expect(await counts(ws)).toEqual({ rows: 0, versions: 0, audit: 0 });

    const result = await savePolicy(db, actor, ws, withoutEmail, { confirmWeaker: true });
    expect(result.departures).toEqual([
      {
        name: 'email_send',
        direction: 'weaker',
        message: 'email_send: not gated; the guide requires a human approval',
      },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'reviews.policy.update' } });
    expect(audit.diff).toMatchObject({
      requiredRemoved: ['email_send'],
      guideRemovalConfirmed: true,
      weakerThanGuide: ['email_send: not gated; the guide requires a human approval'],
    });

    // Already dropped: later changes need no new confirmation.
    expect(
      (await savePolicy(db, actor, ws, { ...withoutEmail, logged: [...withoutEmail.logged, 'email_send'] })).changed,
    ).toBe(true);
  });

  it('refuses bad names, duplicates and unknown workspaces', async () => {
    const ws = 'ws-policy-invalid';
    await workspace(ws);
    await expect(savePolicy(db, actor, ws, { required: ['Email Send'], logged: [] })).rejects.toThrow(
      /"Email Send" is not lower_snake_case/,
    );
    await expect(savePolicy(db, actor, ws, { required: ['email_send', 'email_send'], logged: [] })).rejects.toThrow(
      /"email_send" is listed twice/,
    );
    await expect(savePolicy(db, actor, ws, { required: ['email_send'], logged: ['email_send'] })).rejects.toThrow(
      /both approval required and logged/,
    );
    await expect(savePolicy(db, actor, 'ws-policy-nowhere', GUIDE_POLICY)).rejects.toMatchObject({ code: 'not_found' });
    expect(await counts(ws)).toEqual({ rows: 0, versions: 0, audit: 0 });
  });

  it('imports a pack as the whole policy, audited; a bad pack names its line and changes nothing', async () => {
    const ws = 'ws-policy-import';
    await workspace(ws);
    const exported = exportPolicyPack({ required: [...GUIDE_POLICY.required, 'hr_record_update'], logged: [] });
    const imported = await importPolicyPack(db, actor, ws, { filename: 'stricter.jsonc', text: exported });
    expect(imported.diff).toMatchObject({
      requiredAdded: ['hr_record_update'],
      loggedRemoved: [...GUIDE_POLICY.logged],
    });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'reviews.policy.import' } }),
    ).toMatchObject({ diff: { filename: 'stricter.jsonc' } });

    const bad = shipped.replace(
      '"financial_transaction_any":             "human_required"',
      '"financial_transaction_any":             "approve"',
    );
    await expect(importPolicyPack(db, actor, ws, { filename: 'bad.jsonc', text: bad })).rejects.toThrow(
      new RegExp(
        '^bad\\.jsonc: line 22, column 46, approval_required_actions\\.financial_transaction_any: ' +
          '"financial_transaction_any": expected "human_required", got "approve"\\. Nothing was imported\\.$',
      ),
    );
    await expect(
      importPolicyPack(db, actor, ws, { filename: 'weaker.jsonc', text: exportPolicyPack(withoutEmail) }),
    ).rejects.toThrow(/Confirm removing/);
    expect(await counts(ws)).toEqual({ rows: 1, versions: 1, audit: 1 });

    await importPolicyPack(db, actor, ws, { filename: 'hth.jsonc', text: shipped });
    expect(await loadPolicy(db, ws)).toMatchObject({ ...GUIDE_POLICY, source: 'saved' });
    expect(await counts(ws)).toEqual({ rows: 1, versions: 2, audit: 2 });
  });
});
