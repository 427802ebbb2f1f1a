import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitContent } from './content.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl');
const records = readFileSync(SAMPLE, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const byType = (t: string) => records.find((r) => r.event_type === t)!;

describe('content kept apart from metadata', () => {
  it('moves what people typed and agents said out of the sample records, leaving a marker', () => {
    const run = splitContent(byType('AGENT_RUN_CREATED'));
    expect(run.content).toEqual([
      { path: 'event_details.invoker.user_message_text', text: expect.stringMatching(/^Summarize our Q4 revenue/) },
    ]);
    expect(JSON.stringify(run.metadata)).not.toContain('Summarize our Q4');
    expect((run.metadata.event_details as { invoker: Record<string, unknown> }).invoker.user_message_text).toEqual({
      $content: 'event_details.invoker.user_message_text',
    });
    expect(splitContent(byType('AGENT_RUN_MESSAGE')).content.map((c) => c.text)).toEqual(['working on it']);
    const created = splitContent(byType('AGENT_CREATED'));
    expect(created.content.map((c) => c.path)).toEqual([
      'event_details.agent_fields.prompt',
      'event_details.agent_fields.starter_prompts',
    ]);
    expect(splitContent(byType('TRIGGER_CREATED')).content).toEqual([
      { path: 'event_details.trigger_fields.instructions', text: 'Run when a deal is updated.' },
    ]);
  });

  it('keeps metadata-only records as they are, and keeps only identifiers of a conversation message', () => {
    const call = byType('CONNECTOR_CALL_REQUESTED');
    expect(splitContent(call)).toEqual({ metadata: call, content: [] });
    const message = {
      type: 'CONVERSATION_MESSAGE',
      event_details: {
        detail_type: 'X',
        conversation_id: 'c1',
        message_id: 'm1',
        role: 'user',
        content: { parts: ['my salary is…'] },
      },
    };
    const split = splitContent(message);
    expect(split.content.map((c) => c.path)).toEqual(['event_details.role', 'event_details.content']);
    expect(JSON.stringify(split.metadata)).not.toContain('salary');
    expect((split.metadata.event_details as Record<string, unknown>).conversation_id).toBe('c1');
  });
});
