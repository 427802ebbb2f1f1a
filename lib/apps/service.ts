// The workspace's app catalogue: change it (audited, one new version per change) and keep the agents'
// classification in step with it. Reads live in queries.ts.
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { builtinCatalogue } from './builtin.ts';
import { catalogueAppSchema } from './catalogue-file.ts';
import { currentCatalogue, type CatalogueVersion } from './queries.ts';
import { indexCatalogue } from './resolve.ts';
import type { Catalogue, CatalogueApp, CatalogueProfile } from './types.ts';

/** Switches the built-in profile: its entries replace the built-in ones; apps the workspace added stay. */
export async function setCatalogueProfile(db: Db, actor: Actor, workspaceId: string, profile: CatalogueProfile) {
  return changeCatalogue(db, actor, workspaceId, (current) => {
    if (current.profile === profile)
      throw new AppError('conflict', `The catalogue already uses the ${profile} profile.`);
    const builtin = builtinCatalogue(profile).apps;
    const builtinIds = new Set(builtin.map((a) => a.id));
    const kept = current.apps.filter((a) => !builtinIds.has(a.id));
    return {
      catalogue: { profile, apps: [...builtin, ...kept] },
      change: { kind: 'profile', from: current.profile, to: profile },
    };
  });
}

/** Adds an app or replaces one (renaming its id when `originalId` differs). */
export async function saveCatalogueApp(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: unknown,
  originalId?: string,
  now = new Date(),
) {
  const parsed = catalogueAppSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('unprocessable', `${issue.path.join('.') || 'app'}: ${issue.message}`);
  }
  const app: CatalogueApp = parsed.data;
  return changeCatalogue(
    db,
    actor,
    workspaceId,
    (current) => {
      const before = originalId ? current.apps.find((a) => a.id === originalId) : undefined;
      if (originalId && !before) throw new AppError('not_found', `No app ${originalId} in the catalogue.`);
      if (app.id !== originalId && current.apps.some((a) => a.id === app.id))
        throw new AppError('conflict', `An app with id ${app.id} already exists.`);
      const apps = before ? current.apps.map((a) => (a.id === originalId ? app : a)) : [...current.apps, app];
      return {
        catalogue: { profile: current.profile, apps },
        change: { kind: before ? 'update' : 'add', appId: app.id, before: before ?? null, after: app },
      };
    },
    now,
  );
}

export async function removeCatalogueApp(db: Db, actor: Actor, workspaceId: string, appId: string) {
  return changeCatalogue(db, actor, workspaceId, (current) => {
    const before = current.apps.find((a) => a.id === appId);
    if (!before) throw new AppError('not_found', `No app ${appId} in the catalogue.`);
    return {
      catalogue: { profile: current.profile, apps: current.apps.filter((a) => a.id !== appId) },
      change: { kind: 'remove', appId, before, after: null },
    };
  });
}

type Change = { catalogue: Catalogue; change: { kind: string; appId?: string; [k: string]: unknown } };

async function changeCatalogue(
  db: Db,
  actor: Actor,
  workspaceId: string,
  apply: (current: CatalogueVersion) => Change,
  now = new Date(),
) {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`catalogue:${workspaceId}`}))`;
      if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
        throw new AppError('not_found', `No workspace ${workspaceId}.`);
      const current = await currentCatalogue(tx, workspaceId);
      const { catalogue, change } = apply(current);
      try {
        indexCatalogue(catalogue);
      } catch (error) {
        throw new AppError('conflict', `Two apps would share a name: ${(error as Error).message}.`);
      }
      const version = current.version + 1;
      await tx.appCatalogueVersion.create({
        data: {
          workspaceId,
          version,
          profile: catalogue.profile,
          apps: catalogue.apps,
          change: change as Prisma.InputJsonObject,
          createdBy: actor.label,
          createdAt: now,
        },
      });
      const reclassified = await reclassifyWorkspace(tx, workspaceId, catalogue, undefined, now);
      const action = change.kind === 'profile' ? 'apps.profile' : `apps.${change.kind}`;
      await recordAudit(tx, actor, {
        action,
        targetType: 'app',
        targetId: change.appId ?? null,
        workspaceId,
        diff: { ...change, version, reclassified },
        at: now,
      });
      return { version, reclassified };
    },
    { timeout: 120_000 },
  );
}
