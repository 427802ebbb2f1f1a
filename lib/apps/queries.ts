// Apps in use that the catalogue cannot classify: unknown apps and unclassified MCP servers, with their agents.
import type { Db } from '../db.ts';

export type UnclassifiedApp = { app: string; kind: 'unknown' | 'mcp'; agents: number; sample: { externalId: string; name: string }[] };

export async function appsNeedingClassification(db: Db, workspaceId: string): Promise<UnclassifiedApp[]> {
  const rows = await db.$queryRaw<{ app: string; kind: 'unknown' | 'mcp'; agents: bigint; sample: { externalId: string; name: string }[] }[]>`
    WITH used AS (
      SELECT app, 'unknown' AS kind, "externalId", name FROM "Agent", unnest("unknownApps") AS app WHERE "workspaceId" = ${workspaceId}
      UNION ALL
      SELECT app, 'mcp' AS kind, "externalId", name FROM "Agent", unnest("unclassifiedMcp") AS app WHERE "workspaceId" = ${workspaceId}
    )
    SELECT app, kind, count(*) AS agents,
      to_jsonb((array_agg(jsonb_build_object('externalId', "externalId", 'name', name) ORDER BY name, "externalId"))[1:5]) AS sample
    FROM used GROUP BY app, kind ORDER BY count(*) DESC, app`;
  return rows.map((r) => ({ ...r, agents: Number(r.agents) }));
}
