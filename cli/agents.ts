// `tollgate agents --json [--workspace ID]`: the inventory as scripts read it, sorted by agent_id, each agent
// with its connectors, its legs (as `tollgate classify` prints them) and its effective state with reasons,
// classified now under the workspace's catalogue, observed action control and exceptions in force.
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import type { GptLegInput } from '@/lib/gpts/legs.ts';
import { compareIds } from '@/lib/trifecta/classify.ts';
import type { Classification, ConnectorInput } from '@/lib/trifecta/types.ts';
import { LEGS, LEG_LABELS } from '@/lib/apps/legs.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export async function agentsCommand(options: { json: boolean; workspace?: string }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const now = new Date();
    const { classify, classifyGpt } = await workspaceClassifier(db, ws.id, now);
    const agents = await db.agent.findMany({
      where: { workspaceId: ws.id },
      select: {
        id: true,
        externalId: true,
        name: true,
        ownerEmail: true,
        kind: true,
        status: true,
        connectors: true,
        configHash: true,
        gptState: { select: { gpt: true } },
      },
    });
    const rows = agents
      .sort((a, b) => compareIds(a.externalId, b.externalId))
      .map((a) => {
        const connectors = a.connectors as ConnectorInput[];
        // A custom GPT is classified by its parts, not by connectors (it has none): `tollgate gpts` shows them.
        const c = a.gptState ? classifyGpt(a, a.gptState.gpt as unknown as GptLegInput) : classify(a).classification;
        return {
          agent_id: a.externalId,
          agent_name: a.name,
          owner_email: a.ownerEmail,
          kind: a.kind,
          status: a.status,
          connectors: connectors.map((x) => ({
            id: x.app,
            allowed_tools: x.allowedTools ?? null,
            user_approvals: x.approvals ?? null,
          })),
          legs: c.legs,
          trifecta: c.trifecta,
          effective: { state: c.effectiveState, reasons: reasons(c) },
        };
      });
    if (options.json) console.log(JSON.stringify(rows));
    else
      for (const r of rows)
        console.log(`${r.agent_id}\t${r.effective.state}\t${r.agent_name}\t${r.effective.reasons.join('; ')}`);
    return 0;
  });
}

/** Why the effective state is what it is, as `tollgate agents` and `tollgate gpts` print it. */
export function reasons(c: Classification): string[] {
  if (c.effectiveState === 'none')
    return [
      `not a trifecta: no ${LEGS.filter((l) => c.legs[l].length === 0)
        .map((l) => LEG_LABELS[l].toLowerCase())
        .join(', no ')}`,
    ];
  if (c.effectiveState === 'accepted') return ['an approved exception in force accepts this configuration'];
  return c.sendMitigations.map((m) => `${m.app}: ${m.reason}`);
}
