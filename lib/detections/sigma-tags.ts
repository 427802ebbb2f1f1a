// Sigma tags as the Sigma 2.0 tags appendix defines them, pure. The JSON schema only asks for
// "namespace.value" in lowercase; converters and SIEMs map attack.* tags to ATT&CK, so a tag there must name
// a real kind of ATT&CK object (t1567, t1567.002, g0016, s0002…) or a tactic as the appendix spells it
// (defense-evasion, not Sigma 1.x's defense_evasion). Whether a technique number exists in ATT&CK today is not
// checked: that needs MITRE's data, which Tollgate does not ship.
// Tollgate's own namespaces (issue 21, decision 0041), in the attack.* style: `owasp.` for the OWASP Top 10 for Agentic
// Applications (asi01…) and for LLM Applications (llm01…), `atlas.` for MITRE ATLAS (aml.t0051, aml.t0051.001,
// aml.ta0005). That each names an item of Tollgate's catalogues is lib/frameworks/risk-tags.test.ts's check.

/** The schema's pattern (sigma-detection-rule-schema.json, tags.items.pattern). */
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;

const ATTACK_TACTICS = new Set([
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'exfiltration',
  'command-and-control',
  'impact',
]);
/** Techniques and sub-techniques, groups, software, data sources, mitigations, assets. */
const ATTACK_ID = /^(t\d{4}(\.\d{3})?|g\d{4}|s\d{4}|ds\d{4}|m\d{4}|a\d{4})$/;

const KNOWN: Record<string, (value: string) => boolean> = {
  attack: (v) => ATTACK_TACTICS.has(v) || ATTACK_ID.test(v),
  car: (v) => /^\d{4}-\d{2}-\d{3}$/.test(v),
  cve: (v) => /^\d{4}-\d{4,}$/.test(v),
  d3fend: (v) => /^(d3-[a-z0-9-]+|d3f-[a-z0-9-]+|model|harden|detect|isolate|deceive|evict)$/i.test(v),
  detection: (v) => ['dfir', 'emerging-threats', 'threat-hunting'].includes(v),
  stp: (v) => /^[1-5][auk]?$/.test(v),
  tlp: (v) => ['red', 'amber', 'amber-strict', 'green', 'clear'].includes(v),
  owasp: (v) => /^(asi|llm)\d{2}$/.test(v),
  atlas: (v) => /^aml\.(t\d{4}(\.\d{3})?|ta\d{4})$/.test(v),
};

/** What is wrong with each tag, one sentence each; empty when every tag conforms. */
export function tagProblems(tags: unknown): string[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) return ['"tags" must be a list.'];
  const problems: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string' || !TAG.test(tag)) {
      problems.push(`Tag "${String(tag)}" is not "namespace.value" in lowercase letters, digits, "_", "-" and ".".`);
      continue;
    }
    const dot = tag.indexOf('.');
    const namespace = tag.slice(0, dot),
      value = tag.slice(dot + 1);
    const check = KNOWN[namespace];
    if (check && !check(value)) {
      problems.push(
        namespace === 'attack'
          ? `Tag "${tag}" is neither an ATT&CK id (t1567, t1567.002, g0016, s0002, ` +
              `ds0015, m1047, a0001) nor a tactic as Sigma 2.0 spells it ` +
              `(${[...ATTACK_TACTICS].join(', ')}).`
          : `Tag "${tag}" is not a value the Sigma tags appendix defines for "${namespace}".`,
      );
    }
  }
  if (new Set(tags).size !== tags.length) problems.push('Tags must not repeat.');
  return problems;
}
