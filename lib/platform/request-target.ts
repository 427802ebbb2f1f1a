// What a request from an agent's or GPT's page acts on, checked against what the target is: unpublish and delete
// for a workspace agent, isolate and delete (and a knowledge file) for a custom GPT, and only a file the GPT has.
// Pure: the server action and the tests share it.
import { AppError } from '@/lib/http/app-error.ts';
import { type ActionKind, isAgentKind, KIND_LABELS } from './kinds.ts';

export type ActionTargetInfo = {
  /** The Agent row (a workspace agent or a custom GPT). */
  id: string;
  /** The platform's agent_id or gpt_id. */
  externalId: string;
  kind: string;
  name: string;
  status: string;
  /** A GPT's knowledge files at its latest configuration (empty for an agent, or a GPT not read yet). */
  files: { id: string; name: string }[];
};

export type RequestTarget = { agentId: string; targetId: string; fileId?: string; label: string };

export function requestTarget(info: ActionTargetInfo, kind: ActionKind, fileId: string | undefined): RequestTarget {
  const gpt = info.kind === 'custom_gpt';
  if (gpt === isAgentKind(kind))
    throw new AppError(
      'unprocessable',
      `${KIND_LABELS[kind]} does not apply to a ${gpt ? 'custom GPT' : 'workspace agent'}.`,
    );
  if (info.status === 'deleted') throw new AppError('conflict', 'It is deleted already: there is nothing to act on.');
  const name = info.name || info.externalId;
  if (kind !== 'delete_gpt_file') return { agentId: info.id, targetId: info.externalId, label: name };
  const file = info.files.find((f) => f.id === fileId);
  if (!file) throw new AppError('unprocessable', 'Choose one of this GPT’s knowledge files.');
  return { agentId: info.id, targetId: info.externalId, fileId: file.id, label: `${name}: ${file.name}` };
}
