// The demo workspace's roster, role layout and action control as an admin brings them in (the members CSV,
// the live 6.01 / 6.02 exports), then the CAB exceptions a real programme would have: one in force for
// Slack's custom control, one reaching its review date within 14 days, and one still waiting for a CISO.
// Always through the same services as the app; findings come from the findings sync those services run.
// The roster and packs come in the day before the demo's history starts (lib/seed/timeline.ts).
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { importControlsPack } from '@/lib/action-control/service.ts';
import { approveException, requestException } from '@/lib/exceptions/service.ts';
import { importRolesPack } from '@/lib/roles/service.ts';
import { commitMemberImport, previewMemberImport } from '@/lib/roster/import/service.ts';
import { ago, type Step } from './timeline.ts';
import {
  DEMO_MEMBERS,
  DEMO_MEMBERS_FILENAME,
  DEMO_OBSERVED_ACTION_CONTROL,
  DEMO_OBSERVED_ROLES,
} from './demo-roster.ts';

const DAY = 86_400_000;
/** An exception request as the reviewer fills it in; `findings`: the kind and subject whose findings it covers. */
type Request = {
  title: string;
  businessCase: string;
  scope: Record<string, unknown>;
  cabTicket: string;
  reviewAt: Date;
  findings?: [kind: string, subject: string];
};
// The demo identity provider's reviewer and CISO (lib/demo-idp/users.ts): who asked and who approved.
const REVIEWER: Actor = { id: null, label: 'rhea.reviewer@demo.tollgate.local', role: 'reviewer' };
const CISO = { id: null, label: 'cyrus.ciso@demo.tollgate.local', role: 'ciso', roles: ['ciso'] as const };

export function governanceSteps(db: Db, actor: Actor, workspaceId: string, now: Date): Step[] {
  const exception = (days: number, request: Request, approval?: Approval) =>
    exceptionStep(db, workspaceId, now, days, request, approval);
  const imports: Step = {
    at: ago(now, 43),
    run: async () => {
      const at = ago(now, 43);
      const preview = await previewMemberImport(
        db,
        actor,
        workspaceId,
        { filename: DEMO_MEMBERS_FILENAME, content: Buffer.from(DEMO_MEMBERS), fullExport: true },
        at,
      );
      await commitMemberImport(db, actor, workspaceId, preview.id, { skipInvalid: false, now: at });
      await importRolesPack(
        db,
        actor,
        workspaceId,
        { side: 'observed', filename: 'acme-prod-roles.jsonc', text: DEMO_OBSERVED_ROLES, confirmHighRisk: false },
        at,
      );
      await importControlsPack(
        db,
        actor,
        workspaceId,
        { side: 'observed', filename: 'acme-prod-action-control.jsonc', text: DEMO_OBSERVED_ACTION_CONTROL },
        at,
      );
    },
  };
  return [
    imports,
    // Custom MCP servers on custom control: approved 42 days ago, review due in 9 days.
    ...exception(
      42.5,
      {
        title: 'Custom MCP servers: allow-listed tools only',
        businessCase:
          'The CRM lookup server exposes read tools used by the CRM exporter; every new tool is denied until reviewed.',
        scope: { kind: 'action_control', appId: 'custom_mcp_servers', mode: 'custom' },
        findings: ['action-custom', 'custom_mcp_servers'],
        cabTicket: 'CAB-2026-0377',
        reviewAt: new Date(now.getTime() + 9 * DAY),
      },
      { days: 42 },
    ),
    // Slack on custom (read channels and post to them, never DM): approved 20 days ago, review in 65 days.
    ...exception(
      21,
      {
        title: 'Slack: agents may post to internal channels',
        businessCase:
          'The pipeline digest posts a daily summary to #sales-leadership. Posting ' +
          'is human-approved per message; DMs and external posts stay denied.',
        scope: { kind: 'action_control', appId: 'slack', mode: 'custom' },
        findings: ['action-custom', 'slack'],
        cabTicket: 'CAB-2026-0412',
        reviewAt: new Date(now.getTime() + 65 * DAY),
      },
      { days: 20, note: 'Approved with per-message approval on posts.' },
    ),
    // Gmail on allow_all: asked for, not decided.
    ...exception(2, {
      title: 'Gmail: keep allow_all during the vendor-intake pilot',
      businessCase:
        'The vendor-intake pilot replies to suppliers from a shared mailbox for ' +
        'four weeks; the team asks to keep allow_all until send approval is configured.',
      scope: { kind: 'action_control', appId: 'gmail', mode: 'allow_all' },
      findings: ['allow-all', 'gmail'],
      cabTicket: 'CAB-2026-0431',
      reviewAt: new Date(now.getTime() + 28 * DAY),
    }),
  ];
}

type Approval = { days: number; note?: string };

/**
 * A reviewer asks for an exception `days` ago (covering the findings open then); a CISO approves it `approval.days`
 * ago. Two steps, each at its own time, so whatever happened in between runs in between (lib/seed/timeline.ts).
 */
export function exceptionStep(
  db: Db,
  workspaceId: string,
  now: Date,
  days: number,
  { findings, ...input }: Request,
  approval?: Approval,
): Step[] {
  const keys = async ([kind, subject]: [string, string]) =>
    (await db.finding.findMany({ where: { workspaceId, kind, subjectId: subject }, select: { key: true } })).map(
      (f) => f.key,
    );
  const requestedAt = ago(now, days);
  let id = '';
  const request: Step = {
    at: requestedAt,
    run: async () => {
      id = (
        await requestException(
          db,
          REVIEWER,
          workspaceId,
          { ...input, findingKeys: findings ? await keys(findings) : [] },
          requestedAt,
        )
      ).id;
    },
  };
  if (!approval) return [request];
  const approvedAt = ago(now, approval.days);
  if (approvedAt < requestedAt)
    throw new Error(`The demo exception "${input.title}" would be approved before it was requested.`);
  return [
    request,
    {
      at: approvedAt,
      run: () =>
        approveException(
          db,
          { ...CISO, roles: [...CISO.roles] },
          workspaceId,
          id,
          approval.note ? { note: approval.note } : {},
          approvedAt,
        ),
    },
  ];
}
