// An agent's configuration hash: SHA-256 over its connector set and their settings, sorted, so the same
// configuration always hashes the same whatever order a source lists it in. Decisions and exceptions are
// pinned to it. Apps are keyed by their folded written name, not by catalogue id, so editing the catalogue
// never changes an agent's hash.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { appKey } from '@/lib/apps/resolve.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export function configHash(connectors: ConnectorInput[]): string {
  const entries = new Map<string, unknown>();
  for (const c of connectors) {
    const key = appKey(c.app);
    if (key === '' || entries.has(key)) continue;
    entries.set(key, {
      app: key,
      allowedTools: c.allowedTools == null ? null : [...new Set(c.allowedTools)].sort(),
      approvals: c.approvals ?? null,
      authVariant: c.authVariant ?? null,
    });
  }
  const sorted = [...entries.keys()].sort().map((k) => entries.get(k));
  return createHash('sha256')
    .update(canonicalJson({ connectors: sorted }))
    .digest('hex');
}
