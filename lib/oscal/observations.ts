// OSCAL observations (pure): one per control evaluation, with its checks and reasons, and one per attestation.
import type { AttestationRecord } from '@/lib/evidence/types.ts';
import type { ControlResult, ControlStatus } from '@/lib/posture/types.ts';
import { bullets, iso, oneLine, prop, some, uriReference, type Json } from './common.ts';
import { oscalControlId, oscalUuid } from './ids.ts';

/** What every part of one result refers to: the scope that names its UUIDs, its subject and its tool. */
export type ResultContext = { scope: string[]; workspaceUuid: string; workspaceTitle: string; toolUuid: string };

export const STATUS_WORDS: Record<ControlStatus, string> = {
  pass: 'Passes',
  partial: 'Partially met',
  fail: 'Fails',
  stale: 'Stale (its attestation has expired)',
  not_assessed: 'Not assessed',
  not_applicable: 'Not applicable',
};

/** The check score.ts adds for a control's attestation: a person's statement, examined; any other check is a test. */
const ATTESTED_CHECK = 'attested';

export const toolOrigin = (ctx: ResultContext) => [{ actors: [{ type: 'tool', 'actor-uuid': ctx.toolUuid }] }];
const subject = (ctx: ResultContext) => [
  { 'subject-uuid': ctx.workspaceUuid, type: 'component', title: ctx.workspaceTitle },
];

export const controlObservationUuid = (ctx: ResultContext, controlId: string) =>
  oscalUuid('observation', 'control', ...ctx.scope, controlId);
export const attestationObservationUuid = (ctx: ResultContext, attestationId: string) =>
  oscalUuid('observation', 'attestation', ...ctx.scope, attestationId);

function methodsOf(c: ControlResult): string[] {
  const methods = new Set(c.checks.map((k) => (k.id === ATTESTED_CHECK ? 'EXAMINE' : 'TEST')));
  if (c.status === 'not_applicable') methods.add('EXAMINE'); // the exception declaring it so was examined
  return methods.size ? [...methods].sort() : ['UNKNOWN'];
}

/** The evaluation of one control as it stood at `at`: status, score, reasons and every check with its records. */
export function controlObservation(c: ControlResult, at: Date, ctx: ResultContext): Json {
  const evidence = new Map<string, Json>();
  for (const check of c.checks) {
    for (const r of check.records) {
      const href = r.href === null ? null : uriReference(r.href);
      const description = `${check.label}: ${r.label}`;
      if (href && !evidence.has(`${href}\n${description}`))
        evidence.set(`${href}\n${description}`, { href, description });
    }
  }
  const checks = c.checks.map((k) => `${k.met ? 'Met' : 'Not met'} — ${k.label}: ${k.detail}`);
  return {
    uuid: controlObservationUuid(ctx, c.id),
    title: `Evaluation of control ${oscalControlId(c.id)}: ${c.title}`,
    description: [
      `${STATUS_WORDS[c.status]}${c.score === null ? '' : ` (score ${c.score} of 100)`}.`,
      `Reasons:\n\n${bullets(c.reasons)}`,
      ...(checks.length ? [`Checks:\n\n${bullets(checks)}`] : []),
    ].join('\n\n'),
    props: [
      prop('control-id', oscalControlId(c.id)),
      prop('status', c.status),
      ...(c.score === null ? [] : [prop('score', c.score)]),
    ],
    methods: methodsOf(c),
    types: ['control-objective'],
    origins: toolOrigin(ctx),
    subjects: subject(ctx),
    'relevant-evidence': some([...evidence.values()]),
    collected: iso(at),
    remarks: c.next ? `Next: ${c.next}` : undefined,
  };
}

/** A person's attestation of a control: who, when, until when (`expires`), the statement and its evidence. */
export function attestationObservation(a: AttestationRecord, attesterUuid: string, ctx: ResultContext): Json {
  const evidence: Json[] = [];
  if (a.evidence && 'url' in a.evidence) {
    const href = uriReference(a.evidence.url);
    evidence.push(
      href
        ? { href, description: 'The evidence link given with the attestation.' }
        : { description: `The evidence link given with the attestation: ${a.evidence.url}` },
    );
  } else if (a.evidence) {
    evidence.push({
      description:
        `The file "${a.evidence.filename}" (${a.evidence.bytes} bytes) attached ` +
        `to the attestation and kept by Tollgate with its SHA-256.`,
      props: [
        prop('filename', a.evidence.filename),
        prop('sha256', a.evidence.sha256),
        prop('bytes', a.evidence.bytes),
      ],
    });
  }
  return {
    uuid: attestationObservationUuid(ctx, a.id),
    title: `Attestation of control ${oscalControlId(a.controlId)} by ${oneLine(a.attestedBy)}`,
    description: a.statement,
    props: [
      prop('control-id', oscalControlId(a.controlId)),
      prop('attestation-id', a.id),
      ...(a.revokedAt ? [prop('revoked-at', iso(a.revokedAt))] : []),
    ],
    methods: ['EXAMINE'],
    types: ['control-objective'],
    origins: [{ actors: [{ type: 'party', 'actor-uuid': attesterUuid, 'role-id': 'attester' }] }],
    subjects: subject(ctx),
    'relevant-evidence': some(evidence),
    collected: iso(a.attestedAt),
    expires: iso(a.expiresAt),
    remarks: a.revokedAt ? `Revoked on ${iso(a.revokedAt)}: it stopped counting then.` : undefined,
  };
}
