// `tollgate gpts --json [--workspace ID]`: the workspace's custom GPTs as scripts read them (issue 17, item 8),
// sorted by gpt_id, every list sorted, classified now under the workspace's catalogue, observed action control
// and exceptions in force — the same `effective` shape as `tollgate agents --json`.
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { LEGS } from '@/lib/apps/legs.ts';
import { fileClassifications } from '@/lib/gpts/policy-queries.ts';
import { gptFindingKinds, listGpts, type StoredGpt } from '@/lib/gpts/queries.ts';
import type { GptClassification } from '@/lib/gpts/legs.ts';
import { compareIds } from '@/lib/trifecta/classify.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { reasons } from './agents.ts';
import { withDatabase } from './context.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function gptsCommand(options: { json: boolean; workspace?: string }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const now = new Date();
    const { classifyGpt } = await workspaceClassifier(db, ws.id, now);
    const gpts = (await listGpts(db, ws.id)).sort((a, b) => compareIds(a.gptId, b.gptId));
    const findings = await gptFindingKinds(db, ws.id, gpts);
    const classes = new Map(
      (await fileClassifications(db, ws.id)).map((f) => [`${f.agentId}\u0000${f.fileId}`, f.classification]),
    );
    const rows = gpts.map((g) =>
      gptJson(g, classifyGpt({ id: g.agentId, configHash: g.configHash }, g.gpt), findings.get(g.agentId) ?? [], (id) =>
        classes.get(`${g.agentId}\u0000${id}`),
      ),
    );
    if (options.json) console.log(JSON.stringify(rows));
    else if (rows.length === 0) console.log(`No custom GPTs in ${ws.id}.`);
    else
      for (const r of rows)
        console.log(`${r.gpt_id}\t${r.effective.state}\t${r.sharing.visibility}\t${r.name}\t${r.owner_email ?? ''}`);
    return 0;
  });
}

/** `classOf`: a reviewer's classification of a knowledge file by its id (null: not yet classified). */
export function gptJson(
  g: StoredGpt,
  c: GptClassification,
  findings: string[],
  classOf: (fileId: string) => string | undefined,
) {
  const { gpt } = g;
  return {
    gpt_id: g.gptId,
    name: gpt.name,
    owner_email: gpt.owner?.email ?? null,
    status: g.status,
    listed: g.listed,
    sharing: {
      visibility: gpt.sharing.visibility,
      recipients: gpt.sharing.recipients
        .map((r) => ({ type: r.type, id: r.id, email: r.email }))
        .sort((a, b) => byText(`${a.type}:${a.id}`, `${b.type}:${b.id}`)),
    },
    capabilities: [...gpt.capabilities].sort(),
    actions: gpt.actions
      .map((a) => ({
        domain: a.domain,
        auth: a.auth,
        schema: a.schemaStatus,
        operations: a.operations
          .map((o) => ({ method: o.method, path: o.path, consequential: o.consequential }))
          .sort((x, y) => byText(x.path, y.path) || byText(x.method, y.method)),
      }))
      .sort((x, y) => byText(x.domain, y.domain)),
    knowledge_files: gpt.files
      .map((f) => ({ name: f.name, classification: classOf(f.id) ?? null }))
      .sort((a, b) => byText(a.name, b.name)),
    apps: gpt.apps.map((a) => a.id).sort(),
    legs: Object.fromEntries(LEGS.map((leg) => [leg, [...c.legs[leg]].sort()])),
    trifecta: c.trifecta,
    effective: { state: c.effectiveState, reasons: reasons(c) },
    findings,
  };
}
