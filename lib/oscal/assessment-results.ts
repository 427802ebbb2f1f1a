// OSCAL 1.0.4 assessment results for one workspace and period (issue 8), pure: no Next, no Prisma, no I/O.
// Ids, UUIDs, import-ap and the status mapping: docs/decisions/0015-oscal-export.md.
import { createHash } from 'node:crypto';
import type { AttestationRecord, ExposedAgent, Generator, Period, PostureAsOf } from '@/lib/evidence/types.ts';
import { day, iso, oneLine, prop, some, type Json } from './common.ts';
import { finding, riskUuid, TRIFECTA_CONTROL, trifectaRisk } from './findings.ts';
import { backMatter } from './back-matter.ts';
import { controlMappings, type FrameworkRef, frameworkLinks, frameworkResource } from './frameworks.ts';
import { assessmentPlanHref, catalogueResourceUuid, oscalControlId, oscalUuid, TOLLGATE_NS } from './ids.ts';
import {
  attestationObservation,
  attestationObservationUuid,
  controlObservation,
  controlObservationUuid,
  type ResultContext,
} from './observations.ts';

export { oscalControlId, oscalObjectiveId, assessmentPlanHref, uuidV5, OSCAL_NAMESPACE, TOLLGATE_NS } from './ids.ts';
export { FINDING_STATUS } from './findings.ts';

export const OSCAL_VERSION = '1.0.4';

export type AssessmentResultsInput = {
  workspace: { id: string; name: string };
  period: Period;
  generator: Generator;
  posture: PostureAsOf;
  attestations: AttestationRecord[];
  exposedAgents: ExposedAgent[];
  catalogueVersion: string;
  generatedAt: Date;
  /** The AI-governance catalogues the controls map to (issue 21): back-matter resources, maps-to props and links. */
  frameworks?: FrameworkRef[];
};

const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const SNAPSHOT_SOURCE = 'the latest posture snapshot at or before the end of the period';
const LIVE_SOURCE = 'a live evaluation: the period has not ended';

export function assessmentResults(input: AssessmentResultsInput): object {
  const { workspace, period, generator, posture, catalogueVersion } = input;
  const controls = posture.data.controls;
  if (controls.length === 0) throw new Error('The posture has no controls: there is nothing to report.');
  // Sorted so the document does not depend on the order the database returned rows in.
  const attestations = [...input.attestations].sort(
    (a, b) =>
      byNumber(a.controlId, b.controlId) || a.attestedAt.getTime() - b.attestedAt.getTime() || a.id.localeCompare(b.id),
  );
  const agents = [...input.exposedAgents].sort((a, b) => a.externalId.localeCompare(b.externalId));

  const toolComponent = oscalUuid('component', 'tollgate', generator.version);
  const ctx: ResultContext = {
    scope: [workspace.id, iso(period.from), iso(period.to)],
    workspaceUuid: oscalUuid('component', 'workspace', workspace.id),
    workspaceTitle: `ChatGPT Enterprise workspace ${oneLine(workspace.name)}`,
    toolUuid: toolComponent,
  };
  const organisation = oscalUuid('party', 'workspace', workspace.id);
  const attesters = [...new Set(attestations.map((a) => oneLine(a.attestedBy)))].sort();
  const attesterUuid = (name: string) => oscalUuid('party', 'person', workspace.id, oneLine(name));

  const risks = agents.map((a) =>
    trifectaRisk(
      a,
      controls.some((c) => c.id === TRIFECTA_CONTROL) ? [controlObservationUuid(ctx, TRIFECTA_CONTROL)] : [],
      ctx,
    ),
  );
  const frameworks = [...(input.frameworks ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const findings = controls.map((c) => {
    const found = finding(
      c,
      [
        controlObservationUuid(ctx, c.id),
        ...attestations.filter((a) => a.controlId === c.id).map((a) => attestationObservationUuid(ctx, a.id)),
      ],
      c.id === TRIFECTA_CONTROL ? agents.map((a) => riskUuid(ctx, a)) : [],
      ctx,
    );
    const mapped = controlMappings(c.id, frameworks);
    return {
      ...found,
      props: [...(found.props as unknown[]), ...mapped.props],
      links: some(mapped.links),
    };
  });
  const periodWords = `${day(period.from)} to ${day(period.to)}`;

  const result = {
    uuid: oscalUuid('result', ...ctx.scope),
    title: `Posture of ${oneLine(workspace.name)}, ${periodWords}`,
    description:
      `The controls of the ChatGPT Enterprise Hardening Guide ` +
      `${catalogueVersion} for workspace "${oneLine(workspace.name)}" over ` +
      `[${iso(period.from)}, ${iso(period.to)}) UTC (the end is exclusive), as ` +
      `Tollgate evaluated them at ${iso(posture.at)} ` +
      `(${posture.source === 'snapshot' ? SNAPSHOT_SOURCE : LIVE_SOURCE}).`,
    start: iso(period.from),
    // A running period's results end where the evidence does: the live evaluation's instant, not a future `to`.
    end: iso(posture.source === 'live' && posture.at < period.to ? posture.at : period.to),
    props: [
      prop('workspace-id', workspace.id),
      prop('catalogue-version', catalogueVersion),
      prop('posture-source', posture.source),
      prop('posture-evaluated-at', iso(posture.at)),
      ...(posture.data.overall === null ? [] : [prop('overall-score', posture.data.overall)]),
    ],
    'local-definitions': {
      components: [
        {
          uuid: ctx.workspaceUuid,
          type: 'this-system',
          title: ctx.workspaceTitle,
          description: 'The ChatGPT Enterprise workspace whose governance Tollgate assesses.',
          props: [prop('workspace-id', workspace.id)],
          status: { state: 'operational' },
        },
      ],
      'assessment-assets': {
        components: [
          {
            uuid: toolComponent,
            type: 'software',
            title: `Tollgate ${generator.version}`,
            description: 'Tollgate evaluates the controls from the records it holds and from attestations.',
            props: [prop('version', generator.version)],
            status: { state: 'operational' },
          },
        ],
        'assessment-platforms': [
          {
            uuid: oscalUuid('assessment-platform', 'tollgate', generator.version),
            title: 'Tollgate',
            'uses-components': [{ 'component-uuid': toolComponent }],
          },
        ],
      },
    },
    'reviewed-controls': {
      links: [
        {
          href: `#${catalogueResourceUuid(catalogueVersion)}`,
          rel: 'reference',
          text: `The catalogue these control ids belong to: the guide ${catalogueVersion}.`,
        },
        ...frameworkLinks(frameworks),
      ],
      'control-selections': [{ 'include-controls': controls.map((c) => ({ 'control-id': oscalControlId(c.id) })) }],
    },
    observations: [
      ...controls.map((c) => controlObservation(c, posture.at, ctx)),
      ...attestations.map((a) => attestationObservation(a, attesterUuid(a.attestedBy), ctx)),
    ],
    risks: some(risks),
    findings,
  };

  const metadata = {
    title: `Tollgate assessment results: ${oneLine(workspace.name)}, ${periodWords}`,
    'last-modified': '',
    version: '',
    'oscal-version': OSCAL_VERSION,
    'document-ids': [
      {
        scheme: `${TOLLGATE_NS}/document-id`,
        identifier: `assessment-results/${workspace.id}/${iso(period.from)}/${iso(period.to)}`,
      },
    ],
    props: [prop('generator', `${generator.name} ${generator.version}`)],
    roles: [
      { id: 'prepared-for', title: 'Prepared For' },
      {
        id: 'attester',
        title: 'Attester',
        description: 'A person who attested a control with evidence and an expiry.',
      },
    ],
    parties: [
      {
        uuid: organisation,
        type: 'organization',
        name: oneLine(workspace.name),
        props: [prop('workspace-id', workspace.id)],
      },
      ...attesters.map((name) => ({ uuid: attesterUuid(name), type: 'person', name })),
    ],
    'responsible-parties': [
      { 'role-id': 'prepared-for', 'party-uuids': [organisation] },
      ...(attesters.length ? [{ 'role-id': 'attester', 'party-uuids': attesters.map(attesterUuid) }] : []),
    ],
  };
  const importAp = {
    href: assessmentPlanHref(catalogueVersion),
    remarks:
      `Tollgate's assessment plan for the ChatGPT Enterprise Hardening Guide ` +
      `${catalogueVersion}: its automated rules and attestations per control. ` +
      `It has no OSCAL document of its own; the back-matter resource this points to describes it.`,
  };

  // JSON round trip: undefined members (empty OSCAL arrays) disappear, and the digest covers exactly what is written.
  const content = JSON.parse(
    JSON.stringify({
      metadata,
      'import-ap': importAp,
      results: [result],
      'back-matter': withFrameworks(backMatter(catalogueVersion), frameworks),
    }),
  ) as { metadata: Json } & Json;
  // The document's UUID and version follow its content (a new one when anything changes), never generatedAt.
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  content.metadata['last-modified'] = iso(input.generatedAt);
  content.metadata.version = `sha256-${digest.slice(0, 16)}`;
  return { 'assessment-results': { uuid: oscalUuid('assessment-results', ...ctx.scope, digest), ...content } };
}

function withFrameworks(back: Json, frameworks: FrameworkRef[]): Json {
  return { ...back, resources: [...(back.resources as Json[]), ...frameworks.map(frameworkResource)] };
}
