// The fleet's custom GPTs: the benchmark tenant (bench/gpts-tenant.ts: versions, actions on ~2,000 shared schemas,
// knowledge files, sharing) owned by the roster's people, stored by the product's own GPT store as a complete read
// of the Compliance API would store them — checked as the client checks them, adapted, classified, written 100 to a
// transaction, action schemas kept, the read run finished (which syncs the GPT findings). Not COPY: a GPT's rows
// (state, versions, findings) are what the store derives, and this keeps them exactly so — at the store's
// pace (~100 GPTs/s on 2 busy cores, findings sync included: 50,000 take ~9 minutes).
import type { Db } from '@/lib/db.ts';
import { adaptGpt, type SchemaCache } from '@/lib/gpts/adapter.ts';
import {
  type RawConfig,
  type RawGpt,
  type RawSharedUser,
  rawConfig,
  rawGpt,
  rawSharedUser,
} from '@/lib/gpts/platform/definition.ts';
import { checkRaw } from '@/lib/gpts/platform/parse.ts';
import { finishGptRead, startGptRead } from '@/lib/gpts/store-runs.ts';
import { actionDocuments, keepParsedSchemas, seedSchemaCache } from '@/lib/gpts/store-schemas.ts';
import { type GptToStore, storeGpts } from '@/lib/gpts/store.ts';
import { owner } from '../generate.ts';
import type { GptSource } from '@/lib/platform-sim/source.ts';
import { scaleSource } from '../gpts-tenant.ts';
import { mix } from './ids.ts';

const BATCH = 100;

export type GptOptions = { workspaceId: string; count: number; seed: number; owners: number; at: Date };

/** The benchmark tenant with each GPT owned by one of the roster's people. */
export function fleetGptSource(count: number, seed: number, owners: number): GptSource {
  const source = scaleSource({ count, seed });
  return {
    ...source,
    gpt(i) {
      const email = owner(mix(seed, i, 61) % owners);
      return { ...source.gpt(i), owner_id: `user-${email}`, owner_email: email };
    },
  };
}

export async function writeGpts(db: Db, o: GptOptions, log: (s: string) => void = () => {}) {
  const source = fleetGptSource(o.count, o.seed, o.owners);
  const cache: SchemaCache = new Map();
  const runId = await startGptRead(db, o.workspaceId, 'api', 'bench fleet', o.at);
  const totals = { listed: 0, created: 0, changed: 0, unchanged: 0, missing: 0 };
  for (let from = 0; from < o.count; from += BATCH) {
    const bundles = [];
    for (let i = from; i < Math.min(o.count, from + BATCH); i++) {
      const gpt = checked<RawGpt>(rawGpt, source.gpt(i), source.idAt(i));
      const configs = source.configs(i).map((c) => checked<RawConfig>(rawConfig, c, source.idAt(i)));
      const sharedUsers = source.sharedUsers(i).map((u) => checked<RawSharedUser>(rawSharedUser, u, source.idAt(i)));
      bundles.push({ gpt, configs, sharedUsers });
    }
    const parsed = await seedSchemaCache(
      db,
      o.workspaceId,
      actionDocuments(bundles.flatMap((b) => [b.gpt.latest_config, ...b.configs])),
      cache,
    );
    const items: GptToStore[] = [];
    for (const bundle of bundles) items.push({ adapted: await adaptGpt(bundle, cache) });
    await keepParsedSchemas(db, o.workspaceId, parsed, cache, o.at);
    const stored = await storeGpts(db, o.workspaceId, items, { source: 'api', now: o.at });
    if (stored.refused.length) throw new Error(`the GPT store refused ${stored.refused.length} generated GPTs`);
    totals.listed += items.length;
    totals.created += stored.created;
    totals.changed += stored.changed;
    if ((from / BATCH) % 100 === 99) log(`gpts: ${totals.listed.toLocaleString('en-US')} of ${o.count}`);
  }
  await finishGptRead(db, runId, totals, { complete: true }, o.at);
  return totals;
}

/** As the client checks each object it reads; a generated object that fails is a bug of the generator. */
function checked<T>(schema: Parameters<typeof checkRaw>[0], value: unknown, id: string): T {
  const result = checkRaw(schema, value, id);
  if (!result.ok) throw new Error(`generated GPT ${id} refused: ${JSON.stringify(result.problem)}`);
  return result.value as T;
}
