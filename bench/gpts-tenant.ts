// In bench/, not lib/: only the benchmark and tests use it (lib/ holds what the product runs, ARCHITECTURE.md).
// The benchmark's tenant (issue 17, performance): by default 20,000 GPTs with 3 configurations, ~5 actions and
// ~10 files on average, drawing on ~2,000 distinct action schemas. Every GPT is made on demand from its index
// (a seeded generator), never held, so the simulator's memory stays flat however many are served.
// `edition` replays later reads: each edition changes about 5% of the GPTs (a new configuration, a later
// updated_at), so a reader that skips unchanged GPTs can be measured.
import { CONFIG_OBJECT, GPT_OBJECT } from '@/lib/gpts/platform/definition.ts';
import type { GptSource, Json } from '@/lib/platform-sim/source.ts';

export type ScaleOptions = { count?: number; schemas?: number; seed?: number; edition?: number; epoch?: number };

const CAPABILITIES = ['browser', 'python', 'dalle', 'canvas', 'memory'];
const VISIBILITY = ['private', 'invite_only', 'workspace_link', 'workspace', 'workspace', 'anyone_with_link'];
const AUTH = ['none', 'api_key', 'oauth', 'oauth'];
const METHODS = ['get', 'get', 'post', 'put', 'patch', 'delete'];
const EXT = ['pdf', 'csv', 'docx', 'xlsx', 'md'];
const DAY = 86_400;
const ID = /^g-s([0-9a-z]{6})$/;

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** A hash of small integers, well spread over every bit (murmur3's finaliser after each part). */
function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ p, 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The OpenAPI document of action schema `k` (JSON text), its domain and auth. */
export function scaleSchema(k: number, seed = 1): { domain: string; auth: string; schema: string } {
  const rnd = random(mix(seed, k, 7));
  const domain = `api${k}.vendor${k % 97}.example`;
  const paths: Json = {};
  const operations = 2 + Math.floor(rnd() * 4);
  for (let o = 0; o < operations; o++) {
    const method = METHODS[Math.floor(rnd() * METHODS.length)]!;
    const flag = rnd();
    paths[`/v1/resource${o}/{id}`] = {
      [method]: {
        operationId: `op${k}_${o}`,
        summary: `Operation ${o} of vendor ${k}`,
        ...(flag < 0.3
          ? { 'x-openai-isConsequential': true }
          : flag < 0.45
            ? { 'x-openai-isConsequential': false }
            : {}),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  const schema = JSON.stringify({
    openapi: '3.1.0',
    info: { title: `Vendor ${k}`, version: '1.0.0' },
    servers: [{ url: `https://${domain}` }],
    paths,
  });
  return { domain, auth: AUTH[k % AUTH.length]!, schema };
}

export function scaleSource(options: ScaleOptions = {}): GptSource {
  const count = options.count ?? 20_000;
  const schemas = options.schemas ?? 2_000;
  const seed = options.seed ?? 1;
  const edition = options.edition ?? 0;
  const epoch = options.epoch ?? 1_767_225_600; // 2026-01-01
  const idAt = (i: number) => `g-s${i.toString(36).padStart(6, '0')}`;
  // Editions in which GPT i changed (about 1 in 20 per edition).
  const changes = (i: number) => {
    let n = 0;
    for (let e = 1; e <= edition; e++) if (mix(seed, i, 1000 + e) % 20 === 0) n++;
    return n;
  };
  // The ~2,000 distinct documents are made once each (a few MB), the GPTs that share them never held.
  const documents = new Map<number, ReturnType<typeof scaleSchema>>();
  const schemaOf = (k: number) => {
    let found = documents.get(k);
    if (!found) {
      found = scaleSchema(k, seed);
      documents.set(k, found);
    }
    return found;
  };
  const versions = (i: number) => 1 + Math.floor(random(mix(seed, i, 1))() * 5) + changes(i);

  function config(i: number, v: number): Json {
    const rnd = random(mix(seed, i, 100 + v));
    const tools: Json[] = CAPABILITIES.filter(() => rnd() < 0.3).map((type) => ({ type }));
    const actions = Math.floor(rnd() * 11);
    for (let a = 0; a < actions; a++) {
      const k = Math.floor(rnd() * schemas);
      const s = schemaOf(k);
      tools.push({
        type: 'action',
        action: { domain: s.domain, auth: { type: s.auth }, privacy_policy_url: null, openapi_schema: s.schema },
      });
    }
    if (rnd() < 0.2) tools.push({ type: 'app', app: { id: 'google_drive', name: 'Google Drive' } });
    const files = Array.from({ length: Math.floor(rnd() * 21) }, (_, f) => {
      const ext = EXT[f % EXT.length]!;
      return { id: `file-${i}-${v}-${f}`, name: `doc-${i}-${f}.${ext}`, mime_type: null, size: 1024 + f * 997 };
    });
    return {
      id: `gcfg-${i}-${v}`,
      object: CONFIG_OBJECT,
      created_at: epoch + i * 60 + v * DAY,
      name: `GPT ${i}`,
      description: `Generated GPT ${i}`,
      instructions: 'Generated for the benchmark.',
      tools,
      files,
    };
  }
  const sharedUsers = (i: number): Json[] =>
    mix(seed, i, 3) % 4 === 0 ? [{ type: 'user', id: `user-${i % 500}`, email: `person${i % 500}@bench.example` }] : [];

  return {
    count,
    idAt,
    indexOf: (id) => {
      const m = ID.exec(id);
      const i = m ? Number.parseInt(m[1]!, 36) : -1;
      return i >= 0 && i < count && idAt(i) === id ? i : -1;
    },
    gpt(i) {
      const latest = config(i, versions(i));
      return {
        id: idAt(i),
        object: GPT_OBJECT,
        created_at: epoch + i * 60,
        updated_at: latest.created_at,
        owner_id: `user-${i % 500}`,
        owner_email: `person${i % 500}@bench.example`,
        sharing: { visibility: VISIBILITY[mix(seed, i, 2) % VISIBILITY.length]!, recipients: sharedUsers(i) },
        latest_config: latest,
      };
    },
    configs: (i) => Array.from({ length: versions(i) }, (_, k) => config(i, versions(i) - k)),
    sharedUsers,
  };
}
