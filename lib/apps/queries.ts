// Reads of the workspace's app catalogue (current, as of a date, its history) and of the apps in use that it
// cannot classify. No service imports: every feature that classifies agents reads the catalogue from here.
import type { Db, Tx } from '@/lib/db.ts';
import { builtinCatalogue } from './builtin.ts';
import type { Catalogue, CatalogueApp, CatalogueProfile } from './types.ts';

export type CatalogueVersion = Catalogue & { version: number; createdAt: Date | null; createdBy: string | null };

type Reader = Db | Tx;

export async function currentCatalogue(db: Reader, workspaceId: string): Promise<CatalogueVersion> {
  const row = await db.appCatalogueVersion.findFirst({ where: { workspaceId }, orderBy: { version: 'desc' } });
  return row ? fromRow(row) : initial();
}

/** The catalogue in force at `at`: the latest version created at or before it. */
export async function catalogueAt(db: Reader, workspaceId: string, at: Date): Promise<CatalogueVersion> {
  const row = await db.appCatalogueVersion.findFirst({
    where: { workspaceId, createdAt: { lte: at } },
    orderBy: { version: 'desc' },
  });
  return row ? fromRow(row) : initial();
}

export async function catalogueHistory(db: Reader, workspaceId: string) {
  return db.appCatalogueVersion.findMany({
    where: { workspaceId },
    orderBy: { version: 'desc' },
    select: { version: true, profile: true, change: true, createdAt: true, createdBy: true },
  });
}

function initial(): CatalogueVersion {
  return { ...builtinCatalogue('guide'), version: 0, createdAt: null, createdBy: null };
}

function fromRow(row: {
  version: number;
  profile: string;
  apps: unknown;
  createdAt: Date;
  createdBy: string;
}): CatalogueVersion {
  return {
    profile: row.profile as CatalogueProfile,
    apps: row.apps as CatalogueApp[],
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

// Apps in use that the catalogue cannot classify: unknown apps and unclassified MCP servers, with their agents.
export type UnclassifiedApp = {
  app: string;
  kind: 'unknown' | 'mcp';
  agents: number;
  sample: { externalId: string; name: string }[];
};

export async function appsNeedingClassification(db: Db, workspaceId: string): Promise<UnclassifiedApp[]> {
  const rows = await db.$queryRaw<
    { app: string; kind: 'unknown' | 'mcp'; agents: bigint; sample: { externalId: string; name: string }[] }[]
  >`
    WITH used AS (
      SELECT app, 'unknown' AS kind, "externalId", name FROM "Agent", unnest("unknownApps") AS app
      WHERE "workspaceId" = ${workspaceId}
      UNION ALL
      SELECT app, 'mcp' AS kind, "externalId", name FROM "Agent", unnest("unclassifiedMcp") AS app
      WHERE "workspaceId" = ${workspaceId}
    )
    SELECT app, kind, count(*) AS agents,
      to_jsonb((array_agg(jsonb_build_object('externalId', "externalId", 'name', name)
        ORDER BY name, "externalId"))[1:5]) AS sample
    FROM used GROUP BY app, kind ORDER BY count(*) DESC, app`;
  return rows.map((r) => ({ ...r, agents: Number(r.agents) }));
}
