// Which rows of a pack name Compliance Logs events, and how (decision 0039): the pack writer collects them to write
// the sources set, and `tollgate evidence verify` reads them back to prove the sources set lists every one. Pure:
// the verifier runs without a database.

/** The pack's set files (evidence/<name>.json) whose rows name events, and the events each row names. */
export const EVENT_REFS: Record<string, (row: Record<string, unknown>) => string[]> = {
  alerts: (row) => strings(row.eventIds),
  agents: (row) => strings([row.lastEventId]),
  // `<principal>:<event id>` when the logs confirmed the action; `gpt-read:<run>` when a GPT read did.
  'platform-actions': (row) => {
    const ref = row.confirmedEventId;
    if (typeof ref !== 'string' || ref.startsWith('gpt-read:')) return [];
    const colon = ref.indexOf(':');
    return colon > 0 ? [ref.slice(colon + 1)] : [];
  },
};

export const SOURCES_SET = 'sources';

function strings(values: unknown): string[] {
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** What a checksum column may hold: `sha-256:<64 hex>`, `sha-512:<128 hex>` or `md5:<32 hex>` (decision 0039). */
export const PLATFORM_CHECKSUM = /^(sha-256:[0-9a-f]{64}|sha-512:[0-9a-f]{128}|md5:[0-9a-f]{32})$/;
export const SHA256_HEX = /^[0-9a-f]{64}$/;
