// The parts of a GPT as the unit tests build them (legs, diff, history words, action reviews): one place, so a
// field added to the model is added to every test's GPT at once.
import type { GptLegInput } from '@/lib/gpts/legs.ts';
import type { GptAction, GptConfig, GptKnowledgeFile, GptOperation, HttpMethod } from '@/lib/gpts/types.ts';

/** An operation; consequential by ChatGPT's default (GET not, every other method yes) unless told. */
export const op = (method: HttpMethod, path: string, consequential = method !== 'GET'): GptOperation => ({
  method,
  path,
  operationId: null,
  consequential,
  consequentialDeclared: null,
});

/** A readable action without sign-in on `domain`, served from https://<domain>. */
export const action = (domain: string, operations: GptOperation[] = [], over: Partial<GptAction> = {}): GptAction => ({
  domain,
  auth: 'none',
  privacyPolicyUrl: null,
  schemaStatus: 'parsed',
  schemaProblem: null,
  schemaSha256: null,
  servers: [{ url: `https://${domain}`, scheme: 'https', domain }],
  operations,
  ...over,
});

/** An action whose OpenAPI schema could not be read. */
export const unknownAction = (domain: string, over: Partial<GptAction> = {}): GptAction =>
  action(domain, [], { schemaStatus: 'unknown', schemaProblem: 'The schema is not valid JSON.', ...over });

export const file = (id: string, name = `${id}.pdf`): GptKnowledgeFile => ({ id, name, mimeType: null, size: null });

/** What the classifier reads of a GPT: nothing unless told. */
export const gpt = (over: Partial<GptLegInput> = {}): GptLegInput => ({
  capabilities: [],
  actions: [],
  files: [],
  apps: [],
  ...over,
});

/** A configuration version named `id`: nothing unless told. */
export const config = (id: string, over: Partial<GptConfig> = {}): GptConfig => ({
  configId: id,
  configCreatedAt: null,
  name: 'Helper',
  description: null,
  ...gpt(),
  ...over,
});
