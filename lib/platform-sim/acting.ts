// What the simulated platform remembers of the acting routes (definition.ts: isolate, delete a GPT, delete a
// knowledge file), laid over its source so that every later read shows the change: a deleted GPT leaves the list
// and answers 404, an isolated one is private with nobody to share with, a deleted file leaves the latest
// configuration (earlier versions keep theirs: history stays what it was). The answers' shapes are assumed.
// Each act also writes its (assumed) audit-log event: GPT_SHARED_USERS_REMOVED, GPT_DELETED, GPT_FILE_DELETED.
import type { RouteName } from '@/lib/gpts/platform/definition.ts';
import type { ActOutcome } from './agents.ts';
import type { GptSource, Json } from './source.ts';

/** An act carried out (a replayed Idempotency-Key is not one), with the key it came with. */
export type Acted = { route: RouteName; params: Record<string, string>; idempotencyKey?: string | null };
export type Acting = {
  gone(id: string): boolean;
  /** The GPT as it now is (a copy when an action changed it). */
  apply(gpt: Json): Json;
  sharedUsers(id: string, users: Json[]): Json[];
  /** Carries out an acting route: the status and body to answer. */
  act(route: RouteName, params: Record<string, string>, source: GptSource): ActOutcome;
};

/** GPT events are assumed to land in the audit log (names: lib/platform/kinds.ts CONFIRMING_EVENTS). */
const gptEvent = (eventType: string, details: Json) => ({ logType: 'AUDIT_LOG', eventType, details });

export function createActing(): Acting {
  const deleted = new Set<string>();
  const isolated = new Set<string>();
  const deletedFiles = new Map<string, Set<string>>();
  const filesOf = (gpt: Json) => ((gpt.latest_config as Json).files as Json[]) ?? [];

  function apply(gpt: Json): Json {
    const id = String(gpt.id);
    const files = deletedFiles.get(id);
    if (!isolated.has(id) && !files) return gpt;
    const copy = structuredClone(gpt);
    if (isolated.has(id)) copy.sharing = { visibility: 'private', recipients: [] };
    if (files) {
      const latest = copy.latest_config as Json;
      latest.files = filesOf(copy).filter((f) => !files.has(String(f.id)));
    }
    return copy;
  }

  function act(route: RouteName, params: Record<string, string>, source: GptSource): ActOutcome {
    const id = params.gpt_id ?? '';
    if (deleted.has(id) || source.indexOf(id) < 0) return { status: 404, body: { error: { message: 'no such GPT' } } };
    if (route === 'deleteGpt') {
      deleted.add(id);
      return {
        status: 200,
        body: { id, object: 'compliance.workspace.gpt.deleted', deleted: true },
        event: gptEvent('GPT_DELETED', { gpt_id: id }),
      };
    }
    if (route === 'isolateGpt') {
      isolated.add(id);
      return {
        status: 200,
        body: { id, object: 'compliance.workspace.gpt.shared_users.deleted', deleted: true },
        event: gptEvent('GPT_SHARED_USERS_REMOVED', { gpt_id: id }),
      };
    }
    const fileId = params.file_id ?? '';
    const current = filesOf(apply(source.gpt(source.indexOf(id))));
    if (!current.some((f) => f.id === fileId)) return { status: 404, body: { error: { message: 'no such file' } } };
    deletedFiles.set(id, new Set([...(deletedFiles.get(id) ?? []), fileId]));
    return {
      status: 200,
      body: { id: fileId, object: 'compliance.workspace.gpt.file.deleted', deleted: true },
      event: gptEvent('GPT_FILE_DELETED', { gpt_id: id, file_id: fileId }),
    };
  }

  return {
    gone: (id) => deleted.has(id),
    apply,
    sharedUsers: (id, users) => (isolated.has(id) ? [] : users),
    act,
  };
}
