// The demo workspace's suspension runbook (guide 6.5) as a programme would have it: the runbook written by an
// admin, one incident suspension confirmed in the console and later restored, and last month's quarterly drill
// of a non-production agent (scheduled, run, confirmed, restored, the restore worked). Always through the
// suspension services; the times are passed in. Needs the demo inventory (lib/seed/demo-agents.ts) first.
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { runDrill, saveRunbookSettings, scheduleDrill } from '@/lib/suspensions/runbook.ts';
import { confirmSuspended, restoreAgent, suspendAgent } from '@/lib/suspensions/service.ts';
import { ago, runTimeline, type Step } from './timeline.ts';

// The demo identity provider's people (lib/demo-idp/users.ts).
const ADMIN: Actor = { id: null, label: 'ada.admin@demo.tollgate.local', role: 'admin' };
const REVIEWER: Actor = { id: null, label: 'rhea.reviewer@demo.tollgate.local', role: 'reviewer' };
const COMMANDER: Actor = { id: null, label: 'iris.incident@demo.tollgate.local', role: 'incident-commander' };
// From the demo export: the agent suspended in the incident, and the draft agent with no apps drilled on.
const INCIDENT_AGENT = 'agt_vmklx3phnbsa7ogy';
const DRILL_AGENT = 'agt_qynpmgqhtjiohyql';

export async function seedDemoSuspensions(db: Db, options: { workspaceId: string; now: Date }) {
  await runTimeline(suspensionSteps(db, options));
}

export function suspensionSteps(db: Db, { workspaceId, now }: { workspaceId: string; now: Date }): Step[] {
  const agentOf = async (externalId: string) => {
    const agent = await db.agent.findUnique({
      where: { workspaceId_externalId: { workspaceId, externalId } },
      select: { id: true },
    });
    if (!agent) throw new Error(`The demo agent ${externalId} is not in ${workspaceId}: seed the inventory first.`);
    return agent.id;
  };
  const at = (daysAgo: number, minutes = 0) => ago(now, daysAgo, minutes);
  let incident = '';
  let drill = '';
  return [
    {
      at: at(60),
      run: async () =>
        saveRunbookSettings(
          db,
          ADMIN,
          workspaceId,
          {
            authority: 'Anyone in the agents-admin role (Tollgate reviewers) plus the security incident commander',
            triggers: [
              'Trifecta detection (6.4)',
              'Sigma alert on suspension by an unexpected admin',
              'Anomalous Compliance API event',
            ],
            agentsAdminChannel: '#agents-admin',
            grcOnCall: 'greta.grc@demo.tollgate.local',
            incidentCommander: COMMANDER.label,
            drillAgentId: await agentOf(DRILL_AGENT),
          },
          at(60),
        ),
    },
    // Incident: the escalation summarizer reads the CRM and posts to Slack; suspended while it was investigated.
    {
      at: at(12),
      run: async () => {
        incident = (
          await suspendAgent(
            db,
            COMMANDER,
            {
              workspaceId,
              agentId: await agentOf(INCIDENT_AGENT),
              kind: 'incident',
              reason:
                'Trifecta detection (6.4): reads the CRM through mcp:acme-crm and posts ' +
                'to Slack; customer contact details seen in a public channel. INC-2291.',
            },
            at(12),
          )
        ).id;
      },
    },
    { at: at(12, 8), run: () => confirmSuspended(db, COMMANDER, { workspaceId, suspensionId: incident }, at(12, 8)) },
    {
      at: at(10),
      run: () =>
        restoreAgent(
          db,
          REVIEWER,
          {
            workspaceId,
            suspensionId: incident,
            reason:
              'INC-2291 closed: the posts came from a person, not the agent; Slack ' +
              'posting now needs approval per message.',
          },
          at(10),
        ),
    },
    // The quarterly drill: scheduled a week ahead, run at its time, timed, restored.
    {
      at: at(41),
      run: async () => {
        drill = (await scheduleDrill(db, REVIEWER, { workspaceId, at: at(34) }, at(41))).id;
      },
    },
    { at: at(34), run: () => runDrill(db, REVIEWER, { workspaceId, suspensionId: drill }, at(34)) },
    { at: at(34, 11), run: () => confirmSuspended(db, REVIEWER, { workspaceId, suspensionId: drill }, at(34, 11)) },
    {
      at: at(34, 24),
      run: () =>
        restoreAgent(
          db,
          REVIEWER,
          {
            workspaceId,
            suspensionId: drill,
            reason: 'Drill complete: restored in the console and ran once as before.',
            restoreWorked: true,
          },
          at(34, 24),
        ),
    },
  ];
}
