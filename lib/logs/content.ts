// Personal data in Compliance Logs records — what people typed and what agents said — is kept apart from
// event metadata (item 7 of issue 5): prompts, run messages, user message text, trigger instructions, and
// the body of conversation messages. Pure: splits a record into its metadata and its content fields.
export type ContentField = { path: string; text: string };
export type Split = { metadata: Record<string, unknown>; content: ContentField[] };

/** Paths holding content, per event_type of CUSTOM_AGENTS_LOG records. */
const AGENT_CONTENT: Record<string, string[]> = {
  AGENT_RUN_CREATED: ['event_details.invoker.user_message_text', 'event_details.user_message_text'],
  AGENT_RUN_MESSAGE: ['event_details.text'],
  AGENT_CREATED: ['event_details.agent_fields.prompt', 'event_details.agent_fields.starter_prompts'],
  AGENT_UPDATED: ['event_details.agent_fields.prompt', 'event_details.agent_fields.starter_prompts'],
  AGENT_PUBLISHED: ['event_details.agent_fields.prompt', 'event_details.agent_fields.starter_prompts'],
  TRIGGER_CREATED: ['event_details.trigger_fields.instructions'],
  TRIGGER_UPDATED: ['event_details.trigger_fields.instructions'],
};

export function contentPaths(record: Record<string, unknown>): string[] {
  const type = record.type;
  if (type === 'CONVERSATION_MESSAGE') {
    // The whole message is personal data: keep only its identifiers as metadata.
    const details = record.event_details;
    if (!details || typeof details !== 'object') return [];
    return Object.keys(details)
      .filter((k) => !/(^|_)ids?$/.test(k) && k !== 'detail_type')
      .map((k) => `event_details.${k}`);
  }
  if (type === 'CUSTOM_AGENTS_LOG' && typeof record.event_type === 'string')
    return AGENT_CONTENT[record.event_type] ?? [];
  return [];
}

/**
 * The record without its content fields (each replaced by a marker), and the content it held. The record is
 * not changed: only the objects on a content field's path are copied (no deep clone, which recurses).
 */
export function splitContent(record: Record<string, unknown>): Split {
  const paths = contentPaths(record);
  if (paths.length === 0) return { metadata: record, content: [] };
  const metadata: Record<string, unknown> = { ...record };
  const content: ContentField[] = [];
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: Record<string, unknown> | null = metadata;
    for (const key of keys) {
      const child: unknown = Object.hasOwn(parent, key) ? parent[key] : undefined;
      if (!child || typeof child !== 'object' || Array.isArray(child)) {
        parent = null;
        break;
      }
      parent = parent[key] = { ...(child as Record<string, unknown>) };
    }
    if (!parent || !Object.hasOwn(parent, last) || parent[last] === null) continue;
    const value = parent[last];
    content.push({ path, text: typeof value === 'string' ? value : JSON.stringify(value) });
    parent[last] = { $content: path };
  }
  return { metadata, content };
}
