// The catalogue file exported from the Apps page and read by `tollgate classify --catalogue FILE`.
import { z } from 'zod';
import { findJsonProblem } from '@/lib/http/safe-json.ts';
import { LEGS } from './legs.ts';
import { indexCatalogue } from './resolve.ts';
import type { Catalogue } from './types.ts';

export const CATALOGUE_FORMAT = 'tollgate.app-catalogue/v1';

const action = z.strictObject({
  name: z.string().trim().min(1),
  access: z.enum(['read', 'write']),
  externalSend: z.boolean(),
  approvalCategory: z.string().trim().min(1).nullable(),
});

export const catalogueAppSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  aliases: z.array(z.string().trim().min(1).max(200)),
  legs: z.array(z.enum(LEGS)).refine((legs) => new Set(legs).size === legs.length, 'a leg is listed twice'),
  actions: z.array(action).refine((a) => new Set(a.map((x) => x.name)).size === a.length, 'an action is listed twice'),
});

const fileSchema = z.strictObject({
  format: z.literal(CATALOGUE_FORMAT),
  profile: z.enum(['guide', 'strict']),
  apps: z.array(catalogueAppSchema),
});

export function serializeCatalogue(catalogue: Catalogue): string {
  return `${JSON.stringify({ format: CATALOGUE_FORMAT, profile: catalogue.profile, apps: catalogue.apps }, null, 2)}\n`;
}

/** Parses and checks a catalogue file; the error names the first offending path. */
export function parseCatalogueFile(text: string): Catalogue {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  // The shared guard on user JSON: no __proto__/constructor/prototype key, no NUL, bounded depth.
  const problem = findJsonProblem(json);
  if (problem) throw new Error(problem.message);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.length ? issue.path.join('.') : 'file'}: ${issue.message}`);
  }
  const catalogue: Catalogue = { profile: parsed.data.profile, apps: parsed.data.apps };
  indexCatalogue(catalogue); // throws on two apps claiming one name
  return catalogue;
}
