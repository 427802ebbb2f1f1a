// A GPT's configuration hash: SHA-256 over what its risk depends on — capabilities, actions (domain, auth,
// servers, operations and whether each is consequential), knowledge files, apps and sharing — in a canonical
// form, so the same configuration hashes the same whatever order the platform lists it in. Decisions and
// exceptions are pinned to it. Name, description, instructions, operation ids and the privacy policy link
// change nothing a GPT can do, so they are left out: renaming a GPT never lapses its exception.
import { createHash } from 'node:crypto';
import { appKey } from '@/lib/apps/resolve.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { normalizeDomain } from '@/lib/gpts/policy-domains.ts';
import type { GptAction, GptKnowledgeFile, GptRiskView, GptSharing } from '@/lib/gpts/types.ts';

export type CanonicalAction = {
  domain: string;
  auth: GptAction['auth'];
  schema: GptAction['schemaStatus'];
  /** Only for an unknown schema: two unreadable documents must not hash alike. */
  schemaSha256: string | null;
  servers: string[];
  /** `METHOD /path` with ` !` appended when ChatGPT asks the user first (consequential). */
  operations: string[];
};

export type CanonicalRisk = {
  capabilities: string[];
  actions: CanonicalAction[];
  files: { id: string; name: string; mimeType: string | null; size: number | null }[];
  apps: string[];
  sharing: { visibility: GptSharing['visibility']; recipients: string[] };
};

export function gptConfigHash(view: GptRiskView): string {
  return createHash('sha256')
    .update(canonicalJson(canonicalRisk(view)))
    .digest('hex');
}

export function canonicalRisk(view: GptRiskView): CanonicalRisk {
  return {
    capabilities: uniqueSorted(view.capabilities),
    actions: uniqueBy(view.actions.map(canonicalAction), (a) => canonicalJson(a)),
    files: uniqueBy(view.files.map(canonicalFile), (f) => f.id),
    apps: uniqueSorted(view.apps.map((a) => appKey(a.id))),
    sharing: canonicalSharing(view.sharing),
  };
}

export function canonicalAction(action: GptAction): CanonicalAction {
  const parsed = action.schemaStatus === 'parsed';
  return {
    domain: normalizeDomain(action.domain) || action.domain,
    auth: action.auth,
    schema: action.schemaStatus,
    schemaSha256: parsed ? null : action.schemaSha256,
    servers: parsed ? uniqueSorted(action.servers.map((s) => s.url)) : [],
    operations: parsed
      ? uniqueSorted(action.operations.map((o) => `${o.method} ${o.path}${o.consequential ? ' !' : ''}`))
      : [],
  };
}

function canonicalFile(file: GptKnowledgeFile): CanonicalRisk['files'][number] {
  return { id: file.id, name: file.name, mimeType: file.mimeType, size: file.size };
}

/** Recipients by type and id: an e-mail address renamed on the roster is the same person. */
export function canonicalSharing(sharing: GptSharing): CanonicalRisk['sharing'] {
  return {
    visibility: sharing.visibility,
    recipients: uniqueSorted(sharing.recipients.map((r) => `${r.type}:${r.id || (r.email ?? '').toLowerCase()}`)),
  };
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function uniqueBy<T>(values: T[], keyOf: (value: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const value of values) if (!byKey.has(keyOf(value))) byKey.set(keyOf(value), value);
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}
