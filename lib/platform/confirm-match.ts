// Which log event proves that the platform carried out an action (docs/decisions/0026 "Confirmation"): the kind's
// event type, for the same agent or GPT (and file), timed at or after the first attempt, read by the puller from
// the platform (an uploaded file never confirms), and with client_id ENTERPRISE_COMPLIANCE_API when it has one.
// Pure: the database narrows the candidates, this decides.
import { type ActionKind, COMPLIANCE_API_CLIENT_ID, CONFIRMING_EVENTS } from './kinds.ts';

export type ActionToConfirm = { kind: ActionKind; targetId: string; fileId: string | null; sentAt: Date };
export type CandidateEvent = {
  principalId: string;
  eventId: string;
  eventType: string | null;
  at: Date;
  agentId: string | null;
  gptId: string | null;
  fileId: string | null;
  clientId: string | null;
  /** LogFile.source: puller | upload | cli. */
  source: string;
};

export function confirms(action: ActionToConfirm, event: CandidateEvent): boolean {
  if (!event.eventType || !CONFIRMING_EVENTS[action.kind].includes(event.eventType)) return false;
  if (event.agentId !== action.targetId && event.gptId !== action.targetId) return false;
  if (event.at.getTime() < action.sentAt.getTime()) return false;
  if (event.source !== 'puller') return false;
  if (event.clientId !== null && event.clientId !== COMPLIANCE_API_CLIENT_ID) return false;
  // A file event must name the same file when it names one (a GPT_DELETED takes every file with it).
  if (action.kind === 'delete_gpt_file' && event.eventType !== 'GPT_DELETED' && event.fileId !== action.fileId)
    return false;
  return true;
}

/** The earliest confirming event, or null. */
export function confirmingEvent(action: ActionToConfirm, events: CandidateEvent[]): CandidateEvent | null {
  const ok = events.filter((e) => confirms(action, e)).sort((a, b) => a.at.getTime() - b.at.getTime());
  return ok[0] ?? null;
}

export const eventRef = (e: Pick<CandidateEvent, 'principalId' | 'eventId'>) => `${e.principalId}:${e.eventId}`;
