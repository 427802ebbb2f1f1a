// The guide's 6.03 code pack (JSONC): `{ "approval_required_actions": { "<category>": "human_required" },
// "approval_logged_actions": { "<action>": "logged" } }`. Export writes the same shape, so it imports back.
import { z } from 'zod';
import { PackError, lineColumn, parseJsonc, parsePack, type PackIssue } from '@/lib/packs/jsonc.ts';
import { GUIDE_POLICY, type ApprovalPolicyData } from './policy.ts';

export const REQUIRED_KEY = 'approval_required_actions';
export const LOGGED_KEY = 'approval_logged_actions';

/** Category and action names: lower_snake_case, as the guide writes them. */
const NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_ENTRIES = 100;

/** Why a category or action name is refused, or null. */
export function nameProblem(name: string): string | null {
  if (name.length > MAX_NAME_LENGTH) return `longer than ${MAX_NAME_LENGTH} characters`;
  if (!NAME_PATTERN.test(name)) return 'not lower_snake_case (a-z, 0-9 and single underscores, starting with a letter)';
  return null;
}

/** Everything wrong with a policy: bad names, too many entries, duplicates, a name in both lists. */
export function policyProblems(policy: ApprovalPolicyData): string[] {
  const problems: string[] = [];
  const lists = [
    ['approval required', policy.required],
    ['logged', policy.logged],
  ] as const;
  for (const [label, names] of lists) {
    if (names.length > MAX_ENTRIES) problems.push(`${names.length} ${label} entries; at most ${MAX_ENTRIES}`);
    const seen = new Set<string>();
    for (const name of names) {
      const problem = nameProblem(name);
      if (problem) problems.push(`${label}: "${name}" is ${problem}`);
      if (seen.has(name)) problems.push(`${label}: "${name}" is listed twice`);
      seen.add(name);
    }
  }
  for (const name of new Set(policy.required)) {
    if (policy.logged.includes(name)) problems.push(`"${name}" is both approval required and logged; choose one`);
  }
  return problems;
}

const section = (key: string, value: 'human_required' | 'logged') =>
  z
    .record(z.string(), z.unknown(), {
      error: (iss) =>
        iss.input === undefined ? `"${key}" is missing` : `expected "${key}" to be an object of name: "${value}"`,
    })
    .superRefine((entries, ctx) => {
      const names = Object.keys(entries);
      if (names.length > MAX_ENTRIES)
        ctx.addIssue({ code: 'custom', message: `${names.length} entries; at most ${MAX_ENTRIES}` });
      for (const [name, given] of Object.entries(entries)) {
        const problem = nameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is ${problem}` });
        else if (given !== value)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `"${name}": expected "${value}", got ${JSON.stringify(given) ?? 'nothing'}`,
          });
      }
    });

const policyPackSchema = z
  .object({ [REQUIRED_KEY]: section(REQUIRED_KEY, 'human_required'), [LOGGED_KEY]: section(LOGGED_KEY, 'logged') })
  .strict()
  .superRefine((pack, ctx) => {
    for (const name of Object.keys(pack[LOGGED_KEY])) {
      if (Object.hasOwn(pack[REQUIRED_KEY], name))
        ctx.addIssue({
          code: 'custom',
          path: [LOGGED_KEY, name],
          message: `"${name}" is also in ${REQUIRED_KEY}; choose one`,
        });
    }
  });

/** Parses a 6.03 pack; throws PackError naming the line and column of each problem. */
export function parsePolicyPack(text: string): ApprovalPolicyData {
  const pack = parsePack(text, policyPackSchema);
  const duplicates = duplicateNames(text);
  if (duplicates.length > 0) throw new PackError(duplicates);
  return { required: Object.keys(pack[REQUIRED_KEY]), logged: Object.keys(pack[LOGGED_KEY]) };
}

// JSON keeps the last of two equal keys; a pack that lists a name twice is refused instead.
function duplicateNames(text: string): PackIssue[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { root } = parseJsonc(text);
  const issues: PackIssue[] = [];
  for (const prop of root.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (!key || value?.type !== 'object') continue;
    const seen = new Set<string>();
    for (const entry of value.children ?? []) {
      const name = entry.children?.[0];
      if (!name || typeof name.value !== 'string') continue;
      if (seen.has(name.value))
        issues.push({
          message: `"${name.value}" is listed twice`,
          path: `${String(key.value)}.${name.value}`,
          ...lineColumn(source, name.offset),
        });
      seen.add(name.value);
    }
  }
  return issues;
}

/** The pack form of a policy, after comment lines saying what it is (`header`: workspace, time). */
export function exportPolicyPack(policy: ApprovalPolicyData, header: string[] = []): string {
  const body = {
    [REQUIRED_KEY]: Object.fromEntries(policy.required.map((name) => [name, 'human_required'])),
    [LOGGED_KEY]: Object.fromEntries(policy.logged.map((name) => [name, 'logged'])),
  };
  const comments = [
    '// HTH ChatGPT Enterprise Control 6.3: Per-Action Approval Policy — exported by Tollgate',
    `// ${REQUIRED_KEY}: category → "human_required"; ${LOGGED_KEY}: action → "logged".`,
    ...header.map((line) => `// ${line.replace(/[\r\n]+/g, ' ')}`),
  ];
  return `${comments.join('\n')}\n${JSON.stringify(body, null, 2)}\n`;
}

export type Gate = 'human_required' | 'logged' | 'none';

export function gateOf(policy: ApprovalPolicyData, name: string): Gate {
  return policy.required.includes(name) ? 'human_required' : policy.logged.includes(name) ? 'logged' : 'none';
}

/** weaker: the guide gates or logs it and the policy does less. stricter: the policy does more (fine). */
export type PolicyDeparture = { name: string; direction: 'weaker' | 'stricter'; message: string };

/** Where a policy departs from the guide's, weaker ones first. */
export function policyDepartures(
  policy: ApprovalPolicyData,
  guide: ApprovalPolicyData = GUIDE_POLICY,
): PolicyDeparture[] {
  const weaker: PolicyDeparture[] = [];
  const stricter: PolicyDeparture[] = [];
  for (const name of guide.required) {
    const gate = gateOf(policy, name);
    if (gate === 'logged')
      weaker.push({ name, direction: 'weaker', message: `${name}: only logged; the guide requires a human approval` });
    if (gate === 'none')
      weaker.push({ name, direction: 'weaker', message: `${name}: not gated; the guide requires a human approval` });
  }
  for (const name of guide.logged) {
    if (gateOf(policy, name) === 'none')
      weaker.push({ name, direction: 'weaker', message: `${name}: not logged; the guide logs it` });
  }
  for (const name of policy.required) {
    if (guide.required.includes(name)) continue;
    stricter.push({
      name,
      direction: 'stricter',
      message: guide.logged.includes(name)
        ? `${name}: human approval required; the guide only logs it`
        : `${name}: human approval required; not in the guide`,
    });
  }
  for (const name of policy.logged) {
    if (gateOf(guide, name) === 'none')
      stricter.push({ name, direction: 'stricter', message: `${name}: logged; not in the guide` });
  }
  return [...weaker, ...stricter];
}
