// Parsed action documents kept by the SHA-256 of their text (GptActionSchema, content-addressed per workspace): a
// read seeds its schema cache from them before adapting a page, and keeps what it had to parse. A later read then
// parses only documents it has never seen, where it used to parse each distinct document once per read (about 2,000
// in a tenant of 20,000 GPTs; bench/RESULTS.md section 7).
import { createHash } from 'node:crypto';
import type { ActionSchemaResult } from '@/lib/gpts/action-schema.ts';
import type { SchemaCache } from '@/lib/gpts/adapter.ts';
import type { RawConfig } from '@/lib/gpts/platform/definition.ts';
import type { Db } from '@/lib/db.ts';

/** The document texts of a batch's actions, as the adapter keys its cache (a document sent as an object: its JSON). */
export function actionDocuments(configs: Iterable<RawConfig>): Set<string> {
  const texts = new Set<string>();
  for (const config of configs)
    for (const tool of config.tools) {
      const document = tool.action?.openapi_schema;
      if (typeof document === 'string') texts.add(document);
      else if (document) texts.add(JSON.stringify(document));
    }
  return texts;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Puts the stored parse of each document not yet in `cache` into it; returns the documents still to parse. */
export async function seedSchemaCache(
  db: Db,
  workspaceId: string,
  texts: Set<string>,
  cache: SchemaCache,
): Promise<Map<string, string>> {
  const missing = new Map<string, string>();
  for (const text of texts) if (!cache.has(text)) missing.set(sha256(text), text);
  if (missing.size === 0) return new Map();
  const rows = await db.gptActionSchema.findMany({
    where: { workspaceId, sha256: { in: [...missing.keys()] } },
    select: { sha256: true, result: true },
  });
  for (const row of rows) {
    cache.set(missing.get(row.sha256)!, Promise.resolve(row.result as unknown as ActionSchemaResult));
    missing.delete(row.sha256);
  }
  return missing;
}

/** Keeps the parses of `parsed` (sha → text) that the cache now holds: once each, whoever stores it first. */
export async function keepParsedSchemas(
  db: Db,
  workspaceId: string,
  parsed: Map<string, string>,
  cache: SchemaCache,
  now: Date,
): Promise<void> {
  const data = [];
  for (const [sha, text] of parsed) {
    const result = await cache.get(text);
    if (result) data.push({ workspaceId, sha256: sha, result: result as object, firstSeenAt: now });
  }
  if (data.length) await db.gptActionSchema.createMany({ data, skipDuplicates: true });
}
