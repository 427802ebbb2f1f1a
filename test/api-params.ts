// Real values for every path parameter of the API, read from the demo workspace: the contract and matrix tests
// fill each operation's path from here, so an operation with a parameter not listed fails until it is added.
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';
import { agentsParams } from './api-params/agents.ts';
import { alertsParams } from './api-params/alerts.ts';
import { evidenceParams } from './api-params/evidence.ts';
import { exceptionsParams } from './api-params/exceptions.ts';
import { findingsParams } from './api-params/findings.ts';
import { reviewsParams } from './api-params/reviews.ts';

export const DEMO_WS = DEMO_WORKSPACE.id;

export const PARAMS: Record<string, (db: Db) => Promise<string>> = {
  workspace_id: async () => DEMO_WS,
  framework: async () => 'iso42001',
  ...agentsParams,
  ...findingsParams,
  ...alertsParams,
  ...exceptionsParams,
  ...reviewsParams,
  ...evidenceParams,
};

/** `/agents/{agent_id}` with real values. */
export async function fillPath(db: Db, template: string): Promise<string> {
  let path = template;
  for (const [, name] of template.matchAll(/\{([a-z_]+)\}/g)) {
    const source = PARAMS[name!];
    if (!source) throw new Error(`test/api-params.ts: no value for path parameter {${name}} (${template})`);
    path = path.replace(`{${name}}`, encodeURIComponent(await source(db)));
  }
  return path;
}
