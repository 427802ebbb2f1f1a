// The domain model of a custom GPT, as Tollgate governs it. Plain JSON-serialisable data (dates as ISO
// strings, no Date, no Map), so a GPT can be stored, hashed and diffed as it is. The platform's own field
// names live in the adapter (lib/gpts/adapter*.ts); nothing here knows them.

/** How widely a GPT is shared, narrowest first: the order is the policy's "broadest sharing allowed". */
export const GPT_VISIBILITIES = [
  'private',
  'invite_only',
  'workspace_link',
  'workspace',
  'anyone_with_link',
  'gpt_store',
] as const;
export type GptVisibility = (typeof GPT_VISIBILITIES)[number];

export const GPT_VISIBILITY_LABELS: Record<GptVisibility, string> = {
  private: 'Only me',
  invite_only: 'Invited people',
  workspace_link: 'Workspace, with the link',
  workspace: 'Workspace directory',
  anyone_with_link: 'Anyone with the link',
  gpt_store: 'GPT Store',
};

export function isGptVisibility(value: string): value is GptVisibility {
  return (GPT_VISIBILITIES as readonly string[]).includes(value);
}

/** 0 for private … 5 for the GPT Store. */
export function visibilityRank(visibility: GptVisibility): number {
  return GPT_VISIBILITIES.indexOf(visibility);
}

/** True when `a` reaches more people than `b`. */
export function isBroaderThan(a: GptVisibility, b: GptVisibility): boolean {
  return visibilityRank(a) > visibilityRank(b);
}

export type GptRecipient = { type: 'user' | 'group'; id: string; email: string | null };

export type GptSharing = { visibility: GptVisibility; recipients: GptRecipient[] };

export const GPT_CAPABILITIES = ['web_browsing', 'code_interpreter', 'image_generation', 'canvas', 'memory'] as const;
export type GptCapability = (typeof GPT_CAPABILITIES)[number];

export const GPT_CAPABILITY_LABELS: Record<GptCapability, string> = {
  web_browsing: 'Web browsing',
  code_interpreter: 'Code interpreter and data analysis',
  image_generation: 'Image generation',
  canvas: 'Canvas',
  memory: 'Memory',
};

export function isGptCapability(value: string): value is GptCapability {
  return (GPT_CAPABILITIES as readonly string[]).includes(value);
}

export const GPT_ACTION_AUTHS = ['none', 'api_key', 'oauth'] as const;
export type GptActionAuth = (typeof GPT_ACTION_AUTHS)[number];

/** Upper-case HTTP method of an OpenAPI operation. */
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type GptOperation = {
  method: HttpMethod;
  path: string;
  operationId: string | null;
  /** ChatGPT asks the user before every call: the human gate of a GPT action. */
  consequential: boolean;
  /** `x-openai-isConsequential` as the schema states it; null when absent (then the method decides). */
  consequentialDeclared: boolean | null;
};

/** A server of the action's OpenAPI document: its URL as written, scheme and host name (lower case, no port). */
export type GptActionServer = { url: string; scheme: string; domain: string };

export type GptAction = {
  /** The domain the platform records for the action (the builder's allowlist checks it). */
  domain: string;
  auth: GptActionAuth;
  privacyPolicyUrl: string | null;
  /** `unknown`: the OpenAPI document could not be read; the action then counts for every leg. */
  schemaStatus: 'parsed' | 'unknown';
  /** One sentence saying why the schema is unknown; null when parsed. */
  schemaProblem: string | null;
  /** SHA-256 (hex) of the OpenAPI document as received, so two unreadable documents still differ. */
  schemaSha256: string | null;
  servers: GptActionServer[];
  operations: GptOperation[];
};

export type GptKnowledgeFile = { id: string; name: string; mimeType: string | null; size: number | null };

export type GptApp = { id: string; name: string };

export type GptOwner = { id: string | null; email: string | null };

/** One configuration version (the `configs` route lists them): what the builder saved. */
export type GptConfig = {
  configId: string | null;
  configCreatedAt: string | null;
  name: string;
  description: string | null;
  capabilities: GptCapability[];
  actions: GptAction[];
  files: GptKnowledgeFile[];
  apps: GptApp[];
};

/** A GPT at its latest configuration, with the sharing and ownership the platform reports now. */
export type Gpt = GptConfig & {
  id: string;
  owner: GptOwner | null;
  createdAt: string | null;
  updatedAt: string | null;
  sharing: GptSharing;
};

/** What a version's risk depends on: a configuration and the sharing seen with it. */
export type GptRiskView = Pick<Gpt, 'capabilities' | 'actions' | 'files' | 'apps' | 'sharing'>;
