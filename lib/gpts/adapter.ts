// THE one adapter: a raw GPT object of the platform (+ its configuration versions and shared users) → the domain
// GPT of types.ts. Every platform field name Tollgate interprets is read here and nowhere else (the shapes are in
// platform/definition.ts; the assumptions in docs/decisions/0023). The raw objects travel beside the mapped ones.
// A value the platform may add later (a new visibility, tool type or auth type) is read the cautious way and
// noted: an unknown visibility as the broadest, an unknown tool as an unknown action (every leg), an unknown
// auth as a static key (authenticated, and up for rotation review).
import { type ActionSchemaResult, parseActionSchema } from '@/lib/gpts/action-schema.ts';
import type { RawAction, RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { normalizeDomain } from '@/lib/gpts/policy-domains.ts';
import {
  GPT_CAPABILITIES,
  GPT_VISIBILITIES,
  type Gpt,
  type GptAction,
  type GptActionAuth,
  type GptCapability,
  type GptConfig,
  type GptRecipient,
  type GptVisibility,
  isGptVisibility,
} from '@/lib/gpts/types.ts';

export type RawGptBundle = { gpt: RawGpt; configs?: RawConfig[] | null; sharedUsers?: RawSharedUser[] | null };
export type AdaptedGpt = {
  gpt: Gpt;
  /** Every configuration version known, oldest first, the latest included. */
  versions: GptConfig[];
  /** What the platform sent, as it sent it (null: that route was not read). */
  raw: { gpt: RawGpt; configs: RawConfig[] | null; sharedUsers: RawSharedUser[] | null };
  /** Values read the cautious way, one sentence each (shown on Sources beside the GPT). */
  notes: string[];
};
/** Parsed action schemas by document text: the same schema shared by many GPTs is parsed once. */
export type SchemaCache = Map<string, Promise<ActionSchemaResult>>;
const MAX_CACHED_SCHEMAS = 5_000;

const CAPABILITY_OF: Record<string, GptCapability> = {
  browser: 'web_browsing',
  python: 'code_interpreter',
  dalle: 'image_generation',
  canvas: 'canvas',
  memory: 'memory',
};
const AUTH_OF: Record<string, GptActionAuth> = { none: 'none', api_key: 'api_key', oauth: 'oauth' };
const BROADEST: GptVisibility = GPT_VISIBILITIES[GPT_VISIBILITIES.length - 1]!;

export async function adaptGpt(bundle: RawGptBundle, cache: SchemaCache = new Map()): Promise<AdaptedGpt> {
  const raw = bundle.gpt;
  const notes: string[] = [];
  const latest = await adaptConfig(raw.latest_config, raw.id, cache, notes);
  const versions = await versionsOf(raw, bundle.configs ?? null, latest, cache);
  let visibility: GptVisibility;
  if (isGptVisibility(raw.sharing.visibility)) visibility = raw.sharing.visibility;
  else {
    visibility = BROADEST;
    notes.push(
      `Sharing "${clip(raw.sharing.visibility)}" is not a setting Tollgate knows; it is read as the broadest.`,
    );
  }
  const recipients = (bundle.sharedUsers ?? raw.sharing.recipients ?? []).map(recipientOf);
  const owner = raw.owner_id || raw.owner_email ? { id: raw.owner_id ?? null, email: raw.owner_email ?? null } : null;
  const gpt: Gpt = {
    ...latest,
    id: raw.id,
    owner,
    createdAt: isoTime(raw.created_at),
    updatedAt: isoTime(raw.updated_at),
    sharing: { visibility, recipients },
  };
  return {
    gpt,
    versions,
    raw: { gpt: raw, configs: bundle.configs ?? null, sharedUsers: bundle.sharedUsers ?? null },
    notes,
  };
}

/** The versions oldest first; the latest configuration joins them when the configs route did not list it. */
async function versionsOf(raw: RawGpt, configs: RawConfig[] | null, latest: GptConfig, cache: SchemaCache) {
  const others = (configs ?? []).filter((c) => c.id !== raw.latest_config.id);
  const versions = [latest, ...(await Promise.all(others.map((c) => adaptConfig(c, raw.id, cache, []))))];
  return versions.sort(
    (a, b) => compare(a.configCreatedAt ?? '', b.configCreatedAt ?? '') || compare(a.configId ?? '', b.configId ?? ''),
  );
}

export async function adaptConfig(
  config: RawConfig,
  gptId: string,
  cache: SchemaCache = new Map(),
  notes: string[] = [],
): Promise<GptConfig> {
  const capabilities = new Set<GptCapability>();
  const actions: Promise<GptAction>[] = [];
  const apps: GptConfig['apps'] = [];
  for (const tool of config.tools) {
    const capability = CAPABILITY_OF[tool.type];
    if (capability) capabilities.add(capability);
    else if (tool.type === 'action' && tool.action) actions.push(adaptAction(tool.action, cache, notes));
    else if (tool.type === 'app' && tool.app) apps.push({ id: tool.app.id, name: tool.app.name ?? tool.app.id });
    else {
      notes.push(`A tool of type "${clip(tool.type)}" is not one Tollgate knows; it counts as an unknown action.`);
      actions.push(Promise.resolve(unknownTool(tool.type)));
    }
  }
  return {
    configId: config.id,
    configCreatedAt: isoTime(config.created_at),
    name: config.name || gptId,
    description: config.description ?? null,
    capabilities: GPT_CAPABILITIES.filter((c) => capabilities.has(c)),
    actions: await Promise.all(actions),
    files: config.files.map((f) => ({ id: f.id, name: f.name, mimeType: f.mime_type ?? null, size: f.size ?? null })),
    apps,
  };
}

async function adaptAction(action: RawAction, cache: SchemaCache, notes: string[]): Promise<GptAction> {
  const named = normalizeDomain(action.domain ?? '');
  const authType = action.auth?.type;
  let auth = authType ? AUTH_OF[authType] : undefined;
  if (!auth) {
    // Noted before the schema is parsed, so that notes keep the tools' order.
    auth = 'api_key';
    notes.push(
      authType
        ? `Action auth "${clip(authType)}" on ${named || 'an action'} is not one Tollgate knows; read as an API key.`
        : `An action on ${named || 'an unnamed domain'} states no auth; read as an API key.`,
    );
  }
  const document = action.openapi_schema;
  const text = typeof document === 'string' ? document : document ? JSON.stringify(document) : null;
  const schema = await parseCached(text, cache);
  // The domain the platform records; else the schema's first server's (a builder's action has both).
  const domain = named || schema.servers[0]?.domain || '';
  return { domain, auth, privacyPolicyUrl: action.privacy_policy_url ?? null, ...schema };
}

function parseCached(text: string | null, cache: SchemaCache): Promise<ActionSchemaResult> {
  if (text === null) return parseActionSchema(null);
  let parsed = cache.get(text);
  if (!parsed) {
    if (cache.size >= MAX_CACHED_SCHEMAS) cache.clear();
    parsed = parseActionSchema(text);
    cache.set(text, parsed);
  }
  return parsed;
}

function unknownTool(type: string): GptAction {
  return {
    domain: '',
    auth: 'api_key',
    privacyPolicyUrl: null,
    schemaStatus: 'unknown',
    schemaProblem: `The platform reports a tool of type "${clip(type)}", which Tollgate does not know.`,
    schemaSha256: null,
    servers: [],
    operations: [],
  };
}

function recipientOf(user: RawSharedUser): GptRecipient {
  return { type: user.type === 'group' ? 'group' : 'user', id: user.id, email: user.email ?? null };
}

/** Unix seconds or an ISO time → ISO 8601 in UTC. */
function isoTime(value: number | string): string {
  return new Date(typeof value === 'number' ? value * 1000 : value).toISOString();
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
