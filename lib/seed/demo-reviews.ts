// The demo's publish reviews, through the same services as the Reviews pages: the workspace checklist signed
// with evidence links, and the two agents Nora Walsh and Hana Sato (agents-admin) approved before they were
// published. The CRM exporter was published with no approval, and the demo's logs raise that alert; the
// vendor intake agent has changed since its approval, and the imported agents were never reviewed: the queue.
import type { Actor } from '@/lib/audit/record.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { STEPS } from '@/lib/checklist/steps.ts';
import type { Db } from '@/lib/db.ts';
import { decide } from '@/lib/reviews/decisions.ts';
import { ago, type Step } from './timeline.ts';

const DAY = 86_400_000;
const reviewer = (email: string): Actor & { email: string } => ({ id: null, label: email, role: 'reviewer', email });
const nora = reviewer('nora.walsh@acme.example');
const hana = reviewer('hana.sato@acme.example');

/** Before the agents exist: the workspace's pre-launch checklist, signed 45 days ago. */
export function checklistSteps(db: Db, workspaceId: string, now: Date): Step[] {
  const signedAt = ago(now, 45);
  return [
    {
      at: signedAt,
      run: async () => {
        for (const s of STEPS) {
          await signStep(
            db,
            nora,
            workspaceId,
            {
              step: s.id,
              note: `Quarterly re-attestation, step ${s.id}.`,
              evidence: { url: `https://wiki.acme.example/ai-governance/prelaunch/${s.name}` },
            },
            signedAt,
          );
        }
      },
    },
  ];
}

/** The approvals given before each publish (the agents' AGENT_CREATED events are delivered by then). */
export function approvalSteps(db: Db, workspaceId: string, now: Date): Step[] {
  const at = (daysAgo: number, hour: number) =>
    new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + hour * 3_600_000);
  const digest = at(40, 12);
  const intake = at(39, 14);
  return [
    {
      at: digest,
      run: () =>
        decide(
          db,
          nora,
          workspaceId,
          'agent-pipeline-digest',
          {
            decision: 'approve',
            reason: 'Reads Salesforce; posts to Slack only with approval. Meets 6.3.',
            sequence: 1,
            confirmedSteps: [1, 2, 3],
          },
          digest,
        ),
    },
    {
      at: intake,
      run: () =>
        decide(
          db,
          hana,
          workspaceId,
          'agent-vendor-intake',
          {
            decision: 'approve',
            reason: 'Notion and Drive reads only; no external send.',
            sequence: 1,
            confirmedSteps: [1, 2, 3],
            conditions: 'Re-review before adding any mail connector.',
          },
          intake,
        ),
    },
  ];
}
