// Which event confirms an action: the right one does; the wrong target, an event before the call, an uploaded
// file, another client_id or the wrong type do not.
import { describe, expect, it } from 'vitest';
import { type CandidateEvent, confirmingEvent, confirms, eventRef } from './confirm-match.ts';
import { COMPLIANCE_API_CLIENT_ID } from './kinds.ts';

const sentAt = new Date('2026-12-06T10:00:00.000Z');
const unpublish = { kind: 'unpublish_agent' as const, targetId: 'agent-1', fileId: null, sentAt };
const event = (over: Partial<CandidateEvent> = {}): CandidateEvent => ({
  principalId: 'ws-p',
  eventId: 'e1',
  eventType: 'AGENT_UNPUBLISHED',
  at: new Date(sentAt.getTime() + 5_000),
  agentId: 'agent-1',
  gptId: null,
  fileId: null,
  clientId: COMPLIANCE_API_CLIENT_ID,
  source: 'puller',
  ...over,
});

describe('confirms', () => {
  it('the right event, pulled from the platform, after the call, by the Compliance API', () => {
    expect(confirms(unpublish, event())).toBe(true);
    expect(confirms(unpublish, event({ at: sentAt }))).toBe(true); // at the very time of the call
    expect(confirms(unpublish, event({ clientId: null }))).toBe(true); // no client_id on the event
  });

  it('not the wrong target', () => {
    expect(confirms(unpublish, event({ agentId: 'agent-2' }))).toBe(false);
  });

  it('not an event before the call', () => {
    expect(confirms(unpublish, event({ at: new Date(sentAt.getTime() - 1) }))).toBe(false);
  });

  it('not an uploaded (or CLI-imported) file', () => {
    expect(confirms(unpublish, event({ source: 'upload' }))).toBe(false);
    expect(confirms(unpublish, event({ source: 'cli' }))).toBe(false);
  });

  it('not another client_id (someone in the console did it)', () => {
    expect(confirms(unpublish, event({ clientId: 'AGENT_BUILDER_WEB' }))).toBe(false);
  });

  it("not an event type that does not show the kind's change", () => {
    expect(confirms(unpublish, event({ eventType: 'AGENT_UPDATED' }))).toBe(false);
    expect(confirms({ ...unpublish, kind: 'delete_agent' }, event())).toBe(false);
    expect(confirms({ ...unpublish, kind: 'delete_agent' }, event({ eventType: 'AGENT_DELETED' }))).toBe(true);
  });

  it('GPT events match on the gpt id; a file deletion on the same file', () => {
    const isolate = { kind: 'isolate_gpt' as const, targetId: 'g-1', fileId: null, sentAt };
    expect(confirms(isolate, event({ eventType: 'GPT_SHARED_USERS_REMOVED', agentId: null, gptId: 'g-1' }))).toBe(true);
    expect(confirms(isolate, event({ eventType: 'GPT_SHARED_USERS_REMOVED', agentId: null, gptId: 'g-2' }))).toBe(
      false,
    );
    const file = { kind: 'delete_gpt_file' as const, targetId: 'g-1', fileId: 'file-1', sentAt };
    const fileEvent = { eventType: 'GPT_FILE_DELETED', agentId: null, gptId: 'g-1' };
    expect(confirms(file, event({ ...fileEvent, fileId: 'file-1' }))).toBe(true);
    expect(confirms(file, event({ ...fileEvent, fileId: 'file-2' }))).toBe(false);
    expect(confirms(file, event({ eventType: 'GPT_DELETED', agentId: null, gptId: 'g-1' }))).toBe(true);
  });
});

describe('confirmingEvent', () => {
  it('picks the earliest event that confirms, skipping those that do not', () => {
    const early = event({ eventId: 'early', at: new Date(sentAt.getTime() + 1_000), source: 'upload' });
    const first = event({ eventId: 'first', at: new Date(sentAt.getTime() + 2_000) });
    const later = event({ eventId: 'later', at: new Date(sentAt.getTime() + 9_000) });
    expect(confirmingEvent(unpublish, [later, early, first])?.eventId).toBe('first');
    expect(confirmingEvent(unpublish, [early])).toBeNull();
    expect(eventRef(first)).toBe('ws-p:first');
  });
});
