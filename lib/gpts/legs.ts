// A custom GPT's trifecta, through the agents' own classifier (lib/trifecta/classify.ts): each capability,
// knowledge file and action becomes a catalogue entry for this GPT only, next to the workspace catalogue that
// resolves its apps. So legs, effective state, exceptions, "what would break it" and the diagram are the
// agents' own; this file only says which leg each part of a GPT lights, and why (issue 17, item 3).
import { applyGptWording, type GptSendPart } from '@/lib/gpts/legs-wording.ts';
import { type ControlIndex, withActionControls } from '@/lib/action-control/effect.ts';
import type { Leg } from '@/lib/apps/legs.ts';
import type { AppResolver, ResolvedApp } from '@/lib/apps/resolve.ts';
import type { AppAction, CatalogueApp } from '@/lib/apps/types.ts';
import { type ClassifyContext, classifyAgent, compareIds } from '@/lib/trifecta/classify.ts';
import type { Classification, ConnectorInput } from '@/lib/trifecta/types.ts';
import { GPT_CAPABILITY_LABELS, type Gpt, type GptAction, type GptCapability } from '@/lib/gpts/types.ts';

export type GptLegInput = Pick<Gpt, 'capabilities' | 'actions' | 'files' | 'apps'>;

export type GptSourceKind = 'capability' | 'file' | 'action' | 'app';

/** One part of a GPT that lights legs, with why it lights each of them (one sentence per leg). */
export type GptSource = { id: string; kind: GptSourceKind; name: string; why: Partial<Record<Leg, string>> };

export type GptClassification = Classification & {
  sources: GptSource[];
  /** Actions whose OpenAPI schema could not be read: they count for every leg. */
  unknownActions: string[];
};

export type GptClassifyContext = ClassifyContext & {
  /** The workspace's observed action control: it gates a GPT's sending apps exactly as an agent's. */
  controls?: ControlIndex;
  /**
   * Legs a reviewer gave an action whose schema Tollgate cannot read, by `actionReviewKey` (the document's
   * SHA-256): a changed document is unknown again. Like classifying an MCP server.
   */
  reviewedActions?: ReadonlyMap<string, readonly Leg[]>;
};

const P: Leg = 'private_data';
const U: Leg = 'untrusted_content';
const S: Leg = 'external_send';

/** Written names of a GPT's apps carry this prefix so no app name can pass for a capability, file or action. */
const APP_PREFIX = 'app:';

type Part = {
  entry: CatalogueApp;
  kind: GptSourceKind;
  connector: ConnectorInput;
  why: Partial<Record<Leg, string>>;
  sendPart: GptSendPart | null;
};

export function classifyGpt(
  gpt: GptLegInput,
  resolveApp: AppResolver,
  context: GptClassifyContext = {},
): GptClassification {
  const parts = gptParts(gpt, context.reviewedActions ?? new Map());
  const byId = new Map(parts.map((p) => [p.entry.id, p]));
  const resolver: AppResolver = (written) => {
    const part = byId.get(written);
    if (part) return { status: 'known', written, id: part.entry.id, app: part.entry, legs: part.entry.legs };
    return resolveApp(written.startsWith(APP_PREFIX) ? written.slice(APP_PREFIX.length) : written);
  };
  const appConnectors = withActionControls(
    gpt.apps.map((app) => ({ app: `${APP_PREFIX}${writtenApp(app, resolveApp)}` })),
    context.controls ?? new Map(),
    resolver,
  );
  // Parts first: an app whose folded name equals a part's id is then the duplicate, never the part.
  const classification = classifyAgent([...parts.map((p) => p.connector), ...appConnectors], resolver, context);
  const sources: GptSource[] = [
    ...parts
      .filter((p) => p.entry.legs.length > 0)
      .map((p) => ({ id: p.entry.id, kind: p.kind, name: p.entry.name, why: p.why })),
    ...classification.apps.filter((a) => !byId.has(a.id) && a.legs.length > 0).map(appSource),
  ].sort((a, b) => compareIds(a.id, b.id));
  const unknownActions = parts
    .filter((p) => p.sendPart === 'unknown_action')
    .map((p) => p.entry.id)
    .sort(compareIds);
  return applyGptWording({ ...classification, sources, unknownActions }, (id) => byId.get(id)?.sendPart ?? null);
}

/** The app's id when the catalogue knows it, else its name (as an agent export would write it). */
function writtenApp(app: { id: string; name: string }, resolveApp: AppResolver): string {
  if (resolveApp(app.id).status === 'known') return app.id;
  return app.name.trim() || app.id;
}

function gptParts(gpt: GptLegInput, reviewed: ReadonlyMap<string, readonly Leg[]>): Part[] {
  const parts: Part[] = [];
  const capabilities = new Set<GptCapability>(gpt.capabilities);
  for (const capability of [...capabilities].sort()) parts.push(capabilityPart(capability));
  const fileIds = new Set<string>();
  for (const file of gpt.files) {
    const id = `file:${file.id}`;
    if (fileIds.has(id)) continue;
    fileIds.add(id);
    parts.push(part(id, file.name || file.id, 'file', [], { [P]: 'a knowledge file is read into every chat' }));
  }
  const ids = actionSourceIds(gpt.actions);
  for (const [i, action] of gpt.actions.entries()) parts.push(actionPart(ids[i]!, action, reviewed));
  return parts;
}

/** `action:<domain>`, then `action:<domain>#2` for a second action on the same domain (findings use the same ids). */
export function actionSourceIds(actions: Pick<GptAction, 'domain'>[]): string[] {
  const count = new Map<string, number>();
  return actions.map((action) => {
    const base = `action:${action.domain || 'unnamed'}`;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

function capabilityPart(capability: GptCapability): Part {
  const id = `capability:${capability}`;
  const name = GPT_CAPABILITY_LABELS[capability];
  if (capability === 'memory')
    return part(id, name, 'capability', [], { [P]: 'memory keeps what users said in earlier chats' });
  if (capability === 'web_browsing')
    return {
      ...part(id, name, 'capability', [{ ...sendAction('browse'), access: 'read' }], {
        [U]: 'web pages are outside content',
        [S]: 'every page it opens is a request that can carry data out',
      }),
      sendPart: 'browsing',
    };
  // Code interpreter, image generation and canvas work inside ChatGPT: no leg.
  return part(id, name, 'capability', [], {});
}

/** What a reviewer's classification of an unreadable action is keyed by: its document, else its domain. */
export function actionReviewKey(action: Pick<GptAction, 'schemaSha256' | 'domain'>): string {
  return action.schemaSha256 ?? `domain:${action.domain}`;
}

function actionPart(id: string, action: GptAction, reviewed: ReadonlyMap<string, readonly Leg[]>): Part {
  const legs = action.schemaStatus === 'unknown' ? reviewed.get(actionReviewKey(action)) : undefined;
  if (legs) {
    // Its operations are still unreadable, so no operation can be shown consequential: a send stays open.
    const why = Object.fromEntries(legs.map((leg) => [leg, 'a reviewer classified this action']));
    const sends = legs.includes(S) ? [sendAction('call')] : [];
    return { ...part(id, action.domain || id, 'action', sends, why), sendPart: 'reviewed_action' };
  }
  if (action.schemaStatus === 'unknown') {
    const problem = action.schemaProblem ?? 'no reason';
    const why = `its OpenAPI schema could not be read, so it counts for every leg (${problem})`;
    return {
      ...part(id, action.domain || id, 'action', [], { [P]: why, [U]: why, [S]: why }),
      sendPart: 'unknown_action',
    };
  }
  if (action.operations.length === 0) return part(id, action.domain || id, 'action', [], {});
  const why: Partial<Record<Leg, string>> = {
    [U]: 'its responses are outside content',
    [S]: 'every operation sends a request out (a GET carries data in its URL)',
  };
  if (action.auth !== 'none')
    why[P] =
      `it signs in with ${action.auth === 'oauth' ? 'OAuth' : 'an API key'}, so it reads data that is not public`;
  const sends = action.operations.map((op) => ({
    ...sendAction(`${op.method} ${op.path}`),
    access: accessOf(op.method),
  }));
  const gated = action.operations.filter((op) => op.consequential).map((op) => `${op.method} ${op.path}`);
  // Every operation confirmed by the user: a human gate on every call. Otherwise the confirmed ones are closed
  // and the rest stay open (so "open actions" lists exactly the operations ChatGPT calls without asking).
  const connector: ConnectorInput =
    gated.length === sends.length ? { app: id, approvals: 'always' } : { app: id, deniedActions: gated };
  return { ...part(id, action.domain || id, 'action', sends, why), connector, sendPart: 'action' };
}

function part(
  id: string,
  name: string,
  kind: GptSourceKind,
  actions: AppAction[],
  why: Partial<Record<Leg, string>>,
): Part {
  const legs = ([P, U, S] as Leg[]).filter((leg) => why[leg] !== undefined);
  return { entry: { id, name, aliases: [], legs, actions }, kind, connector: { app: id }, why, sendPart: null };
}

function sendAction(name: string): AppAction {
  return { name, access: 'write', externalSend: true, approvalCategory: null };
}

function accessOf(method: string): AppAction['access'] {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

const APP_WHY: Record<Leg, string> = {
  private_data: 'the catalogue lists this app as private data',
  untrusted_content: 'the catalogue lists this app as untrusted content',
  external_send: 'the catalogue lists this app as able to send data out',
};

function appSource(app: ResolvedApp): GptSource {
  const why: Partial<Record<Leg, string>> = {};
  for (const leg of app.legs)
    why[leg] = app.status === 'mcp_unclassified' ? 'an unclassified MCP server counts for every leg' : APP_WHY[leg];
  return { id: app.id, kind: 'app', name: app.app?.name ?? app.written, why };
}
