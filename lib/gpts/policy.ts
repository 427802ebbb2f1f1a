// The workspace's GPT policy as Tollgate records it (no API reads the admin console's GPT settings): allowed
// action domains (a parent allows its subdomains, as the platform does; none listed, no action is allowed),
// the broadest sharing allowed, whether third-party GPTs may be used and which are approved (guide 3.1), and
// the domains whose APIs are public (an action may call them without signing in). Pure data and checks.
import { z } from 'zod';
import { findJsonProblem } from '@/lib/http/safe-json.ts';
import { domainAllowed, normalizeDomain } from '@/lib/gpts/policy-domains.ts';
import { GPT_VISIBILITIES, type GptVisibility, isBroaderThan } from '@/lib/gpts/types.ts';

export const THIRD_PARTY_MODES = ['none', 'approved_only', 'all'] as const;
export type ThirdPartyMode = (typeof THIRD_PARTY_MODES)[number];

export type GptPolicy = {
  allowedActionDomains: string[];
  maxVisibility: GptVisibility;
  thirdPartyGpts: ThirdPartyMode;
  approvedThirdPartyGpts: string[];
  publicApiDomains: string[];
};

/** Before anyone records a policy: the platform's defaults (no action domain, no third-party GPT) and the guide's. */
export const DEFAULT_GPT_POLICY: GptPolicy = {
  allowedActionDomains: [],
  maxVisibility: 'workspace',
  thirdPartyGpts: 'none',
  approvedThirdPartyGpts: [],
  publicApiDomains: [],
};

export const MAX_POLICY_ENTRIES = 1000;

const domainList = z
  .array(z.string().max(253))
  .max(MAX_POLICY_ENTRIES)
  .transform((list, ctx) => {
    const out = new Set<string>();
    for (const entry of list) {
      const domain = normalizeDomain(entry);
      if (domain === '') ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" is not a domain name` });
      // A single label ("com") would allow every domain under it.
      else if (!domain.includes('.'))
        ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 80)}" names no domain: give at least two labels` });
      else out.add(domain);
    }
    return [...out].sort();
  });

const policySchema = z.strictObject({
  allowedActionDomains: domainList,
  maxVisibility: z.enum(GPT_VISIBILITIES),
  thirdPartyGpts: z.enum(THIRD_PARTY_MODES),
  approvedThirdPartyGpts: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a GPT id is letters, digits, - and _'))
    .max(MAX_POLICY_ENTRIES)
    .transform((ids) => [...new Set(ids)].sort()),
  publicApiDomains: domainList,
});

/** A policy from hostile input (a form, a file): normalised domains, sorted and unique lists, or the problems. */
export function parseGptPolicy(input: unknown): { ok: true; policy: GptPolicy } | { ok: false; problems: string[] } {
  const unsafe = findJsonProblem(input, 8);
  if (unsafe) return { ok: false, problems: [unsafe.message] };
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`),
  };
}

export function actionDomainAllowed(policy: GptPolicy, domain: string): boolean {
  return domainAllowed(domain, policy.allowedActionDomains);
}

export function sharedBeyondPolicy(policy: GptPolicy, visibility: GptVisibility): boolean {
  return isBroaderThan(visibility, policy.maxVisibility);
}

export function isPublicApi(policy: GptPolicy, domain: string): boolean {
  return domainAllowed(domain, policy.publicApiDomains);
}

/** Whether members may use a GPT built outside the workspace (guide 3.1). */
export function thirdPartyGptAllowed(policy: GptPolicy, gptId: string): boolean {
  if (policy.thirdPartyGpts === 'all') return true;
  return policy.thirdPartyGpts === 'approved_only' && policy.approvedThirdPartyGpts.includes(gptId);
}
