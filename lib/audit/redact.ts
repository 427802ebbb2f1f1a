// Secret fields never enter an audit diff: any key that looks like a credential is replaced.
const SECRET_KEY = /(secret|password|passwd|token|apikey|api_key|private|credential|authorization|cookie)/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) && v != null ? '[redacted]' : redactSecrets(v)]),
    );
  }
  return value;
}

/** Before/after diff of two plain records: only the fields that changed, secrets redacted. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, unknown> {
  if (!before || !after) return redactSecrets({ before, after }) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return redactSecrets({
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  }) as Record<string, unknown>;
}
