// THE one definition of the platform's routes (GPT reads, and the acting routes of docs/decisions/0026) and the
// GPTs' raw shapes (Compliance API, docs/decisions/0023). The real clients (client.ts, lib/platform/act-client.ts)
// and the simulated platform (lib/platform-sim/) all build from this file, so a contract test that runs one
// against the other checks the same assumptions twice.
// Field names are assumed (../shared/reference/platform-api.md): objects are loose — unknown fields are kept,
// never an error — and enumerations that the platform may widen (visibility, tool type, auth type) are plain
// strings here; the adapter decides what an unknown value means.
import { z } from 'zod';
import type { ActionKind } from '@/lib/platform/kinds.ts';

/** Largest `limit` Tollgate asks for and the simulator serves (the logs list uses the same). */
export const MAX_PAGE_LIMIT = 100;
/** Largest response body the client reads; a page of 100 GPTs with their action schemas is a few MB. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type RouteName =
  | 'listGpts'
  | 'getGpt'
  | 'listConfigs'
  | 'listSharedUsers'
  | 'isolateGpt'
  | 'deleteGpt'
  | 'readFile'
  | 'deleteFile'
  | 'unpublishAgent'
  | 'deleteAgent';
/** `acting`: changes the workspace, needs the act key (docs/decisions/0026); the others read with the read key. */
export type Route = { method: 'GET' | 'POST' | 'DELETE'; path: string; paged: boolean; acting: boolean };

/** Paths under `{base}/{workspaces|organizations}/{principal}`. */
export const PLATFORM_ROUTES: Record<RouteName, Route> = {
  listGpts: { method: 'GET', path: '/gpts', paged: true, acting: false },
  getGpt: { method: 'GET', path: '/gpts/{gpt_id}', paged: false, acting: false },
  listConfigs: { method: 'GET', path: '/gpts/{gpt_id}/configs', paged: true, acting: false },
  listSharedUsers: { method: 'GET', path: '/gpts/{gpt_id}/shared_users', paged: true, acting: false },
  readFile: { method: 'GET', path: '/gpt_files/{file_id}', paged: false, acting: false },
  // Acting routes: GPT ones "sure", agent ones "likely" (../shared/reference/platform-api.md).
  isolateGpt: { method: 'DELETE', path: '/gpts/{gpt_id}/shared_users', paged: false, acting: true },
  deleteGpt: { method: 'DELETE', path: '/gpts/{gpt_id}', paged: false, acting: true },
  deleteFile: { method: 'DELETE', path: '/gpts/{gpt_id}/files/{file_id}', paged: false, acting: true },
  unpublishAgent: { method: 'POST', path: '/agents/{agent_id}/unpublish', paged: false, acting: true },
  deleteAgent: { method: 'DELETE', path: '/agents/{agent_id}', paged: false, acting: true },
};

/** The route that carries out each kind of platform action: the act client sends it, the simulator answers it. */
export const ACTION_ROUTES: Record<ActionKind, RouteName> = {
  unpublish_agent: 'unpublishAgent',
  delete_agent: 'deleteAgent',
  isolate_gpt: 'isolateGpt',
  delete_gpt: 'deleteGpt',
  delete_gpt_file: 'deleteFile',
};

/** The path parameters of an action's route: its target is an agent or a GPT (and a file of it). */
export function actionParams(kind: ActionKind, target: { targetId: string; fileId?: string | null }) {
  const route = PLATFORM_ROUTES[ACTION_ROUTES[kind]].path;
  const params: Record<string, string> = {};
  if (route.includes('{agent_id}')) params.agent_id = target.targetId;
  if (route.includes('{gpt_id}')) params.gpt_id = target.targetId;
  if (route.includes('{file_id}') && target.fileId) params.file_id = target.fileId;
  return params;
}

/** An organization principal (`org-…`) lives under /organizations, a workspace under /workspaces. */
export function principalPath(principal: string): string {
  const scope = principal.startsWith('org-') ? 'organizations' : 'workspaces';
  return `/${scope}/${encodeURIComponent(principal)}`;
}

/** The path of a route for a principal, each parameter URL-encoded. */
export function routePath(name: RouteName, principal: string, params: Record<string, string> = {}): string {
  const path = PLATFORM_ROUTES[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === '') throw new Error(`route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
  return `${principalPath(principal)}${path}`;
}

/** Which route a request is (the simulator's router): the path after the principal, decoded parameters. */
export function matchRoute(
  method: string,
  pathAfterPrincipal: string,
): { name: RouteName; params: Record<string, string> } | null {
  // Empty segments count (`/gpts//configs` is no route), and a malformed %-escape matches nothing.
  if (!pathAfterPrincipal.startsWith('/')) return null;
  const parts = pathAfterPrincipal.slice(1).split('/');
  for (const [name, route] of Object.entries(PLATFORM_ROUTES) as [RouteName, Route][]) {
    if (route.method !== method) continue;
    const pattern = route.path.slice(1).split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((p, i) => {
      const key = /^\{(\w+)\}$/.exec(p)?.[1];
      if (!key) return p === parts[i];
      try {
        params[key] = decodeURIComponent(parts[i]!);
      } catch {
        return false;
      }
      return params[key] !== '';
    });
    if (matches) return { name, params };
  }
  return null;
}

// ---- Raw shapes -------------------------------------------------------------------------------------------

const id = z.string().min(1).max(200);
/** Unix seconds (the platform's habit; at most the year 9999) or an ISO 8601 time with a zone. */
const time = z.union([z.number().int().nonnegative().max(253_402_300_799), z.iso.datetime({ offset: true })]);
const text = (max: number) => z.string().max(max);

/** A page of any list route. Items are checked one by one (rawGpt…), so one bad object never sinks its page. */
export const rawListPage = z.looseObject({
  object: z.string().optional(),
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  last_id: z.string().nullable().optional(),
});
export type RawListPage = z.infer<typeof rawListPage>;

/** A person or group a GPT is shared with: `sharing.recipients[]` and the items of `/shared_users`. */
export const rawSharedUser = z.looseObject({
  type: z.string().min(1).max(40).optional(), // user | group
  id,
  email: z.string().max(320).nullable().optional(),
  name: text(500).nullable().optional(),
});
export type RawSharedUser = z.infer<typeof rawSharedUser>;

export const rawActionAuth = z.looseObject({ type: z.string().min(1).max(40) }); // none | api_key | oauth

export const rawAction = z.looseObject({
  domain: z.string().max(253).nullable().optional(),
  auth: rawActionAuth.nullable().optional(),
  privacy_policy_url: z.string().max(2000).nullable().optional(),
  /** The OpenAPI document: a JSON or YAML string as the builder stores it, or already an object. */
  openapi_schema: z
    .union([z.string().max(2_000_000), z.record(z.string(), z.unknown())])
    .nullable()
    .optional(),
});
export type RawAction = z.infer<typeof rawAction>;

export const rawApp = z.looseObject({ id, name: text(500).nullable().optional() });

/** `browser`, `python`, `dalle`, `canvas`, `memory`, `action` (needs `action`), `app` (needs `app`). */
export const rawTool = z
  .looseObject({ type: z.string().min(1).max(60), action: rawAction.optional(), app: rawApp.optional() })
  .superRefine((tool, ctx) => {
    if (tool.type === 'action' && !tool.action)
      ctx.addIssue({ code: 'custom', path: ['action'], message: 'an action tool has no action' });
    if (tool.type === 'app' && !tool.app)
      ctx.addIssue({ code: 'custom', path: ['app'], message: 'an app tool has no app' });
  });
export type RawTool = z.infer<typeof rawTool>;

export const rawFile = z.looseObject({
  id,
  name: text(1000),
  mime_type: z.string().max(255).nullable().optional(),
  size: z.number().int().nonnegative().nullable().optional(),
});
export type RawFile = z.infer<typeof rawFile>;

/** One configuration version: `latest_config` of a GPT and the items of `/configs`. */
export const rawConfig = z.looseObject({
  id,
  created_at: time,
  name: text(1000).nullable().optional(),
  description: text(10_000).nullable().optional(),
  instructions: text(100_000).nullable().optional(),
  tools: z.array(rawTool).max(500),
  files: z.array(rawFile).max(2000),
});
export type RawConfig = z.infer<typeof rawConfig>;

export const rawSharing = z.looseObject({
  // private | invite_only | workspace_link | workspace | anyone_with_link | gpt_store
  visibility: z.string().min(1).max(60),
  recipients: z.array(rawSharedUser).max(100_000).optional(),
});

export const rawGpt = z.looseObject({
  id,
  object: z.string().optional(),
  created_at: time,
  updated_at: time,
  owner_id: z.string().max(200).nullable().optional(),
  owner_email: z.string().max(320).nullable().optional(),
  sharing: rawSharing,
  latest_config: rawConfig,
});
export type RawGpt = z.infer<typeof rawGpt>;

/** The `object` value the simulator writes; the client does not insist on it. */
export const GPT_OBJECT = 'compliance.workspace.gpt';
export const CONFIG_OBJECT = 'compliance.workspace.gpt.config';
