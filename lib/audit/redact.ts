// Secrets never enter an audit diff: any key that looks like a credential is replaced, and so is any string
// value that carries one whatever its key (a URL with a password or an ?api_key=, a bearer header, a known
// API key format), because the audit log is append-only: a secret written there can never be removed.
const SECRET_KEY = /(secret|password|passwd|token|apikey|api_key|private|credential|authorization|cookie)/i;

const REDACTED = '[redacted]';
// Query keys that name a secret (matched inside a longer key: api_key, x-amz-signature, session_id…).
const SECRET_KEY_WORDS = 'key|token|secret|signature|sig|password|passwd|pwd|auth|credential|session|code';

/** Patterns over string values, each replacing only the secret part so the rest stays readable. */
const SECRET_VALUES: ReadonlyArray<[RegExp, string]> = [
  // https://user:password@host, https://token@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, `$1${REDACTED}@`],
  // ?api_key=…, &token=…, ;sig=… (query keys that name a secret; the key itself stays)
  [new RegExp(`([?&;#][^\\s=&#;]*?(?:${SECRET_KEY_WORDS})[^\\s=&#;]*=)[^\\s&#;]*`, 'gi'), `$1${REDACTED}`],
  // Authorization header values
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // Well-known key formats: OpenAI (sk-, sk-proj-), GitHub, Slack, AWS access keys, JWTs
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, REDACTED],
];

/** A string with every secret-looking part replaced by "[redacted]". */
export function redactSecretValue(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  return out;
}

export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretValue(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v != null ? REDACTED : redactSecrets(v),
      ]),
    );
  }
  return value;
}

/** Before/after diff of two plain records: only the fields that changed, secrets redacted. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, unknown> {
  if (!before || !after) return redactSecrets({ before, after }) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return redactSecrets({
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  }) as Record<string, unknown>;
}
