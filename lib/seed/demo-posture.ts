// The demo's attestations and a control the organisation declared not applicable, through the same services as
// the app, so the demo posture is mixed: most attested controls current, one stale, two never attested.
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { attestableControls } from '@/lib/posture/attestation-state.ts';
import { attest } from '@/lib/posture/attestations.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { exceptionStep } from './demo-governance.ts';
import { ago, type Step } from './timeline.ts';

const DAY = 86_400_000;
const GRC: Actor = { id: null, label: 'greta.grc@demo.tollgate.local', role: 'grc' };

/**
 * [control, statement, days ago attested, days valid] — 4.3's quarterly review lapsed; 2.3 and 3.3 were never attested.
 */
const ATTESTED: [string, string, number, number][] = [
  ['1.1', 'SAML SSO through Okta is enforced for every user; password login is disabled.', 30, 90],
  ['1.2', 'Okta enforces phishing-resistant MFA for the ChatGPT Enterprise app.', 30, 90],
  ['2.1', 'Reviewed the data privacy guarantees with Legal; no training on business data (DPA signed).', 45, 90],
  ['2.2', 'Conversation retention set to 30 days in the workspace data controls.', 20, 90],
  ['2.4', 'Acceptable use policy published and acknowledged by every member.', 60, 90],
  ['3.1', 'Third-party GPTs are disabled; only internal GPTs may be shared.', 12, 90],
  ['4.1', 'Usage analytics reviewed monthly by the AI governance board.', 25, 90],
  ['4.3', 'Quarterly audit trail review completed and filed.', 100, 90],
  ['5.1', 'Integration risk assessments on file for every connected app.', 40, 90],
  ['5.2', 'Only approved integration patterns are in use.', 40, 90],
  ['6.2', 'Quarterly re-attestation of every enabled app’s action control.', 15, 90],
  ['6.6', 'Compliance API events are forwarded to the SIEM and stored immutably for a year.', 15, 90],
];

export function postureSteps(db: Db, workspaceId: string, now: Date): Step[] {
  const known = attestableControls(CATALOGUE.controls);
  const attestations = ATTESTED.map(([controlId, statement, days, valid]): Step => {
    const at = ago(now, days);
    return {
      at,
      run: () =>
        attest(
          db,
          GRC,
          workspaceId,
          {
            controlId,
            statement,
            expiresAt: new Date(at.getTime() + valid * DAY),
            evidence: { url: `https://grc.acme.example/evidence/chatgpt-${controlId}` },
          },
          known,
          at,
        ),
    };
  });
  // Acme does not run Microsoft 365: Purview integration (4.2) does not apply.
  const purview = exceptionStep(
    db,
    workspaceId,
    now,
    6,
    {
      title: 'Control 4.2 (Microsoft Purview) does not apply',
      businessCase:
        'Acme runs Google Workspace; there is no Microsoft 365 tenant to integrate with. Revisit if that changes.',
      scope: { kind: 'control_na', controlId: '4.2' },
      cabTicket: 'CAB-2026-0450',
      reviewAt: new Date(now.getTime() + 80 * DAY),
    },
    { days: 5, note: 'Agreed: no Microsoft 365.' },
  );
  return [...attestations, ...purview];
}
