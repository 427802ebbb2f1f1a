// Risk tags (issue 21, item 3; decision 0041): the OWASP agentic and LLM risks and the MITRE ATLAS techniques a
// detection rule or a finding names, shown as chips and filterable. Pure over the framework catalogues:
// - a rule names them in its Sigma `tags` (`owasp.asi02`, `owasp.llm06`, `atlas.aml.t0051.001`), which a test holds
//   equal to the catalogues' `rule:<name>` mappings, so a SIEM reading the rule sees what Tollgate shows;
// - a finding kind that is a check of its own (the GPT findings) names what its `finding:<kind>` mappings name;
//   any other finding kind is evidence for its guide control and names what that control's mappings name.
import { CHECKS, frameworkItems, itemsMappedFrom } from './catalogues.ts';

export const RISK_FRAMEWORKS = ['owasp_agentic', 'owasp_llm', 'mitre_atlas'] as const;
export type RiskFramework = (typeof RISK_FRAMEWORKS)[number];
export type RiskTag = { framework: RiskFramework; id: string; title: string };

const PREFIX: Record<RiskFramework, string> = { owasp_agentic: 'owasp', owasp_llm: 'owasp', mitre_atlas: 'atlas' };

/** Every risk a tag may name, in catalogue order (agentic, LLM, ATLAS), by id (ids do not collide across them). */
const RISKS: ReadonlyMap<string, RiskTag & { order: number }> = new Map(
  RISK_FRAMEWORKS.flatMap((framework) => frameworkItems(framework).map((item) => ({ framework, ...item }))).map(
    (r, order) => [r.id, { framework: r.framework, id: r.id, title: r.title, order }],
  ),
);

export const riskById = (id: string): RiskTag | undefined => {
  const r = RISKS.get(id);
  return r && { framework: r.framework, id: r.id, title: r.title };
};

/** Every risk, for the filters' choices. */
export const riskChoices = (): RiskTag[] => [...RISKS.keys()].map((id) => riskById(id)!);

function sorted(ids: Iterable<string>): RiskTag[] {
  return [...new Set(ids)]
    .map((id) => RISKS.get(id))
    .filter((r) => r !== undefined)
    .sort((a, b) => a.order - b.order)
    .map((r) => ({ framework: r.framework, id: r.id, title: r.title }));
}

/** The Sigma tag of a risk: `owasp.asi02`, `atlas.aml.t0051.001`. */
export const sigmaTag = (r: Pick<RiskTag, 'framework' | 'id'>) => `${PREFIX[r.framework]}.${r.id.toLowerCase()}`;

/** The risk a Sigma tag names, or null for a tag of another namespace or an id no catalogue holds. */
export function riskOfSigmaTag(tag: string): RiskTag | null {
  const dot = tag.indexOf('.');
  const namespace = tag.slice(0, dot);
  if (namespace !== 'owasp' && namespace !== 'atlas') return null;
  const risk = riskById(tag.slice(dot + 1).toUpperCase());
  return risk && PREFIX[risk.framework] === namespace ? risk : null;
}

/** A rule's risks, from its Sigma tags. */
export const ruleRisks = (tags: readonly string[]): RiskTag[] =>
  sorted(tags.map((t) => riskOfSigmaTag(t)?.id).filter((id): id is string => id !== undefined));

/** The risks the catalogues map from one source (`rule:…`, `finding:…`, `control:6.2`). */
export const mappedRisks = (source: string): RiskTag[] =>
  sorted(RISK_FRAMEWORKS.flatMap((f) => itemsMappedFrom(f, source)));

/**
 * Finding kinds that name risks of their own: checks (the GPT findings) the catalogues map to some risk. Any other
 * kind — and a check mapped to none, such as a GPT without a stated use case — names its control's.
 */
export const OWN_RISK_KINDS: ReadonlySet<string> = new Set(
  [...CHECKS.keys()]
    .filter((id) => id.startsWith('finding:') && mappedRisks(id).length > 0)
    .map((id) => id.slice('finding:'.length)),
);

/** A finding's risks: its kind's own, or else its control's. */
export function findingRisks(kind: string, control: string): RiskTag[] {
  return mappedRisks(OWN_RISK_KINDS.has(kind) ? `finding:${kind}` : `control:${control}`);
}

/**
 * What a risk filter selects among findings: a finding of an own-risk kind mapped to the risk (`kinds`), or a finding
 * of any other kind (not in `ownKinds`) under a control mapped to it (`controls`).
 */
export function findingRiskSelector(riskId: string, controls: readonly string[]) {
  const has = (source: string) => mappedRisks(source).some((r) => r.id === riskId);
  return {
    kinds: [...OWN_RISK_KINDS].filter((k) => has(`finding:${k}`)),
    controls: controls.filter((c) => has(`control:${c}`)),
    ownKinds: [...OWN_RISK_KINDS],
  };
}

/** The rules (by id) whose tags name the risk. */
export const rulesWithRisk = (rules: readonly { id: string; tags: readonly string[] }[], riskId: string) =>
  rules.filter((r) => ruleRisks(r.tags).some((t) => t.id === riskId)).map((r) => r.id);
