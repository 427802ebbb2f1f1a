// OSCAL findings (one per control, linked to its observations) and risks (one per exposed trifecta agent), pure.
import type { ExposedAgent } from '@/lib/evidence/types.ts';
import type { ControlResult, ControlStatus } from '@/lib/posture/types.ts';
import { bullets, oneLine, prop, some, type Json } from './common.ts';
import { oscalControlId, oscalObjectiveId, oscalUuid } from './ids.ts';
import { STATUS_WORDS, toolOrigin, type ResultContext } from './observations.ts';

/** The control whose finding the trifecta risks hang from (6.4: lethal trifecta detection). */
export const TRIFECTA_CONTROL = '6.4';

type TargetStatus = { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'; remarks?: string };

/**
 * OSCAL 1.0.4 knows only satisfied and not-satisfied. Only a pass is satisfied: stale evidence, no assessment
 * and "not applicable" never claim it (decision 0015). The exact Tollgate status is kept in a prop.
 */
export const FINDING_STATUS: Record<ControlStatus, TargetStatus> = {
  pass: { state: 'satisfied', reason: 'pass' },
  partial: { state: 'not-satisfied', reason: 'fail', remarks: 'Some of its checks are not met.' },
  fail: { state: 'not-satisfied', reason: 'fail', remarks: 'None of its checks is met.' },
  stale: {
    state: 'not-satisfied',
    reason: 'other',
    remarks: 'Stale: the attestation behind it has expired, so nothing current shows it is in place.',
  },
  not_assessed: {
    state: 'not-satisfied',
    reason: 'other',
    remarks: 'Not assessed: nothing shows it is in place (no rule, or nobody has attested it).',
  },
  not_applicable: {
    state: 'not-satisfied',
    reason: 'other',
    remarks: 'Not applicable under an approved exception; not a claim that it is satisfied.',
  },
};

export const riskUuid = (ctx: ResultContext, agent: ExposedAgent) =>
  oscalUuid('risk', 'trifecta', ...ctx.scope, agent.externalId);

export function finding(c: ControlResult, observationUuids: string[], riskUuids: string[], ctx: ResultContext): Json {
  const status = FINDING_STATUS[c.status];
  const score = c.score === null ? '' : ` (score ${c.score} of 100)`;
  return {
    uuid: oscalUuid('finding', ...ctx.scope, c.id),
    title: `Control ${oscalControlId(c.id)}: ${c.title}`,
    description: `${STATUS_WORDS[c.status]}${score}.\n\n${bullets(c.reasons)}`,
    props: [
      prop('control-id', oscalControlId(c.id)),
      prop('status', c.status),
      ...(c.score === null ? [] : [prop('score', c.score)]),
    ],
    origins: toolOrigin(ctx),
    target: {
      type: 'objective-id',
      'target-id': oscalObjectiveId(c.id),
      title: `Objective of control ${oscalControlId(c.id)}`,
      status,
      'implementation-status':
        c.status === 'not_applicable' ? { state: 'not-applicable', remarks: oneLine(c.reasons.join(' ')) } : undefined,
    },
    'related-observations': some(observationUuids.map((u) => ({ 'observation-uuid': u }))),
    'related-risks': some(riskUuids.map((u) => ({ 'risk-uuid': u }))),
    remarks: c.next ? `Next: ${c.next}` : undefined,
  };
}

/** An agent holding all three trifecta legs, not mitigated and not accepted: an open risk. */
export function trifectaRisk(agent: ExposedAgent, observationUuids: string[], ctx: ResultContext): Json {
  const owner = agent.ownerEmail ? `owned by ${agent.ownerEmail}` : 'with no owner on record';
  return {
    uuid: riskUuid(ctx, agent),
    title: `Exposed lethal trifecta: agent ${oneLine(agent.name)}`,
    description: [
      `Agent "${oneLine(agent.name)}" (${agent.externalId}), ${owner}, holds ` +
        `all three trifecta legs: ${agent.legs.join(', ')}. Nothing breaks them: ` +
        `no external-send path is read-only, denied or gated by a human, and no ` +
        `approved exception accepts it.`,
      ...(agent.reasons.length ? [`Why:\n\n${bullets(agent.reasons)}`] : []),
    ].join('\n\n'),
    statement:
      'Content the agent reads from an untrusted source can instruct it to ' +
      'read private data and send it outside the organisation, with no person ' +
      'in the loop. Remove an app that lights a leg, make the external-send ' +
      'connectors read-only or require approval on their external-send ' +
      'actions, or record an approved, expiring exception.',
    props: [
      prop('agent-id', agent.externalId),
      ...(agent.ownerEmail ? [prop('owner', agent.ownerEmail)] : []),
      ...agent.legs.map((l) => prop('leg', l)),
    ],
    status: 'open',
    origins: toolOrigin(ctx),
    'related-observations': some(observationUuids.map((u) => ({ 'observation-uuid': u }))),
  };
}
