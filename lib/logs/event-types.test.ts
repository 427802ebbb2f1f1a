import { describe, expect, it } from 'vitest';
import { eventUse } from './event-types.ts';

describe('eventUse', () => {
  it('tells derived, stored and unknown types and event types apart', () => {
    expect(eventUse('CUSTOM_AGENTS_LOG', 'AGENT_PUBLISHED')).toBe('derived');
    expect(eventUse('CUSTOM_AGENTS_LOG', 'CONNECTOR_CALL_COMPLETED')).toBe('derived');
    expect(eventUse('CUSTOM_AGENTS_LOG', 'AGENT_TELEPORTED')).toBe('unknown-event');
    expect(eventUse('CUSTOM_AGENTS_LOG', '')).toBe('unknown-event');
    expect(eventUse('AUDIT_LOG', 'INVITE_SEND')).toBe('stored');
    expect(eventUse('HOLOGRAM_LOG', 'X')).toBe('unknown-type');
  });
});
