// The last "Test connection" of each key, as ComplianceSource.keyTests stores it ({read?: {at, ok, status, detail},
// act?: …}). Read back defensively: the column is JSON, and a malformed entry is shown as no test at all.
import type { KeyKind } from './connection.ts';

export type StoredKeyTest = { at: string; ok: boolean; status: number | null; detail: string };
export type KeyTests = Partial<Record<KeyKind, StoredKeyTest>>;

function entryOf(value: unknown): StoredKeyTest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { at, ok, status, detail } = value as Record<string, unknown>;
  if (typeof at !== 'string' || typeof ok !== 'boolean' || typeof detail !== 'string') return undefined;
  if (status !== null && typeof status !== 'number') return undefined;
  return { at, ok, status, detail: detail.slice(0, 500) };
}

export function parseKeyTests(value: unknown): KeyTests {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: KeyTests = {};
  const { read, act } = value as Record<string, unknown>;
  const r = entryOf(read);
  const a = entryOf(act);
  if (r) out.read = r;
  if (a) out.act = a;
  return out;
}
